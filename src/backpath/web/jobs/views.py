"""Background jobs that failed on every try, for the clinic's admins."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from backpath.web.clinics.access import require_admin
from backpath.web.requests import AuthedRequest

from .models import JobFailure


@login_required
def failures(request: AuthedRequest) -> HttpResponse:
    profile = require_admin(request.user)
    rows = JobFailure.objects.filter(clinic=profile.clinic)[:200]
    return render(request, "jobs/failures.html", {"failures": rows})
