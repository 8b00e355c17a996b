"""A clinician's edits to a plan (clinical-rules.md §4–§5): add, remove, change a dose.

Pure functions over plan dicts; the web saves each result as a new plan version with its audit
entry. Every addition goes through the one gate (:mod:`.gate`): an exercise that loads an
avoided direction (where it is avoided) or breaks a precaution is added only with a typed
clinical reason of at least a sentence, recorded on the item with the conflicts it covers.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ..library import Library, default_library
from .build import PASSIVE_CATEGORIES, plan_item
from .gate import Conflict, conflict_codes, item_conflicts

__all__ = [
    "MIN_REASON_CHARS",
    "EditError",
    "OverrideRequired",
    "add_item",
    "prescribable",
    "remove_item",
]

MIN_REASON_CHARS = 20  # "at least a sentence": a few words with a verb, not "ok" or "x"


class EditError(ValueError):
    """An edit that cannot be made; ``field`` names the input at fault."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        super().__init__(message)


class OverrideRequired(ValueError):
    """Adding this exercise needs a typed clinical reason covering ``conflicts``."""

    def __init__(self, conflicts: list[Conflict]) -> None:
        self.conflicts = conflicts
        super().__init__(
            " ".join(c["text"] for c in conflicts)
            + f" Type the clinical reason (at least {MIN_REASON_CHARS} characters) to add it "
            "anyway."
        )


def prescribable(code: str, library: Library | None = None) -> bool:
    """May ``code`` go into a home programme at all (not passive, rest or clinic-only)?"""
    lib = library or default_library()
    if code not in lib:
        return False
    ex = lib.get(code)
    return ex.category not in PASSIVE_CATEGORIES and not ex.clinic_only


def add_item(
    plan: Mapping[str, Any],
    code: str,
    avoid: Iterable[Mapping[str, Any] | str],
    precautions: Iterable[Mapping[str, Any]] = (),
    reason: str = "",
    library: Library | None = None,
) -> tuple[dict[str, Any], list[Conflict]]:
    """``plan`` with exercise ``code`` appended, and the conflicts the reason overrides.

    Raises :class:`EditError` (field ``exercise``) for an unknown, duplicate or
    non-prescribable code and :class:`OverrideRequired` when a conflict has no reason.
    """
    lib = library or default_library()
    if code not in lib:
        raise EditError("exercise", f"{code!r} is not an exercise in the library")
    if not prescribable(code, lib):
        raise EditError(
            "exercise",
            f"{lib.get(code).name} is not prescribable in a home programme (passive, rest or "
            "clinic-only)",
        )
    items = list(plan.get("items") or [])
    if any(i.get("exercise") == code for i in items):
        raise EditError("exercise", f"{lib.get(code).name} is already in the plan")
    conflicts = item_conflicts(code, avoid, precautions, lib)
    reason = " ".join(reason.split())
    if conflicts and len(reason) < MIN_REASON_CHARS:
        raise OverrideRequired(conflicts)
    item: dict[str, Any] = dict(
        plan_item(code, reason or "Added by the clinician.", "clinician", lib)
    )
    if conflicts:
        item["override_reason"] = reason
        item["override_for"] = conflict_codes(conflicts)
    return {**plan, "items": [*items, item]}, conflicts


def remove_item(plan: Mapping[str, Any], code: str) -> dict[str, Any]:
    """``plan`` without exercise ``code``; EditError when it is not in the plan."""
    items = list(plan.get("items") or [])
    kept = [i for i in items if i.get("exercise") != code]
    if len(kept) == len(items):
        raise EditError("exercise", f"{code!r} is not in this plan")
    return {**plan, "items": kept}
