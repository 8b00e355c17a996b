"""The dashboard's figures: aggregate queries over the summary rows (sums, counts and
histograms in SQL), turned into statistics by :mod:`backpath.core.analytics`."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from typing import Any

from django.db.models import (
    Avg,
    BooleanField,
    Count,
    DurationField,
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
from backpath.web.programmes.models import SessionLog

from .models import EpisodeSummary
from .scope import Scope

__all__ = ["ADHERENCE_BANDS", "adherence", "caseload", "centralisation", "outcomes", "safety"]

MEASURES = tuple(name for name, _key in OUTCOME_MEASURES)
GROUP = ("syndrome", "subgroup", "dp")
ADHERENCE_BANDS = ((0, 50, "under 50 %"), (50, 80, "50–79 %"), (80, 101, "80 % or more"))
ACK_WITHIN = timedelta(hours=24)


def caseload(rows: QuerySet[EpisodeSummary], today: date) -> dict[str, Any]:
    month = today.replace(day=1)
    open_ = Q(closed_on__isnull=True)
    got = rows.aggregate(
        active=Count("pk", filter=open_),
        new=Count("pk", filter=Q(started_on__gte=month)),
        episodes=Count("pk"),
        visits=Avg("visits"),
        overdue=Count("pk", filter=open_ & Q(review_due_on__lt=today)),
    )
    got["visits"] = None if got["visits"] is None else round(got["visits"], 1)
    return got


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


def outcomes(rows: QuerySet[EpisodeSummary], group: tuple[str, ...] = GROUP) -> list[dict]:
    """One row per group (and ``All``): each measure's n, baseline and latest means, mean
    change with its 95 % CI, share reaching the MCID and median days to it. Groups of fewer
    than five episodes are suppressed."""
    sums = {k: v for name in MEASURES for k, v in _sums(name).items()}
    days = {name: _days(rows, group, name) for name in MEASURES}
    grouped = rows.values(*group).annotate(episodes=Count("pk"), **sums).order_by(*group)
    result = []
    for got in grouped:
        key = tuple(got[g] for g in group)
        result.append(_row(got, key, {m: days[m].get(key, {}) for m in MEASURES}))
    everyone = rows.aggregate(episodes=Count("pk"), **sums)
    total_days = {m: _merged(days[m]) for m in MEASURES}
    if everyone["episodes"]:
        result.append(_row(everyone, ("All",), total_days))
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


def centralisation(rows: QuerySet[EpisodeSummary]) -> dict[str, Any]:
    """How often the first visit's DP test centralised, and DP found against no DP found."""
    got = rows.filter(dp_centralised__isnull=False).aggregate(
        n=Count("pk"), yes=Count("pk", filter=Q(dp_centralised=True))
    )
    annotated = rows.annotate(dp_found=ExpressionWrapper(~Q(dp=""), output_field=BooleanField()))
    compared = outcomes(annotated, ("dp_found",))
    return {
        "n": suppress(got["n"]),
        "centralised": got["yes"] if suppress(got["n"]) else None,
        "share": share(got["yes"], got["n"]) if suppress(got["n"]) else None,
        "compared": [r for r in compared if r["key"] != ("All",)],
    }


def adherence(rows: QuerySet[EpisodeSummary]) -> dict[str, Any]:
    """Mean change in back pain by adherence band, and the correlation of the two."""
    name, diff = "nrs_back", _change("nrs_back")
    paired = rows.filter(_both(name), adherence__isnull=False)
    bands = []
    for low, high, label in ADHERENCE_BANDS:
        got = paired.filter(adherence__gte=low, adherence__lt=high).aggregate(
            n=Count("pk"), s=Sum(diff), sq=Sum(diff * diff)
        )
        n = suppress(got["n"])
        ci = mean_ci(got["n"], got["s"] or 0.0, got["sq"] or 0.0) if n else None
        bands.append({"label": label, "n": n, "change": ci})
    got = paired.aggregate(
        n=Count("pk"),
        sx=Sum("adherence"),
        sy=Sum(diff),
        sxx=Sum(F("adherence") * F("adherence")),
        syy=Sum(diff * diff),
        sxy=Sum(F("adherence") * diff),
        patient=Count("pk", filter=Q(adherence_source="patient")),
    )
    sums = [float(got[k] or 0.0) for k in ("sx", "sy", "sxx", "syy", "sxy")]
    r = pearson_from_sums(got["n"], *sums)
    shown = suppress(got["n"])
    return {
        "bands": bands,
        "n": shown,
        "patient_logged": suppress(got["patient"]) if shown else None,
        "r": None if not shown or r is None else round(r, 2),
    }


def safety(scope: Scope, rows: QuerySet[EpisodeSummary]) -> dict[str, Any]:
    """Red self-reports and how soon they were acknowledged; referrals by urgency."""
    logs = SessionLog.objects.filter(light="red", patient__clinic=scope.clinic)
    if not scope.is_admin or scope.filters:
        logs = logs.filter(plan__episode__in=rows.values("episode_id"))
    waited = ExpressionWrapper(F("acknowledged_at") - F("at"), output_field=DurationField())
    got = logs.aggregate(
        red=Count("pk"),
        acknowledged=Count("pk", filter=Q(acknowledged_at__isnull=False)),
        within=Count("pk", filter=Q(acknowledged_at__lte=F("at") + ACK_WITHIN)),
        mean_wait=Avg(waited),
    )
    wait = got["mean_wait"]
    referrals = rows.exclude(referral_urgency__in=["", "none"]).values("referral_urgency")
    by_urgency = referrals.annotate(c=Count("pk")).order_by("referral_urgency")
    return {
        "red": got["red"],
        "acknowledged": got["acknowledged"],
        "open": got["red"] - got["acknowledged"],
        "within_day": share(got["within"], got["acknowledged"]),
        "mean_hours": None if wait is None else round(wait.total_seconds() / 3600, 1),
        "referrals": [(r["referral_urgency"], r["c"]) for r in by_urgency],
    }
