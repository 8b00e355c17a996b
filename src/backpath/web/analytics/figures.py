"""The dashboard's figures: aggregate queries over the summary rows (sums, counts and
histograms in SQL), turned into statistics by :mod:`backpath.core.analytics`."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from django.db.models import (
    Avg,
    BooleanField,
    Count,
    ExpressionWrapper,
    F,
    FloatField,
    Q,
    QuerySet,
    Sum,
)

from backpath.core.analytics import (
    OUTCOME_MEASURES,
    mean_ci,
    median_from_counts,
    pearson_from_sums,
    share,
    suppress,
)

from .models import EpisodeSummary

__all__ = [
    "ADHERENCE_BANDS",
    "adherence",
    "caseload",
    "centralisation",
    "discharges",
    "outcomes",
    "safety",
    "totals",
]

MEASURES = tuple(name for name, _key in OUTCOME_MEASURES)
GROUP = ("syndrome", "subgroup", "dp")
ADHERENCE_BANDS = ((0, 50, "under 50 %"), (50, 80, "50–79 %"), (80, 101, "80 % or more"))


def totals(rows: QuerySet[EpisodeSummary], today: date) -> dict[str, Any]:
    """Every whole-selection figure in one pass over the summary rows."""
    month, open_ = today.replace(day=1), Q(closed_on__isnull=True)
    sums: dict[str, Any] = {
        "active": Count("pk", filter=open_),
        "new": Count("pk", filter=Q(started_on__gte=month)),
        "visits": Avg("visits"),
        "overdue": Count("pk", filter=open_ & Q(review_due_on__lt=today)),
        "dp_n": Count("pk", filter=Q(dp_centralised__isnull=False)),
        "dp_yes": Count("pk", filter=Q(dp_centralised=True)),
        "red": Sum("red_reports"),
        "acknowledged": Sum("red_acknowledged"),
        "within": Sum("red_within_day"),
        "wait": Sum("red_wait_hours"),
        **_adherence_sums(),
    }
    for name in MEASURES:
        sums.update(_sums(name))
    return rows.aggregate(episodes=Count("pk"), **sums)


def caseload(rows: QuerySet[EpisodeSummary], today: date, got: dict | None = None) -> dict:
    got = got or totals(rows, today)
    visits = got["visits"]
    keys = ("active", "new", "episodes", "overdue")
    return {**{k: got[k] for k in keys}, "visits": None if visits is None else round(visits, 1)}


def _change(name: str) -> ExpressionWrapper:
    return ExpressionWrapper(F(f"last_{name}") - F(f"base_{name}"), output_field=FloatField())


def _both(name: str) -> Q:
    return Q(**{f"base_{name}__isnull": False, f"last_{name}__isnull": False})


def _sums(name: str) -> dict[str, Any]:
    both, diff = _both(name), _change(name)
    return {
        f"{name}_n": Count("pk", filter=both),
        f"{name}_base": Avg(f"base_{name}", filter=both),
        f"{name}_last": Avg(f"last_{name}", filter=both),
        f"{name}_sum": Sum(diff, filter=both),
        f"{name}_sq": Sum(diff * diff, filter=both),
        f"{name}_mcid": Count("pk", filter=both & Q(**{f"mcid_{name}": True})),
    }


def _days(rows: QuerySet[EpisodeSummary], group: tuple[str, ...], name: str) -> dict[Any, Any]:
    """Per group: a histogram {days to MCID: episodes}."""
    field = f"days_mcid_{name}"
    hist: dict[Any, dict[int, int]] = defaultdict(dict)
    found = rows.filter(**{f"{field}__isnull": False}).values(*group, field).annotate(c=Count("pk"))
    for row in found.order_by():
        hist[tuple(row[g] for g in group)][row[field]] = row["c"]
    return hist


def _measure(got: dict[str, Any], name: str, days: dict[int, int]) -> dict[str, Any]:
    n = got[f"{name}_n"]
    shown = suppress(n)
    if not shown:
        return {"n": shown, "suppressed": n > 0}
    ci = mean_ci(n, got[f"{name}_sum"] or 0.0, got[f"{name}_sq"] or 0.0)
    return {
        "n": n,
        "baseline": round(got[f"{name}_base"], 1),
        "latest": round(got[f"{name}_last"], 1),
        "change": ci,
        "mcid_share": share(got[f"{name}_mcid"], n),
        "median_days": median_from_counts(days),
    }


def outcomes(
    rows: QuerySet[EpisodeSummary],
    group: tuple[str, ...] = GROUP,
    everyone: dict[str, Any] | None = None,
    days: bool = True,
) -> list[dict[str, Any]]:
    """One row per group (and ``All``): each measure's n, baseline and latest means, mean
    change with its 95 % CI, share reaching the MCID and median days to it. Groups of fewer
    than five episodes are suppressed. ``everyone``: the selection's :func:`totals`."""
    sums = {k: v for name in MEASURES for k, v in _sums(name).items()}
    hists = {name: _days(rows, group, name) if days else {} for name in MEASURES}
    grouped = rows.values(*group).annotate(episodes=Count("pk"), **sums).order_by(*group)
    result = []
    for got in grouped:
        key = tuple(got[g] for g in group)
        result.append(_row(got, key, {m: hists[m].get(key, {}) for m in MEASURES}))
    if everyone is None:
        everyone = rows.aggregate(episodes=Count("pk"), **sums)
    if everyone["episodes"]:
        result.append(_row(everyone, ("All",), {m: _merged(hists[m]) for m in MEASURES}))
    return result


