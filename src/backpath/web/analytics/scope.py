"""Whose figures a user may see and which filters they chose: :func:`scope_for` is the one door
to the summary rows (a clinic admin: the whole clinic; a clinician: their own caseload)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from backpath.core.analytics import DP_VALUES, SYNDROMES
from backpath.web.clinics.access import profile_of

from .models import EpisodeSummary

__all__ = ["FilterError", "Scope", "parse_filters", "scope_for"]

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

    def clinicians(self) -> list[tuple[str, str]]:
        """(username, name) of the clinic's users an admin may filter by."""
        users = get_user_model().objects.filter(profile__clinic=self.clinic).order_by("username")
        return [(u.username, u.get_full_name() or u.username) for u in users]


def _filter_q(filters: dict[str, str]) -> Q:
    q = Q()
    if filters.get("since"):
        q &= Q(started_on__gte=date.fromisoformat(filters["since"]))
    if filters.get("until"):
        q &= Q(started_on__lte=date.fromisoformat(filters["until"]))
    if filters.get("clinician"):
        q &= Q(clinician__username=filters["clinician"])
    if filters.get("syndrome"):
        q &= Q(syndrome=filters["syndrome"])
    if filters.get("dp") == NO_DP:
        q &= Q(dp="")
    elif filters.get("dp"):
        q &= Q(dp=filters["dp"])
    return q


def parse_filters(params: Any) -> dict[str, str]:
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


def scope_for(user: Any, filters: dict[str, str]) -> Scope:
    profile = profile_of(user)
    if not profile.is_admin:
        filters = {k: v for k, v in filters.items() if k != "clinician"}
    return Scope(profile.clinic, user, profile.is_admin, filters)
