"""The clinic's audit trail, filterable, for clinic admins only (others get a 404)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import date
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import render

from backpath.web.clinics.access import require_admin
from backpath.web.clinics.models import Clinic
from backpath.web.requests import AuthedRequest

from .models import AuditEntry
from .trail import Actor, record

FILTERS = ("user", "patient", "action", "since", "until")


def filter_entries(entries: QuerySet[AuditEntry], params: dict[str, str]) -> QuerySet[AuditEntry]:
    if params.get("user"):
        entries = entries.filter(username=params["user"])
    if params.get("action"):
        entries = entries.filter(action__startswith=params["action"])
    if params.get("patient"):
        try:
            entries = entries.filter(patient_id=uuid.UUID(params["patient"]))
        except ValueError:
            entries = entries.none()
    for key, lookup in (("since", "at__date__gte"), ("until", "at__date__lte")):
        try:
            entries = entries.filter(**{lookup: date.fromisoformat(params[key])})
        except (KeyError, ValueError):
            continue
    return entries


@login_required
def audit_list(request: AuthedRequest) -> HttpResponse:
    profile = require_admin(request.user)
    params = {k: request.GET.get(k, "").strip() for k in FILTERS}
    entries = filter_entries(AuditEntry.objects.filter(clinic=profile.clinic), params)
    page = Paginator(entries, settings.PAGE_SIZE * 2).get_page(request.GET.get("page"))
    actions = (
        AuditEntry.objects.filter(clinic=profile.clinic)
        .order_by("action")
        .values_list("action", flat=True)
        .distinct()
    )
    query = urlencode({k: v for k, v in params.items() if v})
    filters = {k: v[:100] for k, v in params.items() if v}
    record(
        Actor.of(request), "audit.read", clinic=profile.clinic, page=page.number, filters=filters
    )
    context = {
        "page": page,
        "params": params,
        "actions": actions,
        "query": query,
        "names": _patient_names(profile.clinic, page),
    }
    return render(request, "audit/list.html", context)


def _patient_names(clinic: Clinic, entries: Iterable[AuditEntry]) -> dict[str, str]:
    """Names of the clinic's patients the entries mention, keyed by their id as text."""
    from backpath.web.patients.models import Patient

    ids = {e.patient_id for e in entries if e.patient_id}
    rows = Patient.objects.filter(clinic=clinic, pk__in=ids).values_list("pk", "name")
    return {str(pk): name for pk, name in rows}
