"""A cohort's figures from mergeable sums: what the clinic dashboard shows, at any size.

Each episode's summary row contributes :func:`episode_sums`: counts, sums and sums of squares
of the changes in each outcome measure, MCID counts (the instrument registry's verdict, by
points or by percent of baseline), centralisation and adherence sums, and small histograms
where a figure needs more than a sum (days to MCID, so its median stays exact; review due
dates, so "overdue" is exact on any day; start months, discharge outcomes, referral
urgencies). Sums of any groups of episodes add up (:meth:`Sums.add`, :func:`merge`), so a
clinic's figures come from a few thousand stored groups rather than every episode, and
:func:`figures` gives the same numbers from them as from the episodes one by one: counts,
shares, medians and suppression exactly, means and confidence intervals up to the rounding
of floating-point addition (about 1e-12).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from .analytics import (
    OUTCOME_MEASURES,
    mean_ci,
    median_from_counts,
    pearson_from_sums,
    share,
    suppress,
)

__all__ = [
    "ADHERENCE_BANDS",
    "ALL",
    "MEASURES",
    "ROW_FIELDS",
    "Key",
    "Sums",
    "adherence",
    "caseload",
    "centralisation",
    "discharges",
    "episode_sums",
    "everyone",
    "figures",
    "merge",
    "outcomes",
    "safety",
]

Key = tuple[str, str, str]  # (syndrome, subgroup, dp): the dashboard's outcome groups
ALL = ("All",)
MEASURES: tuple[str, ...] = tuple(name for name, _key in OUTCOME_MEASURES)
ADHERENCE_BANDS = ((0, 50, "under 50 %"), (50, 80, "50–79 %"), (80, 101, "80 % or more"))
NO_REFERRAL = ("", "none")
K = TypeVar("K", bound=Hashable)
ROW_FIELDS: tuple[str, ...] = (  # what an episode's summary row must carry
    "syndrome",
    "subgroup",
    "dp",
    "started_on",
    "closed_on",
    "review_due_on",
    "visits",
    "dp_centralised",
    "referral_urgency",
    "discharge_outcome",
    *(f"{w}_{m}" for m in MEASURES for w in ("base", "last", "mcid", "days_mcid")),
    "adherence",
    "adherence_source",
    "red_reports",
    "red_acknowledged",
    "red_within_day",
    "red_wait_hours",
)


@dataclass
class Sums:
    """Counts and sums (``counts``) and histograms ``{value: how many}`` (``hists``) of a
    group of episodes; zeros are left out. JSON as it stands (:meth:`to_json`)."""

    counts: dict[str, float] = field(default_factory=dict)
    hists: dict[str, dict[str, int]] = field(default_factory=dict)

    def add(self, other: Sums) -> None:
        counts, hists = self.counts, self.hists
        for name, value in other.counts.items():
            counts[name] = counts.get(name, 0) + value
        for name, hist in other.hists.items():
            mine = hists.setdefault(name, {})
            for seen, n in hist.items():
                mine[seen] = mine.get(seen, 0) + n

    def to_json(self) -> dict[str, Any]:
        return {"counts": self.counts, "hists": self.hists}

    @classmethod
    def from_json(cls, doc: Mapping[str, Any]) -> Sums:
        """The sums of :meth:`to_json`'s document (sharing its dicts: add to a new one)."""
        return cls(doc.get("counts") or {}, doc.get("hists") or {})

    def n(self, name: str) -> int:
        return int(self.counts.get(name, 0))

    def total(self, name: str) -> float:
        return float(self.counts.get(name, 0))


def _count(sums: Sums, name: str, value: float | None) -> None:
    if value:
        sums.counts[name] = sums.counts.get(name, 0) + value


def _tally(sums: Sums, hist: str, value: str) -> None:
    mine = sums.hists.setdefault(hist, {})
    mine[value] = mine.get(value, 0) + 1


