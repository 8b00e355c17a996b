"""Turning a stored plan into what templates show: dose text, the library's names and steps,
figures and education topics.

Nothing is decided here: the plan comes from the core; this module only looks up names and
pictures and formats them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.utils.safestring import SafeString, mark_safe

from backpath.web.labels import direction, human

if TYPE_CHECKING:
    from backpath.core.education import EducationTopic
    from backpath.core.library import Library


def dose_text(dose: dict[str, int]) -> str:
    from backpath.core.library import Dose

    try:
        return Dose(**dose).text()
    except TypeError:
        return ", ".join(f"{human(k)} {v}" for k, v in dose.items())


def figure_svg(code: str, kind: str = "thumbnail") -> SafeString | None:
    """The exercise's illustration as inline SVG (thumbnail, still or animated), if any."""
    try:
        from backpath import figures
    except ImportError:
        return None
    render = {
        "thumbnail": figures.render_thumbnail,
        "still": figures.render_still,
        "animated": figures.render_animated,
    }[kind]
    try:
        if not figures.has_figure(code):
            return None
        return mark_safe(render(code))
    except Exception:  # a missing or broken figure must never break a clinical page
        return None


def plan_items(
    plan: dict[str, Any], flagged: set[str] | None = None, figure: str | None = "thumbnail"
) -> list[dict[str, Any]]:
    """Plan items with their library entry, dose text and (optionally) figure."""
    from backpath.core.library import default_library

    library, flagged = default_library(), flagged or set()
    items = []
    for item in plan.get("items", []):
        entry = library.get(item["exercise"]) if item["exercise"] in library else None
        items.append(
            {
                **item,
                "entry": entry,
                "dose_text": dose_text(item.get("dose") or {}),
                "flagged": item["exercise"] in flagged or "override_reason" in item,
                "figure": figure_svg(item["exercise"], figure) if figure else None,
                "loads_label": ", ".join(direction(d) for d in item.get("loads", [])),
                "start_with_steps": _steps(item.get("start_with", []), library),
                "move_on_to_steps": _steps(item.get("move_on_to", []), library),
                "family_label": human(item["family"]) if item.get("family") else "",
            }
        )
    return items


def _steps(codes: list[str], library: Library) -> list[dict[str, Any]]:
    """Step codes with their library names; a clinic-only step is marked."""
    steps = []
    for code in codes:
        entry = library.get(code) if code in library else None
        steps.append(
            {
                "code": code,
                "name": entry.name if entry else human(code),
                "clinic_only": bool(entry and entry.clinic_only),
            }
        )
    return steps


def education_topics(codes: list[str]) -> list[EducationTopic]:
    from backpath.core.education import EDUCATION

    return [EDUCATION[c] for c in codes if c in EDUCATION]


def library_choices() -> list[tuple[str, str]]:
    """What a clinician may add to a home programme (the core says: no passive, rest or
    clinic-only items)."""
    from backpath.core.library import default_library
    from backpath.core.plan import prescribable

    lib = default_library()
    return sorted(((e.code, e.name) for e in lib if prescribable(e.code, lib)), key=lambda p: p[1])
