"""Carrying a clinician's plan edits into the plan a follow-up progression produces.

Pure functions over plan dicts (no Django, no clock): the web's follow-up actions load the
plan versions, call :func:`carry_edits` and save what it returns. The edits are a plan
version's ``changes`` log — ``add`` and ``remove`` entries, plus ``carry`` entries written by
an earlier progression — and only the last entry per exercise counts. Applied to the new
plan (R7's plan for the new stage):

- removed → stays removed (taken out of the new plan if the new plan has it);
- added → appended if the new plan lacks it and the gate (:mod:`.gate`) finds no conflict:
  no direction the new stage avoids (in the item's position) and no precaution;
- added with an override reason → carried, still flagged with that reason, only while every
  conflict it now has is one the reason was given for (the reason still covers it).
  When it has no conflict any more it is carried as a plain addition.

Any other addition now conflicts with the new stage and is **dropped** and said so
(clinical-rules.md §4–§5: no item may load an avoided direction or break a precaution without
a recorded clinician reason). Each carried edit becomes a ``{"action": "carry", ...}`` entry
of the new version's ``changes`` with its ``outcome`` and a plain-words ``text``, the drops
first.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..library import Library, default_library
from ..vocab import PRECAUTION_CODES
from .build import plan_item
from .gate import conflict_codes, item_conflicts

__all__ = [
    "DROPPED",
    "IN_PLAN",
    "KEPT",
    "NOT_IN_PLAN",
    "OVERRIDE",
    "REMOVED",
    "Carried",
    "carry_edits",
    "describe",
    "net_edits",
]

REMOVED = "removed"  # the new plan had it; taken out again
NOT_IN_PLAN = "not_in_plan"  # removed, and the new plan does not have it anyway
KEPT = "kept"  # added, loads nothing the new stage avoids: carried over
OVERRIDE = "kept_override"  # added with a reason covering every avoided direction it loads
IN_PLAN = "in_plan"  # added, and the new plan has it already
DROPPED = "dropped"  # added, but now loads an avoided direction its reason does not cover

_ORDER = (DROPPED, OVERRIDE, KEPT, IN_PLAN, REMOVED, NOT_IN_PLAN)  # how the entries are listed

Avoids = Iterable[Mapping[str, Any] | str]
_SHOULDERS = {"side_glide_left": "left", "side_glide_right": "right"}


def direction(code: str) -> str:
    """A conflict code in words: ``side_glide_left`` → side glide left (shoulders move left /
    hips move right); ``extension:standing`` → extension in standing; a precaution's name."""
    code, _, position = code.partition(":")
    side = _SHOULDERS.get(code)
    words = code.replace("_", " ")
    if side:
        hips = "right" if side == "left" else "left"
        words += f" (shoulders move {side} / hips move {hips})"
    return f"{words} in {position}" if position else words


@dataclass(frozen=True)
class Carried:
    """The new plan with the edits of version ``carried_from`` applied, and the ``carry``
    entries describing them."""

    plan: dict[str, Any]
    changes: list[dict[str, Any]]
    carried_from: int

    def codes(self, *outcomes: str) -> list[str]:
        return [c["exercise"] for c in self.changes if c["outcome"] in outcomes]


def net_edits(changes: Iterable[Mapping[str, Any]]) -> dict[str, dict[str, Any]]:
    """The last edit per exercise code: ``{code: {edit, reason, conflicts, by, at}}``.

    A ``carry`` entry counts as the edit it carried; a dropped one ends the edit."""
    net: dict[str, dict[str, Any]] = {}
    for change in changes:
        code, action = change.get("exercise"), change.get("action")
        edit = change.get("edit") if action == "carry" else action
        if not isinstance(code, str) or edit not in ("add", "remove"):
            continue
        net.pop(code, None)  # re-inserted last, so the order follows the latest edits
        if change.get("outcome") != DROPPED:
            net[code] = {
                "edit": edit,
                "reason": str(change.get("reason") or "").strip(),
                "conflicts": sorted(change.get("conflicts") or []),
                "by": change.get("by", ""),
                "at": change.get("at", ""),
            }
    return net


