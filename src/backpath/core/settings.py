"""Clinical thresholds in one table (clinical-rules.md: every value marked *(config)*).

Rules receive a :class:`Thresholds` and never read a number from anywhere else. A clinic that
follows another pathway builds its own with ``dataclasses.replace(DEFAULT, ...)``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from types import MappingProxyType
from typing import Any

__all__ = ["DEFAULT", "SETTINGS_HELP", "Thresholds"]

_REFERRAL_URGENCY_HELP = "red-flag code → urgency (R1.1–R1.3); local pathways differ"


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Every number the rules use, with the rule that uses it in ``SETTINGS_HELP``."""

    dysfunction_min_weeks: float = 6
    chronic_min_weeks: float = 12
    chronic_min_places: int = 3
    stenosis_min_age: int = 50
    irritability_high_nrs: int = 7
    irritability_low_nrs: int = 3
    missing_nrs: int = 5
    review_days_high: int = 3
    review_days: int = 5
    dp_times_per_day: int = 6
    dp_times_per_day_high: int = 12
    dp_reps: int = 10
    dysfunction_reps: int = 12
    first_plan_anti_movement: int = 2
    maintain_nrs_back: int = 2
    maintain_days_stable: int = 7
    recover_days_symptom_free: int = 14
    review_visit_number: int = 5
    review_days_since_plan: int = 21
    discharge_nrs: int = 1
    discharge_odi_percent: float = 20
    review_days_chronic: int = 7
    sij_positive_min: int = 3
    chronic_walk_minutes: int = 10
    chronic_weekly_rise_percent: int = 10
    pregnancy_positional_weeks: int = 16
    postpartum_weeks: int = 12
    reintroduce_reps: int = 5
    reintroduce_times_per_day: int = 2
    camera_rom_change_deg: float = 5
    referral_urgency: MappingProxyType[str, str] = field(
        default_factory=lambda: MappingProxyType({})
    )

    def as_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


SETTINGS_HELP: dict[str, str] = {
    "dysfunction_min_weeks": "R3.4: minimum duration (weeks) before a dysfunction is classified",
    "chronic_min_weeks": "R3.6: minimum duration (weeks) for the chronic pain subgroup",
    "chronic_min_places": "R3.6: distinct region-and-side places for widespread constant pain",
    "stenosis_min_age": "R3.1a/R3.6: minimum age for the stenosis pattern",
    "irritability_high_nrs": "§2: NRS at or above which constant pain is highly irritable",
    "irritability_low_nrs": "§2: NRS at or below which intermittent pain has low irritability",
    "missing_nrs": "§2: NRS assumed when none was recorded",
    "review_days_high": "§5: review after this many days when irritability is high (2–3)",
    "review_days": "§5: review after this many days otherwise (5–7)",
    "dp_times_per_day": "R5.1: sessions a day of DP exercises (every 2–3 hours)",
    "dp_times_per_day_high": "R5.1: sessions a day when irritability is high (hourly)",
    "dp_reps": "R5.1: repetitions of a DP exercise",
    "dysfunction_reps": "R5.6: repetitions of an end-range dysfunction exercise (10–15)",
    "first_plan_anti_movement": "R5.3: anti-movement exercises in a first plan",
    "maintain_nrs_back": "R7.3: back NRS at or below which reduce progresses to maintain",
    "maintain_days_stable": "R7.3: stable days before reduce progresses to maintain",
    "recover_days_symptom_free": "R7.4: symptom-free days before maintain → recover function",
    "review_visit_number": "R7.5: visit number from which lack of progress triggers review",
    "review_days_since_plan": "R7.5: days since the plan from which lack of progress triggers "
    "review",
    "discharge_nrs": "R7.6: NRS (back and leg) at or below which discharge is possible",
    "discharge_odi_percent": "R7.6: ODI at or below which discharge is possible",
    "sij_positive_min": "R3.5/R3.6: positive sacroiliac provocation tests for the sacroiliac "
    "subgroup",
    "review_days_chronic": "R5.7: review after this many days for chronic pain",
    "chronic_walk_minutes": "R5.7: daily walking minutes to start from when the record has no "
    "walking tolerance",
    "chronic_weekly_rise_percent": "R5.7: weekly rise of graded activity (about 10 %)",
    "pregnancy_positional_weeks": "§4a: weeks of pregnancy from which prone lying and sustained "
    "lying on the back are excluded",
    "postpartum_weeks": "§4a: weeks after birth during which high-load abdominal flexion is "
    "excluded",
    "reintroduce_reps": "R7.4: repetitions of a reintroduced direction",
    "reintroduce_times_per_day": "R7.4: sessions a day of a reintroduced direction",
    "camera_rom_change_deg": "CAM1: change of camera-measured trunk inclination (degrees, "
    "last repetition against the first) that suggests increased or decreased range",
    "referral_urgency": _REFERRAL_URGENCY_HELP + " (overrides of the default table)",
}

DEFAULT = Thresholds()
