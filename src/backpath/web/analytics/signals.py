"""Refresh an episode's summary row after a write to anything it is made of, and enqueue the
refresh of the dashboard's groups after a write to a summary row."""

from __future__ import annotations

import uuid
from typing import Any

from django.db.models.signals import post_delete, post_save

from backpath.web.assessments.models import Assessment
from backpath.web.followups.models import FollowUp
from backpath.web.patients.models import Episode
from backpath.web.plans.models import PlanVersion
from backpath.web.programmes.models import SessionLog

from .groups import changed
from .models import EpisodeSummary
from .summaries import refresh_episode

# the rows an episode's summary is made of
Watched = Episode | Assessment | FollowUp | PlanVersion | SessionLog


def _episode_of(instance: Watched) -> uuid.UUID | None:
    if isinstance(instance, Episode):
        return instance.pk
    if isinstance(instance, SessionLog):
        return (
            PlanVersion.objects.filter(pk=instance.plan_id)
            .values_list("episode_id", flat=True)
            .first()
        )
    return instance.episode_id


def _refresh(sender: type[Watched], instance: Watched, raw: bool = False, **kwargs: Any) -> None:
    if raw:  # loading fixtures
        return
    episode_id = _episode_of(instance)
    if episode_id is not None:
        refresh_episode(episode_id)


for _model in (Episode, Assessment, FollowUp, PlanVersion, SessionLog):
    post_save.connect(_refresh, sender=_model, dispatch_uid=f"analytics-{_model.__name__}")


def _summary_saved(
    sender: type[EpisodeSummary], instance: EpisodeSummary, raw: bool = False, **kwargs: Any
) -> None:
    if not raw:
        changed(instance)


def _summary_deleted(sender: type[EpisodeSummary], instance: EpisodeSummary, **kwargs: Any) -> None:
    changed(instance, deleted=True)


post_save.connect(_summary_saved, sender=EpisodeSummary, dispatch_uid="analytics-groups-save")
post_delete.connect(_summary_deleted, sender=EpisodeSummary, dispatch_uid="analytics-groups-del")
