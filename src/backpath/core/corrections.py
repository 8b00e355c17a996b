"""Undoing mistakes honestly: voiding a record and closing or reopening an episode of care.

Nothing is deleted: a voided assessment, follow-up or plan version is kept with who voided it
and the typed reason, shown struck through, and left out of outcomes and baselines. An
episode closes with one of :data:`DISCHARGE_OUTCOMES` and reopens with a reason.
"""

from __future__ import annotations

from typing import Literal, get_args

from .plan.edit import MIN_REASON_CHARS, EditError, clean_text

__all__ = [
    "DISCHARGE_OUTCOMES",
    "MAX_REASON_CHARS",
    "DischargeOutcome",
    "discharge",
    "typed_reason",
]

DischargeOutcome = Literal["discharged_improved", "self_discharged", "referred_on", "other"]
DISCHARGE_OUTCOMES: tuple[str, ...] = get_args(DischargeOutcome)
MAX_REASON_CHARS = 500


def typed_reason(field: str, text: object) -> str:
    """A reason of at least a sentence (:data:`MIN_REASON_CHARS`); EditError naming ``field``."""
    return clean_text(field, text, MAX_REASON_CHARS, MIN_REASON_CHARS)


def discharge(outcome: object, note: object = "") -> tuple[str, str]:
    """The checked discharge outcome and note; EditError naming the field and allowed values.
    ``other`` needs a note saying what happened."""
    if outcome not in DISCHARGE_OUTCOMES:
        raise EditError(
            "discharge_outcome",
            f"discharge_outcome: {outcome!r}; allowed: {', '.join(DISCHARGE_OUTCOMES)}",
        )
    text = clean_text("discharge_note", note, MAX_REASON_CHARS)
    if outcome == "other" and not text:
        raise EditError("discharge_note", "discharge_note: say what happened when it is 'other'")
    return str(outcome), text
