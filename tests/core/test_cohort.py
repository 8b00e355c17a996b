"""The cohort's mergeable sums: the figures of any groups of episodes, merged, are the figures
of the episodes one by one (worked by hand, and for random episodes split at random)."""

from __future__ import annotations

import json
import math
import statistics
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backpath.core.analytics import DP_VALUES, SYNDROMES, share, suppress, t_quantile
from backpath.core.cohort import (
    ADHERENCE_BANDS,
    ALL,
    MEASURES,
    ROW_FIELDS,
    Sums,
    episode_sums,
    everyone,
    figures,
    merge,
)

TODAY = date(2026, 12, 2)


def row(**fields: Any) -> dict[str, Any]:
    """A summary row: an extension derangement started on 1 October, open, nothing scored."""
    base: dict[str, Any] = {name: None for name in ROW_FIELDS}
    base |= {"syndrome": "derangement", "subgroup": "extension", "dp": "extension"}
    base |= {"started_on": date(2026, 10, 1), "visits": 3, "adherence_source": ""}
    base |= {"referral_urgency": "none", "discharge_outcome": ""}
    base |= {"red_reports": 0, "red_acknowledged": 0, "red_within_day": 0, "red_wait_hours": 0}
    return base | fields


def back(base: float, last: float, reached: bool, days: int | None = None) -> dict[str, Any]:
    return {
        "base_nrs_back": base,
        "last_nrs_back": last,
        "mcid_nrs_back": reached,
        "days_mcid_nrs_back": days,
    }


def totals(rows: list[dict[str, Any]]) -> dict[Any, Sums]:
    return merge(((r["syndrome"], r["subgroup"], r["dp"]), episode_sums(r)) for r in rows)


FIVE = [(6, 5, False, None), (6, 4, True, 7), (3, 2, True, 14), (8, 7, False, None)]
FIVE += [(8, 6, True, 21)]


def test_five_episodes_by_hand_from_two_groups() -> None:
    """Back pain 6→5, 6→4, 3→2, 8→7, 8→6: changes -1 -2 -1 -1 -2, mean -1.4, CI -2.08 to
    -0.72; MCID 3 of 5; days 7, 14, 21, median 14; the same whichever way they are split."""
    rows = [row(**back(*p)) for p in FIVE]
    first, second = Sums(), Sums()
    for n, r in enumerate(rows):
        (first if n < 2 else second).add(episode_sums(r))
    key = ("derangement", "extension", "extension")
    got = figures(merge([(key, first), (key, second)]), TODAY)["outcomes"]
    back_pain = got[0]["measures"]["nrs_back"]
    assert (back_pain["n"], back_pain["baseline"], back_pain["latest"]) == (5, 6.2, 4.8)
    assert back_pain["change"].mean == pytest.approx(-1.4)
    assert back_pain["change"].low == pytest.approx(-2.0801, abs=1e-3)
    assert back_pain["change"].high == pytest.approx(-0.7199, abs=1e-3)
    assert (back_pain["mcid_share"], back_pain["median_days"]) == (60.0, 14)
    assert got[-1]["key"] == ALL and got[-1]["measures"]["nrs_back"]["n"] == 5


def test_caseload_counts_new_this_month_and_reviews_overdue_on_the_day() -> None:
    rows = [
        row(started_on=date(2026, 12, 1), review_due_on=date(2026, 12, 6), visits=6),
        row(started_on=date(2026, 11, 1), review_due_on=date(2026, 11, 20)),
        row(closed_on=date(2026, 11, 2), review_due_on=date(2026, 11, 1)),
    ]
    got = figures(totals(rows), TODAY)["caseload"]
    assert got == {"active": 2, "new": 1, "episodes": 3, "visits": 4.0, "overdue": 1}
    later = figures(totals(rows), date(2026, 12, 7))["caseload"]
    assert later["overdue"] == 2 and later["new"] == 1


def test_sums_survive_json_and_merging_leaves_the_groups_unchanged() -> None:
    sums = episode_sums(row(**back(6, 2, True, 7), adherence=80.0, closed_on=TODAY))
    again = Sums.from_json(json.loads(json.dumps(sums.to_json())))
    assert again == sums
    merged = merge([("k", again), ("k", again)])["k"]
    assert merged.n("episodes") == 2 and again.n("episodes") == 1
    assert merged.hists["nrs_back.days"] == {"7": 2} and again.hists["nrs_back.days"] == {"7": 1}


