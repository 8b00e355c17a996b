"""Reminders the patient sets on their link: sent once at their local time across summer-time
changes (a frozen clock, a real local SMTP server), never in quiet hours, a nudge after three
days without a log that stops once they log, one-click unsubscribe, and sent once however
often (or however brokenly) the job runs."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from backpath.web.audit.models import AuditEntry
from backpath.web.audit.trail import Actor
from backpath.web.programmes.actions import log_session
from backpath.web.reminders import channels, schedule
from backpath.web.reminders.actions import save_reminders
from backpath.web.reminders.jobs import send_reminders
from backpath.web.reminders.models import Reminder, SentReminder

from .smtp import Inbox, smtp_server

LONDON = ZoneInfo("Europe/London")
EVERY_DAY = list(range(7))


@pytest.fixture
def smtp(settings: Any) -> Iterator[Inbox]:
    with smtp_server(settings) as server:
        yield server


def _utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


def _set(link: Any, at: datetime, **choices: Any) -> Reminder:
    data = {
        "weekdays": EVERY_DAY,
        "time_zone": "Europe/London",
        "email": "pat@example.org",
        "consent": True,
        "nudge": False,
        **choices,
    }
    times = data.pop("times", ["07:30"])
    with time_machine.travel(at, tick=False):
        return save_reminders(Actor(path="/tests"), link, data, times)


def _run_every(start: datetime, end: datetime, minutes: int = 15) -> list[datetime]:
    """Run the job as the worker would, every ``minutes``; the instants it sent something."""
    sent, now = [], start
    while now <= end:
        with time_machine.travel(now, tick=False):
            if send_reminders.call():
                sent.append(now)
        now += timedelta(minutes=minutes)
    return sent


@pytest.mark.parametrize(
    ("first_day", "utc_hours"),
    [
        # last Sunday of March 2026 is the 29th: 07:30 GMT, then 07:30 BST (06:30 UTC)
        ((2026, 3, 28), (7, 6)),
        # last Sunday of October 2026 is the 25th: 07:30 BST (06:30 UTC), then 07:30 GMT
        ((2026, 10, 24), (6, 7)),
    ],
)
def test_a_0730_reminder_is_sent_once_at_0730_local_across_a_summer_time_change(
    hep_link: tuple[Any, str], smtp: Inbox, first_day: tuple[int, int, int], utc_hours: Any
) -> None:
    link, _ = hep_link
    start = _utc(*first_day)
    _set(link, start)
    sent = _run_every(start, start + timedelta(days=2) - timedelta(minutes=15))
    day_two = start + timedelta(days=1)
    assert sent == [
        start.replace(hour=utc_hours[0], minute=30),
        day_two.replace(hour=utc_hours[1], minute=30),
    ]
    assert [m.astimezone(LONDON).strftime("%H:%M") for m in sent] == ["07:30", "07:30"]
    messages = smtp.wait_for(2)
    assert len(messages) == 2 and messages[0][0] == ["pat@example.org"]
    assert "home exercises" in messages[0][1]["Subject"]


def test_a_reminder_in_quiet_hours_is_never_sent(hep_link: tuple[Any, str], smtp: Inbox) -> None:
    link, _ = hep_link
    start = _utc(2026, 6, 1)
    _set(link, start, times=["22:30", "08:00"], quiet_start=time(22), quiet_end=time(7))
    sent = _run_every(start, start + timedelta(days=1) - timedelta(minutes=15))
    assert [m.astimezone(LONDON).strftime("%H:%M") for m in sent] == ["08:00"]


def test_only_the_chosen_weekdays_get_a_reminder(hep_link: tuple[Any, str], smtp: Inbox) -> None:
    link, _ = hep_link
    start = _utc(2026, 6, 1)  # a Monday
    _set(link, start, weekdays=[2, 4], times=["12:00"])  # Wednesday and Friday
    sent = _run_every(start, start + timedelta(days=7), minutes=60)
    assert [m.astimezone(LONDON).strftime("%A") for m in sent] == ["Wednesday", "Friday"]


def test_a_nudge_after_three_days_without_a_log_at_most_once_a_day_and_it_stops_after_a_log(
    hep_link: tuple[Any, str], smtp: Inbox
) -> None:
    link, _ = hep_link
    saved = _utc(2026, 6, 1, 9)
    link.created_at = saved - timedelta(days=1)
    link.save()
    _set(link, saved, times=[], nudge=True)
    assert _run_every(saved, saved + timedelta(days=3) - timedelta(minutes=15), minutes=60) == []
    day_four = _run_every(
        saved + timedelta(days=3), saved + timedelta(days=4) - timedelta(minutes=1), 60
    )
    assert len(day_four) == 1
    assert "no session logged" in smtp.wait_for(1)[0][1]["Subject"]
    with time_machine.travel(saved + timedelta(days=4, hours=1), tick=False):
        log_session(Actor(path="/tests"), link, "no_change", 0)
    assert _run_every(saved + timedelta(days=4), saved + timedelta(days=6), minutes=60) == []
    assert SentReminder.objects.filter(kind="nudge").count() == 1


def _unsubscribe_url(message: Any) -> str:
    body = message.get_payload(decode=True).decode()
    return re.search(r"http://\S+/reminders/unsubscribe/\S+/", body).group(0)  # type: ignore[union-attr]


def test_one_click_in_the_email_unsubscribes_without_signing_in(
    client: Any, hep_link: tuple[Any, str], smtp: Inbox
) -> None:
    link, _ = hep_link
    start = _utc(2026, 6, 1)
    _set(link, start)
    _run_every(start.replace(hour=6, minute=30), start.replace(hour=6, minute=30))
    [(_, message)] = smtp.wait_for(1)
    url = _unsubscribe_url(message)
    assert "".join(message["List-Unsubscribe"].split()) == f"<{url}>"
    page = client.get(url.removeprefix("http://127.0.0.1:8000"))
    assert page.status_code == 200 and b'data-testid="unsubscribed"' in page.content
    assert Reminder.objects.get().unsubscribed_at is not None
    assert AuditEntry.objects.filter(action="hep.unsubscribe").count() == 1
    assert _run_every(start + timedelta(days=1), start + timedelta(days=2)) == []
    assert len(smtp.wait_for(2, seconds=0.5)) == 1


def test_a_mail_client_can_unsubscribe_with_a_one_click_post(
    client: Any, hep_link: tuple[Any, str], smtp: Inbox
) -> None:
    link, _ = hep_link
    _set(link, _utc(2026, 6, 1))
    _run_every(_utc(2026, 6, 1, 6, 30), _utc(2026, 6, 1, 6, 30))
    url = _unsubscribe_url(smtp.wait_for(1)[0][1])
    response = client.post(
        url.removeprefix("http://127.0.0.1:8000"), {"List-Unsubscribe": "One-Click"}
    )
    assert response.status_code == 200 and not Reminder.objects.get().active


def test_a_forged_unsubscribe_link_is_a_404_and_changes_nothing(
    client: Any, hep_link: tuple[Any, str]
) -> None:
    link, _ = hep_link
    _set(link, _utc(2026, 6, 1))
    response = client.get(reverse("reminders:unsubscribe", args=[f"{link.pk}:forged"]))
    assert response.status_code == 404 and Reminder.objects.get().active


def test_a_job_that_dies_mid_run_is_run_again_and_sends_once(
    hep_link: tuple[Any, str], smtp: Inbox, settings: Any
) -> None:
    link, _ = hep_link
    _set(link, _utc(2026, 6, 1))
    at = _utc(2026, 6, 1, 6, 30)
    port, settings.EMAIL_PORT = settings.EMAIL_PORT, 1  # nothing listens: the send fails
    with time_machine.travel(at, tick=False), pytest.raises(OSError):
        send_reminders.call()
    assert SentReminder.objects.get().sent_at is None  # claimed, not sent
    settings.EMAIL_PORT = port
    for minutes in (0, 1, 15):  # the retry, and the next periods
        with time_machine.travel(at + timedelta(minutes=minutes), tick=False):
            send_reminders.call()
    assert len(smtp.wait_for(2, seconds=0.5)) == 1
    assert SentReminder.objects.get().sent_at == at


def test_nothing_is_sent_without_consent_or_through_a_revoked_link(
    actor: Any, hep_link: tuple[Any, str], smtp: Inbox
) -> None:
    from backpath.web.programmes.actions import revoke_link

    link, _ = hep_link
    _set(link, _utc(2026, 6, 1), email="", consent=False)
    assert Reminder.objects.get().consent_at is None
    assert _run_every(_utc(2026, 6, 1, 7), _utc(2026, 6, 1, 8)) == []
    _set(link, _utc(2026, 6, 2))
    revoke_link(actor, link)
    assert _run_every(_utc(2026, 6, 2, 7), _utc(2026, 6, 2, 8)) == []


class _Texts:
    def __init__(self) -> None:
        self.sent: list[tuple[str, str]] = []

    def send_text(self, to: str, text: str) -> None:
        self.sent.append((to, text))


def test_an_sms_backend_registered_under_a_key_gets_the_reminder(
    hep_link: tuple[Any, str], smtp: Inbox, settings: Any
) -> None:
    texts = _Texts()
    channels.register_sms_backend("test-texts", texts)
    settings.REMINDER_SMS_BACKEND = "test-texts"
    link, _ = hep_link
    Reminder.objects.filter(pk=_set(link, _utc(2026, 6, 1)).pk).update(phone="+447700900123")
    _run_every(_utc(2026, 6, 1, 6, 30), _utc(2026, 6, 1, 6, 30))
    assert texts.sent == [("+447700900123", "Time for your home exercises")]


def test_an_unknown_sms_backend_is_an_error_naming_the_setting(settings: Any) -> None:
    settings.REMINDER_SMS_BACKEND = "nobody"
    with pytest.raises(LookupError, match="REMINDER_SMS_BACKEND='nobody'"):
        channels.sms_backend()


def test_the_patient_sets_reminders_on_their_page_and_consent_is_recorded(
    client: Any, hep_link: tuple[Any, str]
) -> None:
    _, token = hep_link
    page = client.get(reverse("programmes:public", args=[token]))
    assert b'data-testid="reminders-form"' in page.content
    assert b"<option selected>Europe/London</option>" in page.content  # the clinic's zone
    with time_machine.travel(_utc(2026, 6, 1, 12), tick=False):
        response = client.post(
            reverse("reminders:save", args=[token]),
            {
                "weekdays": ["0", "3"],
                "time_1": "07:30",
                "time_2": "18:00",
                "time_zone": "America/New_York",
                "email": "pat@example.org",
                "consent": "on",
                "quiet_start": "22:00",
                "quiet_end": "07:00",
            },
        )
    assert response.status_code == 302 and response["Location"].endswith("#reminders")
    reminder = Reminder.objects.get()
    assert (reminder.weekdays, reminder.times, reminder.time_zone) == (
        [0, 3],
        ["07:30", "18:00"],
        "America/New_York",
    )
    assert reminder.consent_at == _utc(2026, 6, 1, 12) and not reminder.nudge
    assert AuditEntry.objects.filter(action="hep.reminders").count() == 1
    again = client.get(reverse("programmes:public", args=[token]))
    assert (
        b'value="07:30"' in again.content and b"<option selected>America/New_York" in again.content
    )


@pytest.mark.parametrize(
    ("field", "value", "named"),
    [
        ("time_zone", "Mars/Olympus", "Time zone"),
        ("time_1", "25:99", "First time"),
        ("weekdays", "9", "Days"),
        ("email", "not an address", "Email address"),
        ("consent", "", "I agree to reminder emails"),
        ("quiet_end", "", "Quiet hours until"),
        ("time_zone", "Europe/London\x00", "Time zone"),
    ],
)
def test_bad_reminder_input_is_refused_naming_the_field_and_saves_nothing(
    client: Any, hep_link: tuple[Any, str], field: str, value: str, named: str
) -> None:
    _, token = hep_link
    data = {
        "weekdays": "1",
        "time_1": "07:30",
        "time_zone": "Europe/London",
        "email": "pat@example.org",
        "consent": "on",
        "quiet_start": "22:00",
        "quiet_end": "07:00",
        field: value,
    }
    response = client.post(reverse("reminders:save", args=[token]), data)
    assert response.status_code == 400
    if "\x00" not in value:
        assert named in response.content.decode()
    assert not Reminder.objects.exists()


def test_the_reminders_form_needs_a_live_link(client: Any, hep_link: tuple[Any, str]) -> None:
    response = client.post(reverse("reminders:save", args=["made-up"]), {"time_zone": "UTC"})
    assert response.status_code == 404 and not Reminder.objects.exists()


def test_the_worker_enqueues_the_reminders_once_per_period(db: Any, settings: Any) -> None:
    from backpath.web.jobs.worker import run_periodic

    settings.ESCALATION_CHECK_SECONDS = 0
    settings.REMINDER_CHECK_SECONDS = 60
    assert run_periodic() == ["send_reminders"]
    assert run_periodic() == []


@given(
    day=st.dates(min_value=datetime(2020, 1, 1).date(), max_value=datetime(2035, 1, 1).date()),
    at=st.times().map(lambda t: t.replace(second=0, microsecond=0)),
    zone=st.sampled_from(["Europe/London", "America/New_York", "Australia/Sydney", "UTC"]),
)
def test_each_chosen_wall_time_falls_due_exactly_once_a_day(day: Any, at: time, zone: str) -> None:
    tz = ZoneInfo(zone)
    start = datetime.combine(day, time(0), tzinfo=tz).astimezone(UTC)
    found = schedule.occurrences(
        EVERY_DAY, [at], tz, start - timedelta(days=3), start + timedelta(days=4)
    )
    walls = [wall for wall, _ in found]
    assert len(walls) == len(set(walls))  # never twice for the same wall time
    days = {w.date() for w in walls}
    inner = [day + timedelta(days=n) for n in range(-2, 3)]
    assert all(d in days for d in inner)  # and every day in between, once
    assert all(w.time() == at for w in walls)
    instants = [i for _, i in found]
    assert instants == sorted(instants)


@given(st.times(), st.times(), st.times())
def test_quiet_hours_hold_what_lies_between_even_across_midnight(
    at: time, a: time, b: time
) -> None:
    inside = schedule.in_quiet_hours(at, a, b)
    if a < b:
        assert inside == (a <= at < b)
    elif a > b:
        assert inside == (not (b <= at < a))
    else:
        assert not inside


def test_the_calendar_feed_parses_and_holds_a_weekly_session_per_reminder_time(
    client: Any, hep_link: tuple[Any, str]
) -> None:
    from icalendar import Calendar

    link, token = hep_link
    _set(link, _utc(2026, 3, 20, 12), weekdays=[0, 2, 4], times=["07:30", "18:15"])
    response = client.get(reverse("reminders:calendar", args=[token]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    cal = Calendar.from_ical(response.content)
    events = cal.walk("VEVENT")
    assert [e.decoded("dtstart").strftime("%H:%M") for e in events] == ["07:30", "18:15"]
    for event in events:
        assert str(event.decoded("dtstart").tzinfo) == "Europe/London"
        assert event["rrule"]["FREQ"] == ["WEEKLY"]
        assert event["rrule"]["BYDAY"] == ["MO", "WE", "FR"]
        assert str(event["summary"]).startswith("Home exercises")
        names = [i["patient_name"] for i in _items(link)]
        assert names and all(n in str(event["description"]) for n in names)
    assert [str(tz["tzid"]) for tz in cal.walk("VTIMEZONE")] == ["Europe/London"]
    assert "Pat" not in response.content.decode()  # no patient name in a phone's calendar


def _items(link: Any) -> list[dict[str, Any]]:
    from backpath.web.programmes.content import patient_items

    return patient_items(link.plan, figure=None)


def test_the_calendar_feed_is_empty_but_valid_without_reminders(
    client: Any, hep_link: tuple[Any, str]
) -> None:
    from icalendar import Calendar

    response = client.get(reverse("reminders:calendar", args=[hep_link[1]]))
    assert Calendar.from_ical(response.content).walk("VEVENT") == []


def test_the_calendar_feed_needs_a_live_link(client: Any, hep_link: tuple[Any, str]) -> None:
    assert client.get(reverse("reminders:calendar", args=["made-up"])).status_code == 404
