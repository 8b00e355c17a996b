"""The ``scores`` of the result document, from a record's ``instruments`` (clinical-rules §9).

Runs once per assessment (and thousands of times a second in the benchmark), so it calls the
plain scoring functions directly and builds small dicts; no pydantic, no Decimal.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import InstrumentError
from .scoring import score_odi, score_psfs, score_rmdq, score_start_back

if TYPE_CHECKING:
    from ..records import Instruments

__all__ = ["score_instruments"]


def _nrs(value: int) -> dict[str, Any]:
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 10:
        return {"score": value}
    return {"error": f"nrs: score is {value!r}; allowed 0–10"}


def score_instruments(instruments: Instruments) -> dict[str, Any]:
    """Scores for what was recorded, and nothing for what was not.

    ``{"nrs_back": {"score": 6}, "nrs_leg": {"score": 3}, "odi": {"percent": 36.0,
    "band": "moderate"}, "rmdq": {"total": 3, "recovered": False}, "start_back": {"total": 4,
    "psychosocial": 2, "risk": "medium"}, "psfs": {"mean": 4.5, "items": 2}}``. A form that
    cannot be scored (an ODI with more than two sections unanswered) gives ``{"error": "..."}``
    in its place instead of raising.
    """
    out: dict[str, Any] = {}
    ins = instruments
    if ins.nrs_back is not None:
        out["nrs_back"] = _nrs(ins.nrs_back)
    if ins.nrs_leg is not None:
        out["nrs_leg"] = _nrs(ins.nrs_leg)
    if ins.odi is not None:
        try:
            odi = score_odi(ins.odi)
            out["odi"] = {"percent": odi["percent"], "band": odi["band"]}
        except InstrumentError as exc:
            out["odi"] = {"error": str(exc)}
    if ins.rmdq is not None:
        try:
            out["rmdq"] = score_rmdq(ins.rmdq)
        except InstrumentError as exc:
            out["rmdq"] = {"error": str(exc)}
    if ins.start_back is not None:
        try:
            out["start_back"] = score_start_back(ins.start_back)
        except InstrumentError as exc:
            out["start_back"] = {"error": str(exc)}
    if ins.psfs is not None:
        try:
            out["psfs"] = score_psfs([item.score for item in ins.psfs])
        except InstrumentError as exc:
            out["psfs"] = {"error": str(exc)}
    return out
