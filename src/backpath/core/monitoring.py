"""Self-monitoring traffic light for patients (clinical-rules.md §8).

After each session of exercises the patient says how the symptoms behaved; :func:`traffic_light`
turns that into green / amber / red / emergency, with a rule id and reasons for the clinician
and plain advice for the patient. Rules, first match wins:

- ``R8.emergency`` any emergency symptom (e.g. numbness between the legs, new bladder or bowel
  trouble) → seek emergency care now; the clinician is alerted.
- ``R8.red`` symptoms spread further down the leg, stayed worse, or new numbness or weakness →
  stop that exercise and contact the clinic; the clinician is alerted.
- ``R8.amber`` worse during the set but back to how it was within about 5 minutes, or no change
  for :data:`NO_CHANGE_AMBER_DAYS` days or more → carry on, mention it at the next visit.
- ``R8.green`` centralised, decreased or abolished → carry on. No change for fewer days than
  that is also green (keep going; it is early), with a note saying so.

:data:`GUIDE` holds the three-colour guide as plain-language data for the home programme page
and PDF, and :data:`EMERGENCY_GUIDE` the signs that need emergency care.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, get_args

__all__ = [
    "EMERGENCY_GUIDE",
    "GUIDE",
    "NO_CHANGE_AMBER_DAYS",
    "SYMPTOM_CHANGES",
    "GuideEntry",
    "Light",
    "SelfReport",
    "SymptomChange",
    "traffic_light",
]

SymptomChange = Literal[
    "centralised",
    "decreased",
    "abolished",
    "no_change",
    "worse_then_settled",
    "worse_stayed",
    "spread_down_leg",
    "new_numbness_or_weakness",
]
SYMPTOM_CHANGES: tuple[str, ...] = get_args(SymptomChange)
Colour = Literal["green", "amber", "red", "emergency"]

NO_CHANGE_AMBER_DAYS = 3  # §8: "no change for 3 days" is amber


@dataclass(frozen=True, slots=True)
class SelfReport:
    """What the patient reports after a session of exercises.

    ``days_without_change`` counts the days in a row with no change (used with ``no_change``);
    ``emergency_symptoms`` is any emergency sign (numbness between the legs or around the
    bottom, new trouble passing or holding urine, loss of bowel control, new weakness in both
    legs, new loss of sexual feeling).
    """

    change: SymptomChange
    days_without_change: int = 0
    emergency_symptoms: bool = False

    def __post_init__(self) -> None:
        if self.change not in SYMPTOM_CHANGES:
            raise ValueError(
                f"change: {self.change!r} is not a symptom change; allowed values: "
                + ", ".join(SYMPTOM_CHANGES)
            )
        days = self.days_without_change
        if isinstance(days, bool) or not isinstance(days, int) or days < 0:
            raise ValueError(f"days_without_change: {days!r}; expected a whole number ≥ 0")
        if not isinstance(self.emergency_symptoms, bool):
            raise ValueError(
                f"emergency_symptoms: {self.emergency_symptoms!r}; expected true or false"
            )


@dataclass(frozen=True, slots=True)
class Light:
    """The traffic light for one self-report.

    ``reasons`` are sentences for the clinician; ``advice`` is for the patient, in plain words.
    ``alert_clinician`` is true for red and emergency: the report is shown to the clinician at
    once.
    """

    light: Colour
    rule: str
    reasons: tuple[str, ...]
    advice: str
    alert_clinician: bool

    def as_dict(self) -> dict[str, Any]:
        return {
            "light": self.light,
            "rule": self.rule,
            "reasons": list(self.reasons),
            "advice": self.advice,
            "alert_clinician": self.alert_clinician,
        }


_EMERGENCY_ADVICE = (
    "Get emergency care now: go to the emergency department or call your local emergency "
    "number. Do not wait for your next appointment and do not do any more exercises. Tell "
    "them you have back pain and which of these signs you have."
)
_RED_ADVICE = (
    "Stop this exercise for now and contact the clinic today, or as soon as it opens. You "
    "have not done anything wrong: it usually means the exercise needs changing. Until you "
    "hear from us, keep moving gently in ways that do not make it worse."
)
_RED_WHAT: dict[str, tuple[str, str]] = {
    "spread_down_leg": (
        "Symptoms spread further down the leg after the exercises (peripheralisation).",
        "Your symptoms have spread further down your leg.",
    ),
    "worse_stayed": (
        "Symptoms got worse with the exercises and stayed worse.",
        "Your symptoms got worse and stayed worse.",
    ),
    "new_numbness_or_weakness": (
        "New numbness or weakness reported after the exercises.",
        "You have new numbness or weakness.",
    ),
}
_AMBER_SETTLED_ADVICE = (
    "Carry on with your exercises. Pain that goes up during a set and settles back to how it "
    "was within a few minutes is common and not harmful. Mention it at your next visit. If it "
    "starts to stay worse, or spreads further down your leg, stop and contact the clinic."
)
_AMBER_STUCK_ADVICE = (
    "Carry on with your exercises as they are, and mention at your next visit that nothing "
    "has changed for a few days, so we can adjust them. Contact us sooner if things get worse."
)
_GREEN_ADVICE = (
    "This is a good sign. Carry on with your exercises as planned. More pain in the middle of "
    "your back with less in your leg is a good sign too: it means the pain is moving back "
    "where it came from."
)
_GREEN_EARLY_ADVICE = (
    "Carry on with your exercises as planned; it can take a few days before you notice a "
    "change. If nothing has changed after {days} days, mention it at your next visit."
)
_GREEN_WHAT: dict[str, str] = {
    "centralised": "Symptoms centralised (moved towards the middle of the back) after the "
    "exercises.",
    "decreased": "Symptoms decreased after the exercises and stayed better.",
    "abolished": "Symptoms abolished after the exercises and stayed better.",
}


def _days(n: int) -> str:
    return "1 day" if n == 1 else f"{n} days"


def traffic_light(report: SelfReport) -> Light:
    """The colour, rule, reasons and advice for one self-report (§8; first match wins)."""
    change = report.change
    if report.emergency_symptoms:
        return Light(
            "emergency",
            "R8.emergency",
            (
                "Emergency red-flag symptoms reported (e.g. saddle numbness, bladder or bowel "
                "change): emergency care advised now.",
            ),
            _EMERGENCY_ADVICE,
            True,
        )
    if change in _RED_WHAT:
        clinician, patient = _RED_WHAT[change]
        return Light(
            "red",
            "R8.red",
            (clinician, "Patient told to stop that exercise and contact the clinic."),
            f"{patient} {_RED_ADVICE}",
            True,
        )
    if change == "worse_then_settled":
        return Light(
            "amber",
            "R8.amber",
            ("Symptoms worse during the set but back to baseline within about 5 minutes.",),
            _AMBER_SETTLED_ADVICE,
            False,
        )
    if change == "no_change":
        days = report.days_without_change
        if days >= NO_CHANGE_AMBER_DAYS:
            return Light(
                "amber",
                "R8.amber",
                (
                    f"No change in symptoms for {_days(days)} (amber from "
                    f"{NO_CHANGE_AMBER_DAYS} days): review the exercise at the next visit.",
                ),
                _AMBER_STUCK_ADVICE,
                False,
            )
        return Light(
            "green",
            "R8.green",
            (
                f"No change in symptoms yet ({_days(days)}); amber only after "
                f"{NO_CHANGE_AMBER_DAYS} days without change.",
            ),
            _GREEN_EARLY_ADVICE.format(days=NO_CHANGE_AMBER_DAYS),
            False,
        )
    return Light("green", "R8.green", (_GREEN_WHAT[change],), _GREEN_ADVICE, False)


@dataclass(frozen=True, slots=True)
class GuideEntry:
    """One colour of the patient guide: what it looks like and what to do, in plain words."""

    colour: Colour
    title: str
    looks_like: tuple[str, ...]
    what_to_do: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "colour": self.colour,
            "title": self.title,
            "looks_like": list(self.looks_like),
            "what_to_do": self.what_to_do,
        }


GUIDE: tuple[GuideEntry, GuideEntry, GuideEntry] = (
    GuideEntry(
        "green",
        "Going well: keep going",
        (
            "The pain in your leg or buttock gets less, or moves up towards your back.",
            "More pain in the middle of your back with less in your leg. This is a good "
            "sign: the pain is moving back where it came from.",
            "Your pain is less, or gone, after the exercises and stays that way.",
        ),
        "Carry on with your exercises as planned.",
    ),
    GuideEntry(
        "amber",
        "Keep going, and tell us at your next visit",
        (
            "The pain goes up while you do the exercise but is back to how it was within "
            "about 5 minutes.",
            "Nothing has changed, better or worse, for 3 days.",
        ),
        "Carry on with your exercises and mention it at your next visit. If it starts to "
        "stay worse, treat it as red.",
    ),
    GuideEntry(
        "red",
        "Stop that exercise and contact us",
        (
            "The pain or tingling spreads further down your leg.",
            "The pain gets worse and stays worse after you stop.",
            "You notice new numbness, or weakness in your leg or foot.",
        ),
        "Stop that exercise and contact the clinic today, or as soon as it opens. Keep moving "
        "gently in ways that do not make it worse until you hear from us.",
    ),
)

EMERGENCY_GUIDE = GuideEntry(
    "emergency",
    "Get emergency care now",
    (
        "Numbness or tingling between your legs, around your bottom or genitals.",
        "New trouble passing urine, or not being able to hold it, or not feeling when you "
        "need to go.",
        "Losing control of your bowels.",
        "New numbness or weakness in both legs, or weakness that is quickly getting worse.",
        "New loss of feeling or function in your genitals.",
    ),
    "Go to the emergency department or call your local emergency number now. Do not wait for "
    "your next appointment.",
)
