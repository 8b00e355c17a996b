"""The one safety gate every plan item passes (clinical-rules.md §4, §4a, §5).

Whoever put an item in a plan — a rule of R5, a clinician, or a progression carrying an
earlier version forward — it is kept only when it loads no avoided direction (in a position
where it is avoided) and breaks no precaution, unless a clinician overrode exactly those
conflicts with a typed reason. Nothing that needs a clinician's hands enters a home programme.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, cast

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


class _Verdicts:
    """What the gate says about every library exercise for one set of avoidances and
    precautions. Patients with the same ones share it (the answers depend on nothing else), so
    each exercise is judged once per set, not once per patient; ``memo`` holds the plan
    builder's and the audit's answers derived from these alone."""

    __slots__ = ("allowed", "conflicts", "home", "memo")

    def __init__(
        self,
        lib: Library,
        whole: frozenset[str],
        limited: tuple[tuple[str, str], ...],
        precautions: tuple[Mapping[str, Any], ...],
    ) -> None:
        self.allowed = frozenset(
            ex.code
            for ex in lib
            if not (
                ex.loads & whole
                or any(d in ex.loads and ex.position.startswith(p) for d, p in limited)
                or any(tags_excluded(ex, p) for p in precautions)
            )
        )
        self.home = frozenset(c for c in self.allowed if not lib.get(c).clinic_only)
        self.conflicts: dict[str, tuple[Conflict, ...]] = {}
        self.memo: dict[Any, Any] = {}


def precaution_key(p: Mapping[str, Any]) -> tuple[Any, ...]:
    """Everything of a precaution the gate and the plan read (its code and reason go into the
    texts), hashable."""
    positions = p.get("except_positions") or {}
    return (
        str(p["code"]),
        str(p.get("reason")),
        tuple(p.get("excludes") or ()),
        tuple((tag, tuple(where)) for tag, where in positions.items()),
    )


_SHARED: dict[tuple[Any, ...], _Verdicts] = {}
_SHARED_MAX = 4096  # sets of avoidances and precautions kept; a clinic sees a few dozen


def _verdicts(
    lib: Library,
    whole: frozenset[str],
    limited: tuple[tuple[str, str], ...],
    precautions: tuple[Mapping[str, Any], ...],
) -> _Verdicts:
    key = (lib, whole, limited, tuple([precaution_key(p) for p in precautions]))
    found = _SHARED.get(key)
    if found is None:
        if len(_SHARED) >= _SHARED_MAX:
            _SHARED.clear()
        found = _SHARED[key] = _Verdicts(lib, whole, limited, precautions)
    return found


class Screen:
    """One patient's avoidances and precautions, ready to judge many exercises quickly: the
    same questions as :func:`item_conflicts`, answered from the verdicts shared by every
    patient with the same avoidances and precautions."""

    __slots__ = ("_lib", "_limited", "_v", "_whole", "avoid", "precautions")

    def __init__(self, avoid: Avoids, precautions: Precautions, lib: Library) -> None:
        self.avoid = tuple([_entry(a) for a in avoid])  # lists, not generators: this runs hot
        self.precautions = tuple(precautions)
        self._lib = lib
        self._whole = frozenset([d for d, positions in self.avoid if not positions])
        self._limited = tuple([(d, p) for d, positions in self.avoid for p in positions])
        self._v = _verdicts(lib, self._whole, self._limited, self.precautions)

    @property
    def allowed(self) -> frozenset[str]:
        """The codes with no conflict at all."""
        return self._v.allowed

    @property
    def home(self) -> frozenset[str]:
        """The codes with no conflict that a patient may do at home (not clinic-only)."""
        return self._v.home

    @property
    def memo(self) -> dict[Any, Any]:
        """Answers derived from this patient's avoidances and precautions alone (shared)."""
        return self._v.memo

    def allows(self, code: str) -> bool:
        """No conflict at all (the fast question the plan builder asks most)."""
        if code in self._v.allowed:
            return True
        self._lib.get(code)  # an unknown code is an error, as it always was
        return False

    def conflicts(self, code: str) -> list[Conflict]:
        if code in self._v.allowed:
            return []
        found = self._v.conflicts.get(code)
        if found is None:
            found = self._v.conflicts[code] = tuple(self._judge(code))
        return [cast(Conflict, dict(c)) for c in found]  # a caller's edit stays its own

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
        if code in screen.home:  # in the library, home-safe, no conflict
            out.kept.append(item)
            continue
        if code not in lib or lib.get(code).clinic_only:
            out.dropped.append((item, []))
            continue
        conflicts = screen.conflicts(code)
        if conflicts and not _covered(item, conflicts):
            out.dropped.append((item, conflicts))
        else:
            out.kept.append(item)
    return out
