"""The staged exercise plan (clinical-rules.md §5, rules R5.1–R5.9).

:func:`build_plan` turns a :class:`PlanContext` (what the classification, findings and
precautions say) and a stage into a plan. Every item carries its reason and rule, and the one
gate (:func:`.gate.gate`) guarantees the invariants: no item loads a direction where it is
avoided, none breaks a precaution, and nothing that needs a clinician's hands goes into a home
programme.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any, cast

from ..documents import Avoid, Note, NotRecommended, Plan, PlanItem
from ..education import EDUCATION_CODES
from ..library import Exercise, Library, default_library
from ..settings import DEFAULT, Thresholds
from ..vocab import LoadDirection
from .gate import Screen, gate, item_conflicts

__all__ = [
    "ANTI_MOVEMENT_CATEGORIES",
    "PASSIVE_CATEGORIES",
    "PlanContext",
    "build_plan",
    "chain",
    "family_entry",
    "plan_conflicts",
    "plan_item",
]

ANTI_MOVEMENT_CATEGORIES = (
    "anti_rotation",
    "anti_extension",
    "anti_lateral_flexion",
    "anti_flexion",
)
PASSIVE_CATEGORIES = frozenset({"passive", "rest"})
_LEAD = {  # R5.1: the lead exercise of a favourable test position, per DP direction
    ("extension", "lying"): "prone_press_up",
    ("extension", "standing"): "standing_back_extension",
    ("flexion", "lying"): "flexion_in_lying",
    ("flexion", "standing"): "flexion_in_sitting",
}
_GENTLE_REINTRODUCTION = {  # R7.4: the gentlest way back into a direction that was avoided
    "flexion": "flexion_in_lying",
    "extension": "prone_on_elbows",
    "side_glide_left": "side_glide_standing_left",
    "side_glide_right": "side_glide_standing_right",
}
_DP_LEAD = {  # R7.4: the DP exercise that follows a reintroduced movement
    "extension": "prone_press_up",
    "flexion": "flexion_in_lying",
    "lateral_left": "side_glide_standing_left",
    "lateral_right": "side_glide_standing_right",
}
_POSTURE_CORRECTION = {  # R5.5, postural syndrome: the aggravating posture → its correction
    "sitting": ("posture_correction_sitting", "sitting_breaks"),
    "driving": ("posture_correction_sitting", "sitting_breaks"),
    "standing": ("posture_correction_standing",),
}


@dataclass(slots=True)
class PlanContext:
    """What the plan needs to know; built from an assessment or from an earlier document."""

    syndrome: str
    subgroup: str | None
    dp: str | None
    irritability: str
    avoid: tuple[Avoid, ...] = ()
    precautions: tuple[Mapping[str, Any], ...] = ()
    dp_tests: tuple[str, ...] = ()
    unfavourable_tests: tuple[str, ...] = ()
    dysfunction_direction: str | None = None
    end_range_tests: tuple[str, ...] = ()
    lateral_shift: str | None = None
    walking_limited: bool = False
    start_back_high: bool = False
    urgency: str = "none"
    consider: tuple[str, ...] = ()
    next_tests: tuple[str, ...] = ()
    postures: tuple[str, ...] = ()
    walking_tolerance_minutes: int | None = None
    reintroduce: tuple[str, ...] = ()
    released: tuple[str, ...] = ()
    anti_steps: Mapping[str, str] = field(default_factory=dict)
    anti_moved: tuple[str, ...] = ()
    th: Thresholds = field(default=DEFAULT)

    @property
    def avoided(self) -> frozenset[str]:
        """Directions avoided in every position."""
        return frozenset(a["direction"] for a in self.avoid if not a.get("positions"))

    def as_dict(self) -> dict[str, Any]:
        """The part of the context a later follow-up needs to re-plan."""
        return {
            "lateral_shift": self.lateral_shift,
            "walking_limited": self.walking_limited,
            "start_back_high": self.start_back_high,
            "end_range_tests": list(self.end_range_tests),
            "postures": list(self.postures),
            "walking_tolerance_minutes": self.walking_tolerance_minutes,
            "consider": list(self.consider),
        }


class _Builder:
    def __init__(
        self, ctx: PlanContext, stage: str, lib: Library, screen: Screen | None = None
    ) -> None:
        self.ctx, self.stage, self.lib = ctx, stage, lib
        self.items: list[PlanItem] = []
        self.notes: list[Note] = []
        self.added: set[str] = set()
        self.screen = screen or Screen(ctx.avoid, ctx.precautions, lib)
        self.avoided = ctx.avoided  # asked more than once per plan

    def add(
        self, code: str, reason: str, rule: str, dose: Mapping[str, int] | None = None
    ) -> PlanItem | None:
        if code in self.added or code not in self.lib:
            return None
        self.added.add(code)
        item = plan_item(code, reason, rule, self.lib)
        if dose is not None:
            item["dose"] = dict(dose)
        self.items.append(item)
        return item

    def allowed(self, code: str) -> bool:
        """``code`` is in the library, home-safe, and passes the gate for this patient."""
        return code in self.screen.home

    def note(self, rule: str, text: str) -> None:
        self.notes.append({"rule": rule, "text": text})

    @property
    def dp_dose(self) -> dict[str, int]:
        th = self.ctx.th
        high = self.ctx.irritability == "high"
        times = th.dp_times_per_day_high if high else th.dp_times_per_day
        if self.stage in ("maintain", "recover_function"):
            times = max(2, times // 2)
        return {"reps": th.dp_reps, "sets": 1, "times_per_day": times}

    @property
    def how_often(self) -> str:
        if self.stage in ("maintain", "recover_function"):
            return "a few times a day to keep the gains"
        return "every hour" if self.ctx.irritability == "high" else "every 2–3 hours"


@cache
def _template(lib: Library, code: str) -> PlanItem:
    """The library's part of a plan item, built once per exercise (the core runs hot)."""
    ex = lib.get(code)
    return {
        "exercise": ex.code,
        "name": ex.name,
        "category": ex.category,  # type: ignore[typeddict-item]
        "position": ex.position,  # type: ignore[typeddict-item]
        "loads": cast(list[LoadDirection], sorted(ex.loads)),
        "dose": ex.dose.as_dict(),
        "reason": "",
        "rule": "",
    }


