"""The autosave and keep-alive endpoints the forms call in the background."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.views.decorators.http import require_POST

from backpath.web.assessments.formdata import form_values
from backpath.web.audit.trail import Actor
from backpath.web.clinics.middleware import seconds_left, touch
from backpath.web.requests import AuthedRequest

from . import store


@login_required
@require_POST
def autosave(request: AuthedRequest) -> JsonResponse:
    """Store what the form at ``draft_path`` holds now; typing counts as activity."""
    path = str(request.POST.get("draft_path") or "")
    store.episode_for_path(request.user, path)  # 404 unless the user may open that form
    draft = store.save(Actor.of(request), path, form_values(request.POST))
    touch(request)
    return JsonResponse(
        {"saved_at": draft.updated_at.isoformat(), "idle_left": seconds_left(request)}
    )


@login_required
@require_POST
def keepalive(request: AuthedRequest) -> JsonResponse:
    """ "Stay signed in": count now as activity and say how long until the idle sign-out."""
    touch(request)
    return JsonResponse({"idle_left": seconds_left(request)})
