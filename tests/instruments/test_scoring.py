"""Scoring of each instrument, bands and errors (instruments.md)."""

from __future__ import annotations

import pytest

from backpath.core.instruments import InstrumentError, get_instrument

ODI = get_instrument("odi_2.1a")
RMDQ = get_instrument("rmdq_24")
START_BACK = get_instrument("start_back_9")
PSFS = get_instrument("psfs")
NRS = get_instrument("nrs")


# ---- NRS -----------------------------------------------------------------------------------


def test_it_reports_nrs_as_given() -> None:
    assert NRS.score([6]) == {"score": 6}
    assert NRS.score([0]) == {"score": 0}
    assert NRS.score([10]) == {"score": 10}


@pytest.mark.parametrize("values", [[11], [-1], [None], [6, 7], []])
def test_it_rejects_an_nrs_outside_0_to_10_or_not_one_value(values: list[int | None]) -> None:
    with pytest.raises(InstrumentError, match=r"^nrs: "):
        NRS.score(values)


# ---- ODI -----------------------------------------------------------------------------------


def test_it_scores_odi_with_all_sections_answered() -> None:
    assert ODI.score([3, 2, 2, 3, 2, 1, 2, 0, 2, 1]) == {
        "percent": 36.0,
        "band": "moderate",
        "answered": 10,
    }


def test_it_scores_odi_with_one_unanswered_section() -> None:
    # 18 of 45 → 40.0
    assert ODI.score([3, 2, 2, 3, 2, 1, 2, None, 2, 1]) == {
        "percent": 40.0,
        "band": "moderate",
        "answered": 9,
    }


def test_it_scores_odi_with_two_unanswered_sections() -> None:
    # 17 of 40 → 42.5
    assert ODI.score([3, 2, 2, 3, 2, 1, 2, None, 2, None]) == {
        "percent": 42.5,
        "band": "severe",
        "answered": 8,
    }


def test_it_rounds_odi_half_up_to_one_decimal() -> None:
    # 1 of 45 = 2.222… → 2.2; 5 of 45 = 11.111… → 11.1; 8 of 45 = 17.777… → 17.8
    assert ODI.score([1, 0, 0, 0, 0, 0, 0, 0, 0, None])["percent"] == 2.2
    assert ODI.score([5, 0, 0, 0, 0, 0, 0, 0, 0, None])["percent"] == 11.1
    assert ODI.score([5, 3, 0, 0, 0, 0, 0, 0, 0, None])["percent"] == 17.8


def test_it_refuses_odi_with_three_unanswered_sections() -> None:
    with pytest.raises(InstrumentError) as err:
        ODI.score([3, 2, 2, 3, 2, 1, 2, None, None, None])
    assert str(err.value) == (
        "odi_2.1a: 3 sections unanswered; at most 2 may be unanswered (not scorable)"
    )


def test_it_refuses_odi_with_nothing_answered() -> None:
    with pytest.raises(InstrumentError, match="10 sections unanswered"):
        ODI.score([None] * 10)


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ([3, 2, 2, 3, 2, 1, 2, 0, 2], "odi_2.1a: 9 values given; expected 10 sections"),
        ([3, 2, 2, 3, 6, 1, 2, 0, 2, 1], "odi_2.1a: section 5 is 6; allowed 0–5"),
        ([3, 2, 2, 3, -1, 1, 2, 0, 2, 1], "odi_2.1a: section 5 is -1; allowed 0–5"),
        ([3, 2, 2, 3, True, 1, 2, 0, 2, 1], "odi_2.1a: section 5 is True; allowed 0–5"),
    ],
)
def test_it_names_the_odi_problem(values: list[int | None], message: str) -> None:
    with pytest.raises(InstrumentError) as err:
        ODI.score(values)
    assert str(err.value) == message


@pytest.mark.parametrize(
    ("total", "band"),
    [
        (0, "minimal"),
        (10, "minimal"),  # 20.0
        (11, "moderate"),  # 22.0
        (20, "moderate"),  # 40.0
        (21, "severe"),  # 42.0
        (30, "severe"),  # 60.0
        (31, "crippling"),  # 62.0
        (40, "crippling"),  # 80.0
        (41, "bed_bound"),  # 82.0
        (50, "bed_bound"),  # 100.0
    ],
)
def test_it_puts_odi_band_edges_in_the_lower_band(total: int, band: str) -> None:
    values = [min(5, max(0, total - 5 * i)) for i in range(10)]
    assert sum(values) == total
    scored = ODI.score(values)
    assert scored["percent"] == total * 2
    assert scored["band"] == band


def test_it_puts_a_fractional_odi_percent_above_an_edge_in_the_upper_band() -> None:
    from backpath.core.instruments.scoring import odi_band

    assert odi_band(20.0) == "minimal"
    assert odi_band(20.5) == "moderate"
    assert odi_band(40.1) == "severe"
    assert odi_band(80.0) == "crippling"
    assert odi_band(80.1) == "bed_bound"


