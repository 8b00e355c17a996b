"""``{% patient_inbox patient %}``: the signed-in user's open entries about one patient (the
patient and episode pages show them with a link to acknowledge)."""

from __future__ import annotations

from typing import Any

from django import template

from backpath.web.inbox.models import Entry

register = template.Library()


@register.inclusion_tag("inbox/_patient_entries.html", takes_context=True)
def patient_inbox(context: Any, patient: Any) -> dict[str, Any]:
    user = context["request"].user
    entries = Entry.objects.filter(
        recipient=user, patient=patient, acknowledged_at__isnull=True
    ).select_related("session", "message")
    return {"entries": list(entries[:20])}
