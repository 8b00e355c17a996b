"""Change against baseline by the minimal important change (instruments.md)."""

from __future__ import annotations

import pytest

from backpath.core.instruments import InstrumentError, change, change_psfs_item

# ---- NRS: 2 points or 30 % -----------------------------------------------------------------


def test_it_calls_an_nrs_drop_of_two_points_improved() -> None:
    assert change("nrs", 8, 6) == {
        "verdict": "improved",
        "delta": -2,
        "percent": -25.0,
        "mcid": "2 points or 30 %",
    }


def test_it_calls_an_nrs_drop_of_thirty_percent_improved_even_under_two_points() -> None:
    got = change("nrs", 3, 2)  # 1 point, 33.3 %
    assert got["verdict"] == "improved"
    assert got["percent"] == -33.3


def test_it_calls_an_nrs_drop_below_both_thresholds_no_meaningful_change() -> None:
    assert change("nrs", 7, 6)["verdict"] == "no_meaningful_change"  # 1 point, 14 %


def test_it_calls_an_nrs_rise_of_two_points_worse() -> None:
    got = change("nrs", 7, 9)
    assert got["verdict"] == "worse"
    assert got["delta"] == 2


def test_it_calls_an_nrs_rise_of_thirty_percent_worse() -> None:
    assert change("nrs", 3, 4)["verdict"] == "worse"  # 1 point, 33 %


def test_it_gives_no_percent_from_a_baseline_of_zero() -> None:
    got = change("nrs", 0, 1)
    assert got["percent"] is None
    assert got["verdict"] == "no_meaningful_change"
    assert change("nrs", 0, 2)["verdict"] == "worse"


def test_it_calls_no_change_no_meaningful_change() -> None:
    got = change("nrs", 5, 5)
    assert got == {
        "verdict": "no_meaningful_change",
        "delta": 0,
        "percent": 0.0,
        "mcid": "2 points or 30 %",
    }


# ---- ODI: 10 points or 30 % ----------------------------------------------------------------


def test_it_calls_an_odi_drop_of_exactly_ten_points_improved() -> None:
    got = change("odi_2.1a", 42.0, 32.0)
    assert got["verdict"] == "improved"
    assert got["delta"] == -10.0
    assert got["percent"] == -23.8


def test_it_calls_an_odi_drop_of_thirty_percent_improved_even_under_ten_points() -> None:
    assert change("odi", 20.0, 14.0)["verdict"] == "improved"  # 6 points, 30 %


def test_it_calls_a_small_odi_drop_no_meaningful_change() -> None:
    assert change("odi", 42.0, 33.0)["verdict"] == "no_meaningful_change"  # 9 points, 21 %
    assert change("odi", 36.6, 26.7)["verdict"] == "no_meaningful_change"  # 9.9 points, 27 %


def test_it_counts_a_one_decimal_odi_change_at_the_threshold_exactly() -> None:
    got = change("odi", 36.6, 26.6)  # 10.0 points, not 9.999… in binary floats
    assert got["verdict"] == "improved"
    assert got["delta"] == -10.0


def test_it_calls_an_odi_rise_of_ten_points_worse() -> None:
    assert change("odi", 50.0, 60.0)["verdict"] == "worse"
    assert change("odi", 20.0, 26.0)["verdict"] == "worse"  # 6 points, 30 %


# ---- PSFS: higher is better, 2 points on the mean, 3 on one activity ------------------------


def test_it_calls_a_psfs_mean_rise_of_two_improved() -> None:
    got = change("psfs", 3.5, 5.5)
    assert got["verdict"] == "improved"
    assert got["delta"] == 2.0
    assert got["mcid"] == "2 points"


def test_it_calls_a_psfs_mean_fall_of_two_worse() -> None:
    assert change("psfs", 6.0, 4.0)["verdict"] == "worse"


def test_it_judges_psfs_on_points_only() -> None:
    assert change("psfs", 2.0, 3.5)["verdict"] == "no_meaningful_change"  # +75 %, 1.5 points


def test_it_needs_three_points_on_one_psfs_activity() -> None:
    assert change_psfs_item(2, 4)["verdict"] == "no_meaningful_change"
    got = change_psfs_item(2, 5)
    assert got["verdict"] == "improved"
    assert got["mcid"] == "3 points on one activity"
    assert change_psfs_item(7, 4)["verdict"] == "worse"


# ---- RMDQ and errors ------------------------------------------------------------------------


def test_it_judges_rmdq_by_five_points_or_thirty_percent() -> None:
    assert change("rmdq", 14, 9)["verdict"] == "improved"
    assert change("rmdq", 10, 7)["verdict"] == "improved"
    assert change("rmdq", 20, 16)["verdict"] == "no_meaningful_change"


def test_it_refuses_change_on_start_back() -> None:
    with pytest.raises(InstrumentError, match=r"^start_back_9: no minimal important change"):
        change("start_back", 4, 2)


@pytest.mark.parametrize(
    ("key", "baseline", "current"),
    [("nrs", 11, 5), ("nrs", 5, -1), ("odi", 42.0, 101.0), ("psfs", 3, float("nan"))],
)
def test_it_refuses_scores_outside_the_instrument_range(
    key: str, baseline: float, current: float
) -> None:
    with pytest.raises(InstrumentError):
        change(key, baseline, current)
