"""The one safety gate every plan item passes (clinical-rules.md §4, §4a, §5).

Whoever put an item in a plan — a rule of R5, a clinician, or a progression carrying an
earlier version forward — it is kept only when it loads no avoided direction (in a position
where it is avoided) and breaks no precaution, unless a clinician overrode exactly those
conflicts with a typed reason. Nothing that needs a clinician's hands enters a home programme.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from typing_extensions import TypedDict

from ..library import Exercise, Library, default_library

__all__ = [
    "Conflict",
    "Gated",
    "Screen",
    "conflict_codes",
    "gate",
    "item_conflicts",
    "tags_excluded",
]

Avoids = Iterable[Mapping[str, Any] | str]
Precautions = Iterable[Mapping[str, Any]]


class Conflict(TypedDict):
    """Why an item may not be in the plan: an avoided direction, a direction avoided in the
    item's position, or a precaution. ``code`` is what an override reason is given for."""

    kind: Literal["direction", "position", "precaution"]
    code: str
    text: str


def _words(code: str) -> str:
    return code.replace("_", " ")


def _entry(a: Mapping[str, Any] | str) -> tuple[str, tuple[str, ...]]:
    if isinstance(a, str):
        return a, ()
    return str(a["direction"]), tuple(a.get("positions") or ())


def tags_excluded(ex: Exercise, precaution: Mapping[str, Any]) -> list[str]:
    """The exercise's tags that ``precaution`` excludes, less those it allows in the
    exercise's position (``except_positions``: e.g. flexion in lying when flexion is the DP)."""
    hit = set(precaution.get("excludes") or ()) & ex.tags
    for tag, positions in (precaution.get("except_positions") or {}).items():
        if tag in hit and any(ex.position.startswith(p) for p in positions):
            hit.discard(tag)
    return sorted(hit)


class Screen:
    """One patient's avoidances and precautions, ready to judge many exercises quickly: the
    same questions as :func:`item_conflicts`, each answered once per exercise code."""

    __slots__ = ("_allowed", "_cache", "_lib", "_limited", "_whole", "avoid", "precautions")

    def __init__(self, avoid: Avoids, precautions: Precautions, lib: Library) -> None:
        self.avoid = tuple(_entry(a) for a in avoid)
        self.precautions = tuple(precautions)
        self._lib = lib
        self._whole = frozenset(d for d, positions in self.avoid if not positions)
        self._limited = tuple((d, p) for d, positions in self.avoid for p in positions)
        self._cache: dict[str, list[Conflict]] = {}
        self._allowed: dict[str, bool] = {}

    def allows(self, code: str) -> bool:
        """No conflict at all (the fast question the plan builder asks most)."""
        found = self._allowed.get(code)
        if found is None:
            ex = self._lib.get(code)
            found = not (
                ex.loads & self._whole
                or any(d in ex.loads and ex.position.startswith(p) for d, p in self._limited)
                or any(tags_excluded(ex, p) for p in self.precautions)
            )
            self._allowed[code] = found
        return found

    def conflicts(self, code: str) -> list[Conflict]:
        found = self._cache.get(code)
        if found is None:
            found = self._cache[code] = [] if self.allows(code) else self._judge(code)
        return found

    def _judge(self, code: str) -> list[Conflict]:
        ex = self._lib.get(code)
        out: list[Conflict] = []
        for direction in sorted(ex.loads & self._whole):
            out.append(
                {
                    "kind": "direction",
                    "code": direction,
                    "text": f"{ex.name} loads {_words(direction)}, which is avoided for now.",
                }
            )
        for direction, position in self._limited:
            if direction in ex.loads and ex.position.startswith(position):
                out.append(
                    {
                        "kind": "position",
                        "code": f"{direction}:{position}",
                        "text": f"{ex.name} loads {_words(direction)} in {position}, where "
                        f"{_words(direction)} is avoided (it is fine in other positions).",
                    }
                )
        for p in self.precautions:
            hit = tags_excluded(ex, p)
            if hit:
                out.append(
                    {
                        "kind": "precaution",
                        "code": str(p["code"]),
                        "text": f"{ex.name} is {', '.join(_words(t) for t in hit)} work, which "
                        f"{_words(str(p['code']))} excludes: {p['reason']}",
                    }
                )
        return out


def item_conflicts(
    code: str, avoid: Avoids, precautions: Precautions = (), library: Library | None = None
) -> list[Conflict]:
    """Every reason exercise ``code`` may not be in this patient's plan ([] when it may)."""
    return Screen(avoid, precautions, library or default_library()).conflicts(code)


def conflict_codes(conflicts: Iterable[Conflict]) -> list[str]:
    return sorted({c["code"] for c in conflicts})


def _covered(item: Mapping[str, Any], conflicts: Sequence[Conflict]) -> bool:
    """An override covers the conflicts it was given for, and no others."""
    reason = str(item.get("override_reason") or "").strip()
    if not reason:
        return False
    given = set(item.get("override_for") or ())
    if not given:  # plan versions written before v2 recorded the directions only
        given = {c["code"] for c in conflicts if c["kind"] == "direction"}
    return {c["code"] for c in conflicts} <= given


@dataclass(slots=True)
class Gated:
    """What the gate kept, and what it dropped with the reasons."""

    kept: list[dict[str, Any]] = field(default_factory=list)
    dropped: list[tuple[dict[str, Any], list[Conflict]]] = field(default_factory=list)

    def notes(self) -> list[dict[str, str]]:
        """One plain note per dropped item, for the plan's ``notes``."""
        out = []
        for item, conflicts in self.dropped:
            why = " ".join(c["text"] for c in conflicts) or "it needs a clinician's hands."
            out.append(
                {"rule": "R5", "text": f"{item.get('name', item['exercise'])} left out: " + why}
            )
        return out


def gate(
    items: Iterable[Mapping[str, Any]],
    avoid: Avoids,
    precautions: Precautions = (),
    library: Library | None = None,
    screen: Screen | None = None,
) -> Gated:
    """Keep the items that may be in the plan; see the module docstring."""
    lib = library or default_library()
    screen = screen or Screen(avoid, precautions, lib)
    out = Gated()
    for raw in items:
        item = raw if isinstance(raw, dict) else dict(raw)
        code = str(item["exercise"])
        if code not in lib or lib.get(code).clinic_only:
            out.dropped.append((item, []))
            continue
        conflicts = screen.conflicts(code)
        if conflicts and not _covered(item, conflicts):
            out.dropped.append((item, conflicts))
        else:
            out.kept.append(item)
    return out
