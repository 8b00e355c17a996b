"""The episode's outcomes chart: visit spacing on the time axis and a legend of what was drawn."""

from __future__ import annotations

import re
from datetime import date, timedelta
from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from backpath.web.followups.outcomes import (
    LEFT,
    MIN_GAP,
    RIGHT,
    Point,
    W,
    outcomes_svg,
    x_positions,
)

WIDTH = W - LEFT - RIGHT
DAY = date(2026, 3, 2)


def _xs_of_series(svg: str, series: str) -> list[float]:
    found = re.search(rf'<polyline points="([^"]*)"[^>]*data-series="{series}"', svg)
    assert found, f"no {series} line"
    return [float(pair.split(",")[0]) for pair in found.group(1).split()]


def test_a_same_day_follow_up_is_drawn_apart_from_the_initial_assessment() -> None:
    points = [Point(DAY, "Initial", nrs_back=7), Point(DAY, "Visit 1", nrs_back=5)]
    xs = _xs_of_series(outcomes_svg(points), "nrs_back")
    assert xs[1] - xs[0] >= MIN_GAP


def test_dates_far_apart_keep_their_proportions() -> None:
    days = [DAY, DAY + timedelta(days=10), DAY + timedelta(days=40)]
    xs = x_positions(days)
    assert xs[0] == LEFT and xs[-1] == LEFT + WIDTH
    assert abs((xs[1] - LEFT) / WIDTH - 0.25) < 1e-9


@given(st.lists(st.integers(min_value=0, max_value=400), min_size=2, max_size=40))
def test_visits_never_overlap_and_stay_inside_the_chart(offsets: list[int]) -> None:
    days = sorted(DAY + timedelta(days=n) for n in offsets)
    xs = x_positions(days)
    wanted = min(MIN_GAP, WIDTH / (len(days) - 1))
    assert all(b - a >= wanted - 1e-6 for a, b in pairwise(xs))
    assert xs[0] >= LEFT - 1e-6 and xs[-1] <= LEFT + WIDTH + 1e-6


def test_the_legend_lists_only_the_measured_scores() -> None:
    points = [
        Point(DAY, "Initial", nrs_back=7),
        Point(DAY + timedelta(days=14), "Visit 1", nrs_back=3),
    ]
    svg = outcomes_svg(points)
    assert 'data-legend="nrs_back"' in svg
    for missing in ("nrs_leg", "odi", "psfs"):
        assert f'data-legend="{missing}"' not in svg and f'data-series="{missing}"' not in svg
    assert 'fill="#6b4fa0">100<' not in svg  # no ODI axis without ODI


def test_the_mcid_key_appears_only_with_an_mcid_line() -> None:
    with_baseline = outcomes_svg([Point(DAY, "Initial", nrs_back=7, psfs=4)])
    assert 'data-mcid="nrs_back"' in with_baseline and "dotted: MCID" in with_baseline
    nothing_to_mark = outcomes_svg([Point(DAY, "Initial", nrs_back=1)])  # 1 − 2 is below zero
    assert "data-mcid" not in nothing_to_mark and "dotted: MCID" not in nothing_to_mark


def test_no_points_no_chart() -> None:
    assert outcomes_svg([]) == ""
