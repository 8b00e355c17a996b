"""Derived findings (clinical-rules.md §2): test responses, distal extent, irritability."""

from __future__ import annotations

from collections.abc import Iterable

from .records import AssessmentRecord, Symptom, TestResult
from .settings import DEFAULT, Thresholds
from .vocab import DISTAL_EXTENT, LEG_EXTENT, TEST_DIRECTION

__all__ = [
    "TEST_NAMES",
    "describe_test",
    "distal_extent",
    "irritability",
    "is_end_range_only",
    "is_favourable",
    "is_peripheralising",
    "is_unfavourable",
    "leg_sides",
    "strength",
]

_FAVOURABLE_DURING = frozenset({"abolish", "decrease", "centralise"})
_FAVOURABLE_AFTER = frozenset({"abolished", "better", "centralised"})
_STRONG = frozenset({"centralise", "centralised", "abolish", "abolished"})
_UNFAVOURABLE_AFTER = frozenset({"worse", "peripheralised"})

TEST_NAMES: dict[str, str] = {  # side glides always say both shoulders and hips (spec)
    "FIS": "flexion in standing",
    "RFIS": "repeated flexion in standing",
    "EIS": "extension in standing",
    "REIS": "repeated extension in standing",
    "FIL": "flexion in lying",
    "RFIL": "repeated flexion in lying",
    "EIL": "extension in lying",
    "REIL": "repeated extension in lying",
    "SGIS-L": "side glide in standing, shoulders move left / hips move right",
    "RSGIS-L": "repeated side glide in standing, shoulders move left / hips move right",
    "SGIS-R": "side glide in standing, shoulders move right / hips move left",
    "RSGIS-R": "repeated side glide in standing, shoulders move right / hips move left",
}


def is_favourable(t: TestResult) -> bool:
    """A lasting good response: good during *and* still better after."""
    return t.during in _FAVOURABLE_DURING and t.after in _FAVOURABLE_AFTER


def strength(t: TestResult) -> int:
    """3 for centralising/abolishing, else 2; +1 when range of movement increased."""
    base = 3 if (t.during in _STRONG or t.after in _STRONG) else 2
    return base + (1 if t.mechanical == "increased_rom" else 0)


def is_unfavourable(t: TestResult) -> bool:
    return t.after in _UNFAVOURABLE_AFTER or t.during == "peripheralise"


def is_peripheralising(t: TestResult) -> bool:
    return t.during == "peripheralise" or t.after == "peripheralised"


def is_end_range_only(t: TestResult) -> bool:
    return (
        t.during == "produce"
        and t.after in ("no_worse", "no_effect")
        and t.mechanical != "increased_rom"
    )


def describe_test(t: TestResult) -> str:
    """``REIL (repeated extension in lying): during centralise, after centralised, …``."""
    mech = {"increased_rom": "range increased", "decreased_rom": "range decreased"}.get(
        t.mechanical, "range unchanged"
    )
    return (
        f"{t.test} ({TEST_NAMES[t.test]}, {TEST_DIRECTION[t.test].replace('_', ' ')}): "
        f"during {t.during.replace('_', ' ')}, after {t.after.replace('_', ' ')}, {mech}"
    )


def distal_extent(symptoms: Iterable[Symptom]) -> dict[str, int]:
    """Most distal region with symptoms per side (0 none … 5 foot); central back counts both."""
    extent = {"left": 0, "right": 0}
    for s in symptoms:
        value = DISTAL_EXTENT[s.region]
        for side in ("left", "right") if s.side == "central" else (s.side,):
            if value > extent[side]:
                extent[side] = value
    return extent


def leg_sides(symptoms: Iterable[Symptom]) -> tuple[str, ...]:
    """Sides with leg symptoms (distal extent ≥ thigh); buttock pain alone is not leg pain."""
    return tuple(side for side, v in distal_extent(symptoms).items() if v >= LEG_EXTENT)


def irritability(record: AssessmentRecord, th: Thresholds = DEFAULT) -> str:
    """``high``, ``moderate`` or ``low`` from pattern, NRS and numbness below the knee."""
    ins, pattern = record.instruments, record.history.pattern
    back = th.missing_nrs if ins.nrs_back is None else ins.nrs_back
    leg = th.missing_nrs if ins.nrs_leg is None else ins.nrs_leg
    numb_below_knee = any(
        s.kind == "numbness" and s.region in ("leg", "foot") for s in record.symptoms
    )
    if pattern == "constant" and (
        back >= th.irritability_high_nrs or leg >= th.irritability_high_nrs or numb_below_knee
    ):
        return "high"
    if (
        pattern == "intermittent"
        and back <= th.irritability_low_nrs
        and (leg <= th.irritability_low_nrs)
    ):
        return "low"
    return "moderate"
