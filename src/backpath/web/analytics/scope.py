"""Whose figures a user may see and which filters they chose: :func:`scope_for` is the one door
to the summary rows and groups (a clinic admin: the whole clinic; a clinician: their own
caseload). :meth:`Scope.cohort` reads the stored groups of the whole months in the chosen
dates and the summary rows of the partial months at either end, so the date filter is exact."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.http import Http404

from backpath.core.analytics import DP_VALUES, SYNDROMES
from backpath.core.cohort import ROW_FIELDS, Key, Sums, episode_sums, merge
from backpath.web.clinics.access import profile_of

from .groups import month_of, next_month
from .models import EpisodeSummary, SummaryGroup

if TYPE_CHECKING:
    from django.contrib.auth.models import User

__all__ = ["FilterError", "Scope", "parse_filters", "scope_for", "whole_months"]

logger = logging.getLogger("backpath.analytics")

FILTER_FIELDS = ("since", "until", "clinician", "syndrome", "dp")
NO_DP = "none"  # the DP filter's value for "no directional preference found"


class FilterError(ValueError):
    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


@dataclass(frozen=True)
class Scope:
    clinic: Any
    user: Any
    is_admin: bool
    filters: dict[str, str]

    def summaries(self) -> QuerySet[EpisodeSummary]:
        rows = EpisodeSummary.objects.filter(clinic=self.clinic)
        if not self.is_admin:
            rows = rows.filter(clinician=self.user)
        return rows.filter(_filter_q(self.filters))

    def groups(self) -> QuerySet[SummaryGroup]:
        """The stored groups in scope, of every month (no date filter)."""
        groups = SummaryGroup.objects.filter(clinic=self.clinic)
        if not self.is_admin:
            groups = groups.filter(clinician=self.user)
        return groups.filter(_class_q(self.filters))

    def cohort(self) -> dict[Key, Sums]:
        """The outcome groups' totals: stored groups for whole months, summary rows for the
        partial months at the ends of the date range."""
        first, end = whole_months(_day(self.filters, "since"), _day(self.filters, "until"))
        months, edges = Q(), Q()
        if first is not None:
            months, edges = months & Q(month__gte=first), edges | Q(started_on__lt=first)
        if end is not None:
            months, edges = months & Q(month__lt=end), edges | Q(started_on__gte=end)
        if first is not None and end is not None and first >= end:  # no whole month
            months, edges = Q(pk__in=[]), Q()
        found = self.groups().filter(months).values_list(*GROUPED)
        got = [((s, sg, dp), Sums.from_json(sums)) for s, sg, dp, sums in found]
        rows: list[tuple[Key, Sums]] = []
        if first is not None or end is not None:
            edge = self.summaries().filter(edges).values(*ROW_FIELDS).order_by()
            for row in edge.iterator(chunk_size=2000):
                rows.append(((row["syndrome"], row["subgroup"], row["dp"]), episode_sums(row)))
        logger.debug("dashboard: %d groups, %d episode rows", len(got), len(rows))
        return merge([*got, *rows])

    def clinicians(self) -> list[tuple[str, str]]:
        """(username, name) of the clinic's users an admin may filter by."""
        users = get_user_model().objects.filter(profile__clinic=self.clinic).order_by("username")
        return [(u.username, u.get_full_name() or u.username) for u in users]


GROUPED = ("syndrome", "subgroup", "dp", "sums")


def whole_months(since: date | None, until: date | None) -> tuple[date | None, date | None]:
    """The whole months within ``since``..``until`` (inclusive) as [first, end): the first
    day of the first whole month and of the month after the last; None where open."""
    first = None if since is None else (since if since.day == 1 else next_month(since))
    end = None if until is None else month_of(until + timedelta(days=1))
    return first, end


def _day(filters: dict[str, str], key: str) -> date | None:
    return date.fromisoformat(filters[key]) if filters.get(key) else None


def _filter_q(filters: dict[str, str]) -> Q:
    q = _class_q(filters)
    if filters.get("since"):
        q &= Q(started_on__gte=date.fromisoformat(filters["since"]))
    if filters.get("until"):
        q &= Q(started_on__lte=date.fromisoformat(filters["until"]))
    return q


def _class_q(filters: dict[str, str]) -> Q:
    """The filters a stored group answers as well as a summary row."""
    q = Q()
    if filters.get("clinician"):
        q &= Q(clinician__username=filters["clinician"])
    if filters.get("syndrome"):
        q &= Q(syndrome=filters["syndrome"])
    if filters.get("dp") == NO_DP:
        q &= Q(dp="")
    elif filters.get("dp"):
        q &= Q(dp=filters["dp"])
    return q


def parse_filters(params: Mapping[str, object]) -> dict[str, str]:
    """The chosen filters, checked; :class:`FilterError` names each bad field and what it
    allows."""
    chosen = {k: str(params.get(k, "")).strip() for k in FILTER_FIELDS}
    errors = {}
    for key in ("since", "until"):
        if chosen[key]:
            try:
                date.fromisoformat(chosen[key])
            except ValueError:
                errors[key] = "expected a date as YYYY-MM-DD"
    if chosen["syndrome"] and chosen["syndrome"] not in SYNDROMES:
        errors["syndrome"] = f"expected one of {', '.join(SYNDROMES)}"
    if chosen["dp"] and chosen["dp"] not in (*DP_VALUES, NO_DP):
        errors["dp"] = f"expected one of {', '.join((*DP_VALUES, NO_DP))}"
    if len(chosen["clinician"]) > 150 or "\x00" in chosen["clinician"]:
        errors["clinician"] = "expected a clinician's user name"
    if errors:
        raise FilterError(errors)
    return {k: v for k, v in chosen.items() if v}


def scope_for(user: User, filters: dict[str, str]) -> Scope:
    """The user's scope; an admin's clinician filter must name someone at their clinic (one
    who is not, or no one, is the same 404)."""
    profile = profile_of(user)
    if not profile.is_admin:
        filters = {k: v for k, v in filters.items() if k != "clinician"}
    elif filters.get("clinician"):
        users = get_user_model().objects.filter(profile__clinic=profile.clinic)
        if not users.filter(username=filters["clinician"]).exists():
            raise Http404("No such clinician at this clinic")
    return Scope(profile.clinic, user, profile.is_admin, filters)
