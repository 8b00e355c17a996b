"""The exercise library (the core's), read-only."""

from __future__ import annotations

from django.http import Http404
from ninja import Router

from backpath.core.library import Exercise, default_library
from backpath.web.requests import AuthedRequest

from .problems import Problem
from .schemas import ExerciseOut

router = Router(tags=["exercises"])


def exercise_out(ex: Exercise) -> ExerciseOut:
    return ExerciseOut(
        code=ex.code,
        name=ex.name,
        category=ex.category,
        position=ex.position,
        loads=sorted(ex.loads),
        dose=ex.dose.text(),
        purpose=ex.purpose,
        steps=list(ex.steps),
        clinic_only=ex.clinic_only,
    )


@router.get("/exercises", response={200: list[ExerciseOut], 401: Problem, 403: Problem})
def exercise_list(request: AuthedRequest) -> list[ExerciseOut]:
    return [exercise_out(ex) for ex in default_library()]


@router.get(
    "/exercises/{code}", response={200: ExerciseOut, 401: Problem, 403: Problem, 404: Problem}
)
def exercise_detail(request: AuthedRequest, code: str) -> ExerciseOut:
    library = default_library()
    if code not in library:
        raise Http404
    return exercise_out(library.get(code))
