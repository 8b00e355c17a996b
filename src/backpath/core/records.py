"""The assessment record (``backpath/assessment/1``) and follow-up record (``backpath/followup/1``).

Pydantic models that accept every valid record and reject every invalid one. Unknown fields
and unknown codes are errors; nothing is half-read. Use :func:`parse_assessment` /
:func:`parse_followup` to get a model or a :class:`~backpath.core.errors.RecordError`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, Literal, cast

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from .camera import CAMERA_TESTS
from .errors import RecordError, format_errors
from .redflags import RED_FLAG_CODES
from .vocab import (
    After,
    Dermatome,
    During,
    Factor,
    LossGrade,
    Mechanical,
    Myotome,
    NeuroSide,
    Onset,
    Pattern,
    PregnancyStatus,
    Reflex,
    ReflexFinding,
    Region,
    Response,
    Sex,
    ShiftSide,
    Side,
    SlumpResult,
    SymptomKind,
    TestCode,
)

__all__ = [
    "AssessmentRecord",
    "CameraMeasure",
    "Examination",
    "FollowUpRecord",
    "History",
    "Instruments",
    "MovementLoss",
    "Neuro",
    "Patient",
    "Pregnancy",
    "PsfsItem",
    "Symptom",
    "TestResult",
    "parse_assessment",
    "parse_followup",
]

Score10 = Annotated[int, Field(ge=0, le=10)]


class _Strict(BaseModel):
    # Numbers must be finite: "inf" or "nan" is never a duration, a score or a count.
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


def _no_repeats(items: list[Any], key: Callable[[Any], Any], what: str) -> None:
    """Raise naming the first item that repeats an earlier one (by ``key``)."""
    keys = [key(item) for item in items]
    if len(set(keys)) == len(keys):
        return
    seen: dict[Any, int] = {}
    for i, k in enumerate(keys):
        if k in seen:
            raise ValueError(f"[{i}] repeats [{seen[k]}]: each {what} may be recorded once")
        seen[k] = i


class Pregnancy(_Strict):
    status: PregnancyStatus
    weeks: Annotated[int, Field(ge=0, le=42)]


class Patient(_Strict):
    age: Annotated[int, Field(ge=12, le=110)] | None = None
    sex: Sex | None = None
    pregnancy: Pregnancy | None = None


class History(_Strict):
    duration_weeks: Annotated[float, Field(ge=0, le=5200)] | None = None
    onset: Onset | None = None
    previous_episodes: Annotated[int, Field(ge=0, le=1000)] | None = None
    pattern: Pattern | None = None
    aggravating: list[Factor] = []
    easing: list[Factor] = []
    previous_sciatica: bool | None = None
    prior_surgery: bool | None = None
    walking_tolerance_minutes: Annotated[int, Field(ge=0, le=600)] | None = None

    @field_validator("aggravating", "easing")
    @classmethod
    def _factors_once(cls, values: list[str]) -> list[str]:
        if len(set(values)) != len(values):  # every record passes here: check cheaply first
            _no_repeats(values, lambda v: v, "factor")
        return values


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


class Weakness(_Strict):
    myotome: Myotome
    side: NeuroSide


class ReflexResult(_Strict):
    reflex: Reflex
    side: NeuroSide
    finding: ReflexFinding


class SensoryLoss(_Strict):
    dermatome: Dermatome
    side: Side


class Neuro(_Strict):
    """The neurological examination; an absent field means "not tested", never "normal"."""

    slr_left: Annotated[int, Field(ge=0, le=90)] | None = None
    slr_right: Annotated[int, Field(ge=0, le=90)] | None = None
    slump_left: SlumpResult | None = None
    slump_right: SlumpResult | None = None
    weakness: list[Weakness] = []
    reflexes: list[ReflexResult] = []
    sensory_loss: list[SensoryLoss] = []

    @model_validator(mode="after")
    def _each_once(self) -> Neuro:
        _no_repeats(self.weakness, lambda w: (w.myotome, w.side), "myotome and side")
        _no_repeats(self.reflexes, lambda r: (r.reflex, r.side), "reflex and side")
        _no_repeats(self.sensory_loss, lambda s: (s.dermatome, s.side), "dermatome and side")
        return self


class Examination(_Strict):
    lateral_shift: ShiftSide | None = None
    movement_loss: MovementLoss = MovementLoss()
    posture_correction_abolishes: bool | None = None
    hip_reproduces_symptoms: bool | None = None
    sij_provocation_positive: Annotated[int, Field(ge=0, le=5)] | None = None
    neuro: Neuro | None = None


class CameraMeasure(_Strict):
    """Numbers measured by the camera (trunk inclination in the test's direction, degrees):
    repetitions counted and the range at the first and the last repetition."""

    reps: Annotated[int, Field(ge=1, le=50)]
    first_deg: Annotated[float, Field(ge=0, le=180)]
    last_deg: Annotated[float, Field(ge=0, le=180)]


class TestResult(_Strict):
    __test__ = False  # not a pytest class
    test: TestCode
    reps: Annotated[int, Field(ge=1, le=50)] = 10
    during: During
    after: After
    mechanical: Mechanical = "no_effect"
    camera: CameraMeasure | None = None

    @model_validator(mode="after")
    def _camera_only_where_it_measures(self) -> TestResult:
        if self.camera is not None and self.test not in CAMERA_TESTS:
            raise ValueError(
                f"camera: test {self.test} cannot be camera-measured; allowed tests: "
                + ", ".join(CAMERA_TESTS)
            )
        return self


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
        if items is None or (min(items) >= 0 and max(items[:8]) <= 1 and items[8] <= 4):
            return items  # nine items (checked first): the usual, valid case
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

    model_config = ConfigDict(
        extra="forbid", frozen=True, populate_by_name=True, allow_inf_nan=False
    )

    @field_validator("symptoms")
    @classmethod
    def _body_chart_cells_once(cls, values: list[Symptom]) -> list[Symptom]:
        if len({(s.region, s.side, s.kind) for s in values}) != len(values):
            _no_repeats(values, lambda s: (s.region, s.side, s.kind), "region, side and kind")
        return values

    @field_validator("tests")
    @classmethod
    def _tests_once(cls, values: list[TestResult]) -> list[TestResult]:
        if len({t.test for t in values}) != len(values):
            _no_repeats(values, lambda t: t.test, "test")
        return values

    @field_validator("red_flags")
    @classmethod
    def _flags_once(cls, values: list[str]) -> list[str]:
        if len(set(values)) != len(values):
            _no_repeats(values, lambda v: v, "red flag")
        return values


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
    days_stable: Annotated[int, Field(ge=0, le=3650)] = 0
    days_symptom_free: Annotated[int, Field(ge=0, le=3650)] = 0
    baseline: Baseline = Baseline()
    odi: Annotated[list[OdiItem], Field(min_length=10, max_length=10)] | None = None
    red_flags: list[RedFlagCode] = []

    model_config = ConfigDict(
        extra="forbid", frozen=True, populate_by_name=True, allow_inf_nan=False
    )

    @field_validator("symptoms", "previous_symptoms")
    @classmethod
    def _body_chart_cells_once(cls, values: list[Symptom] | None) -> list[Symptom] | None:
        _no_repeats(values or [], lambda s: (s.region, s.side, s.kind), "region, side and kind")
        return values


# The model's own validator, called directly (model_validate adds a Python call per record).
_validate_assessment = AssessmentRecord.__pydantic_validator__.validate_python


def parse_assessment(data: Any) -> AssessmentRecord:
    """Validate a decoded JSON document as an assessment record, or raise RecordError."""
    if not isinstance(data, dict):
        raise RecordError(["(record): must be a JSON object"])
    try:
        return cast(AssessmentRecord, _validate_assessment(data))
    except ValidationError as exc:
        raise RecordError(format_errors(exc, AssessmentRecord)) from None


def parse_followup(data: Any) -> FollowUpRecord:
    """Validate a decoded JSON document as a follow-up record, or raise RecordError."""
    if not isinstance(data, dict):
        raise RecordError(["(record): must be a JSON object"])
    try:
        return FollowUpRecord.model_validate(data)
    except ValidationError as exc:
        raise RecordError(format_errors(exc, FollowUpRecord)) from None
