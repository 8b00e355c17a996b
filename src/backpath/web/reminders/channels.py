"""How a reminder reaches the patient: email (Django's mail), or an SMS backend registered
under a stable key and chosen with ``REMINDER_SMS_BACKEND``. No SMS provider is shipped: a
deployment registers its own with :func:`register_sms_backend` (for example in an app's
``ready()``)."""

from __future__ import annotations

from typing import Protocol

from django.conf import settings
from django.core.mail import EmailMessage

__all__ = ["SmsBackend", "register_sms_backend", "send_email", "sms_backend"]


class SmsBackend(Protocol):
    def send_text(self, to: str, text: str) -> None:
        """Send ``text`` to the phone number ``to``; raise on failure (the job retries)."""


_SMS_BACKENDS: dict[str, SmsBackend] = {}


def register_sms_backend(key: str, backend: SmsBackend) -> None:
    _SMS_BACKENDS[key] = backend


def sms_backend() -> SmsBackend | None:
    """The configured backend, or None when ``REMINDER_SMS_BACKEND`` is empty."""
    key = str(settings.REMINDER_SMS_BACKEND)
    if not key:
        return None
    if key not in _SMS_BACKENDS:
        known = ", ".join(sorted(_SMS_BACKENDS)) or "none registered"
        raise LookupError(f"REMINDER_SMS_BACKEND={key!r} is not registered ({known})")
    return _SMS_BACKENDS[key]


def send_email(to: str, subject: str, body: str, message_id: str, unsubscribe: str) -> None:
    EmailMessage(
        subject=subject,
        body=body,
        to=[to],
        headers={
            # the same id on a retry, so a mail system can drop a duplicate
            "Message-ID": f"<{message_id}@backpath>",
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    ).send()