# --- random episodes ------------------------------------------------------------------------

DAYS = st.dates(date(2025, 6, 1), date(2027, 1, 31))


def _scores(top: int) -> st.SearchStrategy[dict[str, Any]]:
    score = st.none() | st.integers(0, top)
    return st.fixed_dictionaries(
        {"base": score, "last": score, "mcid": st.none() | st.booleans()}
    ).map(lambda s: {**s, "mcid": s["mcid"] if None not in (s["base"], s["last"]) else None})


@st.composite
def episodes(draw: st.DrawFn) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "syndrome": draw(st.sampled_from(SYNDROMES[:2])),
        "subgroup": draw(st.sampled_from(("", "extension"))),
        "dp": draw(st.sampled_from(("", DP_VALUES[0]))),
        "started_on": draw(DAYS),
        "closed_on": draw(st.none() | DAYS),
        "review_due_on": draw(st.none() | DAYS),
        "visits": draw(st.integers(1, 12)),
        "dp_centralised": draw(st.none() | st.booleans()),
        "referral_urgency": draw(st.sampled_from(("", "none", "soon", "urgent"))),
        "discharge_outcome": draw(st.sampled_from(("", "improved", "referred_on"))),
        "adherence": draw(st.none() | st.integers(0, 100)),
        "adherence_source": draw(st.sampled_from(("", "patient", "clinician"))),
    }
    red = draw(st.integers(0, 3))
    done = draw(st.integers(0, red))
    fields |= {"red_reports": red, "red_acknowledged": done}
    fields |= {"red_within_day": draw(st.integers(0, done)), "red_wait_hours": 2 * done}
    for name in MEASURES:
        got = draw(_scores(100 if name == "odi" else 10))
        fields |= {f"base_{name}": got["base"], f"last_{name}": got["last"]}
        fields[f"mcid_{name}"] = got["mcid"]
        reached = got["mcid"] is True
        fields[f"days_mcid_{name}"] = draw(st.integers(0, 90)) if reached else None
    return fields


def _ci(values: list[float]) -> tuple[float, float | None, float | None]:
    mean = statistics.fmean(values)
    if len(values) < 2:
        return mean, None, None
    half = t_quantile(0.975, len(values) - 1) * statistics.stdev(values) / math.sqrt(len(values))
    return mean, mean - half, mean + half


def _expected_measure(rows: list[dict[str, Any]], name: str) -> dict[str, Any]:
    """A measure's cell computed from the episodes one by one."""
    both = [r for r in rows if r[f"base_{name}"] is not None and r[f"last_{name}"] is not None]
    if not suppress(len(both)):
        return {"n": suppress(len(both)), "suppressed": len(both) > 0}
    days = [r[f"days_mcid_{name}"] for r in rows if r[f"days_mcid_{name}"] is not None]
    return {
        "n": len(both),
        "baseline": round(statistics.fmean(r[f"base_{name}"] for r in both), 1),
        "latest": round(statistics.fmean(r[f"last_{name}"] for r in both), 1),
        "change": _ci([r[f"last_{name}"] - r[f"base_{name}"] for r in both]),
        "mcid_share": share(sum(r[f"mcid_{name}"] is True for r in both), len(both)),
        "median_days": statistics.median(days) if days else None,
    }


def _same_measure(got: dict[str, Any], expected: dict[str, Any]) -> None:
    if "change" not in expected:
        assert got == expected
        return
    ci = got["change"]
    assert pytest.approx(expected["change"], abs=1e-9) == (ci.mean, ci.low, ci.high)
    assert {k: v for k, v in got.items() if k != "change"} == {
        k: v for k, v in expected.items() if k != "change"
    }


def _check_outcomes(got: list[dict[str, Any]], rows: list[dict[str, Any]]) -> None:
    keys = sorted({(r["syndrome"], r["subgroup"], r["dp"]) for r in rows})
    assert [g["key"] for g in got] == [*keys, ALL]
    for group in got:
        mine = [r for r in rows if group["key"] in (ALL, (r["syndrome"], r["subgroup"], r["dp"]))]
        assert group["episodes"] == suppress(len(mine))
        for name in MEASURES:
            _same_measure(group["measures"][name], _expected_measure(mine, name))


