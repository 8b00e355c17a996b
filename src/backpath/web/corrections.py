"""Corrections shared by the clinical rooms: assessments, follow-ups and plan versions are never
deleted; a mistake is *voided* with who did it and a typed reason (:class:`Voidable`), kept,
shown struck through and left out of outcomes, baselines and current plans (:func:`void`)."""

from __future__ import annotations

from typing import Any, ClassVar, TypeVar

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from backpath.core.corrections import typed_reason
from backpath.web.audit.trail import Actor, record


class Voidable(models.Model):
    """A record that is voided, never deleted. ``VOID_KIND`` names it in the audit trail
    (``<kind>.void``)."""

    VOID_KIND: ClassVar[str]
    episode: Any  # each concrete record's foreign key to its episode

    voided_at = models.DateTimeField(null=True, blank=True)
    voided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    void_reason = models.TextField(blank=True)

    class Meta:
        abstract = True

    @property
    def is_voided(self) -> bool:
        return self.voided_at is not None


V = TypeVar("V", bound=Voidable)


@transaction.atomic
def void(actor: Actor, obj: V, reason: str) -> V:
    """Void ``obj`` (a :class:`Voidable` with an ``episode``) with a typed reason: kept, shown
    struck through, left out of outcomes, baselines and current plans. Raises the core's
    EditError (field ``void_reason``). A voided plan version is never shown to the patient:
    their link shows the latest live accepted version before it (or nothing, when there is
    none)."""
    if not isinstance(obj, Voidable):
        raise TypeError(f"{type(obj).__name__} cannot be voided")
    clean = typed_reason("void_reason", reason)
    if obj.voided_at is None:
        obj.voided_at, obj.voided_by, obj.void_reason = timezone.now(), actor.user, clean
        obj.save(update_fields=["voided_at", "voided_by", "void_reason"])
    record(actor, f"{obj.VOID_KIND}.void", patient=obj.episode.patient, obj=obj, reason=clean)
    return obj
