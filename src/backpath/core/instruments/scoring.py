"""Scoring rules of each instrument, exactly as instruments.md gives them.

Plain functions over a sequence of item values (``None`` = unanswered); each returns a
JSON-ready dict or raises :class:`InstrumentError`. They are cheap on purpose (integer
arithmetic, no Decimal, no pydantic): the result document scores every record.

Rounding: "one decimal" is round-half-up on the exact value (36.25 → 36.3, never banker's
rounding or a binary-float artefact). Percent and mean are computed from integer sums, so the
exact value is a fraction and the rounding is done in integers.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .errors import InstrumentError

__all__ = [
    "ODI_BANDS",
    "ODI_MAX_UNANSWERED",
    "RMDQ_RECOVERED_MAX",
    "odi_band",
    "score_nrs",
    "score_odi",
    "score_psfs",
    "score_rmdq",
    "score_start_back",
    "start_back_risk",
]

ODI_MAX_UNANSWERED = 2
RMDQ_RECOVERED_MAX = 2

# Upper edge (inclusive) → band. The spec's bands are written on whole percents (0–20, 21–40,
# …); a one-decimal percent between two of them belongs to the lower band: ≤ 20 minimal,
# ≤ 40 moderate, ≤ 60 severe, ≤ 80 crippling, else bed_bound (so 20.0 is minimal and 20.5 is
# moderate). The edges are compared with the rounded percent that is reported.
ODI_BANDS: tuple[tuple[float, str], ...] = (
    (20.0, "minimal"),
    (40.0, "moderate"),
    (60.0, "severe"),
    (80.0, "crippling"),
    (100.0, "bed_bound"),
)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _item(key: str, what: str, n: int, value: object, top: int) -> int:
    """The value as an int in 0–top, or the error naming the instrument, item and value."""
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= top:
        return value
    raise _bad(key, what, n, value, top)


def _bad(key: str, what: str, n: int, value: object, top: int) -> InstrumentError:
    if value is None:
        return InstrumentError(f"{key}: {what} {n} is unanswered; every {what} must be answered")
    shown = value if _is_int(value) else repr(value)
    return InstrumentError(f"{key}: {what} {n} is {shown}; allowed 0–{top}")


def _count(key: str, values: Sequence[int | None], want: int, what: str) -> None:
    if values.__class__ in (list, tuple):  # fast path: skips the slow abstract-class check
        pass
    elif isinstance(values, str | bytes) or not isinstance(values, Sequence):
        raise InstrumentError(f"{key}: expected a list of {_plural(want, what)}")
    if len(values) != want:
        raise InstrumentError(
            f"{key}: {_plural(len(values), 'value')} given; expected {_plural(want, what)}"
        )


def _tenths_half_up(numerator: int, denominator: int) -> float:
    """``numerator / denominator`` (both ≥ 0) rounded half-up to one decimal, exactly."""
    return ((20 * numerator + denominator) // (2 * denominator)) / 10


def score_nrs(values: Sequence[int | None]) -> dict[str, Any]:
    """NRS: one value 0–10, reported as given → ``{"score": 6}``."""
    _count("nrs", values, 1, "value")
    value = values[0]
    if value is None:
        raise InstrumentError("nrs: the score is unanswered; give a whole number 0–10")
    if not _is_int(value) or not 0 <= value <= 10:
        raise InstrumentError(f"nrs: score is {value!r}; allowed 0–10")
    return {"score": value}


def odi_band(percent: float) -> str:
    """The ODI band of a percent 0–100 (band edges: see ``ODI_BANDS``)."""
    if not 0 <= percent <= 100:
        raise InstrumentError(f"odi_2.1a: percent is {percent}; allowed 0–100")
    for top, band in ODI_BANDS:
        if percent <= top:
            return band
    raise AssertionError("unreachable")  # pragma: no cover


def score_odi(values: Sequence[int | None]) -> dict[str, Any]:
    """Oswestry 2.1a: 10 sections 0–5 or unanswered → percent, band, sections answered.

    percent = sum ÷ (5 × answered) × 100, one decimal; more than two unanswered sections is not
    scorable.
    """
    _count("odi_2.1a", values, 10, "section")
    total = answered = 0
    for n, value in enumerate(values, start=1):
        if value is None:
            continue
        if value.__class__ is not int or not 0 <= value <= 5:  # fast path: already valid
            value = _item("odi_2.1a", "section", n, value, 5)
        total += value
        answered += 1
    missing = 10 - answered
    if missing > ODI_MAX_UNANSWERED:
        raise InstrumentError(
            f"odi_2.1a: {_plural(missing, 'section')} unanswered; at most "
            f"{ODI_MAX_UNANSWERED} may be unanswered (not scorable)"
        )
    percent = _tenths_half_up(total * 20, answered)  # sum / (5 × answered) × 100
    return {"percent": percent, "band": odi_band(percent), "answered": answered}


def score_rmdq(values: Sequence[int | None]) -> dict[str, Any]:
    """Roland-Morris 24: count of ticked items (1); 0 or blank is not ticked. ≤ 2 recovered."""
    _count("rmdq_24", values, 24, "item")
    total = 0
    for n, value in enumerate(values, start=1):
        if value is not None:
            total += _item("rmdq_24", "item", n, value, 1)
    return {"total": total, "recovered": total <= RMDQ_RECOVERED_MAX}


def start_back_risk(total: int, psychosocial: int) -> str:
    """STarT Back subgroup: total ≤ 3 low; psychosocial ≥ 4 high; otherwise medium."""
    if total <= 3:
        return "low"
    if psychosocial >= 4:
        return "high"
    return "medium"


def score_start_back(values: Sequence[int | None]) -> dict[str, Any]:
    """STarT Back 9: items 1–8 are 0/1; item 9 is answered 0–4 and scores 1 for 3 or 4.

    total = items 1–9 (0–9); psychosocial = items 5–9 (0–5); risk low / medium / high.
    """
    _count("start_back_9", values, 9, "item")
    v = values
    if (
        all(x.__class__ is int and 0 <= x <= 1 for x in v[:8])
        and v[8].__class__ is int
        and (0 <= v[8] <= 4)
    ):  # fast path for valid answers (the usual case: records are validated first)
        psychosocial = v[4] + v[5] + v[6] + v[7] + (1 if v[8] >= 3 else 0)  # type: ignore[operator]
        total = v[0] + v[1] + v[2] + v[3] + psychosocial  # type: ignore[operator]
        return {
            "total": total,
            "psychosocial": psychosocial,
            "risk": start_back_risk(total, psychosocial),
        }
    total = psychosocial = 0
    for n, value in enumerate(values, start=1):
        top = 1 if n < 9 else 4
        if value.__class__ is not int or not 0 <= value <= top:
            value = _item("start_back_9", "item", n, value, top)
        # item 9 is answered 0–4 and scored 1 only for 3 (very much) or 4 (extremely)
        scored = value if n < 9 else (1 if value >= 3 else 0)
        total += scored
        if n >= 5:
            psychosocial += scored
    return {
        "total": total,
        "psychosocial": psychosocial,
        "risk": start_back_risk(total, psychosocial),
    }


def score_psfs(values: Sequence[int | None]) -> dict[str, Any]:
    """PSFS: 1–5 activities, each 0–10 → mean (one decimal) and the number of activities."""
    if isinstance(values, str | bytes) or not isinstance(values, Sequence):
        raise InstrumentError("psfs: expected a list of 1–5 activity scores")
    n = len(values)
    if not 1 <= n <= 5:
        raise InstrumentError(f"psfs: {_plural(n, 'activity score')} given; expected 1–5")
    total = 0
    for i, value in enumerate(values, start=1):
        total += _item("psfs", "activity", i, value, 10)
    return {"mean": _tenths_half_up(total, n), "items": n}
