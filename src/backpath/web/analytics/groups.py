"""The dashboard's stored groups (:class:`SummaryGroup`): the sums of the episodes of one
clinic, clinician, start month, classification and DP, kept by the job queue.

A change to an episode's summary row enqueues :func:`refresh_groups` for the group it left and
the group it joined (:func:`changed`, connected in :mod:`.signals`). The job recomputes each
group from its episodes' summary rows, never by increments, so a job that runs late or twice
leaves the same sums; the group's row is locked while it is recomputed, so two workers do not
interleave. :func:`rebuild_groups` recomputes them all (``rebuild_summaries``, ``seed_bench``).
What an episode adds to a group is the core's (:func:`backpath.core.cohort.episode_sums`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from backpath.core.cohort import ROW_FIELDS, Key, Sums, episode_sums, merge
from backpath.web.jobs.queue import job, later

from .models import EpisodeSummary, SummaryGroup

__all__ = [
    "KEY_FIELDS",
    "changed",
    "from_rows",
    "group_key",
    "month_of",
    "next_month",
    "quiet",
    "rebuild_groups",
    "refresh_group",
    "refresh_groups",
]

KEY_FIELDS = ("clinic_id", "clinician_id", "month", "syndrome", "subgroup", "dp")
SAME = ("clinic_id", "clinician_id", *ROW_FIELDS)  # a save that changes none of these: no job
BATCH = 1000
_QUIET: ContextVar[bool] = ContextVar("analytics_groups_quiet", default=False)


@contextmanager
def quiet() -> Iterator[None]:
    """Within: summary writes enqueue no refresh (the caller rebuilds the groups after)."""
    token = _QUIET.set(True)
    try:
        yield
    finally:
        _QUIET.reset(token)


def month_of(day: date) -> date:
    return day.replace(day=1)


def next_month(month: date) -> date:
    return (month.replace(day=1) + timedelta(days=32)).replace(day=1)


def group_key(row: Mapping[str, Any]) -> list[Any] | None:
    """A summary row's group, JSON-friendly: [clinic, clinician, month, syndrome, subgroup,
    dp] (``row``: a summary's field values by attribute name; None when some are missing)."""
    needed = ("clinic_id", "clinician_id", "started_on", *KEY_FIELDS[3:])
    if any(row.get(k) is None for k in needed):
        return None
    month = month_of(row["started_on"]).isoformat()
    return [str(row["clinic_id"]), row["clinician_id"], month, *(row[k] for k in KEY_FIELDS[3:])]


def from_rows(rows: QuerySet[EpisodeSummary]) -> dict[Key, Sums]:
    """The outcome groups' totals of ``rows``, episode by episode."""
    found = rows.values(*ROW_FIELDS).order_by().iterator(chunk_size=2000)
    return merge(((r["syndrome"], r["subgroup"], r["dp"]), episode_sums(r)) for r in found)


def _values(summary: EpisodeSummary) -> dict[str, Any]:
    return {name: getattr(summary, name) for name in SAME}


def changed(summary: EpisodeSummary, deleted: bool = False) -> None:
    """After a summary row was saved or deleted: enqueue the refresh of the group it left and
    the one it joined (nothing when a save changed none of the figures' fields)."""
    before, now = summary.loaded, _values(summary)
    summary.loaded = None if deleted else now  # the next save starts from here
    if _QUIET.get():
        return
    if not deleted and before is not None and all(before.get(k) == v for k, v in now.items()):
        return
    keys: list[list[Any]] = []
    for values in (before, now):
        key = group_key(values) if values else None
        if key is not None and key not in keys:
            keys.append(key)
    if keys:
        later(refresh_groups, keys, clinic_id=str(now["clinic_id"]))


@job("Refresh the dashboard's figures of the episodes that changed")
def refresh_groups(keys: list[list[Any]], clinic_id: str | None = None) -> int:
    """Recompute each group (idempotent); returns how many groups hold episodes now."""
    return sum(refresh_group(key) is not None for key in keys)


def refresh_group(key: Sequence[Any]) -> SummaryGroup | None:
    """Recompute one group from its episodes' summary rows (deleted when none are left)."""
    clinic, clinician, month, syndrome, subgroup, dp = key
    start = date.fromisoformat(month)
    where = {"clinic_id": clinic, "clinician_id": clinician, "syndrome": syndrome}
    where |= {"subgroup": subgroup, "dp": dp}
    with transaction.atomic():
        mine = SummaryGroup.objects.filter(**where, month=start)
        list(mine.select_for_update())  # one recomputation of a group at a time
        rows = EpisodeSummary.objects.filter(
            **where, started_on__gte=start, started_on__lt=next_month(start)
        )
        total = Sums()
        for row in rows.values(*ROW_FIELDS).order_by("episode_id").iterator(chunk_size=2000):
            total.add(episode_sums(row))
        if not total.n("episodes"):
            mine.delete()
            return None
        group, _ = SummaryGroup.objects.update_or_create(
            **where, month=start, defaults={"sums": total.to_json()}
        )
    return group


def rebuild_groups(clinics: Iterable[Any] | None = None) -> int:
    """Recompute every group (of ``clinics``, or all) from the summary rows, e.g. after rows
    were written in bulk; returns how many groups there are."""
    rows = EpisodeSummary.objects.all()
    kept = SummaryGroup.objects.all()
    if clinics is not None:
        rows, kept = rows.filter(clinic__in=list(clinics)), kept.filter(clinic__in=list(clinics))
    sums: dict[tuple[Any, ...], Sums] = {}
    found = rows.values("clinic_id", "clinician_id", *ROW_FIELDS).order_by("episode_id")
    for row in found.iterator(chunk_size=5000):
        key: tuple[Any, ...] = (row["clinic_id"], row["clinician_id"], month_of(row["started_on"]))
        key += (row["syndrome"], row["subgroup"], row["dp"])
        if key not in sums:
            sums[key] = Sums()
        sums[key].add(episode_sums(row))
    with transaction.atomic():
        kept.delete()
        SummaryGroup.objects.bulk_create(
            (
                SummaryGroup(**dict(zip(KEY_FIELDS, key, strict=True)), sums=s.to_json())
                for key, s in sums.items()
            ),
            batch_size=BATCH,
        )
    return len(sums)
