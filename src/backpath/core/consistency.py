"""Consistency warnings (clinical-rules.md §2a): things in a record that do not fit together.

They are shown to the clinician above the classification and never change a rule's outcome.
"""

from __future__ import annotations

from .classification import Findings
from .documents import Classification, Warning
from .findings import TEST_NAMES
from .vocab import TEST_DIRECTION

__all__ = ["consistency_warnings"]

_MOTOR_FLAGS = ("stable_motor_deficit", "progressive_motor_deficit")


def _shift_vs_glide(f: Findings) -> Warning | None:
    shift = f.record.examination.lateral_shift
    if shift not in ("left", "right"):
        return None
    worse = [t for t in f.favourable if TEST_DIRECTION[t.test] == f"side_glide_{shift}"]
    if not worse:
        return None
    return {
        "code": "shift_vs_glide",
        "text": f"The shoulders sit to the {shift}, yet {worse[0].test} "
        f"({TEST_NAMES[worse[0].test]}) is recorded as favourable: that glide moves "
        f"the shoulders further to the {shift}. "
        "Check the side of the shift and of the glide (shoulders, not hips).",
    }


def _leg_scores(f: Findings) -> list[Warning]:
    leg = f.record.instruments.nrs_leg
    if leg is None:
        return []
    if leg > 0 and not f.leg_sides:
        return [
            {
                "code": "leg_score_without_leg_symptom",
                "text": f"Leg pain is scored {leg}/10 but the body chart shows no symptom at or "
                "below the thigh.",
            }
        ]
    if leg == 0 and f.leg_sides:
        return [
            {
                "code": "leg_symptom_without_leg_score",
                "text": "The body chart shows leg symptoms ("
                + " and ".join(f.leg_sides)
                + ") but leg pain is scored 0/10.",
            }
        ]
    return []


def _neuro(f: Findings) -> Warning | None:
    neuro = f.record.examination.neuro
    if neuro is None or not neuro.weakness or any(c in f.record.red_flags for c in _MOTOR_FLAGS):
        return None
    found = ", ".join(f"{w.myotome} {w.side}" for w in neuro.weakness)
    return {
        "code": "neuro_deficit_unflagged",
        "text": f"The neurological examination records weakness ({found}) but neither "
        "stable nor progressive motor deficit is flagged: flag which it is.",
    }


def _battery(f: Findings, cls: Classification) -> Warning | None:
    if cls["rule"] in ("R3.0", "R1.5") or len(f.directions) >= 2:
        return None
    tested = ", ".join(sorted(f.directions)) or "none"
    return {
        "code": "battery_incomplete",
        "text": f"Only one direction was tested ({tested.replace('_', ' ')}) but a "
        "conclusion was drawn: test at least two directions before relying on it.",
    }


def consistency_warnings(f: Findings, cls: Classification) -> list[Warning]:
    """Every §2a warning that applies, in a stable order."""
    out: list[Warning | None] = [_shift_vs_glide(f), *_leg_scores(f), _neuro(f), _battery(f, cls)]
    return [w for w in out if w is not None]
