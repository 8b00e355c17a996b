"""The inbox's jobs: an entry's email, and the periodic escalation of overdue red reports."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import timezone

from backpath.web.jobs.queue import job

from .models import Entry, Kind

SUBJECTS = {
    Kind.RED: "A patient reported a red response on their home programme",
    Kind.EMERGENCY: "A patient reported emergency symptoms on their home programme",
    Kind.MESSAGE: "A patient sent you a message",
    Kind.ESCALATION: "A red report has waited a working day without acknowledgement",
}


@job("Email an inbox entry")
def email_entry(entry_id: str, clinic_id: str | None = None) -> str:
    """Idempotent: an entry already emailed is not emailed again. The email names no patient
    (it travels outside the clinic's systems): it says what happened and links to the entry."""
    entry = Entry.objects.select_related("recipient", "clinic").get(pk=entry_id)
    if entry.emailed_at is not None:
        return "already sent"
    address = entry.recipient.email
    if not address:
        return "no address"
    url = settings.SITE_URL + reverse("inbox:detail", args=[entry.pk])
    body = (
        f"{SUBJECTS[Kind(entry.kind)]} ({entry.clinic.name}, "
        f"{timezone.localtime(entry.created_at):%d %b %Y %H:%M}).\n\n"
        f"Open it in backpath and acknowledge it with a note:\n{url}\n"
    )
    EmailMessage(
        subject=f"backpath: {SUBJECTS[Kind(entry.kind)]}",
        body=body,
        to=[address],
        # the same id on a retry, so a mail system can drop a duplicate
        headers={"Message-ID": f"<inbox-{entry.pk}@backpath>"},
    ).send()
    Entry.objects.filter(pk=entry.pk).update(emailed_at=timezone.now())
    return "sent"


@job("Escalate red reports unacknowledged for a working day")
def escalate_overdue() -> int:
    from .actions import escalate_overdue as escalate

    return escalate()
