"""What the API takes and returns. Clinical documents are the core's, passed through as JSON."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any, Literal

from ninja import Field, Schema

Sex = Literal["female", "male", "other", "unknown", ""]


class Page(Schema):
    count: int
    limit: int
    offset: int


class PatientIn(Schema):
    name: str = Field(min_length=1, max_length=200)
    date_of_birth: date
    sex: Sex = ""
    contact: str = Field("", max_length=300)


class PatientOut(Schema):
    id: uuid.UUID
    name: str
    date_of_birth: date
    sex: str
    contact: str
    version: int
    created_at: datetime


class PatientPage(Page):
    items: list[PatientOut]


class EpisodeIn(Schema):
    complaint: str = Field(min_length=1, max_length=200)
    started_on: date | None = None


class EpisodeOut(Schema):
    id: uuid.UUID
    patient_id: uuid.UUID
    complaint: str
    started_on: date
    closed_on: date | None


class AssessmentIn(Schema):
    assessed_on: date | None = None
    record: dict[str, Any] = Field(description="a backpath/assessment/1 record")


class AssessmentOut(Schema):
    id: uuid.UUID
    episode_id: uuid.UUID
    status: str
    assessed_on: date
    record: dict[str, Any] | None
    result: dict[str, Any] | None = Field(description="the core's backpath/result/1 document")
    plan_ids: list[uuid.UUID]
    voided_at: datetime | None = Field(None, description="set when voided: not current")
    void_reason: str = ""


class FollowUpIn(Schema):
    seen_on: date | None = None
    record: dict[str, Any] = Field(
        default_factory=dict,
        description="fields of a backpath/followup/1 record (nrs_back, response, odi, …); "
        "visit number, days since the plan, baseline and previous symptoms are filled in",
    )


class FollowUpOut(Schema):
    id: uuid.UUID
    episode_id: uuid.UUID
    seen_on: date
    visit_number: int
    based_on_id: uuid.UUID
    record: dict[str, Any]
    progression: dict[str, Any] = Field(description="the core's backpath/progression/1")
    accepted_plan_id: uuid.UUID | None
    voided_at: datetime | None = Field(None, description="set when voided: not current")
    void_reason: str = ""


class PlanOut(Schema):
    id: uuid.UUID
    episode_id: uuid.UUID
    number: int
    source: str
    stage: str
    plan: dict[str, Any]
    avoid: list[dict[str, Any]]
    changes: list[dict[str, Any]]
    accepted_at: datetime | None
    voided_at: datetime | None = Field(None, description="set when voided: not current")
    void_reason: str = ""


class ExerciseIn(Schema):
    code: str = Field(min_length=1, max_length=100)
    reason: str = Field("", max_length=2000)


class ExerciseOut(Schema):
    code: str
    name: str
    category: str
    position: str
    loads: list[str]
    dose: str
    purpose: str
    steps: list[str]
    clinic_only: bool
