"""The patient's reminder form (on their link), the one-click unsubscribe from an email, and
the calendar feed."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from backpath.web.audit.trail import Actor

from . import actions
from .forms import ReminderForm


@require_POST
def save(request: HttpRequest, token: str) -> HttpResponse:
    from backpath.web.programmes.throttle import over_limit
    from backpath.web.programmes.views import link_or_404, public_page

    link = link_or_404(token)
    if over_limit(request, link):
        error = "Too many entries in the last hour: please try again later."
        return public_page(request, link, token, status=429, reminders_error=error)
    form = ReminderForm(request.POST)
    if not form.is_valid():
        return public_page(request, link, token, status=400, reminders_error=form.first_error())
    actions.save_reminders(
        Actor.public(request, "/p/<token>/reminders/"), link, form.cleaned_data, form.times()
    )
    return redirect(f"/p/{token}/?reminders=saved#reminders")


@csrf_exempt  # one click from an email (RFC 8058 POST too): the signed token is the proof
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    reminder = actions.unsubscribe(Actor.public(request, "/reminders/unsubscribe/"), token)
    status = 200 if reminder is not None else 404
    context = {"done": reminder is not None, "clinic_zone": settings.TIME_ZONE}
    return render(request, "reminders/unsubscribed.html", context, status=status)


def panel(link: object) -> dict[str, object]:
    """What the reminders section of the patient page needs."""
    from .forms import ZONES
    from .schedule import WEEKDAYS

    reminder = actions.reminder_for(link)  # type: ignore[arg-type]
    times = list(reminder.times) if reminder else []
    return {
        "reminder": reminder,
        "reminder_days": list(enumerate(WEEKDAYS)),
        "reminder_times": [*times, "", "", ""][:3],
        "reminder_zones": ZONES,
        "reminder_zone": reminder.time_zone if reminder else settings.TIME_ZONE,
    }


def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    from backpath.web.programmes.views import link_or_404

    from .calendar import reminders_calendar

    link = link_or_404(token)
    response = HttpResponse(reminders_calendar(link), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="home-exercises.ics"'
    return response
