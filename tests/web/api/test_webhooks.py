"""Webhooks against a real HTTP receiver on loopback: signed deliveries it can verify, a
tampered or replayed one it rejects, retries with back-off, disabling after repeated failure,
and the admin's page (bad input named, other clinics refused)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import orjson
import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from backpath.web.api import webhooks
from backpath.web.api.models import Webhook, WebhookDelivery
from backpath.web.api.webhook_jobs import run_due
from backpath.web.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


class Receiver:
    """A practice-management system's webhook endpoint: keeps what arrives, answers with the
    next status in ``answers`` (200 once they run out)."""

    def __init__(self) -> None:
        self.received: list[tuple[dict[str, str], bytes]] = []
        self.answers: list[int] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                outer.received.append((dict(self.headers), body))
                self.send_response(outer.answers.pop(0) if outer.answers else 200)
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hooks/backpath"


@pytest.fixture
def receiver(settings: Any) -> Iterator[Receiver]:
    settings.WEBHOOK_ALLOW_PRIVATE = True  # the receiver is on loopback
    peer = Receiver()
    thread = threading.Thread(target=peer.server.serve_forever, daemon=True)
    thread.start()
    yield peer
    peer.server.shutdown()
    peer.server.server_close()


@pytest.fixture
def hook(actor: Any, receiver: Receiver) -> Webhook:
    return webhooks.create_webhook(actor, receiver.url, ["plan.accepted", "episode.closed"])


def _emit(harbour: Any, event: str = "plan.accepted", **data: Any) -> list[WebhookDelivery]:
    with transaction.atomic():
        return webhooks.emit(harbour, event, data or {"plan": "p1"})


def test_a_delivery_arrives_signed_and_the_receiver_can_verify_it(
    hook: Webhook, receiver: Receiver, harbour: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        (made,) = _emit(harbour, plan="p1")
    ((headers, body),) = receiver.received
    assert webhooks.verify(hook.secret, headers["Backpath-Signature"], body)
    payload = orjson.loads(body)
    assert payload["event"] == "plan.accepted" and payload["data"] == {"plan": "p1"}
    assert payload["id"] == headers["Backpath-Delivery"] == str(made.pk)
    made.refresh_from_db()
    assert made.status == "delivered" and made.attempts == 1 and made.last_status_code == 200


def test_a_tampered_or_replayed_delivery_is_rejected(
    hook: Webhook, receiver: Receiver, harbour: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        _emit(harbour)
    ((headers, body),) = receiver.received
    signature = headers["Backpath-Signature"]
    tampered = body.replace(b'"p1"', b'"p2"')
    assert not webhooks.verify(hook.secret, signature, tampered)
    assert not webhooks.verify("another-secret", signature, body)
    sent_at = int(signature.split(",")[0].removeprefix("t="))
    later = sent_at + webhooks.TOLERANCE_SECONDS + 1
    assert not webhooks.verify(hook.secret, signature, body, now=later)  # a replay, too late
    assert not webhooks.verify(hook.secret, "nonsense", body)


def test_an_event_nobody_asked_for_or_that_rolled_back_is_never_sent(
    hook: Webhook, receiver: Receiver, harbour: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        assert _emit(harbour, "red_report") == []  # the hook did not subscribe to it
        with pytest.raises(RuntimeError), transaction.atomic():
            webhooks.emit(harbour, "plan.accepted", {"plan": "p1"})
            raise RuntimeError("the accept failed")
    assert receiver.received == [] and not WebhookDelivery.objects.exists()


def test_a_failed_attempt_is_retried_with_back_off_then_given_up(
    hook: Webhook, receiver: Receiver, harbour: Any, django_capture_on_commit_callbacks: Any
) -> None:
    receiver.answers = [500] * webhooks.MAX_ATTEMPTS
    with django_capture_on_commit_callbacks(execute=True):
        (made,) = _emit(harbour)
    made.refresh_from_db()
    assert (made.status, made.attempts, made.last_status_code) == ("pending", 1, 500)
    now = timezone.now()
    assert made.next_attempt_at is not None
    assert timedelta(seconds=25) < made.next_attempt_at - now <= timedelta(seconds=31)
    assert run_due(now) == 0  # not due yet
    clock = now
    for n in range(2, webhooks.MAX_ATTEMPTS + 1):
        clock += timedelta(hours=7)
        assert run_due(clock) == 1
        made.refresh_from_db()
        assert made.attempts == n
    assert made.status == "failed" and made.next_attempt_at is None
    assert len(receiver.received) == webhooks.MAX_ATTEMPTS
    assert run_due(clock + timedelta(days=1)) == 0
    # the receiver was told the same event each time: one id, so it can drop repeats
    assert {h["Backpath-Delivery"] for h, _ in receiver.received} == {str(made.pk)}


def test_a_webhook_that_keeps_failing_is_turned_off_until_an_admin_turns_it_on(
    hook: Webhook, receiver: Receiver, harbour: Any, actor: Any
) -> None:
    receiver.answers = [503] * webhooks.DISABLE_AFTER
    made = [webhooks.emit(harbour, "plan.accepted", {"n": n})[0] for n in range(4)]
    clock = timezone.now()
    while Webhook.objects.get().active:
        for d in made:
            webhooks.attempt(d.pk, clock)
        clock += timedelta(hours=7)
    hook.refresh_from_db()
    assert hook.consecutive_failures == webhooks.DISABLE_AFTER and hook.disabled_at is not None
    assert webhooks.emit(harbour, "plan.accepted", {}) == []  # off: nothing new is queued
    webhooks.set_active(actor, hook, True)
    assert Webhook.objects.get().consecutive_failures == 0
    assert AuditEntry.objects.filter(action="webhook.enable").count() == 1


def test_a_delivered_event_is_sent_once_even_if_its_job_runs_again(
    hook: Webhook, receiver: Receiver, harbour: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        (made,) = _emit(harbour)
    webhooks.attempt(made.pk)
    assert len(receiver.received) == 1


@pytest.mark.parametrize(
    ("url", "private_ok", "message"),
    [
        ("http://example.org/hook", False, "url: must be an https address"),
        ("https://127.0.0.1/hook", False, "url: must reach a public address"),
        ("https://10.1.2.3/hook", False, "url: must reach a public address"),
        ("https://user:pw@example.org/hook", False, "url: must not carry a user name"),
        ("ftp://127.0.0.1/hook", True, "url: must be an https or http address"),
    ],
)
def test_receivers_inside_the_network_are_refused(
    actor: Any, settings: Any, url: str, private_ok: bool, message: str
) -> None:
    settings.WEBHOOK_ALLOW_PRIVATE = private_ok
    with pytest.raises(webhooks.WebhookError, match=message):
        webhooks.create_webhook(actor, url, ["red_report"])
    assert not Webhook.objects.exists()


def test_the_admins_page_registers_names_bad_fields_and_refuses_others(
    as_alice: Any, as_bob: Any, as_charlie: Any, receiver: Receiver
) -> None:
    page = reverse("webhooks:list")
    bad = as_alice.post(page, {"url": receiver.url, "events": ["nonsense"]})
    assert bad.status_code == 400 and "events: choose one or more of" in bad.content.decode()
    bad = as_alice.post(page, {"url": "gopher://x", "events": ["red_report"]})
    assert bad.status_code == 400 and "url: must be an" in bad.content.decode()
    assert not Webhook.objects.exists()
    assert as_alice.post(page, {"url": receiver.url, "events": ["red_report"]}).status_code == 302
    hook = Webhook.objects.get()
    assert receiver.url in as_alice.get(page).content.decode()
    assert as_bob.get(page).status_code == 404  # a clinician
    assert as_charlie.post(reverse("webhooks:disable", args=[hook.pk])).status_code == 404
    assert Webhook.objects.get().active
    assert as_alice.post(reverse("webhooks:disable", args=[hook.pk])).status_code == 302
    assert not Webhook.objects.get().active


def test_accepting_a_plan_and_closing_an_episode_are_announced(
    actor: Any, receiver: Receiver, plan: Any, django_capture_on_commit_callbacks: Any
) -> None:
    import datetime as dt

    from backpath.web.patients.actions import close_episode
    from backpath.web.plans.actions import accept_plan

    hook = webhooks.create_webhook(actor, receiver.url, ["plan.accepted", "episode.closed"])
    with django_capture_on_commit_callbacks(execute=True):
        accept_plan(actor, plan)
        accept_plan(actor, plan)  # accepting again announces nothing new
        close_episode(actor, plan.episode, dt.date(2026, 12, 1), "discharged_improved")
    events = [orjson.loads(body) for _, body in receiver.received]
    assert [e["event"] for e in events] == ["plan.accepted", "episode.closed"]
    accepted, closed = (e["data"] for e in events)
    assert accepted["plan"] == str(plan.pk) and accepted["pdf"].endswith("/programme.pdf")
    assert closed == {
        "patient": str(plan.episode.patient_id),
        "episode": str(plan.episode.pk),
        "closed_on": "2026-12-01",
        "discharge_outcome": "discharged_improved",
    }
    assert all(
        webhooks.verify(hook.secret, h["Backpath-Signature"], b) for h, b in receiver.received
    )


def test_an_overdue_delivery_whose_job_was_lost_is_sent_by_the_periodic_job(
    hook: Webhook, receiver: Receiver, harbour: Any
) -> None:
    from backpath.web.api.webhook_jobs import deliver_overdue

    made = WebhookDelivery.objects.create(
        webhook=hook,
        event="plan.accepted",
        payload={"event": "plan.accepted"},
        next_attempt_at=timezone.now() - timedelta(minutes=5),
    )  # as if its job had been lost
    deliver_overdue.enqueue()  # the immediate backend in tests runs it now
    made.refresh_from_db()
    assert made.status == "delivered" and len(receiver.received) == 1


def test_the_worker_asks_for_overdue_deliveries_only_when_there_are_some(
    hook: Webhook, settings: Any
) -> None:
    from backpath.web.jobs.worker import run_periodic

    settings.ESCALATION_CHECK_SECONDS = settings.REMINDER_CHECK_SECONDS = 0
    assert run_periodic() == []
    WebhookDelivery.objects.create(
        webhook=hook,
        event="plan.accepted",
        payload={},
        next_attempt_at=timezone.now() - timedelta(minutes=5),
    )
    assert run_periodic() == ["deliver_overdue"]


def test_a_red_report_and_outcomes_given_at_home_are_announced(
    actor: Any,
    receiver: Receiver,
    client: Any,
    hep_link: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    from backpath.web.programmes.actions import record_home_outcome

    webhooks.create_webhook(actor, receiver.url, ["red_report", "patient_reported_outcome"])
    link, token = hep_link
    with django_capture_on_commit_callbacks(execute=True):
        posted = client.post(
            reverse("programmes:public", args=[token]),
            {"change": "spread_down_leg", "emergency": "no"},
        )
        assert posted.status_code in (200, 302)
        record_home_outcome(actor, link, 3, 1, [])
    events = [orjson.loads(body) for _, body in receiver.received]
    assert [e["event"] for e in events] == ["red_report", "patient_reported_outcome"]
    red, home = (e["data"] for e in events)
    assert red["light"] == "red" and red["patient"] == str(link.episode.patient_id)
    assert (home["nrs_back"], home["nrs_leg"]) == (3, 1)