def _merged(hists: dict[Any, dict[int, int]]) -> dict[int, int]:
    merged: dict[int, int] = defaultdict(int)
    for hist in hists.values():
        for day, count in hist.items():
            merged[day] += count
    return merged


def _row(got: dict[str, Any], key: tuple[Any, ...], days: dict[str, Any]) -> dict[str, Any]:
    return {
        "key": key,
        "episodes": suppress(got["episodes"]),
        "measures": {m: _measure(got, m, days[m]) for m in MEASURES},
    }


def discharges(rows: QuerySet[EpisodeSummary]) -> list[tuple[str, int | None]]:
    closed = rows.filter(closed_on__isnull=False).values("discharge_outcome")
    counted = closed.annotate(c=Count("pk")).order_by("discharge_outcome")
    return [(r["discharge_outcome"] or "not recorded", suppress(r["c"])) for r in counted]


def centralisation(
    rows: QuerySet[EpisodeSummary], today: date, got: dict[str, Any] | None = None
) -> dict[str, Any]:
    """How often the first visit's DP test centralised, and DP found against no DP found."""
    got = got or totals(rows, today)
    dp_found = ExpressionWrapper(~Q(dp=""), output_field=BooleanField())
    compared = outcomes(rows.annotate(dp_found=dp_found), ("dp_found",), days=False)
    n = suppress(got["dp_n"])
    return {
        "n": n,
        "centralised": got["dp_yes"] if n else None,
        "share": share(got["dp_yes"], got["dp_n"]) if n else None,
        "compared": [r for r in compared if r["key"] != ("All",)],
    }


def _adherence_sums() -> dict[str, Any]:
    diff, paired = _change("nrs_back"), _both("nrs_back") & Q(adherence__isnull=False)
    sums: dict[str, Any] = {}
    for i, (low, high, _label) in enumerate(ADHERENCE_BANDS):
        band = paired & Q(adherence__gte=low, adherence__lt=high)
        sums[f"band{i}_n"] = Count("pk", filter=band)
        sums[f"band{i}_s"] = Sum(diff, filter=band)
        sums[f"band{i}_sq"] = Sum(diff * diff, filter=band)
    adherence = F("adherence")
    for key, expr in (("sx", adherence), ("sy", diff), ("sxx", adherence * adherence),
                      ("syy", diff * diff), ("sxy", adherence * diff)):  # fmt: skip
        sums[f"adh_{key}"] = Sum(expr, filter=paired)
    sums["adh_n"] = Count("pk", filter=paired)
    sums["adh_patient"] = Count("pk", filter=paired & Q(adherence_source="patient"))
    return sums


def adherence(
    rows: QuerySet[EpisodeSummary], today: date, got: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Mean change in back pain by adherence band, and the correlation of the two."""
    got = got or totals(rows, today)
    bands = []
    for i, (_low, _high, label) in enumerate(ADHERENCE_BANDS):
        n = got[f"band{i}_n"]
        ci = (
            mean_ci(n, got[f"band{i}_s"] or 0.0, got[f"band{i}_sq"] or 0.0) if suppress(n) else None
        )
        bands.append({"label": label, "n": suppress(n), "change": ci})
    sums = [float(got[f"adh_{k}"] or 0.0) for k in ("sx", "sy", "sxx", "syy", "sxy")]
    r = pearson_from_sums(got["adh_n"], *sums)
    shown = suppress(got["adh_n"])
    return {
        "bands": bands,
        "n": shown,
        "patient_logged": got["adh_patient"] if shown else None,
        "r": None if not shown or r is None else round(r, 2),
    }


def safety(
    rows: QuerySet[EpisodeSummary], today: date, got: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Red self-reports and how soon they were acknowledged; referrals by urgency."""
    got = got or totals(rows, today)
    red, done = got["red"] or 0, got["acknowledged"] or 0
    referrals = rows.exclude(referral_urgency__in=["", "none"]).values("referral_urgency")
    by_urgency = referrals.annotate(c=Count("pk")).order_by("referral_urgency")
    return {
        "red": red,
        "acknowledged": done,
        "open": red - done,
        "within_day": share(got["within"] or 0, done),
        "mean_hours": round(got["wait"] / done, 1) if done else None,
        "referrals": [(r["referral_urgency"], r["c"]) for r in by_urgency],
    }
