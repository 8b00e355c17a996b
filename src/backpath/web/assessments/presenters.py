"""Turning stored documents into what templates show: labels, dose text, figures.

Nothing is decided here: the documents come from the core; this module only looks up names
and pictures and formats them.
"""

from __future__ import annotations

from typing import Any

from django.utils.safestring import SafeString, mark_safe

from backpath.core.vocab import TEST_POSITIONS

from .labels import (
    PRECAUTION_LABELS,
    TAG_LABELS,
    URGENCY_HEADLINES,
    VERDICT_CLASSES,
    direction,
    human,
)


def result_context(result: dict[str, Any] | None) -> dict[str, Any]:
    result = result or {}
    referral = result.get("referral") or {"urgency": "none", "reasons": []}
    return {
        "result": result,
        "referral": referral,
        "referral_headline": URGENCY_HEADLINES.get(referral["urgency"], ""),
        "classification": result.get("classification") or {},
        "warnings": result.get("warnings", []),
        "avoid": avoid_rows(result.get("avoid", [])),
        "precautions": precaution_rows(result.get("precautions", [])),
        "audit": result.get("audit", []),
        "verdict_classes": VERDICT_CLASSES,
        "scores": score_rows(result.get("scores") or {}),
        "dp_label": direction(
            (result.get("classification") or {}).get("directional_preference") or "none"
        ),
    }


def avoid_rows(avoid: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Avoid entries with their label and, when limited to a position, where they apply:
    "avoid in standing only (fine in lying)"."""
    rows = []
    for a in avoid:
        positions = list(a.get("positions") or [])
        where = ""
        if positions:
            fine = [p for p in TEST_POSITIONS if p not in positions]
            where = f"avoid in {' and '.join(positions)} only" + (
                f" (fine in {' and '.join(fine)})" if fine else ""
            )
        rows.append({**a, "label": direction(a["direction"]), "where": where})
    return rows


def precaution_rows(precautions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Precautions with their label and what they exclude, in words."""
    return [
        {
            **p,
            "label": PRECAUTION_LABELS.get(p["code"], human(p["code"])),
            "excludes_text": ", ".join(TAG_LABELS.get(t, human(t)) for t in p.get("excludes", [])),
        }
        for p in precautions
    ]


def score_rows(scores: dict[str, Any]) -> list[dict[str, str]]:
    """One row per instrument score: name, value and band or risk."""
    rows = []
    for key, value in scores.items():
        if not isinstance(value, dict):
            rows.append({"name": human(key), "value": str(value), "band": ""})
            continue
        shown = next(
            (
                f"{value[k]}{'%' if k == 'percent' else ''}"
                for k in ("percent", "total", "mean", "score", "value")
                if k in value
            ),
            "",
        )
        extra = f" (psychosocial {value['psychosocial']})" if "psychosocial" in value else ""
        rows.append(
            {
                "name": _SCORE_NAMES.get(key, human(key)),
                "value": shown + (_OUT_OF.get(key, "") if shown else "") + extra,
                "band": human(_band(value)),
            }
        )
    return rows


def _band(value: dict[str, Any]) -> str:
    """The core's band, risk group or recovered flag (or its error), as given."""
    if "recovered" in value:
        return "recovered" if value["recovered"] else "not recovered"
    return str(value.get("band") or value.get("risk") or value.get("error") or "")


_SCORE_NAMES = {
    "odi": "Oswestry (ODI)",
    "start_back": "STarT Back",
    "psfs": "PSFS (mean)",
    "nrs_back": "Back pain NRS",
    "nrs_leg": "Leg pain NRS",
    "rmdq": "Roland-Morris (RMDQ)",
}
_OUT_OF = {"rmdq": " / 24"}


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


def _steps(codes: list[str], library: Any) -> list[dict[str, Any]]:
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


def education_topics(codes: list[str]) -> list[Any]:
    from backpath.core.education import EDUCATION

    return [EDUCATION[c] for c in codes if c in EDUCATION]


def library_choices() -> list[tuple[str, str]]:
    """What a clinician may add to a home programme (the core says: no passive, rest or
    clinic-only items)."""
    from backpath.core.library import default_library
    from backpath.core.plan import prescribable

    lib = default_library()
    return sorted(((e.code, e.name) for e in lib if prescribable(e.code, lib)), key=lambda p: p[1])