def episode_sums(row: Mapping[str, Any]) -> Sums:
    """What one episode (its summary row, :data:`ROW_FIELDS`) adds to its group's sums."""
    sums = Sums()
    _count(sums, "episodes", 1)
    _count(sums, "visits", row["visits"])
    _tally(sums, "started", row["started_on"].isoformat()[:7])
    if row["closed_on"] is None:
        _count(sums, "open", 1)
        if row["review_due_on"] is not None:
            _tally(sums, "review_due", row["review_due_on"].isoformat())
    else:
        _tally(sums, "discharge", row["discharge_outcome"] or "")
    if row["dp_centralised"] is not None:
        _count(sums, "dp_n", 1)
        _count(sums, "dp_yes", row["dp_centralised"] is True)
    if row["referral_urgency"] not in NO_REFERRAL:
        _tally(sums, "referral", row["referral_urgency"])
    for name, key in (("red", "red_reports"), ("acknowledged", "red_acknowledged"),
                      ("within", "red_within_day"), ("wait", "red_wait_hours")):  # fmt: skip
        _count(sums, name, row[key])
    for name in MEASURES:
        _measure_sums(sums, row, name)
    _adherence_sums(sums, row)
    return sums


def _change(row: Mapping[str, Any], name: str) -> float | None:
    base, last = row[f"base_{name}"], row[f"last_{name}"]
    return None if base is None or last is None else float(last) - float(base)


def _measure_sums(sums: Sums, row: Mapping[str, Any], name: str) -> None:
    days = row[f"days_mcid_{name}"]
    if days is not None:
        _tally(sums, f"{name}.days", str(days))
    diff = _change(row, name)
    if diff is None:
        return
    _count(sums, f"{name}.n", 1)
    _count(sums, f"{name}.base", row[f"base_{name}"])
    _count(sums, f"{name}.last", row[f"last_{name}"])
    _count(sums, f"{name}.sum", diff)
    _count(sums, f"{name}.sq", diff * diff)
    _count(sums, f"{name}.mcid", row[f"mcid_{name}"] is True)


def _adherence_sums(sums: Sums, row: Mapping[str, Any]) -> None:
    """Back-pain change against adherence, for the episodes that have both."""
    diff, done = _change(row, "nrs_back"), row["adherence"]
    if diff is None or done is None:
        return
    done = float(done)
    for i, (low, high, _label) in enumerate(ADHERENCE_BANDS):
        if low <= done < high:
            _count(sums, f"band{i}.n", 1)
            _count(sums, f"band{i}.s", diff)
            _count(sums, f"band{i}.sq", diff * diff)
    for name, value in (("sx", done), ("sy", diff), ("sxx", done * done),
                        ("syy", diff * diff), ("sxy", done * diff)):  # fmt: skip
        _count(sums, f"adh.{name}", value)
    _count(sums, "adh.n", 1)
    _count(sums, "adh.patient", row["adherence_source"] == "patient")


def merge(groups: Iterable[tuple[K, Sums]]) -> dict[K, Sums]:
    """The totals of each key (an outcome group), from the sums of any groups of episodes
    under it (new objects: the groups are not changed)."""
    totals: dict[K, Sums] = {}
    for key, sums in groups:
        if key not in totals:
            totals[key] = Sums()
        totals[key].add(sums)
    return totals


def everyone(totals: Mapping[Any, Sums]) -> Sums:
    """The sums of all the groups together."""
    return merge((ALL, s) for s in totals.values()).get(ALL, Sums())


# --- figures -------------------------------------------------------------------------------


def figures(totals: Mapping[Key, Sums], today: date) -> dict[str, Any]:
    """Every figure of the dashboard from the outcome groups' totals."""
    every = everyone(totals)
    return {
        "caseload": caseload(every, today),
        "outcomes": outcomes(totals, every),
        "discharges": discharges(every),
        "central": centralisation(totals, every),
        "adherence": adherence(every),
        "safety": safety(every),
    }


def caseload(every: Sums, today: date) -> dict[str, Any]:
    """Active (open) episodes, new this month, episodes, visits per episode and reviews
    overdue on ``today``."""
    month, day = today.isoformat()[:7], today.isoformat()
    episodes = every.n("episodes")
    return {
        "active": every.n("open"),
        "new": sum(n for m, n in every.hists.get("started", {}).items() if m >= month),
        "episodes": episodes,
        "overdue": sum(n for d, n in every.hists.get("review_due", {}).items() if d < day),
        "visits": round(every.total("visits") / episodes, 1) if episodes else None,
    }


