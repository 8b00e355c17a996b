"""The staged exercise plan (clinical-rules.md §5, rules R5.1–R5.9).

:func:`build_plan` turns a :class:`PlanContext` (what the classification and findings say)
and a stage into a plan. Every item carries its reason and rule, and a final safety gate
(:func:`_gate`) guarantees the invariant: no item loads an avoided direction, and nothing that
needs a clinician's hands goes into a home programme.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any, cast

from .documents import Avoid, Note, NotRecommended, Plan, PlanItem
from .library import Library, default_library
from .settings import DEFAULT, Thresholds
from .vocab import LoadDirection

__all__ = ["PlanContext", "build_plan", "plan_conflicts", "plan_item"]

ANTI_MOVEMENT_ENTRY = {  # the entry-level exercise of each anti-movement family (R5.3)
    "anti_flexion": "bird_dog",
    "anti_extension": "dead_bug",
    "anti_lateral_flexion": "knee_side_plank",
    "anti_rotation": "pallof_press",
}
FIRST_PLAN_FAMILIES = ("anti_flexion", "anti_extension")
PASSIVE_CATEGORIES = frozenset({"passive", "rest"})
_GENTLE_REINTRODUCTION = {  # R7.4: the gentlest way back into a direction that was avoided
    "flexion": "flexion_in_lying",
    "extension": "prone_on_elbows",
    "side_glide_left": "side_glide_standing_left",
    "side_glide_right": "side_glide_standing_right",
}
_DP_SEQUENCE = {  # R5.1: the lead DP exercise, used after a reintroduced movement
    "extension": "prone_press_up",
    "flexion": "flexion_in_lying",
    "lateral_left": "side_glide_standing_left",
    "lateral_right": "side_glide_standing_right",
}


@dataclass(slots=True)
class PlanContext:
    """What the plan needs to know; built from an assessment or from an earlier document."""

    syndrome: str
    subgroup: str | None
    dp: str | None
    irritability: str
    avoid: frozenset[str]
    dp_tests: tuple[str, ...] = ()
    unfavourable_tests: tuple[str, ...] = ()
    dysfunction_direction: str | None = None
    end_range_tests: tuple[str, ...] = ()
    lateral_shift: str | None = None
    walking_limited: bool = False
    start_back_high: bool = False
    urgency: str = "none"
    next_tests: tuple[str, ...] = ()
    reintroduce: tuple[str, ...] = ()
    th: Thresholds = field(default=DEFAULT)

    def as_dict(self) -> dict[str, Any]:
        """The part of the context a later follow-up needs to re-plan."""
        return {
            "lateral_shift": self.lateral_shift,
            "walking_limited": self.walking_limited,
            "start_back_high": self.start_back_high,
            "end_range_tests": list(self.end_range_tests),
        }


class _Builder:
    def __init__(self, ctx: PlanContext, stage: str, lib: Library) -> None:
        self.ctx, self.stage, self.lib = ctx, stage, lib
        self.items: list[PlanItem] = []
        self.notes: list[Note] = []
        self.added: set[str] = set()

    def add(self, code: str, reason: str, rule: str, dose: Mapping[str, int] | None = None) -> None:
        if code in self.added or code not in self.lib:
            return
        self.added.add(code)
        item = plan_item(code, reason, rule, self.lib)
        if dose is not None:
            item["dose"].update(dose)
        self.items.append(item)

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
    """The avoided directions that exercise ``code`` loads ([] when it is safe)."""
    ex = (library or default_library()).get(code)
    dirs = {a if isinstance(a, str) else str(a["direction"]) for a in avoid}
    return sorted(ex.loads & dirs)


# ---- R5.1 / R5.2: directional-preference exercises -------------------------------------------


def _unfavourable_in(ctx: PlanContext, codes: tuple[str, ...]) -> bool:
    return any(t in codes for t in ctx.unfavourable_tests)


def _extension_items(b: _Builder, why: str) -> None:
    ctx = b.ctx
    lying_ok = not _unfavourable_in(ctx, ("EIL", "REIL"))
    standing_ok = not _unfavourable_in(ctx, ("EIS", "REIS"))
    lying_fav = any(t in ("EIL", "REIL") for t in ctx.dp_tests)
    standing_fav = any(t in ("EIS", "REIS") for t in ctx.dp_tests)
    often, dose = b.how_often, b.dp_dose
    if lying_ok and (lying_fav or not standing_fav):
        hold = {"times_per_day": dose["times_per_day"]}
        b.add(
            "prone_lying",
            f"{why} Start here: lie face down and let the back settle, {often}.",
            "R5.1",
            hold,
        )
        b.add(
            "prone_on_elbows", f"{why} Next step once lying face down is comfortable.", "R5.1", hold
        )
        b.add(
            "prone_press_up",
            f"{why} Repeated extension in lying, 10 times {often}; the "
            "main exercise once the first two are easy.",
            "R5.1",
            dose,
        )
    if standing_ok and (standing_fav or not lying_ok):
        b.add(
            "standing_back_extension",
            f"{why} Extension in standing, 10 times {often}, "
            "and whenever you have been sitting or bending.",
            "R5.1",
            dose,
        )
    if not lying_ok:
        b.note(
            "R5.1",
            "Extension in lying made the symptoms worse, so extension is done in standing only.",
        )
    if not standing_ok:
        b.note(
            "R5.1",
            "Extension in standing made the symptoms worse, so extension is done in lying only.",
        )


def _flexion_items(b: _Builder, why: str) -> None:
    ctx = b.ctx
    standing_fav = any(t in ("FIS", "RFIS") for t in ctx.dp_tests)
    standing_ok = not _unfavourable_in(ctx, ("FIS", "RFIS"))
    lying_ok = not _unfavourable_in(ctx, ("FIL", "RFIL"))
    if lying_ok:
        b.add(
            "flexion_in_lying",
            f"{why} Flexion in lying (knees to chest), 10 times {b.how_often}.",
            "R5.1",
            b.dp_dose,
        )
    if standing_fav and standing_ok:
        b.add(
            "flexion_in_standing",
            f"{why} Flexion in standing, 10 times {b.how_often}.",
            "R5.1",
            b.dp_dose,
        )


def _lateral_items(b: _Builder, why: str) -> None:
    ctx = b.ctx
    side = "right" if ctx.dp == "lateral_right" else "left"
    hips = "left" if side == "right" else "right"
    b.add(
        f"side_glide_standing_{side}",
        f"{why} Side glide in standing: shoulders move to the "
        f"{side}, hips to the {hips}, 10 times {b.how_often}.",
        "R5.1",
        b.dp_dose,
    )
    corrects = {"left": "right", "right": "left"}.get(ctx.lateral_shift or "")
    if corrects == side:
        b.add(
            f"shift_correction_wall_{side}",
            f"The shoulders sit to the {ctx.lateral_shift}: "
            "this corrects the lateral shift against a wall.",
            "R5.1",
            b.dp_dose,
        )
    if not _unfavourable_in(ctx, ("EIS", "REIS", "EIL", "REIL")):
        b.add(
            f"side_glide_then_extension_{side}",
            "After the side glide, extension in standing "
            "keeps the correction (extension was not unfavourable).",
            "R5.1",
            b.dp_dose,
        )


def _dp_items(b: _Builder) -> None:
    dp = b.ctx.dp
    if dp == "extension":
        _extension_items(b, "Extension centralised or eased the symptoms (directional preference).")
    elif dp == "flexion":
        _flexion_items(b, "Flexion centralised or eased the symptoms (directional preference).")
    elif dp in ("lateral_left", "lateral_right"):
        if b.stage == "lateral":
            _lateral_items(b, "The side glide centralised or eased the symptoms.")
            b.note(
                "R5.2",
                "Extension exercises follow once the leg symptoms have gone or "
                "centralised to the back.",
            )
        else:
            _extension_items(
                b, "The leg symptoms have settled: extension now follows the side glide."
            )
            _lateral_items(b, "Keep the side glide as needed if the symptoms shift again.")


# ---- R5.3–R5.7 ---------------------------------------------------------------------------------


def _anti_movement(b: _Builder, families: Iterable[str]) -> None:
    for family in families:
        options = [ANTI_MOVEMENT_ENTRY[family]] + [
            e.code for e in b.lib.by_category(family) if e.code != ANTI_MOVEMENT_ENTRY[family]
        ]
        for code in options:
            if code in b.lib and not b.lib.get(code).loads & b.ctx.avoid:
                b.add(
                    code,
                    f"Spine-neutral {family.replace('_', '-')} strengthening: builds "
                    "trunk stiffness without loading the irritable direction.",
                    "R5.3",
                )
                break


def _anti_movement_for_stage(b: _Builder) -> None:
    if b.stage in ("maintain", "recover_function"):
        _anti_movement(b, ANTI_MOVEMENT_ENTRY)
    elif b.ctx.irritability != "high":
        _anti_movement(b, FIRST_PLAN_FAMILIES[: b.ctx.th.first_plan_anti_movement])
    else:
        b.note("R5.3", "Strengthening waits until the pain is less irritable.")


def _activity(b: _Builder) -> None:
    if b.ctx.subgroup == "spinal_stenosis" or b.ctx.walking_limited:
        b.add(
            "cycling",
            "Walking brings the symptoms on and sitting eases them: cycling keeps "
            "you active in a flexed position.",
            "R5.4",
        )
        b.note(
            "R5.4",
            "Walk in short bouts with sitting or bending-forward breaks before the "
            "leg symptoms build.",
        )
    else:
        b.add(
            "walking_programme",
            "Staying active speeds recovery; walking loads the spine "
            "gently in every direction you tolerate.",
            "R5.4",
        )


def _posture(b: _Builder) -> None:
    if b.ctx.dp == "extension" and b.ctx.syndrome == "derangement":
        b.add(
            "lumbar_roll_sitting",
            "Sitting slumped loads flexion: a lumbar roll keeps the hollow in your back.",
            "R5.5",
        )
        b.add("sitting_breaks", "Break up sitting every 30 minutes.", "R5.5")
    elif b.ctx.syndrome == "postural":
        b.add(
            "posture_correction_sitting",
            "The pain comes from sustained postures: correcting the posture abolishes it.",
            "R5.5",
        )
        b.add("sitting_breaks", "Interrupt sustained postures before the pain starts.", "R5.5")


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
    positions = {"standing" if t.endswith("IS") else "lying" for t in tested} or {"lying"}
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
        b.note("R5.7", "Graded activity: build up by plan, not by pain, a little more each week.")
        if b.ctx.start_back_high:
            b.note("R5.7", "STarT Back high risk: refer for psychologically informed support.")
    else:
        b.note(
            "R5.7",
            "No clear mechanical pattern: general activity and strengthening; "
            "reassess at the next visit.",
        )


def _reintroduce(b: _Builder) -> None:
    lead = _DP_SEQUENCE.get(b.ctx.dp or "")
    for direction in b.ctx.reintroduce:
        code = _GENTLE_REINTRODUCTION.get(direction)
        if code and direction not in b.ctx.avoid:
            b.add(
                code,
                f"Reintroduce {direction.replace('_', ' ')} gently now the pain has "
                "settled; always follow it with your directional exercise.",
                "R7.4",
                {"reps": 5, "sets": 1, "times_per_day": 2},
            )
    if lead and b.ctx.reintroduce:
        b.add(
            lead,
            "Your directional exercise, straight after the reintroduced movement.",
            "R7.4",
            b.dp_dose,
        )


# ---- assembly ------------------------------------------------------------------------------------

_EDUCATION_ORDER = (
    "stay_active",
    "avoid_bed_rest",
    "directional_preference",
    "centralisation_is_good",
    "self_monitoring",
    "sitting_strategy",
    "passive_treatments",
    "no_stretching",
    "imaging_not_needed",
    "prognosis",
)


def _education(ctx: PlanContext) -> list[str]:
    codes = {
        "stay_active",
        "avoid_bed_rest",
        "self_monitoring",
        "passive_treatments",
        "no_stretching",
        "prognosis",
    }
    if ctx.dp:
        codes.add("directional_preference")
    if ctx.syndrome == "derangement":
        codes.add("centralisation_is_good")
    if ctx.dp == "extension":
        codes.add("sitting_strategy")
    if ctx.urgency in ("none", "consider"):
        codes.add("imaging_not_needed")
    return [c for c in _EDUCATION_ORDER if c in codes]


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


def _gate(b: _Builder) -> list[PlanItem]:
    """The safety invariant, enforced once for every item whatever rule added it."""
    safe: list[PlanItem] = []
    for item in b.items:
        clash = set(item["loads"]) & b.ctx.avoid
        if clash or b.lib.get(item["exercise"]).clinic_only:
            b.note(
                "R5",
                f"{item['name']} left out: "
                + (
                    f"it loads {', '.join(sorted(clash))}, which is avoided."
                    if clash
                    else "it needs a clinician's hands."
                ),
            )
        else:
            safe.append(item)
    return safe


def build_plan(ctx: PlanContext, stage: str, library: Library | None = None) -> Plan:
    """The plan for ``stage``; see the module docstring for the invariant it keeps."""
    b = _Builder(ctx, stage, library or default_library())
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
    _anti_movement_for_stage(b)
    _activity(b)
    th = ctx.th
    return {
        "stage": stage,  # type: ignore[typeddict-item]
        "items": _gate(b),
        "education": _education(ctx),
        "not_recommended": _not_recommended(b.lib),
        "notes": b.notes,
        "review_after_days": th.review_days_high if ctx.irritability == "high" else th.review_days,
    }
