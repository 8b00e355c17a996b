"""A red report reaches a person: the clinician's inbox and an email (a real local SMTP
server), acknowledged with an audited note, escalated to the admins after a working day;
patients' messages land in the same inbox."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from backpath.web.audit.models import AuditEntry
from backpath.web.audit.trail import Actor
from backpath.web.inbox import actions
from backpath.web.inbox.jobs import email_entry
from backpath.web.inbox.models import MESSAGE_LENGTH, Entry, Kind, PatientMessage
from backpath.web.inbox.working_days import one_working_day_after
from backpath.web.programmes.actions import create_link
from backpath.web.programmes.models import SessionLog

from .smtp import Inbox, smtp_server

LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def smtp(settings: Any) -> Iterator[Inbox]:
    with smtp_server(settings) as server:
        yield server


@pytest.fixture
def bobs_link(bob: Any, alice: Any, accepted_plan: Any) -> tuple[Any, str]:
    """A link bob gave: his patient's reports go to him; alice is the clinic's admin."""
    bob.email, alice.email = "bob@harbour.example", "alice@harbour.example"
    bob.save()
    alice.save()
    return create_link(Actor(user=bob, path="/tests"), accepted_plan)


def _log_red(client: Any, token: str) -> Any:
    client.post(
        reverse("programmes:public", args=[token]), {"change": "spread_down_leg", "emergency": "no"}
    )
    return SessionLog.objects.get()


def test_a_red_report_reaches_the_clinicians_inbox_and_email_at_once(
    client: Any, as_bob: Any, bob: Any, pat: Any, episode: Any, bobs_link: Any, smtp: Inbox
) -> None:
    log = _log_red(client, bobs_link[1])
    entry = Entry.objects.get()
    assert (entry.recipient, entry.kind, entry.session, entry.patient) == (bob, "red", log, pat)
    [(to, message)] = smtp.wait_for(1)
    assert to == ["bob@harbour.example"] and "red response" in message["Subject"]
    assert message["Message-ID"] == f"<inbox-{entry.pk}@backpath>"
    body = message.get_payload()
    assert reverse("inbox:detail", args=[entry.pk]) in body
    assert "Pat" not in body and "Morgan" not in body  # no patient's name leaves the clinic
    page = as_bob.get(reverse("inbox:list")).content.decode()
    assert '<span data-testid="inbox-count">1</span>' in page
    assert 'data-testid="inbox-entry-red"' in page
    episode_page = as_bob.get(reverse("episodes:detail", args=[episode.pk])).content.decode()
    assert 'data-testid="inbox-banner-red"' in episode_page


def test_an_entry_is_emailed_once_however_often_its_job_runs(
    client: Any, bobs_link: Any, smtp: Inbox
) -> None:
    _log_red(client, bobs_link[1])
    entry = Entry.objects.get()
    assert email_entry.call(str(entry.pk)) == "already sent"
    assert len(smtp.wait_for(2, seconds=1)) == 1


def test_a_green_report_tells_nobody(client: Any, bobs_link: Any, smtp: Inbox) -> None:
    client.post(
        reverse("programmes:public", args=[bobs_link[1]]),
        {"change": "decreased", "emergency": "no"},
    )
    assert not Entry.objects.exists() and smtp.wait_for(1, seconds=0.5) == []


def test_acknowledging_needs_a_note_and_is_audited(
    client: Any, as_bob: Any, bobs_link: Any, smtp: Inbox
) -> None:
    log = _log_red(client, bobs_link[1])
    entry = Entry.objects.get()
    url = reverse("inbox:acknowledge", args=[entry.pk])
    refused = as_bob.post(url, {"note": "   "})
    assert refused.status_code == 400 and b"note:" in refused.content
    entry.refresh_from_db()
    assert entry.acknowledged_at is None
    assert as_bob.post(url, {"note": "Phoned: booked for tomorrow."}).status_code == 302
    entry.refresh_from_db()
    log.refresh_from_db()
    assert entry.note == "Phoned: booked for tomorrow." and entry.acknowledged_by is not None
    assert log.acknowledged_at is not None  # the patient list's red flag clears too
    audit = AuditEntry.objects.get(action="inbox.acknowledge")
    assert audit.detail["note"] == "Phoned: booked for tomorrow." and audit.object_id == str(
        entry.pk
    )
    assert 'data-testid="inbox-count"' not in as_bob.get(reverse("inbox:list")).content.decode()


def test_an_over_long_note_is_refused_naming_the_field(
    client: Any, as_bob: Any, bobs_link: Any
) -> None:
    _log_red(client, bobs_link[1])
    entry = Entry.objects.get()
    response = as_bob.post(reverse("inbox:acknowledge", args=[entry.pk]), {"note": "x" * 1001})
    assert response.status_code == 400 and b"note: at most 1000" in response.content


def test_nobody_else_sees_or_acknowledges_an_entry(
    client: Any, as_alice: Any, as_charlie: Any, bobs_link: Any
) -> None:
    _log_red(client, bobs_link[1])
    entry = Entry.objects.get()
    for other in (as_alice, as_charlie):
        assert other.get(reverse("inbox:detail", args=[entry.pk])).status_code == 404
        response = other.post(reverse("inbox:acknowledge", args=[entry.pk]), {"note": "x"})
        assert response.status_code == 404
    entry.refresh_from_db()
    assert entry.acknowledged_at is None


def _at(*args: int) -> datetime:
    return datetime(*args, tzinfo=LONDON)


def test_a_red_report_unacknowledged_for_a_working_day_goes_to_the_admins_once(
    client: Any, as_alice: Any, alice: Any, bobs_link: Any, smtp: Inbox, settings: Any
) -> None:
    settings.TIME_ZONE = "Europe/London"
    with time_machine.travel(_at(2026, 11, 27, 10, 0), tick=False):  # a Friday
        _log_red(client, bobs_link[1])
    smtp.wait_for(1)
    original = Entry.objects.get()
    for moment in (_at(2026, 11, 28, 10, 30), _at(2026, 11, 30, 9, 59)):  # Sat; Mon before 10
        with time_machine.travel(moment, tick=False):
            assert actions.escalate_overdue() == 0
    with time_machine.travel(_at(2026, 11, 30, 10, 1), tick=False):
        assert actions.escalate_overdue() == 1
        assert actions.escalate_overdue() == 0  # once
    escalation = Entry.objects.get(kind=Kind.ESCALATION)
    assert escalation.recipient == alice and escalation.escalated_from == original
    received = smtp.wait_for(2)
    assert received[1][0] == ["alice@harbour.example"]
    assert "working day" in received[1][1]["Subject"]
    assert AuditEntry.objects.filter(action="inbox.escalate").count() == 1
    # the admin acknowledges: the clinician's entry is acknowledged with it
    as_alice.post(reverse("inbox:acknowledge", args=[escalation.pk]), {"note": "Called her."})
    original.refresh_from_db()
    assert original.acknowledged_at is not None and original.note == "Called her."


def test_an_acknowledged_report_is_not_escalated(client: Any, bobs_link: Any) -> None:
    with time_machine.travel(_at(2026, 11, 24, 9, 0), tick=False):  # a Tuesday
        _log_red(client, bobs_link[1])
        entry = Entry.objects.get()
        actions.acknowledge(Actor(user=entry.recipient), entry, "Seen.")
    with time_machine.travel(_at(2026, 11, 26, 9, 0), tick=False):
        assert actions.escalate_overdue() == 0


def test_the_periodic_escalation_runs_once_per_period(db: Any, settings: Any) -> None:
    from backpath.web.jobs.worker import run_periodic

    settings.ESCALATION_CHECK_SECONDS = 300
    settings.REMINDER_CHECK_SECONDS = 0
    assert run_periodic() == ["escalate_overdue"]  # and no webhook is overdue
    assert run_periodic() == []  # another worker, the same period


@given(
    st.datetimes(
        min_value=datetime(2020, 1, 1), max_value=datetime(2035, 1, 1), timezones=st.just(LONDON)
    )
)
def test_a_working_day_later_is_a_weekday_at_the_same_wall_time(moment: datetime) -> None:
    due = one_working_day_after(moment, "Europe/London")
    assert due.weekday() < 5 and due > moment
    assert due.replace(tzinfo=None).time() == moment.replace(tzinfo=None).time()
    assert timedelta(hours=22) < due - moment < timedelta(days=3, hours=2)


def test_a_friday_report_is_due_on_monday() -> None:
    assert one_working_day_after(_at(2026, 11, 27, 16, 0), "Europe/London") == _at(
        2026, 11, 30, 16, 0
    )


# The patient's message


def _message(client: Any, token: str, text: str) -> Any:
    return client.post(reverse("patient_message", args=[token]), {"message": text})


def test_a_patients_message_lands_in_the_clinicians_inbox(
    client: Any, as_bob: Any, bob: Any, bobs_link: Any, smtp: Inbox
) -> None:
    response = _message(client, bobs_link[1], "Can I swim this week?")
    assert response.status_code == 302 and response["Location"].endswith("?sent=1#contact")
    entry = Entry.objects.get()
    assert entry.kind == "message" and entry.recipient == bob
    assert entry.message.text == "Can I swim this week?"
    assert "message" in smtp.wait_for(1)[0][1]["Subject"]
    page = as_bob.get(reverse("inbox:detail", args=[entry.pk])).content.decode()
    assert "Can I swim this week?" in page
    sent = client.get(response["Location"]).content.decode()
    assert 'data-testid="message-sent"' in sent
    assert AuditEntry.objects.filter(action="hep.message").count() == 1


@pytest.mark.parametrize(
    ("text", "error"),
    [("", b"message: write a few words"), ("x" * (MESSAGE_LENGTH + 1), b"message: at most")],
)
def test_an_empty_or_over_long_message_is_refused_and_saves_nothing(
    client: Any, bobs_link: Any, text: str, error: bytes
) -> None:
    response = _message(client, bobs_link[1], text)
    assert response.status_code == 400 and error in response.content
    assert not PatientMessage.objects.exists() and not Entry.objects.exists()


def test_messages_are_throttled_like_the_session_logs(
    client: Any, bobs_link: Any, settings: Any
) -> None:
    settings.LINK_POSTS_PER_HOUR = 2
    assert [_message(client, bobs_link[1], f"n{i}").status_code for i in range(3)] == [
        302,
        302,
        429,
    ]
    assert PatientMessage.objects.count() == 2


def test_a_revoked_link_cannot_send_a_message(client: Any, bobs_link: Any, bob: Any) -> None:
    from backpath.web.programmes.actions import revoke_link

    revoke_link(Actor(user=bob), bobs_link[0])
    assert _message(client, bobs_link[1], "hello").status_code == 404
    assert not PatientMessage.objects.exists()
