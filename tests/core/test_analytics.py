"""The clinic statistics: t quantiles, confidence intervals, medians, MCID, suppression and
de-identification, each on numbers worked by hand."""

from __future__ import annotations

import math
import statistics
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backpath.core.analytics import (
    DATE_SHIFT_MAX_DAYS,
    age_band,
    date_shift_days,
    days_to_mcid,
    dp_centralised,
    episode_facts,
    mean_ci,
    median_from_counts,
    pearson_from_sums,
    reached_mcid,
    share,
    suppress,
    t_quantile,
)


@pytest.mark.parametrize(
    ("df", "expected"), [(1, 12.706), (2, 4.303), (4, 2.776), (10, 2.228), (30, 2.042)]
)
def test_t_quantile_matches_the_printed_table(df: int, expected: float) -> None:
    assert t_quantile(0.975, df) == pytest.approx(expected, abs=5e-4)


def test_t_quantile_approaches_the_normal_and_is_symmetric() -> None:
    assert t_quantile(0.975, 100_000) == pytest.approx(1.95996, abs=1e-4)
    assert t_quantile(0.025, 7) == pytest.approx(-t_quantile(0.975, 7))


def test_t_quantile_refuses_a_probability_outside_0_1() -> None:
    with pytest.raises(ValueError, match="p must be in"):
        t_quantile(1.0, 3)


def test_mean_ci_of_1_2_3_4_by_hand() -> None:
    # mean 2.5, sd 1.2910, se 0.6455, t(0.975, 3) 3.1824 → half-width 2.0543
    ci = mean_ci(4, 10.0, 30.0)
    assert (ci.n, ci.mean) == (4, 2.5)
    assert ci.low == pytest.approx(0.4457, abs=1e-4)
    assert ci.high == pytest.approx(4.5543, abs=1e-4)


def test_mean_ci_has_no_interval_for_one_value_and_nothing_for_none() -> None:
    assert mean_ci(1, -3.0, 9.0).mean == -3.0 and mean_ci(1, -3.0, 9.0).low is None
    assert mean_ci(0, 0.0, 0.0).mean is None


@given(st.lists(st.integers(-10, 10), min_size=2, max_size=60))
def test_mean_ci_agrees_with_the_standard_library(values: list[int]) -> None:
    ci = mean_ci(len(values), sum(values), sum(v * v for v in values))
    assert ci.mean == pytest.approx(statistics.fmean(values))
    half = t_quantile(0.975, len(values) - 1) * statistics.stdev(values) / math.sqrt(len(values))
    assert ci.high == pytest.approx(ci.mean + half, abs=1e-9)
    assert ci.low is not None and ci.low <= ci.mean <= ci.high


def test_median_from_counts_odd_and_even() -> None:
    assert median_from_counts({3: 1, 5: 1, 9: 1}) == 5
    assert median_from_counts({3: 1, 5: 1, 9: 2}) == 7  # 3 5 9 9
    assert median_from_counts({}) is None


@given(st.lists(st.integers(0, 200), min_size=1, max_size=80))
def test_median_from_counts_agrees_with_the_standard_library(values: list[int]) -> None:
    counts: dict[int, int] = {}
    for v in values:
        counts[v] = counts.get(v, 0) + 1
    assert median_from_counts(counts) == statistics.median(values)


def test_pearson_from_sums_of_a_perfect_line_is_one() -> None:
    xs, ys = [1, 2, 3, 4], [2, 4, 6, 8]
    sums = (sum(xs), sum(ys), sum(x * x for x in xs), sum(y * y for y in ys))
    r = pearson_from_sums(4, *sums, sum(x * y for x, y in zip(xs, ys, strict=True)))
    assert r == pytest.approx(1.0)
    assert pearson_from_sums(2, 1, 1, 1, 1, 1) is None


