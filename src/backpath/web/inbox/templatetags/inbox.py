"""``{% patient_inbox patient %}``: the signed-in user's open entries about one patient (the
patient and episode pages show them with a link to acknowledge)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import template

from backpath.web.inbox.models import Entry

if TYPE_CHECKING:
    from django.template import Context

    from backpath.web.patients.models import Patient

register = template.Library()


@register.inclusion_tag("inbox/_patient_entries.html", takes_context=True)
def patient_inbox(context: Context, patient: Patient) -> dict[str, Any]:
    user = context["request"].user
    entries = Entry.objects.filter(
        recipient=user, patient=patient, acknowledged_at__isnull=True
    ).select_related("session", "message")
    return {"entries": list(entries[:20])}
