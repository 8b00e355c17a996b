"""A home session logged exercise by exercise, and adherence computed from the logs (§8).

The patient says, for each exercise, whether they did it, how many repetitions, and how the
symptoms behaved; or says "not today" for the whole session, which needs no symptom answer.
The emergency question is always answered. :func:`session_light` gives each done exercise
its traffic light (:func:`.monitoring.traffic_light`) and the session the most serious one, so
"stop that exercise" names the exercise. :func:`adherence` turns logged sessions into a
percentage per exercise and overall.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from .monitoring import SYMPTOM_CHANGES, Light, SelfReport, SymptomChange, traffic_light

__all__ = [
    "MAX_REPS",
    "NOT_TODAY_RULE",
    "Adherence",
    "ExerciseAdherence",
    "ExerciseReport",
    "LoggedSession",
    "SessionResult",
    "adherence",
    "session_light",
]

MAX_REPS = 200  # more repetitions than this in one session is a typing slip, not a session
NOT_TODAY_RULE = "R8.not_today"
ADHERENCE_RULE = "R8.adherence"
SessionColour = Literal["green", "amber", "red", "emergency", "not_done"]
_SEVERITY = {"not_done": 0, "green": 1, "amber": 2, "red": 3, "emergency": 4}


@dataclass(frozen=True, slots=True)
class ExerciseReport:
    """One exercise of one session: done or not, repetitions, and (if done) the symptoms."""

    exercise: str
    done: bool
    reps: int | None = None
    change: SymptomChange | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.exercise, str) or not self.exercise:
            raise ValueError("exercise: expected an exercise code")
        if not isinstance(self.done, bool):
            raise ValueError(f"{self.exercise}.done: {self.done!r}; expected true or false")
        reps = self.reps
        if reps is not None and (
            isinstance(reps, bool) or not isinstance(reps, int) or not 0 <= reps <= MAX_REPS
        ):
            raise ValueError(
                f"{self.exercise}.reps: {reps!r}; expected a whole number 0–{MAX_REPS}"
            )
        if self.done and self.change is None:
            raise ValueError(
                f"{self.exercise}.change: required for a done exercise; allowed values: "
                + ", ".join(SYMPTOM_CHANGES)
            )
        if self.change is not None and self.change not in SYMPTOM_CHANGES:
            raise ValueError(
                f"{self.exercise}.change: {self.change!r} is not a symptom change; allowed "
                "values: " + ", ".join(SYMPTOM_CHANGES)
            )


@dataclass(frozen=True, slots=True)
class SessionResult:
    """The session's light (the most serious of its exercises, or ``not_done``), its rule,
    reasons for the clinician and advice for the patient, and each exercise's own light
    (None for an exercise not done)."""

    light: SessionColour
    rule: str
    reasons: tuple[str, ...]
    advice: str
    alert_clinician: bool
    exercises: tuple[tuple[ExerciseReport, Light | None], ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "light": self.light,
            "rule": self.rule,
            "reasons": list(self.reasons),
            "advice": self.advice,
            "alert_clinician": self.alert_clinician,
            "exercises": [
                {
                    "exercise": r.exercise,
                    "done": r.done,
                    "reps": r.reps,
                    "change": r.change,
                    "light": light.as_dict() if light else None,
                }
                for r, light in self.exercises
            ],
        }


_NOT_TODAY_ADVICE = (
    "Thank you for telling us. Try to fit your exercises in tomorrow. If your symptoms are "
    "getting worse, contact the clinic."
)


def session_light(
    reports: Sequence[ExerciseReport],
    emergency: bool,
    not_today: bool = False,
    days_without_change: int = 0,
    names: dict[str, str] | None = None,
) -> SessionResult:
    """The traffic light for one session (§8); ``names`` gives each exercise's name for the
    reasons and advice (the code otherwise). Raises ValueError naming the field for a
    session that is neither "not today" nor has a done exercise."""
    if not isinstance(emergency, bool):
        raise ValueError(f"emergency: {emergency!r}; expected true or false")
    names = names or {}
    if not_today:
        reports = [ExerciseReport(r.exercise, False, None, None) for r in reports]
    elif not any(r.done for r in reports):
        raise ValueError(
            "exercises: mark at least one exercise as done, or choose 'not today' for the session"
        )
    lights: list[tuple[ExerciseReport, Light | None]] = []
    for r in reports:
        light = None
        if r.done and r.change is not None:
            light = traffic_light(SelfReport(r.change, days_without_change, emergency))
        lights.append((r, light))
    if emergency:
        em = traffic_light(SelfReport("no_change", 0, True))
        return SessionResult(em.light, em.rule, em.reasons, em.advice, True, tuple(lights))
    if not_today:
        reason = "The patient logged 'not today': no exercises done this session."
        return SessionResult(
            "not_done", NOT_TODAY_RULE, (reason,), _NOT_TODAY_ADVICE, False, tuple(lights)
        )
    done = [(r, light) for r, light in lights if light is not None]
    worst = max(done, key=lambda pair: _SEVERITY[pair[1].light])[1]
    reasons = tuple(
        f"{names.get(r.exercise, r.exercise)}: {reason}"
        for r, light in done
        for reason in light.reasons
    )
    serious = [r for r, light in done if light.light == worst.light]
    advice = worst.advice
    if worst.light in ("red", "amber"):
        which = ", ".join(names.get(r.exercise, r.exercise) for r in serious)
        advice = f"About {which}: {worst.advice}"
    return SessionResult(
        worst.light, worst.rule, reasons, advice, worst.alert_clinician, tuple(lights)
    )


@dataclass(frozen=True, slots=True)
class LoggedSession:
    """A logged session as adherence sees it: its day, "not today", the exercises done."""

    day: date
    not_today: bool
    done: frozenset[str]


@dataclass(frozen=True, slots=True)
class ExerciseAdherence:
    exercise: str
    days_done: int
    percent: int


@dataclass(frozen=True, slots=True)
class Adherence:
    """Per exercise, the share of logged days on which it was done; overall, their mean.

    ``days_logged`` of ``days_in_period`` says how much of the period the logs cover; it is
    patient-reported, and a day without a log counts for nothing either way.
    """

    exercises: tuple[ExerciseAdherence, ...]
    percent: int | None
    days_logged: int
    days_in_period: int
    rule: str
    reasons: tuple[str, ...]


def adherence(
    exercises: Sequence[str], sessions: Iterable[LoggedSession], start: date, end: date
) -> Adherence:
    """Adherence from ``start`` to ``end`` (inclusive) to the plan's ``exercises``."""
    if end < start:
        raise ValueError(f"end: {end} is before start {start}")
    days: dict[date, set[str]] = {}
    for s in sessions:
        if start <= s.day <= end:
            days.setdefault(s.day, set()).update(() if s.not_today else s.done)
    logged, period = len(days), (end - start).days + 1
    per = tuple(
        ExerciseAdherence(
            code,
            done := sum(code in d for d in days.values()),
            round(100 * done / logged) if logged else 0,
        )
        for code in exercises
    )
    overall = round(sum(e.percent for e in per) / len(per)) if per and logged else None
    reasons = (
        f"Patient-reported: logged on {logged} of {period} days since {start.isoformat()}.",
        *(f"{e.exercise}: done on {e.days_done} of {logged} logged days." for e in per),
    )
    return Adherence(per, overall, logged, period, ADHERENCE_RULE, reasons)