def carry_edits(
    changes: Iterable[Mapping[str, Any]],
    new_plan: Mapping[str, Any],
    avoid: Avoids,
    carried_from: int,
    library: Library | None = None,
    precautions: Iterable[Mapping[str, Any]] = (),
) -> Carried:
    """``new_plan`` with the edits of ``changes`` (the log of plan version ``carried_from``)
    applied under the new stage's ``avoid`` list and the patient's ``precautions``."""
    lib, avoid, cautions = library or default_library(), list(avoid), list(precautions)
    in_plan = {i["exercise"] for i in new_plan.get("items", [])}
    removed: set[str] = set()
    added: list[dict[str, Any]] = []
    entries: list[dict[str, Any]] = []
    for code, edit in net_edits(changes).items():
        now: list[str] = []
        if edit["edit"] == "remove":
            outcome = REMOVED if code in in_plan else NOT_IN_PLAN
            removed.add(code)
        else:
            outcome, now = _added(code, edit, in_plan, avoid, cautions, lib)
            if outcome in (KEPT, OVERRIDE):
                added.append(_item(code, edit, outcome, carried_from, lib))
        entries.append(_entry(code, edit, outcome, now, carried_from, lib))
    items = [i for i in new_plan.get("items", []) if i["exercise"] not in removed]
    entries.sort(key=lambda e: _ORDER.index(e["outcome"]))
    return Carried({**new_plan, "items": [*items, *added]}, entries, carried_from)


def _added(
    code: str,
    edit: Mapping[str, Any],
    in_plan: set[str],
    avoid: list[Any],
    precautions: list[Mapping[str, Any]],
    lib: Library,
) -> tuple[str, list[str]]:
    """The outcome of a clinician's addition, and the conflicts it now has."""
    if code in in_plan:
        return IN_PLAN, []
    if code not in lib or lib.get(code).clinic_only:
        return DROPPED, []
    now = conflict_codes(item_conflicts(code, avoid, precautions, lib))
    if not now:
        return KEPT, []
    if edit["reason"] and set(now) <= set(edit["conflicts"]):  # the reason still covers them
        return OVERRIDE, now
    return DROPPED, now


def _item(
    code: str, edit: Mapping[str, Any], outcome: str, carried_from: int, lib: Library
) -> dict[str, Any]:
    """The exercise as the library gives it today, marked as carried over."""
    item: dict[str, Any] = dict(
        plan_item(code, edit["reason"] or "Added by the clinician.", "clinician", lib)
    )
    item["carried_from"], item["added_by"] = carried_from, edit["by"]
    if outcome == OVERRIDE:
        item["override_reason"] = edit["reason"]
        item["override_for"] = list(edit["conflicts"])
    return item


def _entry(
    code: str,
    edit: Mapping[str, Any],
    outcome: str,
    now: list[str],
    carried_from: int,
    lib: Library,
) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "action": "carry",
        "edit": edit["edit"],
        "exercise": code,
        "outcome": outcome,
        "reason": edit["reason"],
        "conflicts": now if outcome == OVERRIDE else [],
        "by": edit["by"],
        "at": edit["at"],
        "carried_from": carried_from,
    }
    if outcome == DROPPED:
        entry["now_loads"], entry["override_for"] = now, edit["conflicts"]
    entry["text"] = describe(entry, lib)
    return entry


def _name(code: str, lib: Library) -> str:
    return lib.get(code).name if code in lib else code.replace("_", " ")


def _joined(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _directions(codes: Sequence[str]) -> str:
    return _joined([direction(c) for c in codes])


def _what(codes: Sequence[str]) -> str:
    """``loads extension`` / ``breaks the bone fragility precaution`` / both."""
    loads = [c for c in codes if c not in PRECAUTION_CODES]
    breaks = [c for c in codes if c in PRECAUTION_CODES]
    parts = [f"loads {_directions(loads)}"] if loads else []
    if breaks:
        parts.append(f"breaks the {_directions(breaks)} precaution")
    return " and ".join(parts)


def describe(entry: Mapping[str, Any], library: Library | None = None) -> str:
    """One carried edit in plain words (its outcome is shown beside it as a label), for the
    follow-up page and the plan page."""
    lib = library or default_library()
    name, who = _name(entry["exercise"], lib), entry.get("by") or "the clinician"
    why = f" ({entry['reason']})" if entry.get("reason") else ""
    outcome = entry["outcome"]
    if outcome == REMOVED:
        return f"{name}: {who} removed it{why}, so it is taken out of the new plan too."
    if outcome == NOT_IN_PLAN:
        return f"{name}: {who} removed it{why}; the new plan does not include it either."
    if outcome == KEPT:
        return f"{name}: {who} added it{why}."
    if outcome == IN_PLAN:
        return f"{name}: {who} added it; the new plan includes it anyway."
    if outcome == OVERRIDE:
        return (
            f"{name}: {who} added it with a reason although it {_what(entry['conflicts'])},"
            f" which this stage still avoids: “{entry['reason']}”."
        )
    return f"{name}: {who} added it, but {_dropped_because(entry)}"


def _dropped_because(entry: Mapping[str, Any]) -> str:
    now, before = entry.get("now_loads") or [], entry.get("override_for") or []
    if not now:
        return "it is no longer in the exercise library."
    because = f"it now {_what(now)}, which this stage avoids"
    if before:
        because += f", and the reason “{entry['reason']}” was given for {_directions(before)}"
    return because + ". Add it again with a reason if it is still needed."
