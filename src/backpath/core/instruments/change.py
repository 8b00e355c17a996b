"""Change against baseline, judged by the minimal important change (instruments.md).

``improved`` when the improvement reaches the MCID in points **or** in percent of baseline
(either suffices), ``worse`` when the deterioration reaches it, otherwise
``no_meaningful_change``. Direction aware: lower is better for NRS, ODI and RMDQ, higher for
PSFS. Arithmetic is exact decimal on the numbers as written (42.0 → 32.0 is exactly 10 points),
so a change right at the threshold counts.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from .errors import InstrumentError
from .registry import get_instrument

__all__ = ["PSFS_ITEM_MCID_POINTS", "change", "change_psfs_item"]

PSFS_ITEM_MCID_POINTS = 3

# Highest possible score of each instrument (lowest is 0 for all).
_TOP: dict[str, int] = {"nrs": 10, "odi_2.1a": 100, "rmdq_24": 24, "psfs": 10}
_TENTH = Decimal("0.1")


def _number(key: str, name: str, value: float, top: int) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InstrumentError(f"{key}: {name} is {value!r}; expected a number 0–{top}")
    if not math.isfinite(value) or not 0 <= value <= top:
        raise InstrumentError(f"{key}: {name} is {value}; allowed 0–{top}")
    return Decimal(str(value))


def _judge(
    key: str,
    baseline: float,
    current: float,
    *,
    top: int,
    lower_is_better: bool,
    points: float | None,
    percent: float | None,
    mcid: str,
) -> dict[str, Any]:
    base = _number(key, "baseline", baseline, top)
    now = _number(key, "current", current, top)
    diff = now - base
    gain = -diff if lower_is_better else diff  # > 0 is improvement
    size = abs(gain)
    met = (points is not None and size >= Decimal(str(points))) or (
        percent is not None and base != 0 and size * 100 >= Decimal(str(percent)) * base
    )
    if met and gain > 0:
        verdict = "improved"
    elif met and gain < 0:
        verdict = "worse"
    else:
        verdict = "no_meaningful_change"
    both_int = isinstance(baseline, int) and isinstance(current, int)
    return {
        "verdict": verdict,
        "delta": int(diff) if both_int else float(diff),
        "percent": None
        if base == 0
        else float((diff * 100 / base).quantize(_TENTH, rounding=ROUND_HALF_UP)),
        "mcid": mcid,
    }


def change(key: str, baseline: float, current: float) -> dict[str, Any]:
    """Judge ``current`` against ``baseline`` on instrument ``key`` (or an alias).

    Returns ``{"verdict": "improved" | "worse" | "no_meaningful_change", "delta": current −
    baseline, "percent": delta as % of baseline (one decimal; None when baseline is 0),
    "mcid": "2 points or 30 %"}``. Raises :class:`InstrumentError` for an instrument without
    an MCID (STarT Back) or a score outside the instrument's range.
    """
    inst = get_instrument(key)
    mcid = inst.mcid
    if mcid is None or inst.key not in _TOP:
        raise InstrumentError(
            f"{inst.key}: no minimal important change is defined, so change is not judged"
        )
    return _judge(
        inst.key,
        baseline,
        current,
        top=_TOP[inst.key],
        lower_is_better=inst.lower_is_better,
        points=inst.mcid_points,
        percent=inst.mcid_percent,
        mcid=mcid,
    )


def change_psfs_item(baseline: float, current: float) -> dict[str, Any]:
    """Change on one PSFS activity (0–10): the MCID is 3 points (the mean uses 2)."""
    return _judge(
        "psfs",
        baseline,
        current,
        top=10,
        lower_is_better=False,
        points=PSFS_ITEM_MCID_POINTS,
        percent=None,
        mcid=f"{PSFS_ITEM_MCID_POINTS} points on one activity",
    )
