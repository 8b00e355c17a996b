"""Plan templates (clinical-rules.md §5): a named set of exercises with their doses and notes,
saved from one plan and applied to another patient's plan through the one gate.

A template carries no override reason: a reason is about one patient, so an exercise that
conflicts with *this* patient's avoided directions or precautions is dropped and said so, and
the clinician may add it back with their own reason.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from contextlib import suppress
from dataclasses import dataclass, field
from typing import Any

from ..library import Library, default_library
from .build import plan_item
from .edit import EditError, clean_text, prescribable, set_dose
from .gate import Screen

__all__ = [
    "MAX_NAME_CHARS",
    "MIN_NAME_CHARS",
    "Applied",
    "apply_template",
    "template_items",
    "template_name",
]

MIN_NAME_CHARS = 3
MAX_NAME_CHARS = 80


def template_name(name: object) -> str:
    """A template's name, e.g. "extension DP, reduce stage"; EditError (field ``name``)."""
    return clean_text("name", name, MAX_NAME_CHARS, MIN_NAME_CHARS)


def template_items(plan: Mapping[str, Any]) -> list[dict[str, Any]]:
    """What a template keeps of a plan: each exercise in order with its dose and note."""
    out = []
    for item in plan.get("items") or []:
        kept: dict[str, Any] = {"exercise": item["exercise"], "dose": dict(item.get("dose") or {})}
        if item.get("note"):
            kept["note"] = item["note"]
        out.append(kept)
    if not out:
        raise EditError("plan", "plan: a template needs at least one exercise")
    return out


@dataclass(slots=True)
class Applied:
    """The plan with the template's items, and each item left out with why."""

    plan: dict[str, Any]
    dropped: list[dict[str, Any]] = field(default_factory=list)  # {exercise, name, reasons}

    def texts(self) -> list[str]:
        return [f"{d['name']} left out: " + " ".join(d["reasons"]) for d in self.dropped]


def _item(entry: Mapping[str, Any], name: str, lib: Library) -> dict[str, Any]:
    code = str(entry["exercise"])
    item: dict[str, Any] = dict(plan_item(code, f"From the template “{name}”.", "template", lib))
    with suppress(EditError):  # a dose outside today's bounds: the library's own dose instead
        item = set_dose({"items": [item]}, code, entry.get("dose") or {})["items"][0]
    if entry.get("note"):
        item["note"] = str(entry["note"])
    return item


def apply_template(
    plan: Mapping[str, Any],
    name: str,
    entries: Iterable[Mapping[str, Any]],
    avoid: Iterable[Mapping[str, Any] | str],
    precautions: Iterable[Mapping[str, Any]] = (),
    library: Library | None = None,
) -> Applied:
    """``plan`` with its items replaced by the template's, each through the gate: an unknown,
    passive, rest or clinic-only exercise, a duplicate, and any exercise that loads an avoided
    direction (where avoided) or breaks a precaution is dropped with its reasons."""
    lib = library or default_library()
    screen = Screen(avoid, precautions, lib)
    items: list[dict[str, Any]] = []
    dropped: list[dict[str, Any]] = []
    for entry in entries:
        code = str(entry.get("exercise", ""))
        if code not in lib:
            dropped.append({"exercise": code, "name": code, "reasons": ["not in the library."]})
            continue
        ex = lib.get(code)
        reasons: list[str]
        if not prescribable(code, lib):
            reasons = ["not prescribable in a home programme (passive, rest or clinic-only)."]
        elif any(i["exercise"] == code for i in items):
            reasons = ["it is in the template twice."]
        else:
            reasons = [c["text"] for c in screen.conflicts(code)]
        if reasons:
            dropped.append({"exercise": code, "name": ex.name, "reasons": reasons})
        else:
            items.append(_item(entry, name, lib))
    return Applied({**plan, "items": items}, dropped)
