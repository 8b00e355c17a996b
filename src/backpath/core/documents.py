"""The documents the core returns: ``backpath/result/1`` and ``backpath/progression/1``.

They are ``TypedDict``s: JSON-ready, cheap to build (the core assesses >10,000 records a
second) and checked statically. :data:`RESULT_ADAPTER` / :data:`PROGRESSION_ADAPTER` validate
a document against the same types and give its JSON Schema.
"""

from __future__ import annotations

from functools import cache
from typing import Any, NotRequired

from pydantic import ConfigDict, TypeAdapter, with_config
from typing_extensions import TypedDict

from .vocab import (
    Action,
    Category,
    DirectionalPreference,
    Irritability,
    LoadDirection,
    Position,
    PrecautionCode,
    Stage,
    Status,
    Syndrome,
    TestPosition,
    Urgency,
    Verdict,
    WarningCode,
)

__all__ = [
    "AuditEntry",
    "Avoid",
    "Classification",
    "NotRecommended",
    "Note",
    "Plan",
    "PlanItem",
    "Precaution",
    "Progression",
    "Reason",
    "Referral",
    "Result",
    "Warning",
    "progression_adapter",
    "result_adapter",
]

_FORBID = ConfigDict(extra="forbid")


@with_config(_FORBID)
class Reason(TypedDict):
    code: str
    text: str


@with_config(_FORBID)
class Referral(TypedDict):
    urgency: Urgency
    rule: str
    reasons: list[Reason]


@with_config(_FORBID)
class Classification(TypedDict):
    syndrome: Syndrome
    subgroup: str | None
    directional_preference: DirectionalPreference | None
    status: str
    next_tests: list[str]
    rule: str
    reasons: list[str]
    dysfunction_direction: NotRequired[str | None]
    dp_tests: NotRequired[list[str]]
    unfavourable_tests: NotRequired[list[str]]


@with_config(_FORBID)
class Avoid(TypedDict):
    direction: LoadDirection
    reason: str
    rule: NotRequired[str]
    positions: NotRequired[list[TestPosition]]


@with_config(_FORBID)
class Precaution(TypedDict):
    code: PrecautionCode
    reason: str
    excludes: list[str]
    rule: str
    except_positions: NotRequired[dict[str, list[str]]]


@with_config(_FORBID)
class Warning(TypedDict):
    code: WarningCode
    text: str


@with_config(_FORBID)
class PlanItem(TypedDict):
    exercise: str
    name: str
    category: Category
    position: Position
    loads: list[LoadDirection]
    dose: dict[str, int]
    reason: str
    rule: str
    override_reason: NotRequired[str]
    override_for: NotRequired[list[str]]
    start_with: NotRequired[list[str]]
    move_on_to: NotRequired[list[str]]
    family: NotRequired[str]
    note: NotRequired[str]
    carried_from: NotRequired[int]
    added_by: NotRequired[str]


@with_config(_FORBID)
class NotRecommended(TypedDict):
    code: str
    reason: str


@with_config(_FORBID)
class Note(TypedDict):
    rule: str
    text: str


@with_config(_FORBID)
class Plan(TypedDict):
    stage: Stage
    items: list[PlanItem]
    education: list[str]
    not_recommended: list[NotRecommended]
    notes: list[Note]
    review_after_days: int
    context: NotRequired[dict[str, Any]]
    education_notes: NotRequired[dict[str, str]]


@with_config(_FORBID)
class AuditEntry(TypedDict):
    input: str
    code: str | None
    name: str | None
    verdicts: list[Verdict]
    reason: str
    alternative: str | None
    alternative_name: str | None
    rule: str


@with_config(_FORBID)
class Result(TypedDict):
    schema: str
    id: str | None
    referral: Referral
    classification: Classification
    irritability: Irritability
    warnings: list[Warning]
    avoid: list[Avoid]
    precautions: list[Precaution]
    plan: Plan | None
    audit: list[AuditEntry]
    scores: dict[str, Any]


@with_config(_FORBID)
class Progression(TypedDict):
    schema: str
    action: Action | str
    stage_before: Stage
    stage: Stage
    rule: str
    reasons: list[str]
    avoid: list[Avoid]
    plan: Plan | None
    classification: Classification
    irritability: Irritability
    referral: NotRequired[Referral]
    changes: NotRequired[dict[str, Any]]
    precautions: NotRequired[list[Precaution]]


@cache
def result_adapter() -> TypeAdapter[Result]:
    """Validates a result document; ``.json_schema()`` gives its JSON Schema."""
    return TypeAdapter(Result)


@cache
def progression_adapter() -> TypeAdapter[Progression]:
    """Validates a progression document; ``.json_schema()`` gives its JSON Schema."""
    return TypeAdapter(Progression)


_ = Status  # status is "confirmed" or "provisional"; kept loose for documents from elsewhere
