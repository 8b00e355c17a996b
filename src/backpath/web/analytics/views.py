"""The clinic dashboard: a clinic admin sees the clinic, a clinician their own caseload."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from backpath.core import cohort
from backpath.core.analytics import DP_VALUES, SYNDROMES
from backpath.web.audit.trail import Actor, record
from backpath.web.requests import AuthedRequest

from .scope import NO_DP, FilterError, Scope, parse_filters, scope_for
from .tables import MEASURE_LABELS, change_chart, mcid_chart, rows_for

MEASURE_TOPS = {"nrs_back": 10, "nrs_leg": 10, "odi": 100}


@login_required
def dashboard(request: AuthedRequest) -> HttpResponse:
    try:
        filters = parse_filters(request.GET)
    except FilterError as bad:
        scope = scope_for(request.user, {})
        context = {**_choices(scope), "errors": bad.errors, "params": request.GET}
        return render(request, "analytics/dashboard.html", context, status=400)
    scope = scope_for(request.user, filters)
    record(Actor.of(request), "analytics.read", clinic=scope.clinic, filters=filters)
    context = {**_choices(scope), **board(scope), "params": filters}
    return render(request, "analytics/dashboard.html", context)


def board(scope: Scope) -> dict[str, Any]:
    """The dashboard's figures, tables and charts, from the scope's stored groups."""
    got = cohort.figures(scope.cohort(), timezone.localdate())
    measures = [
        {
            "key": m,
            "label": label,
            "rows": rows_for(got["outcomes"], m),
            "change_chart": change_chart(got["outcomes"], m, MEASURE_TOPS[m]),
            "mcid_chart": mcid_chart(got["outcomes"], m),
        }
        for m, label in MEASURE_LABELS.items()
    ]
    central_rows = rows_for(got["central"]["compared"], "nrs_back")
    return {**got, "measures": measures, "central_rows": central_rows}


def _choices(scope: Scope) -> dict[str, Any]:
    return {
        "scope": scope,
        "syndromes": SYNDROMES,
        "dps": (*DP_VALUES, NO_DP),
        "clinicians": scope.clinicians() if scope.is_admin else [],
    }
