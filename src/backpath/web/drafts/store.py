"""Autosaved drafts of the clinician's forms, keyed by user and form address.

Only the forms in :data:`DRAFTABLE` keep drafts, and only for a user who may open them (the
object's own door decides: "missing" and "not yours" are the same 404).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.http import Http404
from django.urls import Resolver404, resolve

from backpath.web.audit.trail import Actor, record

from .models import FormDraft

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django.http import HttpRequest

    from backpath.web.patients.models import Episode

MAX_PATH = 200
_SKIPPED = ("csrfmiddlewaretoken", "action", "version", "draft_path", "idem")


def _episode(user: User, **kwargs: Any) -> Episode:
    from backpath.web.patients.access import get_episode_for_user

    return get_episode_for_user(user, kwargs["episode_id"])


def _assessment(user: User, **kwargs: Any) -> Episode:
    from backpath.web.assessments.access import get_assessment_for_user

    assessment = get_assessment_for_user(user, kwargs["assessment_id"])
    if not assessment.is_draft:
        raise Http404
    return assessment.episode


DRAFTABLE: dict[str, Callable[..., Episode]] = {  # URL name → the door that says who may draft it
    "episodes:assessment_new": _episode,
    "assessments:edit": _assessment,
    "episodes:followup_new": _episode,
}


def episode_for_path(user: User, path: str) -> Episode:
    """The episode behind a draftable form address; Http404 for any other address."""
    if not isinstance(path, str) or len(path) > MAX_PATH or not path.startswith("/"):
        raise Http404
    try:
        match = resolve(path)
    except Resolver404:
        raise Http404 from None
    door = DRAFTABLE.get(match.view_name)
    if door is None:
        raise Http404
    return door(user, **match.kwargs)


def save(actor: Actor, path: str, values: dict[str, Any]) -> FormDraft:
    """Store the form's values (the caller has checked ``path`` with episode_for_path)."""
    episode = episode_for_path(actor.user, path)
    kept = {k: v for k, v in values.items() if k not in _SKIPPED}
    draft, created = FormDraft.objects.update_or_create(
        user=actor.user, path=path, defaults={"values": kept}
    )
    if created:  # the first autosave of a form; later ones update the same draft
        record(actor, "draft.create", patient=episode.patient, path=path)
    return draft


def load(user: User, path: str) -> FormDraft | None:
    return FormDraft.objects.filter(user=user, path=path).first()


def discard(user: User, path: str) -> None:
    FormDraft.objects.filter(user=user, path=path).delete()


def restored(
    user: User, path: str, values: dict[str, Any]
) -> tuple[dict[str, Any], datetime | None]:
    """``values`` with the autosaved draft of ``path`` over them, and when it was saved."""
    draft = load(user, path)
    if draft is None:
        return values, None
    return {**values, **draft.values}, draft.updated_at


def form_context(request: HttpRequest, saved_at: datetime | None = None) -> dict[str, Any]:
    """What a draftable form's template needs: the idle countdown and any restored draft."""
    from backpath.web.clinics.middleware import seconds_left

    return {"idle_left": seconds_left(request), "draft_restored_at": saved_at}
