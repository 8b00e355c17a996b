"""The assessment record (``backpath/assessment/1``) and follow-up record (``backpath/followup/1``).

Pydantic models that accept every valid record and reject every invalid one. Unknown fields
and unknown codes are errors; nothing is half-read. Use :func:`parse_assessment` /
:func:`parse_followup` to get a model or a :class:`~backpath.core.errors.RecordError`.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from .errors import RecordError, format_errors
from .redflags import RED_FLAG_CODES
from .vocab import (
    After,
    During,
    Factor,
    LossGrade,
    Mechanical,
    Onset,
    Pattern,
    Region,
    Response,
    Sex,
    ShiftSide,
    Side,
    SymptomKind,
    TestCode,
)

__all__ = [
    "AssessmentRecord",
    "Examination",
    "FollowUpRecord",
    "History",
    "Instruments",
    "MovementLoss",
    "Patient",
    "PsfsItem",
    "Symptom",
    "TestResult",
    "parse_assessment",
    "parse_followup",
]

Score10 = Annotated[int, Field(ge=0, le=10)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Patient(_Strict):
    age: Annotated[int, Field(ge=12, le=110)] | None = None
    sex: Sex | None = None


class History(_Strict):
    duration_weeks: Annotated[float, Field(ge=0)] | None = None
    onset: Onset | None = None
    previous_episodes: Annotated[int, Field(ge=0)] | None = None
    pattern: Pattern | None = None
    aggravating: list[Factor] = []
    easing: list[Factor] = []
    previous_sciatica: bool | None = None
    prior_surgery: bool | None = None


class Symptom(_Strict):
    region: Region
    side: Side
    kind: SymptomKind = "pain"
    intensity: Score10 | None = None

    @model_validator(mode="after")
    def _central_only_for_back(self) -> Symptom:
        if self.side == "central" and self.region != "back":
            raise ValueError(
                f"side: central is only allowed for region back (got region {self.region}); "
                "allowed values for other regions: left, right"
            )
        return self


class MovementLoss(_Strict):
    flexion: LossGrade | None = None
    extension: LossGrade | None = None
    side_glide_left: LossGrade | None = None
    side_glide_right: LossGrade | None = None


class Examination(_Strict):
    lateral_shift: ShiftSide | None = None
    movement_loss: MovementLoss = MovementLoss()
    posture_correction_abolishes: bool | None = None
    hip_reproduces_symptoms: bool | None = None
    sij_provocation_positive: Annotated[int, Field(ge=0, le=5)] | None = None


class TestResult(_Strict):
    __test__ = False  # not a pytest class
    test: TestCode
    reps: Annotated[int, Field(ge=1, le=50)] = 10
    during: During
    after: After
    mechanical: Mechanical = "no_effect"


class PsfsItem(_Strict):
    activity: Annotated[str, Field(min_length=1, max_length=120)]
    score: Score10


OdiItem = Annotated[int, Field(ge=0, le=5)] | None
RmdqItem = Annotated[int, Field(ge=0, le=1)] | None


class Instruments(_Strict):
    nrs_back: Score10 | None = None
    nrs_leg: Score10 | None = None
    odi: Annotated[list[OdiItem], Field(min_length=10, max_length=10)] | None = None
    rmdq: Annotated[list[RmdqItem], Field(min_length=24, max_length=24)] | None = None
    start_back: Annotated[list[int], Field(min_length=9, max_length=9)] | None = None
    psfs: Annotated[list[PsfsItem], Field(min_length=1, max_length=5)] | None = None

    @field_validator("start_back")
    @classmethod
    def _start_back_items(cls, items: list[int] | None) -> list[int] | None:
        for i, value in enumerate(items or []):
            top = 4 if i == 8 else 1
            if not 0 <= value <= top:
                raise ValueError(f"item {i + 1} is {value}; item {i + 1} allows 0–{top}")
        return items


def _red_flag(code: str) -> str:
    if code not in RED_FLAG_CODES:
        raise ValueError(
            f"{code!r} is not a red-flag code; allowed values: " + ", ".join(RED_FLAG_CODES)
        )
    return code


RedFlagCode = Annotated[str, AfterValidator(_red_flag)]


class AssessmentRecord(_Strict):
    schema_: Literal["backpath/assessment/1"] = Field(alias="schema")
    id: Annotated[str, Field(max_length=200)] | None = None
    patient: Patient = Patient()
    history: History = History()
    symptoms: list[Symptom] = []
    red_flags: list[RedFlagCode] = []
    examination: Examination = Examination()
    tests: list[TestResult] = []
    instruments: Instruments = Instruments()
    current_treatments: list[Annotated[str, Field(min_length=1, max_length=200)]] = []

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Baseline(_Strict):
    nrs_back: Score10 | None = None
    nrs_leg: Score10 | None = None
    odi_percent: Annotated[float, Field(ge=0, le=100)] | None = None


class FollowUpRecord(_Strict):
    schema_: Literal["backpath/followup/1"] = Field(alias="schema")
    visit_number: Annotated[int, Field(ge=1, le=1000)] = 2
    days_since_plan: Annotated[int, Field(ge=0, le=3650)] = 0
    nrs_back: Score10 | None = None
    nrs_leg: Score10 | None = None
    symptoms: list[Symptom] = []
    previous_symptoms: list[Symptom] | None = None
    response: Response = "same"
    adherence_percent: Annotated[int, Field(ge=0, le=100)] | None = None
    days_stable: Annotated[int, Field(ge=0)] = 0
    days_symptom_free: Annotated[int, Field(ge=0)] = 0
    baseline: Baseline = Baseline()
    odi: Annotated[list[OdiItem], Field(min_length=10, max_length=10)] | None = None
    red_flags: list[RedFlagCode] = []

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


def parse_assessment(data: Any) -> AssessmentRecord:
    """Validate a decoded JSON document as an assessment record, or raise RecordError."""
    if not isinstance(data, dict):
        raise RecordError(["(record): must be a JSON object"])
    try:
        return AssessmentRecord.model_validate(data)
    except ValidationError as exc:
        raise RecordError(format_errors(exc)) from None


def parse_followup(data: Any) -> FollowUpRecord:
    """Validate a decoded JSON document as a follow-up record, or raise RecordError."""
    if not isinstance(data, dict):
        raise RecordError(["(record): must be a JSON object"])
    try:
        return FollowUpRecord.model_validate(data)
    except ValidationError as exc:
        raise RecordError(format_errors(exc)) from None
