"""The clinic's audit trail, filterable, for clinic admins only (others get a 404)."""

from __future__ import annotations

import uuid
from datetime import date

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from backpath.web.clinics.access import require_admin

from .models import AuditEntry

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
def audit_list(request: HttpRequest) -> HttpResponse:
    profile = require_admin(request.user)
    params = {k: request.GET.get(k, "").strip() for k in FILTERS}
    entries = filter_entries(AuditEntry.objects.filter(clinic=profile.clinic), params)
    page = Paginator(entries, settings.PAGE_SIZE * 2).get_page(request.GET.get("page"))
    actions = (AuditEntry.objects.filter(clinic=profile.clinic).order_by("action")
               .values_list("action", flat=True).distinct())
    query = "&".join(f"{k}={v}" for k, v in params.items() if v)
    return render(request, "audit/list.html", {"page": page, "params": params,
                                                "actions": actions, "query": query})