def _check_the_rest(got: dict[str, Any], rows: list[dict[str, Any]]) -> None:
    open_ = [r for r in rows if r["closed_on"] is None]
    assert got["caseload"]["active"] == len(open_)
    assert got["caseload"]["new"] == sum(r["started_on"] >= TODAY.replace(day=1) for r in rows)
    assert got["caseload"]["overdue"] == sum(
        r["review_due_on"] is not None and r["review_due_on"] < TODAY for r in open_
    )
    with_dp = [r["dp_centralised"] for r in rows if r["dp_centralised"] is not None]
    shown = suppress(len(with_dp))
    assert got["central"]["n"] == shown
    assert got["central"]["share"] == (share(sum(with_dp), len(with_dp)) if shown else None)
    paired = [r for r in rows if r["adherence"] is not None and r["base_nrs_back"] is not None]
    paired = [r for r in paired if r["last_nrs_back"] is not None]
    for band, (low, high, _label) in zip(got["adherence"]["bands"], ADHERENCE_BANDS, strict=True):
        mine = [r for r in paired if low <= r["adherence"] < high]
        assert band["n"] == suppress(len(mine))
        if band["n"]:
            change = [r["last_nrs_back"] - r["base_nrs_back"] for r in mine]
            assert band["change"].mean == pytest.approx(statistics.fmean(change))
    red = sum(r["red_reports"] for r in rows)
    assert (got["safety"]["red"], got["safety"]["open"]) == (
        red,
        red - sum(r["red_acknowledged"] for r in rows),
    )
    closed = [r["discharge_outcome"] for r in rows if r["closed_on"]]  # sorted as stored
    expected = [(o or "not recorded", suppress(closed.count(o))) for o in sorted(set(closed))]
    assert got["discharges"] == expected


@settings(max_examples=150, deadline=None)
@given(st.lists(episodes(), min_size=1, max_size=50), st.data())
def test_merged_groups_give_the_figures_of_the_episodes_one_by_one(
    rows: list[dict[str, Any]], data: st.DataObject
) -> None:
    """Split at random into stored groups (through JSON), merged in any order: the same
    figures as from every episode on its own, and as computed here episode by episode."""
    split = data.draw(st.lists(st.integers(0, 6), min_size=len(rows), max_size=len(rows)))
    groups: dict[Any, Sums] = {}
    for r, part in zip(rows, split, strict=True):
        key = (r["syndrome"], r["subgroup"], r["dp"])
        groups.setdefault((part, key), Sums()).add(episode_sums(r))
    stored = [
        (k[1], Sums.from_json(json.loads(json.dumps(s.to_json())))) for k, s in groups.items()
    ]
    order = data.draw(st.permutations(range(len(stored))))
    got = figures(merge(stored[i] for i in order), TODAY)
    assert got == figures(totals(rows), TODAY)
    _check_outcomes(got["outcomes"], rows)
    _check_the_rest(got, rows)


@given(st.lists(episodes(), min_size=0, max_size=30))
def test_everyone_is_the_sum_of_every_group(rows: list[dict[str, Any]]) -> None:
    assert everyone(totals(rows)).n("episodes") == len(rows)
    assert everyone(totals(rows)).n("visits") == sum(r["visits"] for r in rows)


def test_a_group_of_fewer_than_five_is_suppressed_but_counts_in_all() -> None:
    rows = [row(**back(*p)) for p in FIVE]
    rows += [row(syndrome="dysfunction", subgroup="flexion", dp="", **back(5, 1, True, 9))] * 2
    got = {r["key"]: r for r in figures(totals(rows), TODAY)["outcomes"]}
    small = got[("dysfunction", "flexion", "")]
    assert small["episodes"] is None
    assert small["measures"]["nrs_back"] == {"n": None, "suppressed": True}
    assert got[ALL]["measures"]["nrs_back"]["n"] == 7


def test_review_dates_far_apart_stay_exact() -> None:
    start = date(2026, 1, 1)
    rows = [row(review_due_on=start + timedelta(days=d)) for d in range(0, 400, 7)]
    got = figures(totals(rows), TODAY)["caseload"]
    assert got["overdue"] == sum(start + timedelta(days=d) < TODAY for d in range(0, 400, 7))
