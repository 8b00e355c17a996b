"""The result document's ``scores`` from a record's instruments (clinical-rules §9)."""

from __future__ import annotations

from typing import Any

from backpath.core.instruments import score_instruments
from backpath.core.records import Instruments


def test_it_scores_only_what_was_recorded() -> None:
    assert score_instruments(Instruments()) == {}
    assert score_instruments(Instruments(nrs_leg=0)) == {"nrs_leg": {"score": 0}}


def test_it_scores_every_recorded_instrument() -> None:
    rmdq: list[int | None] = [1, 1, 1, *([0] * 21)]
    psfs: Any = [{"activity": "sitting at work", "score": 4}, {"activity": "gardening", "score": 5}]
    ins = Instruments(
        nrs_back=6,
        nrs_leg=3,
        odi=[3, 2, 2, 3, 2, 1, 2, 0, 2, 1],
        rmdq=rmdq,
        start_back=[1, 1, 0, 0, 1, 0, 0, 1, 2],
        psfs=psfs,
    )
    assert score_instruments(ins) == {
        "nrs_back": {"score": 6},
        "nrs_leg": {"score": 3},
        "odi": {"percent": 36.0, "band": "moderate"},
        "rmdq": {"total": 3, "recovered": False},
        "start_back": {"total": 4, "psychosocial": 2, "risk": "medium"},
        "psfs": {"mean": 4.5, "items": 2},
    }


def test_it_reports_an_unscorable_odi_as_an_error_instead_of_raising() -> None:
    ins = Instruments(odi=[3, 2, None, None, None, 1, 2, 0, 2, 1])
    assert score_instruments(ins) == {
        "odi": {
            "error": "odi_2.1a: 3 sections unanswered; at most 2 may be unanswered (not scorable)"
        }
    }


def test_it_scores_the_high_risk_start_back_case() -> None:
    ins = Instruments(nrs_back=6, start_back=[1, 1, 1, 0, 1, 1, 1, 1, 4])
    assert score_instruments(ins)["start_back"]["risk"] == "high"
