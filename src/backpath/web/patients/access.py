"""The one door to patients and episodes: scoped to the user's clinic; missing and not-yours
both raise ``Http404``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from backpath.web.clinics.access import RowId, clinic_of, get_or_refuse

from .models import Episode, Patient

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def patients_for_user(user: User) -> QuerySet[Patient]:
    return Patient.objects.filter(clinic=clinic_of(user))


def get_patient_for_user(user: User, patient_id: RowId) -> Patient:
    return get_or_refuse(user, patients_for_user(user), pk=patient_id)


def get_episode_for_user(user: User, episode_id: RowId) -> Episode:
    episodes = Episode.objects.select_related("patient", "patient__clinic")
    return get_or_refuse(user, episodes, pk=episode_id, patient__clinic=clinic_of(user))