# ---- RMDQ ----------------------------------------------------------------------------------


def test_it_counts_ticked_rmdq_items() -> None:
    values: list[int | None] = [1, 0, 1, None, 1] + [0] * 19
    assert RMDQ.score(values) == {"total": 3, "recovered": False}


def test_it_counts_rmdq_of_two_or_fewer_as_recovered() -> None:
    assert RMDQ.score([1, 1] + [None] * 22) == {"total": 2, "recovered": True}
    assert RMDQ.score([0] * 24) == {"total": 0, "recovered": True}
    assert RMDQ.score([1] * 24) == {"total": 24, "recovered": False}


def test_it_rejects_an_rmdq_item_of_two() -> None:
    with pytest.raises(InstrumentError, match=r"^rmdq_24: item 4 is 2; allowed 0–1$"):
        RMDQ.score([0, 0, 0, 2] + [0] * 20)


def test_it_rejects_an_rmdq_of_the_wrong_length() -> None:
    with pytest.raises(InstrumentError, match=r"^rmdq_24: 23 values given; expected 24 items$"):
        RMDQ.score([0] * 23)


# ---- STarT Back ----------------------------------------------------------------------------


def test_it_scores_start_back_medium_risk() -> None:
    assert START_BACK.score([1, 1, 0, 0, 1, 0, 0, 1, 2]) == {
        "total": 4,
        "psychosocial": 2,
        "risk": "medium",
    }


def test_it_scores_start_back_high_risk() -> None:
    assert START_BACK.score([1, 1, 1, 0, 1, 1, 1, 1, 4]) == {
        "total": 8,
        "psychosocial": 5,
        "risk": "high",
    }


def test_it_scores_start_back_low_risk_at_a_total_of_three() -> None:
    assert START_BACK.score([1, 1, 0, 0, 0, 0, 0, 0, 3])["risk"] == "low"
    assert START_BACK.score([0] * 9) == {"total": 0, "psychosocial": 0, "risk": "low"}


def test_it_scores_start_back_item_9_only_for_very_much_or_extremely() -> None:
    base = [1, 1, 1, 0, 1, 1, 1, 0]
    for answer, scored in ((0, 0), (1, 0), (2, 0), (3, 1), (4, 1)):
        got = START_BACK.score([*base, answer])
        assert got["total"] == 6 + scored
        assert got["psychosocial"] == 3 + scored


def test_it_makes_start_back_high_only_from_psychosocial_four() -> None:
    assert START_BACK.score([1, 1, 1, 0, 1, 1, 1, 0, 2])["risk"] == "medium"  # psychosocial 3
    assert START_BACK.score([1, 1, 1, 0, 1, 1, 1, 0, 3])["risk"] == "high"  # psychosocial 4


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ([1, 1, 0, 0, 1, 0, 0, 1, 5], "start_back_9: item 9 is 5; allowed 0–4"),
        ([1, 2, 0, 0, 1, 0, 0, 1, 2], "start_back_9: item 2 is 2; allowed 0–1"),
        (
            [1, 1, None, 0, 1, 0, 0, 1, 2],
            "start_back_9: item 3 is unanswered; every item must be answered",
        ),
        ([1, 1, 0, 0, 1, 0, 0, 1], "start_back_9: 8 values given; expected 9 items"),
    ],
)
def test_it_names_the_start_back_problem(values: list[int | None], message: str) -> None:
    with pytest.raises(InstrumentError) as err:
        START_BACK.score(values)
    assert str(err.value) == message


# ---- PSFS ----------------------------------------------------------------------------------


def test_it_takes_the_psfs_mean_to_one_decimal() -> None:
    assert PSFS.score([4, 5]) == {"mean": 4.5, "items": 2}
    assert PSFS.score([3, 4, 4]) == {"mean": 3.7, "items": 3}  # 3.666…
    assert PSFS.score([1, 2, 2]) == {"mean": 1.7, "items": 3}  # 1.666…
    assert PSFS.score([10]) == {"mean": 10.0, "items": 1}


def test_it_rounds_a_psfs_mean_half_up() -> None:
    # 9 / 4 = 2.25 → 2.3, not 2.2 as round() would give
    assert PSFS.score([2, 2, 2, 3])["mean"] == 2.3
    assert PSFS.score([2, 3, 3, 3])["mean"] == 2.8  # 2.75 → 2.8


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ([], "psfs: 0 activity scores given; expected 1–5"),
        ([1, 2, 3, 4, 5, 6], "psfs: 6 activity scores given; expected 1–5"),
        ([4, 11], "psfs: activity 2 is 11; allowed 0–10"),
        ([None], "psfs: activity 1 is unanswered; every activity must be answered"),
    ],
)
def test_it_names_the_psfs_problem(values: list[int | None], message: str) -> None:
    with pytest.raises(InstrumentError) as err:
        PSFS.score(values)
    assert str(err.value) == message
