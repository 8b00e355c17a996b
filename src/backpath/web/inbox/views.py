"""The inbox pages (clinicians: their own entries) and the patient's message (public link)."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from backpath.web.audit.trail import Actor, record
from backpath.web.clinics.access import get_or_refuse, profile_of
from backpath.web.requests import AuthedRequest

from . import actions
from .models import NOTE_LENGTH, Entry


def _entries(user: User) -> QuerySet[Entry]:
    profile_of(user)
    return Entry.objects.filter(recipient=user).select_related(
        "patient", "session", "message", "acknowledged_by"
    )


@login_required
def inbox(request: AuthedRequest) -> HttpResponse:
    show_all = request.GET.get("all") == "1"
    rows = _entries(request.user)
    if not show_all:
        rows = rows.filter(acknowledged_at__isnull=True)
    context = {"entries": rows[:200], "show_all": show_all}
    return render(request, "inbox/list.html", context)


@login_required
def detail(
    request: AuthedRequest, entry_id: uuid.UUID, error: str = "", status: int = 200
) -> HttpResponse:
    entry = get_or_refuse(request.user, _entries(request.user), pk=entry_id)
    record(Actor.of(request), "inbox.read", patient=entry.patient, obj=entry)
    context = {"entry": entry, "error": error, "note_length": NOTE_LENGTH}
    return render(request, "inbox/detail.html", context, status=status)


@login_required
@require_POST
def acknowledge(request: AuthedRequest, entry_id: uuid.UUID) -> HttpResponse:
    entry = get_or_refuse(request.user, _entries(request.user), pk=entry_id)
    if not entry.is_open:
        messages.info(request, "Already acknowledged.")
        return redirect("inbox:detail", entry.pk)
    try:
        actions.acknowledge(Actor.of(request), entry, request.POST.get("note", ""))
    except ValueError as exc:
        return detail(request, entry_id, error=str(exc), status=400)
    messages.success(request, "Acknowledged.")
    return redirect("inbox:list")


@require_POST
def patient_message(request: HttpRequest, token: str) -> HttpResponse:
    """A patient's short message from their link: throttled like the session logs."""
    from backpath.web.programmes.throttle import over_limit
    from backpath.web.programmes.views import link_or_404, public_page

    link = link_or_404(token)
    if over_limit(request, link) or actions.messages_this_hour(link) >= _hourly_limit():
        error = "Too many messages in the last hour: please try again later, or phone the clinic."
        return public_page(request, link, token, status=429, message_error=error)
    try:
        actions.send_message(
            Actor.public(request, "/p/<token>/message/"), link, request.POST.get("message", "")
        )
    except ValueError as exc:
        return public_page(request, link, token, status=400, message_error=str(exc))
    return redirect(f"/p/{token}/?sent=1#contact")


def _hourly_limit() -> int:
    from django.conf import settings

    return int(settings.LINK_POSTS_PER_HOUR)