def _days(sums: Sums, name: str) -> dict[int, int]:
    return {int(d): n for d, n in sums.hists.get(f"{name}.days", {}).items()}


def _measure(sums: Sums, name: str, days: bool) -> dict[str, Any]:
    n = sums.n(f"{name}.n")
    if not suppress(n):
        return {"n": suppress(n), "suppressed": n > 0}
    return {
        "n": n,
        "baseline": round(sums.total(f"{name}.base") / n, 1),
        "latest": round(sums.total(f"{name}.last") / n, 1),
        "change": mean_ci(n, sums.total(f"{name}.sum"), sums.total(f"{name}.sq")),
        "mcid_share": share(sums.n(f"{name}.mcid"), n),
        "median_days": median_from_counts(_days(sums, name)) if days else None,
    }


def _row(key: tuple[Any, ...], sums: Sums, days: bool = True) -> dict[str, Any]:
    return {
        "key": key,
        "episodes": suppress(sums.n("episodes")),
        "measures": {m: _measure(sums, m, days) for m in MEASURES},
    }


def outcomes(totals: Mapping[Key, Sums], every: Sums | None = None) -> list[dict[str, Any]]:
    """One row per outcome group (sorted) and ``All``: each measure's n, baseline and latest
    means, mean change with its 95 % CI, share reaching the MCID and median days to it;
    groups of fewer than five episodes suppressed. ``every``: :func:`everyone`, if known."""
    every = everyone(totals) if every is None else every
    rows = [_row(k, totals[k]) for k in sorted(totals) if totals[k].n("episodes")]
    return [*rows, _row(ALL, every)] if every.n("episodes") else rows


def centralisation(totals: Mapping[Key, Sums], every: Sums | None = None) -> dict[str, Any]:
    """How often the first visit's DP test centralised, and DP found against no DP found."""
    every = everyone(totals) if every is None else every
    found = merge(((bool(key[2]),), sums) for key, sums in totals.items())
    n = suppress(every.n("dp_n"))
    return {
        "n": n,
        "centralised": every.n("dp_yes") if n else None,
        "share": share(every.n("dp_yes"), every.n("dp_n")) if n else None,
        "compared": [_row(k, found[k], days=False) for k in sorted(found)],
    }


def adherence(every: Sums) -> dict[str, Any]:
    """Mean change in back pain by adherence band, and the correlation of the two."""
    bands = []
    for i, (_low, _high, label) in enumerate(ADHERENCE_BANDS):
        n = every.n(f"band{i}.n")
        sums = (every.total(f"band{i}.s"), every.total(f"band{i}.sq"))
        change = mean_ci(n, *sums) if suppress(n) else None
        bands.append({"label": label, "n": suppress(n), "change": change})
    paired = every.n("adh.n")
    xy = tuple(every.total(f"adh.{k}") for k in ("sx", "sy", "sxx", "syy", "sxy"))
    r = pearson_from_sums(paired, *xy)
    shown = suppress(paired)
    return {
        "bands": bands,
        "n": shown,
        "patient_logged": every.n("adh.patient") if shown else None,
        "r": None if not shown or r is None else round(r, 2),
    }


def safety(every: Sums) -> dict[str, Any]:
    """Red self-reports and how soon they were acknowledged; referrals by urgency."""
    red, done = every.n("red"), every.n("acknowledged")
    referrals = every.hists.get("referral", {})
    return {
        "red": red,
        "acknowledged": done,
        "open": red - done,
        "within_day": share(every.n("within"), done),
        "mean_hours": round(every.total("wait") / done, 1) if done else None,
        "referrals": [(u, referrals[u]) for u in sorted(referrals) if referrals[u]],
    }


def discharges(every: Sums) -> list[tuple[str, int | None]]:
    """Closed episodes by discharge outcome (small counts suppressed)."""
    closed = every.hists.get("discharge", {})
    return [(o or "not recorded", suppress(closed[o])) for o in sorted(closed) if closed[o]]