def test_mcid_by_points_and_by_percent_of_baseline() -> None:
    assert reached_mcid("nrs", 3, 1) is True  # 2 points
    assert reached_mcid("nrs", 3, 2) is True  # 1 point is 33 % of 3
    assert reached_mcid("nrs", 8, 7) is False  # 1 point, 12.5 %
    assert reached_mcid("odi_2.1a", 60.0, 50.0) is True  # 10 points
    assert reached_mcid("odi_2.1a", 20.0, 14.0) is True  # 6 points is 30 %
    assert reached_mcid("odi_2.1a", 40.0, 32.0) is False  # 8 points, 20 %
    assert reached_mcid("rmdq_24", 12, 7) is True and reached_mcid("rmdq_24", 20, 16) is False
    assert reached_mcid("nrs", 6, 9) is False  # worse is not reaching it
    assert reached_mcid("nrs", None, 2) is None


def test_days_to_mcid_is_the_first_visit_that_reached_it() -> None:
    visits = [(date(2026, 1, 8), 5.0), (date(2026, 1, 15), 4.0), (date(2026, 1, 22), 2.0)]
    assert days_to_mcid("nrs", 6, date(2026, 1, 1), visits) == 14
    assert days_to_mcid("nrs", 6, date(2026, 1, 1), visits[:1]) is None


def test_small_cells_are_suppressed_but_zero_is_shown() -> None:
    assert [suppress(n) for n in (0, 1, 4, 5, 12)] == [0, None, None, 5, 12]
    assert share(1, 3) == 33.3 and share(1, 0) is None


def test_ages_are_banded_by_decade_and_90_and_over_together() -> None:
    assert [age_band(a) for a in (7, 40, 49, 89, 90, 104)] == [
        "0–9",
        "40–49",
        "40–49",
        "80–89",
        "90+",
        "90+",
    ]


@given(st.uuids(), st.binary(min_size=16, max_size=32))
def test_each_patient_gets_one_nonzero_keyed_date_shift(patient: object, key: bytes) -> None:
    shift = date_shift_days(key, str(patient))
    assert shift == date_shift_days(key, str(patient))
    assert 1 <= abs(shift) <= DATE_SHIFT_MAX_DAYS


def test_the_date_shift_depends_on_the_key() -> None:
    shifts = {date_shift_days(bytes([k]) * 32, "patient-1") for k in range(20)}
    assert len(shifts) > 10


EXTENSION = {"directional_preference": "extension", "dp_tests": ["REIL"]}


def test_dp_centralised_reads_the_dp_tests_of_the_first_visit() -> None:
    record = {"tests": [{"test": "REIL", "during": "centralise", "after": "centralised"}]}
    assert dp_centralised(record, {"classification": EXTENSION}) is True
    record = {"tests": [{"test": "REIL", "during": "decrease", "after": "better"}]}
    assert dp_centralised(record, {"classification": EXTENSION}) is False
    assert dp_centralised(record, {"classification": {"directional_preference": None}}) is None


def test_episode_facts_baseline_latest_mcid_and_review() -> None:
    record = {"instruments": {"nrs_back": 6, "nrs_leg": 4}, "tests": []}
    result = {
        "classification": {"syndrome": "derangement", "subgroup": "extension", **EXTENSION},
        "scores": {"odi": {"percent": 40.0}},
        "referral": {"urgency": "none"},
    }
    visits = [
        (date(2026, 1, 8), {"nrs_back": 5, "nrs_leg": 4, "odi": 34.0}),
        (date(2026, 1, 15), {"nrs_back": 3, "nrs_leg": None, "odi": 28.0}),
    ]
    facts = episode_facts(record, result, date(2026, 1, 1), visits, 5)
    assert facts.latest == {"nrs_back": 3, "nrs_leg": 4, "odi": 28.0}
    assert facts.reached == {"nrs_back": True, "nrs_leg": False, "odi": True}
    assert facts.days_to_mcid == {"nrs_back": 14, "nrs_leg": None, "odi": 14}
    assert (facts.visits, facts.review_due_on) == (3, date(2026, 1, 20))
    assert (facts.subgroup, facts.dp, facts.dp_centralised) == ("extension", "extension", False)


@given(st.integers(0, 10_000))
def test_no_count_of_one_to_four_people_is_ever_shown(n: int) -> None:
    shown = suppress(n)
    assert shown is None or shown == 0 or shown >= 5
    assert (shown is None) == (0 < n < 5)
