"""The calendar feed of a link's reminders (``/p/<token>/reminders.ics``), made with the
``icalendar`` library: one weekly-repeating event per reminder time, on the chosen weekdays,
in the patient's time zone (its VTIMEZONE included), titled with the programme and listing
its exercises. Phone calendars subscribe to it; it holds no patient name."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone
from icalendar import Alarm, Calendar, Event

from backpath.web.programmes.content import patient_items
from backpath.web.programmes.models import HepLink

from .actions import reminder_for

__all__ = ["reminders_calendar"]

BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
SESSION = timedelta(minutes=20)


def _description(link: HepLink) -> str:
    items = patient_items(link.live_plan, figure=None)
    lines = [f"- {i['patient_name']}: {i.get('dose_text') or ''}".rstrip(": ") for i in items]
    return "Your home exercises:\n" + "\n".join(lines)


def _event(link: HepLink, title: str, text: str, first: datetime, days: list[int]) -> Event:
    event = Event()
    event.add("uid", f"{link.pk}-{first:%H%M}@backpath")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", first)
    event.add("duration", SESSION)
    event.add("summary", title)
    event.add("description", text)
    event.add("rrule", {"FREQ": "WEEKLY", "BYDAY": [BYDAY[d] for d in days]})
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", title)
    alarm.add("trigger", timedelta(0))
    event.add_component(alarm)
    return event


def reminders_calendar(link: HepLink) -> bytes:
    clinic = link.episode.patient.clinic.name
    title = f"Home exercises ({clinic})"
    cal = Calendar()
    cal.add("prodid", "-//backpath//home exercise reminders//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", title)
    reminder = reminder_for(link)
    if reminder is not None and reminder.weekdays and reminder.times:
        zone = ZoneInfo(reminder.time_zone)
        start = timezone.localtime(reminder.saved_at, zone).date()
        text = _description(link)
        for at in reminder.times:
            first = datetime.combine(start, datetime.strptime(at, "%H:%M").time(), tzinfo=zone)
            cal.add_component(_event(link, title, text, first, list(reminder.weekdays)))
        cal.add_missing_timezones()
    return bytes(cal.to_ical())
