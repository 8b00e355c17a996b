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
a recorded clinician reason).

Dose and note edits (``dose`` and ``note`` entries; only the latest of each per exercise, and
a removal forgets the ones before it) are applied to the exercise when it is still in the new
plan (R7's, or carried over as an addition); an exercise the new plan no longer has takes its
edits with it. A note is always carried. A dose is carried unless **the new stage changed that
exercise's dose**: when ``stage_plan`` (the plan of the stage the edits were made in, as R7 or
the assessment generated it) doses the exercise differently from ``new_plan``, the new stage's
dose wins and the carry log says the clinician's was not carried. Why the stage wins: the
spec ties the dose to the stage (R5.1 the lead's dose by irritability, R5.3 families moving on
a step, R7.4 reintroducing a direction gently), so a dose chosen for the stage before would
silently undo the progression the clinician is accepting (or load a reintroduced direction
fully); the clinician sees that it was not carried and can set it again on the new version.
When the stage left the exercise's dose as it was, the clinician's dose is carried.

Each carried edit becomes a ``{"action": "carry", ...}`` entry of the new version's
``changes`` with its ``outcome`` and a plain-words ``text``, the drops first; a carried dose
or note entry keeps its ``dose`` or ``note``, so it is carried again at the next progression.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..library import Dose, Library, default_library
from ..vocab import PRECAUTION_CODES
from .build import plan_item
from .edit import EditError, set_dose, set_note
from .gate import conflict_codes, item_conflicts

__all__ = [
    "DOSE_KEPT",
    "DOSE_STAGE",
    "DROPPED",
    "IN_PLAN",
    "KEPT",
    "NOTE_KEPT",
    "NOT_IN_PLAN",
    "OVERRIDE",
    "REMOVED",
    "Carried",
    "carry_edits",
    "describe",
    "net_edits",
    "net_tweaks",
]

REMOVED = "removed"  # the new plan had it; taken out again
NOT_IN_PLAN = "not_in_plan"  # removed, and the new plan does not have it anyway
KEPT = "kept"  # added, loads nothing the new stage avoids: carried over
OVERRIDE = "kept_override"  # added with a reason covering every avoided direction it loads
IN_PLAN = "in_plan"  # added, and the new plan has it already
DROPPED = "dropped"  # added, but now loads an avoided direction its reason does not cover
DOSE_KEPT = "dose_kept"  # the clinician's dose, applied to the exercise in the new plan
DOSE_STAGE = "dose_stage"  # not carried: the new stage changed the exercise's dose
NOTE_KEPT = "note_kept"  # the clinician's note on the exercise, carried over

_ORDER = (  # how the entries are listed
    DROPPED,
    DOSE_STAGE,
    OVERRIDE,
    KEPT,
    IN_PLAN,
    REMOVED,
    NOT_IN_PLAN,
    DOSE_KEPT,
    NOTE_KEPT,
)
_TWEAKS = ("dose", "note")

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


def net_tweaks(changes: Iterable[Mapping[str, Any]]) -> dict[tuple[str, str], dict[str, Any]]:
    """The latest dose and note edit per exercise: ``{(code, "dose"): {value, by, at}}`` (and
    ``(code, "note")``). A ``carry`` entry counts as the edit it carried, one the new stage
    superseded ends it, and removing the exercise forgets its earlier dose and note."""
    net: dict[tuple[str, str], dict[str, Any]] = {}
    for change in changes:
        code, action = change.get("exercise"), change.get("action")
        edit = change.get("edit") if action == "carry" else action
        if not isinstance(code, str):
            continue
        if edit == "remove":
            net = {k: v for k, v in net.items() if k[0] != code}
        if edit not in _TWEAKS:
            continue
        net.pop((code, edit), None)
        if change.get("outcome") != DOSE_STAGE:
            value = change.get(edit)
            net[(code, edit)] = {
                "value": value,
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
    stage_plan: Mapping[str, Any] | None = None,
) -> Carried:
    """``new_plan`` with the edits of ``changes`` (the log of plan version ``carried_from``)
    applied under the new stage's ``avoid`` list and the patient's ``precautions``;
    ``stage_plan``: the plan the edits were made on as generated (to tell a dose the new stage
    changed; see the module's docstring)."""
    changes = list(changes)
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
    plan: dict[str, Any] = {**new_plan, "items": [*items, *added]}
    plan = _tweaked(plan, changes, (new_plan, stage_plan), carried_from, entries, lib)
    entries.sort(key=lambda e: _ORDER.index(e["outcome"]))
    return Carried(plan, entries, carried_from)


def _doses(plan: Mapping[str, Any] | None) -> dict[str, Any]:
    return {i["exercise"]: i.get("dose") or {} for i in (plan or {}).get("items", [])}


def _tweaked(
    plan: dict[str, Any],
    changes: list[Mapping[str, Any]],
    plans: tuple[Mapping[str, Any], Mapping[str, Any] | None],
    carried_from: int,
    entries: list[dict[str, Any]],
    lib: Library,
) -> dict[str, Any]:
    """``plan`` with the latest dose and note edits applied (see the module's docstring); an
    entry for each is appended to ``entries``. A logged value the editor would refuse (out of
    bounds, not text) is not carried. ``plans``: the new plan and the stage plan, as generated."""
    now, before = _doses(plans[0]), _doses(plans[1])
    present = {i["exercise"] for i in plan["items"]}
    for (code, kind), edit in net_tweaks(changes).items():
        if code not in present or (kind == "note" and not edit["value"]):
            continue
        entry = {"action": "carry", "edit": kind, "exercise": code, kind: edit["value"]}
        entry.update(by=edit["by"], at=edit["at"], carried_from=carried_from, reason="")
        try:
            if kind == "dose" and code in before and code in now and before[code] != now[code]:
                entry.update(outcome=DOSE_STAGE, stage_dose=dict(now[code]))
            elif kind == "dose":
                plan = set_dose(plan, code, edit["value"])
                entry["outcome"] = DOSE_KEPT
            else:
                plan = set_note(plan, code, edit["value"])
                entry["outcome"] = NOTE_KEPT
        except (EditError, TypeError, AttributeError):
            continue
        entry.update(conflicts=[], text=describe(entry, lib))
        entries.append(entry)
    return plan


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
    if outcome == DOSE_KEPT:
        return f"{name}: {who} changed the dose to {_dose(entry['dose'])}; carried over."
    if outcome == DOSE_STAGE:
        return (
            f"{name}: {who} had changed the dose to {_dose(entry['dose'])}, but the new stage "
            f"doses it {_dose(entry['stage_dose'])}: the stage's dose is used. Change it again "
            "if it is still needed."
        )
    if outcome == NOTE_KEPT:
        return f"{name}: {who}'s note is carried over: “{entry['note']}”."
    if outcome == OVERRIDE:
        return (
            f"{name}: {who} added it with a reason although it {_what(entry['conflicts'])},"
            f" which this stage still avoids: “{entry['reason']}”."
        )
    return f"{name}: {who} added it, but {_dropped_because(entry)}"


def _dose(dose: Mapping[str, Any]) -> str:
    known = {k: v for k, v in dose.items() if k in Dose.__slots__ and isinstance(v, int)}
    return Dose(**known).text()


def _dropped_because(entry: Mapping[str, Any]) -> str:
    now, before = entry.get("now_loads") or [], entry.get("override_for") or []
    if not now:
        return "it is no longer in the exercise library."
    because = f"it now {_what(now)}, which this stage avoids"
    if before:
        because += f", and the reason “{entry['reason']}” was given for {_directions(before)}"
    return because + ". Add it again with a reason if it is still needed."
