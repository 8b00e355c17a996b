"""Small builders so each rule test states only what matters to it."""

from __future__ import annotations

from typing import Any, get_args

from hypothesis import strategies as st

from backpath.core import AssessmentRecord, FollowUpRecord, parse_assessment, parse_followup
from backpath.core.redflags import RED_FLAG_CODES
from backpath.core.vocab import (
    FACTORS,
    REGIONS,
    TEST_CODES,
    After,
    During,
    LossGrade,
    Mechanical,
    Myotome,
    Onset,
    Pattern,
    PregnancyStatus,
    ShiftSide,
    Side,
    SymptomKind,
)

DURING: tuple[str, ...] = get_args(During)
AFTER: tuple[str, ...] = get_args(After)
MECH: tuple[str, ...] = get_args(Mechanical)


def t(spec: str) -> dict[str, Any]:
    """``"REIL centralise centralised increased_rom"`` → a test result mapping."""
    code, during, after, *mech = spec.split()
    reps = 1 if not code.startswith("R") else 10
    return {
        "test": code,
        "reps": reps,
        "during": during,
        "after": after,
        "mechanical": mech[0] if mech else "no_effect",
    }


def sym(spec: str, intensity: int = 5, kind: str = "pain") -> dict[str, Any]:
    """``"thigh left"`` → a symptom mapping."""
    region, side = spec.split()
    return {"region": region, "side": side, "kind": kind, "intensity": intensity}


def record(
    *tests: str,
    symptoms: tuple[str | dict[str, Any], ...] | list[Any] = ("back central",),
    **parts: Any,
) -> AssessmentRecord:
    """A valid record: intermittent, 2 weeks, age 40, unless ``parts`` say otherwise."""
    data: dict[str, Any] = {
        "schema": "backpath/assessment/1",
        "id": "test",
        "patient": {"age": 40, "sex": "female"},
        "history": {"duration_weeks": 2, "pattern": "intermittent"},
        "symptoms": [s if isinstance(s, dict) else sym(s) for s in symptoms],
        "tests": [t(x) for x in tests],
    }
    for key, value in parts.items():
        if isinstance(value, dict) and isinstance(data.get(key), dict):
            data[key] = {**data[key], **value}
        else:
            data[key] = value
    return parse_assessment(data)


def followup(**parts: Any) -> FollowUpRecord:
    data: dict[str, Any] = {
        "schema": "backpath/followup/1",
        "visit_number": 2,
        "days_since_plan": 7,
        "nrs_back": 4,
        "nrs_leg": 0,
        "symptoms": [sym("back central", 4)],
        "response": "better",
        "days_stable": 0,
        "days_symptom_free": 0,
        "baseline": {"nrs_back": 7, "nrs_leg": 5, "odi_percent": 40.0},
    }
    data.update(parts)
    return parse_followup(data)


# ---- hypothesis: any valid assessment record --------------------------------------------------

_symptom = st.builds(
    lambda region, side, kind, intensity: {
        "region": region,
        "side": "central"
        if side == "central" and region == "back"
        else ("left" if side == "central" else side),
        "kind": kind,
        "intensity": intensity,
    },
    st.sampled_from(REGIONS),
    st.sampled_from(get_args(Side)),
    st.sampled_from(get_args(SymptomKind)),
    st.integers(0, 10),
)
_test = st.builds(
    lambda code, during, after, mech, reps: {
        "test": code,
        "during": during,
        "after": after,
        "mechanical": mech,
        "reps": reps,
    },
    st.sampled_from(TEST_CODES),
    st.sampled_from(DURING),
    st.sampled_from(AFTER),
    st.sampled_from(MECH),
    st.integers(1, 50),
)
_optional = st.none() | st.just(True) | st.just(False)
_treatments = st.lists(
    st.sampled_from(
        (
            "hamstring_stretch",
            "toe touches",
            "heat",
            "walking",
            "Foam roller",
            "sit ups",
            "prone_press_up",
            "press-ups",
            "standing back extensions",
            "knee hugs",
            "yoga",
            "pilates",
            "side glide in standing",
            "side glides",
            "bird_dog",
            "massage",
            "pallof_press",
            "squat",
            "crunches",
            "russian twist",
            "swimming",
            "something else entirely",
        )
    ),
    max_size=5,
    unique=True,
)
_pregnancy = st.none() | st.builds(
    lambda status, weeks: {"status": status, "weeks": weeks},
    st.sampled_from(get_args(PregnancyStatus)),
    st.integers(0, 42),
)
_neuro = st.none() | st.builds(
    lambda weak, side: {"weakness": [{"myotome": weak, "side": side}]} if weak else {},
    st.none() | st.sampled_from(get_args(Myotome)),
    st.sampled_from(("left", "right")),
)


@st.composite
def records(draw: st.DrawFn) -> dict[str, Any]:
    """A valid ``backpath/assessment/1`` record covering every vocabulary and edge."""
    grade = st.sampled_from(get_args(LossGrade))
    nrs = st.none() | st.integers(0, 10)
    odi = st.none() | st.lists(st.none() | st.integers(0, 5), min_size=10, max_size=10)
    sb = st.none() | st.tuples(*[st.integers(0, 1)] * 8, st.integers(0, 4)).map(list)
    patient: dict[str, Any] = {"age": draw(st.integers(12, 110))}
    pregnancy = draw(_pregnancy)
    if pregnancy:
        patient["pregnancy"] = pregnancy
    examination: dict[str, Any] = {
        "lateral_shift": draw(st.sampled_from(get_args(ShiftSide))),
        "movement_loss": {"flexion": draw(grade), "extension": draw(grade)},
        "posture_correction_abolishes": draw(_optional),
        "hip_reproduces_symptoms": draw(st.none() | st.just(True)),
        "sij_provocation_positive": draw(st.none() | st.integers(0, 5)),
    }
    neuro = draw(_neuro)
    if neuro is not None:
        examination["neuro"] = neuro
    return {
        "schema": "backpath/assessment/1",
        "patient": patient,
        "history": {
            "duration_weeks": draw(st.sampled_from((0, 1, 3, 6, 8, 12, 20, 52))),
            "onset": draw(st.sampled_from(get_args(Onset))),
            "pattern": draw(st.sampled_from(get_args(Pattern))),
            "aggravating": draw(st.lists(st.sampled_from(FACTORS), max_size=4, unique=True)),
            "easing": draw(st.lists(st.sampled_from(FACTORS), max_size=3, unique=True)),
            "previous_sciatica": draw(_optional),
            "prior_surgery": draw(_optional),
            "walking_tolerance_minutes": draw(st.none() | st.integers(0, 600)),
        },
        "symptoms": draw(
            st.lists(_symptom, max_size=5, unique_by=lambda s: (s["region"], s["side"], s["kind"]))
        ),
        "red_flags": draw(
            st.lists(st.sampled_from(RED_FLAG_CODES), max_size=3, unique=True) | st.just([])
        ),
        "examination": examination,
        "tests": draw(st.lists(_test, max_size=6, unique_by=lambda t: t["test"])),
        "instruments": {
            "nrs_back": draw(nrs),
            "nrs_leg": draw(nrs),
            "odi": draw(odi),
            "start_back": draw(sb),
        },
        "current_treatments": draw(_treatments),
    }