def plan_item(
    code: str, reason: str, rule: str = "clinician", library: Library | None = None
) -> PlanItem:
    """A plan item for ``code`` with the library's own dose."""
    item = _template(library or default_library(), code)
    return {
        **item,
        "loads": list(item["loads"]),
        "dose": dict(item["dose"]),
        "reason": reason,
        "rule": rule,
    }


def plan_conflicts(
    code: str, avoid: Iterable[Avoid | Mapping[str, Any] | str], library: Library | None = None
) -> list[str]:
    """The directions avoided everywhere that exercise ``code`` loads ([] when it is safe)."""
    conflicts = item_conflicts(code, avoid, (), library)
    return sorted(c["code"] for c in conflicts if c["kind"] == "direction")


# ---- library chains --------------------------------------------------------------------------


def chain(lib: Library, code: str, link: str) -> list[str]:
    """The codes reached from ``code`` by following ``link`` (``progression`` or
    ``regression``), nearest first."""
    out: list[str] = []
    nxt = getattr(lib.get(code), link)
    while nxt and nxt in lib and nxt not in out and nxt != code:
        out.append(nxt)
        nxt = getattr(lib.get(nxt), link)
    return out


def _family(ex: Exercise) -> str:
    return ex.family or ex.code


@cache
def _families(lib: Library, category: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(family, its members from easiest to hardest) for each family of ``category``."""
    members: dict[str, list[str]] = {}
    for ex in lib.by_category(category):
        members.setdefault(_family(ex), []).append(ex.code)
    out = []
    for fam, codes in members.items():
        entry = next(
            (c for c in codes if lib.get(c).regression not in codes), codes[0]
        )  # the one with no easier step inside the family
        steps = [entry] + [c for c in chain(lib, entry, "progression") if c in codes]
        out.append((fam, tuple(steps)))
    return tuple(out)


def family_entry(lib: Library, code: str) -> tuple[str, int, int]:
    """(family, step number from 1, steps in the family) of an anti-movement exercise."""
    ex = lib.get(code)
    for fam, steps in _families(lib, ex.category):
        if code in steps:
            return fam, steps.index(code) + 1, len(steps)
    return _family(ex), 1, 1


# ---- R5.1 / R5.2: directional-preference exercises -------------------------------------------


def _steps(b: _Builder, code: str, link: str) -> list[str]:
    key = ("steps", code, link)
    found = b.screen.memo.get(key)
    if found is None:
        found = b.screen.memo[key] = tuple(
            c for c in chain(b.lib, code, link) if b.screen.allows(c)
        )
    return list(found)


def _lead(b: _Builder, code: str, reason: str, rule: str = "R5.1") -> PlanItem | None:
    """The lead DP exercise, dosed, with its gentler start and its next steps (R5.1)."""
    item = b.add(code, reason, rule, b.dp_dose)
    if item is None:
        return None
    start, onward = _steps(b, code, "regression")[::-1], _steps(b, code, "progression")
    if start:
        item["start_with"] = start
        names = " then ".join(b.lib.get(c).name.lower() for c in start)
        item["reason"] += (
            f" Begin with {names} while the pain is this irritable."
            if b.ctx.irritability == "high"
            else f" If it is too much at first, begin with {names}."
        )
    # clinic-only steps stay listed in move_on_to: the clinician applies them in the clinic
    if onward:
        item["move_on_to"] = onward
    return item


def _precaution_text(b: _Builder, code: str) -> str:
    hits = item_conflicts(code, (), b.ctx.precautions, b.lib)
    return " ".join(c["text"] for c in hits)


def _directional(b: _Builder, direction: str, positions: list[str], why: str) -> None:
    """One lead per favourable position; a position the patient may not use (a precaution or
    a position-limited avoidance) hands its lead to the other position, and says so."""
    other = {"lying": "standing", "standing": "lying"}
    for position in positions:
        code = _LEAD[(direction, position)]
        if b.allowed(code):
            _lead(b, code, f"{why} {b.lib.get(code).name}, 10 times {b.how_often}.")
            continue
        swap = _LEAD[(direction, other[position])]
        blocked = _precaution_text(b, code) or (
            f"{direction} in {position} made the symptoms worse."
        )
        if b.allowed(swap):
            _lead(
                b,
                swap,
                f"{why} {b.lib.get(swap).name}, 10 times {b.how_often}, instead of "
                f"{b.lib.get(code).name.lower()}: {blocked}",
            )
        else:
            b.note("R5.1", f"No {direction} exercise can be given at home: {blocked}")


def _positions(tests: Iterable[str]) -> list[str]:
    found = {"lying" if t.endswith("IL") else "standing" for t in tests}
    return [p for p in ("lying", "standing") if p in found]


def _lateral_items(b: _Builder, why: str) -> None:
    ctx = b.ctx
    side = "right" if ctx.dp == "lateral_right" else "left"
    hips = "left" if side == "right" else "right"
    _lead(
        b,
        f"side_glide_standing_{side}",
        f"{why} Side glide in standing: shoulders move to the {side}, hips to the {hips}, "
        f"10 times {b.how_often}.",
    )
    corrects = {"left": "right", "right": "left"}.get(ctx.lateral_shift or "")
    if corrects == side:
        b.add(
            f"shift_correction_wall_{side}",
            f"The shoulders sit to the {ctx.lateral_shift}: this corrects the lateral shift "
            "against a wall. Use it when the free-standing glide is not enough.",
            "R5.1",
            {"reps": ctx.th.dp_reps, "sets": 1},
        )


def _released_extension(b: _Builder) -> None:
    """R7.2: extension after a corrected shift, started gently in lying."""
    released = "extension" in b.ctx.released
    why = (
        "Extension made the symptoms worse at the first visit, most likely because the shift "
        "was present: re-test it at this visit, start gently lying face down, and stop if the "
        "leg symptoms come back."
        if released
        else "The leg symptoms have settled: extension now follows the side glide."
    )
    item = _lead(b, "prone_press_up", why, "R7.2" if released else "R5.1")
    if item is not None and released:
        item.setdefault("start_with", ["prone_lying"])


def _dp_items(b: _Builder) -> None:
    ctx, dp = b.ctx, b.ctx.dp
    if dp in ("extension", "flexion"):
        why = f"{dp.capitalize()} centralised or eased the symptoms (directional preference)."
        _directional(b, dp, _positions(ctx.dp_tests) or ["lying"], why)
    elif dp in ("lateral_left", "lateral_right"):
        if b.stage == "lateral":
            _lateral_items(b, "The side glide centralised or eased the symptoms.")
            b.note(
                "R5.2",
                "No extension yet: extension exercises follow once the shift is corrected and "
                "the leg symptoms have gone or centralised to the back.",
            )
        else:
            _released_extension(b)
            side = "right" if dp == "lateral_right" else "left"
            b.add(
                f"side_glide_standing_{side}",
                "Keep the side glide as needed if the shift or the leg symptoms come back.",
                "R5.1",
                {"reps": ctx.th.dp_reps, "sets": 1},
            )


# ---- R5.3–R5.7 ---------------------------------------------------------------------------------


def _entry_index(fam: str, steps: tuple[str, ...]) -> int:
    """Where a first plan starts in a family: at the exercise the family is named after
    (``dead_bug``, ``bird_dog``, ``side_plank``), its easier steps kept as ``start_with``."""
    return steps.index(fam) if fam in steps else 0


_AntiChoice = tuple[str, str, tuple[str, ...], tuple[str, ...]]


def _anti_choice(b: _Builder, category: str) -> _AntiChoice | None:
    """(code, family, steps, easier steps the patient may do) — see :func:`_pick_anti`;
    the same for every patient with these avoidances, precautions and family step."""
    stepped = b.ctx.anti_steps.get(category)
    key = ("anti", category, stepped)
    memo = b.screen.memo
    if key not in memo:
        choice = _pick_anti(b, category)
        if choice is None:
            memo[key] = None
        else:
            code, fam, steps = choice
            easier = tuple(c for c in steps[: steps.index(code)] if b.allowed(c))
            memo[key] = (code, fam, steps, easier)
    found: _AntiChoice | None = memo[key]
    return found


def _pick_anti(b: _Builder, category: str) -> tuple[str, str, tuple[str, ...]] | None:
    """(code, family, steps): the family's current step when a follow-up set one and the
    patient may do it, else the first family's entry step (or the nearest one they may do)."""
    stepped = b.ctx.anti_steps.get(category)
    if stepped and stepped in b.lib and b.allowed(stepped):
        ex = b.lib.get(stepped)
        for fam, steps in _families(b.lib, ex.category):
            if stepped in steps:
                return stepped, fam, steps
        return stepped, _family(ex), (stepped,)
    for fam, steps in _families(b.lib, category):
        i = _entry_index(fam, steps)
        order = [*steps[i:], *reversed(steps[:i])]
        code = next((c for c in order if b.allowed(c)), None)
        if code is not None:
            return code, fam, steps
    return None


def _anti_item(b: _Builder, category: str) -> None:
    """One spine-neutral exercise of ``category`` (R5.3)."""
    words = category.replace("_", "-")
    choice = _anti_choice(b, category)
    if choice is None:
        b.note("R5.3", f"No {words} exercise fits this patient's precautions and avoidances now.")
        return
    code, fam, steps, easier = choice
    n = steps.index(code) + 1
    why = (
        "moved one step along its progression because you are improving"
        if category in b.ctx.anti_moved
        else "builds trunk stiffness without loading the irritable direction"
    )
    item = b.add(
        code,
        f"Spine-neutral {words} strengthening ({fam.replace('_', ' ')} family, step {n} of "
        f"{len(steps)}): {why}.",
        "R5.3",
    )
    if item is not None:
        item["family"] = fam
        if easier and category not in b.ctx.anti_moved:
            item["start_with"] = list(easier)


def _anti_movement(b: _Builder) -> None:
    ctx = b.ctx
    if b.stage in ("maintain", "recover_function"):
        categories: tuple[str, ...] = ANTI_MOVEMENT_CATEGORIES
    elif ctx.irritability != "high" or ctx.subgroup == "chronic_pain":
        categories = ANTI_MOVEMENT_CATEGORIES[: ctx.th.first_plan_anti_movement]
    else:
        b.note("R5.3", "Strengthening waits until the pain is less irritable.")
        return
    for category in categories:
        _anti_item(b, category)


def _walking_dose(b: _Builder) -> tuple[dict[str, int], str]:
    th, now = b.ctx.th, b.ctx.walking_tolerance_minutes
    start = max(1, now) if now is not None else th.chronic_walk_minutes
    nxt = max(start + 1, round(start * (100 + th.chronic_weekly_rise_percent) / 100))
    source = "what you manage now" if now is not None else "a short walk"
    return (
        {"minutes": start, "times_per_day": 1},
        f"Graded activity: start from {source}, {start} minutes a day, and add about "
        f"{th.chronic_weekly_rise_percent} % each week (about {nxt} minutes next week), "
        "by plan rather than by pain.",
    )


_FLEXED_ACTIVITY = (  # R5.4: when walking aggravates and sitting eases, in this order
    (
        "walking_with_flexion_breaks",
        "Walking brings the leg symptoms on and sitting eases them: walk in short bouts with "
        "a sit or bend-forward break before the symptoms build.",
    ),
    ("cycling", "Cycling keeps you active in a flexed position that the symptoms tolerate."),
    ("swimming", "Swimming keeps you active with the spine supported by the water."),
)


def _activity(b: _Builder) -> None:
    ctx = b.ctx
    if ctx.subgroup == "spinal_stenosis" or ctx.walking_limited:
        fitting = [(c, why) for c, why in _FLEXED_ACTIVITY if b.allowed(c)]
        for code, why in fitting[:2]:
            b.add(code, why, "R5.4")
        if fitting:
            return
        b.note("R5.4", "Walking aggravates: walk in short bouts, stopping before symptoms build.")
    if ctx.subgroup == "chronic_pain":
        dose, why = _walking_dose(b)
        b.add("walking_programme", why, "R5.7", dose)
    else:
        b.add(
            "walking_programme",
            "Staying active speeds recovery; walking loads the spine gently and upright.",
            "R5.4",
        )


def _posture(b: _Builder) -> None:
    ctx = b.ctx
    if "flexion" in b.avoided:
        b.add(
            "lumbar_roll_sitting",
            "Sitting slumped loads flexion, which is avoided for now: a lumbar roll keeps the "
            "hollow in your back.",
            "R5.5",
        )
        b.add("sitting_breaks", "Break up sitting at least every 30 minutes.", "R5.5")
    if ctx.syndrome == "postural":
        postures = [p for p in ctx.postures if p in _POSTURE_CORRECTION or p == "lying"]
        for posture in postures:
            for code in _POSTURE_CORRECTION.get(posture, ()):
                b.add(
                    code,
                    f"The pain comes from sustained {posture}: correcting that posture "
                    "abolishes it, and breaking it up before the pain starts prevents it.",
                    "R5.5",
                )
        if "lying" in postures:
            b.note(
                "R5.5",
                "Lying brings the pain on: try another lying position, a firmer or softer "
                "mattress, and a pillow under or between the knees.",
            )


def _dysfunction(b: _Builder) -> None:
    ctx, th = b.ctx, b.ctx.th
    dose = {"reps": th.dysfunction_reps, "sets": 1, "times_per_day": th.dp_times_per_day}
    why = (
        "Repeated end-range movement remodels the stiff tissue: it should produce pain at "
        "the end of the movement that stops within minutes."
    )
    if ctx.subgroup == "adherent_nerve_root":
        b.add("long_sitting_flexion", why + " Adherent nerve root: knee straight.", "R5.6", dose)
        b.add(
            "end_range_flexion_standing", why + " Adherent nerve root: knee straight.", "R5.6", dose
        )
        return
    d = ctx.dysfunction_direction or ctx.subgroup or ""
    if d.startswith("side_glide"):
        b.add(f"end_range_{d}", why, "R5.6", dose)
        return
    tested = [t for t in ctx.end_range_tests if t.endswith(("IS", "IL"))]
    positions = set(_positions(tested)) or {"lying"}
    for position in ("lying", "standing"):
        if position in positions:
            b.add(f"end_range_{d}_{position}", why, "R5.6", dose)


def _other(b: _Builder) -> None:
    sub = b.ctx.subgroup
    if sub == "spinal_stenosis":
        b.add(
            "flexion_in_lying",
            "Stenosis eases with flexion: knees to chest in lying.",
            "R5.7",
            b.dp_dose,
        )
        b.add(
            "flexion_in_sitting", "Flexion in sitting relieves the leg symptoms.", "R5.7", b.dp_dose
        )
    elif sub == "chronic_pain":
        b.note(
            "R5.7",
            "Persistent pain: graded activity from what the patient manages now, strengthening "
            "from the first plan, and education; review after a week.",
        )
        if b.ctx.start_back_high:
            b.note(
                "R5.7",
                "STarT Back high risk: recommend psychologically informed care (Keele's "
                "stratified care) alongside this plan. This is not a medical referral.",
            )
    else:
        b.note(
            "R5.7",
            "No clear mechanical pattern: general activity and strengthening; "
            "reassess at the next visit.",
        )


def _reintroduce(b: _Builder) -> None:
    th, lead = b.ctx.th, _DP_LEAD.get(b.ctx.dp or "")
    done = 0
    for direction in b.ctx.reintroduce:
        code = _GENTLE_REINTRODUCTION.get(direction)
        if not code or not b.allowed(code):
            continue
        first = done == 0
        b.add(
            code,
            f"Reintroduce {direction.replace('_', ' ')} gently now the pain has settled"
            + (
                ""
                if first
                else ", once the first movement brought back has caused no trouble for a few days"
            )
            + ": always follow it with your directional exercise, and go back to that "
            "exercise alone if the symptoms return or spread.",
            "R7.4",
            {"reps": th.reintroduce_reps, "sets": 1, "times_per_day": th.reintroduce_times_per_day},
        )
        done += 1
    if lead and done and b.allowed(lead):
        b.add(
            lead,
            "Your directional exercise, straight after the reintroduced movement.",
            "R7.4",
            b.dp_dose,
        )


# ---- assembly ------------------------------------------------------------------------------------


def _education(ctx: PlanContext, items: list[dict[str, Any]], avoided: frozenset[str]) -> list[str]:
    """R5.8: the topics, none contradicting the plan (§5.8)."""
    codes = {"stay_active", "avoid_bed_rest", "self_monitoring", "passive_treatments", "prognosis"}
    if not any(i["category"] == "dysfunction" for i in items):  # end-range work is stretching
        codes.add("no_stretching")
    if ctx.dp:
        codes.add("directional_preference")
    if ctx.syndrome == "derangement":
        codes.add("centralisation_is_good")
    if "flexion" in avoided:
        codes.add("sitting_strategy")
    if ctx.urgency in ("none", "consider"):
        codes.add("imaging_not_needed")
    return [c for c in EDUCATION_CODES if c in codes]


@cache
def _passive_not_recommended(lib: Library) -> tuple[tuple[str, str], ...]:
    out = []
    for ex in lib:
        ev = lib.evidence(ex.code)
        if ex.category in PASSIVE_CATEGORIES and ev and ev.stance == "not_recommended":
            out.append((ex.code, ev.rationale))
    return tuple(out)


def _not_recommended(lib: Library) -> list[NotRecommended]:
    """R5.9: the passive treatments the evidence policy advises against, with its rationale."""
    return [{"code": code, "reason": why} for code, why in _passive_not_recommended(lib)]


def _review_days(ctx: PlanContext) -> int:
    th = ctx.th
    if ctx.subgroup == "chronic_pain":  # R5.7: a week, whatever the irritability
        return th.review_days_chronic
    return th.review_days_high if ctx.irritability == "high" else th.review_days


def build_plan(
    ctx: PlanContext, stage: str, library: Library | None = None, screen: Screen | None = None
) -> Plan:
    """The plan for ``stage``; see the module docstring for the invariant it keeps.

    ``screen`` is the patient's :class:`~.gate.Screen` when the caller already has one for
    ``ctx.avoid`` and ``ctx.precautions`` (the audit shares it).
    """
    return _build(ctx, stage, library or default_library(), screen)


def _build(ctx: PlanContext, stage: str, lib: Library, screen: Screen | None) -> Plan:
    b = _Builder(ctx, stage, lib, screen)
    if stage == "recover_function":
        _reintroduce(b)
    if ctx.syndrome == "derangement" and ctx.dp:
        _dp_items(b)
    elif ctx.syndrome == "derangement" and ctx.subgroup == "lateral":
        b.note(
            "R3.2",
            "Test "
            + " or ".join(ctx.next_tests or ("the side glide",))
            + " at the next visit; the side-glide exercise follows its result.",
        )
    elif ctx.syndrome == "derangement":
        b.note(
            "R3.3",
            "Irreducible derangement: gentle activity only in directions that do "
            "not spread the pain, and a medical opinion within weeks.",
        )
    elif ctx.syndrome == "dysfunction":
        _dysfunction(b)
    elif ctx.syndrome == "other":
        _other(b)
    _posture(b)
    _anti_movement(b)
    _activity(b)
    gated = gate(b.items, ctx.avoid, ctx.precautions, b.lib, b.screen)
    items: list[PlanItem] = gated.kept  # type: ignore[assignment]
    plan: Plan = {
        "stage": stage,  # type: ignore[typeddict-item]
        "items": items,
        "education": _education(ctx, gated.kept, b.avoided),
        "not_recommended": _not_recommended(b.lib),
        "notes": b.notes + gated.notes(),  # type: ignore[operator]
        "review_after_days": _review_days(ctx),
    }
    if ctx.consider and "imaging_not_needed" in plan["education"]:
        plan["education_notes"] = {
            "imaging_not_needed": "Your clinician will keep an eye on: "
            + "; ".join(ctx.consider)
            + ". If any of these changes, tell the clinic: a scan or a medical opinion may "
            "then be needed."
        }
    return plan
