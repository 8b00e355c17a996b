"""Enqueue the refresh of an episode's summary row after a write to anything it is made of, and
the refresh of the dashboard's groups after a write to a summary row.

The summary is refreshed by the job queue, not in the request: a submitted assessment saves the
assessment and its plan, and refreshing the row inline (a dozen queries, twice) was a third of
the submit's time. The job sees the transaction's writes (:func:`~backpath.web.jobs.queue.later`)
and is idempotent: it recomputes the row from the episode, so two jobs for one episode, or one
run late, leave the same row. With ``TASKS_BACKEND=immediate`` (the tests) it runs at once."""

from __future__ import annotations

import uuid
from typing import Any

from django.db.models.signals import post_delete, post_save

from backpath.web.assessments.models import Assessment
from backpath.web.followups.models import FollowUp
from backpath.web.jobs.queue import job, later
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


# after the PDFs and other jobs a person waits for: the dashboard may lag by a moment
SUMMARY_PRIORITY = -10


@job("Refresh the summary row of an episode that changed", priority=SUMMARY_PRIORITY)
def refresh_summary(episode_id: str) -> bool:
    """Recompute the episode's summary row (idempotent); False when it has none (no live
    assessment) or the episode is gone."""
    return refresh_episode(uuid.UUID(episode_id)) is not None


def _refresh(sender: type[Watched], instance: Watched, raw: bool = False, **kwargs: Any) -> None:
    if raw:  # loading fixtures
        return
    episode_id = _episode_of(instance)
    if episode_id is not None:
        later(refresh_summary, str(episode_id))


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
