"""A clinician's edits to a plan (clinical-rules.md §4–§5): add, remove, dose, order, note.

Pure functions over plan dicts; the web saves each result as a new plan version with its audit
entry. Every addition goes through the one gate (:mod:`.gate`): an exercise that loads an
avoided direction (where it is avoided) or breaks a precaution is added only with a typed
clinical reason of at least a sentence, recorded on the item with the conflicts it covers.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ..library import Exercise, Library, default_library, normalise
from .build import PASSIVE_CATEGORIES, plan_item
from .gate import Conflict, conflict_codes, item_conflicts

__all__ = [
    "DOSE_BOUNDS",
    "MAX_NOTE_CHARS",
    "MIN_REASON_CHARS",
    "MOVES",
    "EditError",
    "OverrideRequired",
    "add_item",
    "clean_text",
    "move_item",
    "offerable",
    "prescribable",
    "remove_item",
    "set_dose",
    "set_note",
]

MIN_REASON_CHARS = 20  # "at least a sentence": a few words with a verb, not "ok" or "x"
MAX_NOTE_CHARS = 500
DOSE_BOUNDS: dict[str, tuple[int, int]] = {  # what a home programme may ask, inclusive
    "reps": (1, 50),
    "sets": (1, 10),
    "hold_seconds": (1, 300),
    "times_per_day": (1, 12),
    "minutes": (1, 120),
}
MOVES = ("up", "down")


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


def offerable(
    query: str, plan: Mapping[str, Any], library: Library | None = None, limit: int = 12
) -> list[Exercise]:
    """Prescribable exercises not yet in ``plan`` where every word of ``query`` starts a word
    of the name, a synonym or the category (any order, case and punctuation ignored), sorted
    by name; all of them when ``query`` is empty."""
    lib = library or default_library()
    words = normalise(query).split()
    present = {i.get("exercise") for i in plan.get("items") or []}
    found = []
    for ex in lib:
        if ex.code in present or not prescribable(ex.code, lib):
            continue
        known = normalise(" ".join((ex.code, ex.name, ex.category, *ex.synonyms))).split()
        if all(any(k.startswith(w) for k in known) for w in words):
            found.append(ex)
    return sorted(found, key=lambda e: e.name)[:limit]


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


def clean_text(field: str, text: object, max_chars: int, min_chars: int = 0) -> str:
    """``text`` with its spacing collapsed; EditError naming ``field`` when it is not text,
    holds a control character (a NUL byte cannot be stored), or is too short or too long."""
    if not isinstance(text, str):
        raise EditError(field, f"{field}: expected text")
    if any(ord(ch) < 32 and ch not in "\t\n\r" for ch in text):
        raise EditError(field, f"{field}: contains a control character")
    text = " ".join(text.split())
    if len(text) > max_chars:
        raise EditError(field, f"{field}: at most {max_chars} characters ({len(text)} given)")
    if len(text) < min_chars:
        raise EditError(field, f"{field}: at least {min_chars} characters (a sentence)")
    return text


def _index(plan: Mapping[str, Any], code: str) -> tuple[list[dict[str, Any]], int]:
    items = [dict(i) for i in plan.get("items") or []]
    for n, item in enumerate(items):
        if item.get("exercise") == code:
            return items, n
    raise EditError("exercise", f"{code!r} is not in this plan")


def _dose_value(name: str, value: object) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        value = int(value.strip())
    low, high = DOSE_BOUNDS[name]
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise EditError(f"dose.{name}", f"{name}: a whole number from {low} to {high}")
    return value


def set_dose(plan: Mapping[str, Any], code: str, dose: Mapping[str, object]) -> dict[str, Any]:
    """``plan`` with the dose of ``code`` replaced by ``dose`` (empty or ``None`` values leave
    that part out). EditError naming ``dose.<part>`` for a value outside :data:`DOSE_BOUNDS`,
    ``dose`` for an unknown part or a dose with nothing in it."""
    unknown = sorted(set(dose) - set(DOSE_BOUNDS))
    if unknown:
        raise EditError(
            "dose", f"dose: {', '.join(unknown)} not allowed; allowed: {', '.join(DOSE_BOUNDS)}"
        )
    new = {k: v for k in DOSE_BOUNDS if (v := _dose_value(k, dose.get(k))) is not None}
    if not new:
        raise EditError("dose", "dose: give at least one of " + ", ".join(DOSE_BOUNDS))
    items, n = _index(plan, code)
    items[n]["dose"] = new
    return {**plan, "items": items}


def move_item(plan: Mapping[str, Any], code: str, direction: str) -> dict[str, Any]:
    """``plan`` with ``code`` one place ``up`` or ``down``; EditError at either end."""
    if direction not in MOVES:
        raise EditError("direction", f"direction: {direction!r}; allowed: {', '.join(MOVES)}")
    items, n = _index(plan, code)
    to = n - 1 if direction == "up" else n + 1
    if not 0 <= to < len(items):
        where = "first" if direction == "up" else "last"
        raise EditError("direction", f"{items[n].get('name', code)} is already {where}")
    items[n], items[to] = items[to], items[n]
    return {**plan, "items": items}


def set_note(plan: Mapping[str, Any], code: str, note: object) -> dict[str, Any]:
    """``plan`` with the clinician's note on ``code`` (an empty note removes it)."""
    text = clean_text("note", note, MAX_NOTE_CHARS)
    items, n = _index(plan, code)
    if text:
        items[n]["note"] = text
    else:
        items[n].pop("note", None)
    return {**plan, "items": items}
