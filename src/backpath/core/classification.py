"""Classification (clinical-rules.md §3, rules R3.0–R3.6, plus R1.5 for serious pathology).

Rules run in the order written and the first that fires decides. Each returns the
classification with plain reasons naming the tests and findings it used.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import product
from typing import Any, NamedTuple, cast, get_args

from .documents import Classification
from .findings import (
    describe_test,
    irritability,
    is_end_range_only,
    is_favourable,
    is_peripheralising,
    is_unfavourable,
    leg_sides,
    strength,
)
from .instruments import get_instrument
from .records import AssessmentRecord, TestResult
from .settings import DEFAULT, Thresholds
from .vocab import TEST_CODES, TEST_DIRECTION, After, During, Mechanical

__all__ = ["SUSTAINED_POSTURES", "Findings", "classify", "find"]

_TIE_ORDER = {"side_glide_left": 0, "side_glide_right": 0, "extension": 1, "flexion": 2}
_DP_OF = {
    "extension": "extension",
    "flexion": "flexion",
    "side_glide_left": "lateral_left",
    "side_glide_right": "lateral_right",
}
SUSTAINED_POSTURES = frozenset({"sitting", "standing", "lying", "driving"})
_BASE_TESTS = ("REIS", "REIL", "RFIS", "RFIL")
_GLIDE_TEST = {"side_glide_left": "RSGIS-L", "side_glide_right": "RSGIS-R"}


@dataclass(slots=True)
class Findings:
    """What §2 derives from a record, computed once and shared by every rule."""

    record: AssessmentRecord
    favourable: tuple[TestResult, ...]
    unfavourable: tuple[TestResult, ...]
    end_range: tuple[TestResult, ...]
    directions: frozenset[str]
    leg_sides: tuple[str, ...]
    irritability: str
    th: Thresholds

    @property
    def unfavourable_directions(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(TEST_DIRECTION[t.test] for t in self.unfavourable))


class _Response(NamedTuple):
    during: str
    after: str
    mechanical: str


def _kind(during: str, after: str, mechanical: str) -> tuple[bool, bool, bool]:
    """(favourable, unfavourable, end-range only) of a response, by the §2 rules themselves."""
    t = cast(TestResult, _Response(during, after, mechanical))
    unfavourable = is_unfavourable(t)
    # end-range pain only is never unfavourable
    return is_favourable(t), unfavourable, not unfavourable and is_end_range_only(t)


# Every combination once, at import: find() looks a test up instead of asking three questions.
_RESPONSE_KIND = {
    key: _kind(*key) for key in product(get_args(During), get_args(After), get_args(Mechanical))
}


def find(record: AssessmentRecord, th: Thresholds = DEFAULT) -> Findings:
    favourable, unfavourable, end_range, directions = [], [], [], set()
    for t in record.tests:  # one pass: this runs for every record
        directions.add(TEST_DIRECTION[t.test])
        fav, unfav, end = _RESPONSE_KIND[(t.during, t.after, t.mechanical)]
        if fav:
            favourable.append(t)
        if unfav:
            unfavourable.append(t)
        elif end:
            end_range.append(t)
    return Findings(
        record=record,
        favourable=tuple(favourable),
        unfavourable=tuple(unfavourable),
        end_range=tuple(end_range),
        directions=frozenset(directions),
        leg_sides=leg_sides(record.symptoms),
        irritability=irritability(record, th),
        th=th,
    )


def _result(
    syndrome: str,
    subgroup: str | None,
    dp: str | None,
    rule: str,
    reasons: list[str],
    next_tests: list[str] | None = None,
    **extra: Any,
) -> Classification:
    out: Classification = {
        "syndrome": syndrome,  # type: ignore[typeddict-item]
        "subgroup": subgroup,
        "directional_preference": dp,  # type: ignore[typeddict-item]
        "status": "provisional" if next_tests else "confirmed",
        "next_tests": _battery(next_tests or []),
        "rule": rule,
        "reasons": reasons,
    }
    out.update(extra)  # type: ignore[typeddict-item]
    return out


def _battery(codes: list[str]) -> list[str]:
    return [c for c in TEST_CODES if c in codes]


def painful_side(f: Findings) -> str | None:
    """The side the symptoms favour: one-sided leg symptoms, else one-sided back symptoms."""
    if len(f.leg_sides) == 1:
        return f.leg_sides[0]
    sides = {s.side for s in f.record.symptoms if s.side != "central"}
    return sides.pop() if len(sides) == 1 else None


def toward_painful_glide(f: Findings) -> str | None:
    """The glide that moves the shoulders toward the painful side (with a shift: corrects it)."""
    shift = f.record.examination.lateral_shift
    if shift in ("left", "right"):
        return "side_glide_right" if shift == "left" else "side_glide_left"
    side = painful_side(f) if len(f.leg_sides) == 1 else None
    return f"side_glide_{side}" if side else None


def stenosis_pattern(f: Findings) -> bool:
    r, h = f.record, f.record.history
    return (
        (r.patient.age or 0) >= f.th.stenosis_min_age
        and bool(f.leg_sides)
        and bool({"walking", "standing"} & set(h.aggravating))
        and bool({"sitting", "bending"} & set(h.easing))
    )


def _r30_untested(f: Findings) -> Classification | None:
    if f.record.tests:
        return None
    nxt = list(_BASE_TESTS)
    glide = toward_painful_glide(f)
    if glide and (f.record.examination.lateral_shift in ("left", "right") or f.leg_sides):
        nxt.append(_GLIDE_TEST[glide])
    return _result(
        "unclassified",
        None,
        None,
        "R3.0",
        [
            "No repeated-movement tests are recorded, so no mechanical classification can be "
            "made yet.",
            "Test next: " + ", ".join(_battery(nxt)) + ".",
        ],
        nxt,
    )


def _r31_reducible(f: Findings) -> Classification | None:
    if not f.favourable:
        return None
    best = min(f.favourable, key=lambda t: (-strength(t), _TIE_ORDER[TEST_DIRECTION[t.test]]))
    direction = TEST_DIRECTION[best.test]
    dp = _DP_OF[direction]
    dp_tests = [t.test for t in f.favourable if TEST_DIRECTION[t.test] == direction]
    reasons = [
        f"Favourable (lasting) response: {describe_test(t)} — strength {strength(t)}."
        for t in f.favourable
    ]
    reasons.append(
        f"The strongest favourable response is {best.test}, so the directional preference is "
        f"{dp.replace('_', ' ')}."
    )
    extra: dict[str, Any] = {
        "dp_tests": dp_tests,
        "unfavourable_tests": [t.test for t in f.unfavourable],
    }
    if direction == "flexion" and stenosis_pattern(f):
        reasons.append(
            "Age, leg symptoms brought on by walking or standing and eased by sitting or "
            "bending fit spinal stenosis rather than a flexion derangement (R3.1a)."
        )
        return _result("other", "spinal_stenosis", "flexion", "R3.1a", reasons, **extra)
    subgroup = "lateral" if dp.startswith("lateral") else direction
    return _result("derangement", subgroup, dp, "R3.1", reasons, **extra)


def _r32_lateral_untested(f: Findings) -> Classification | None:
    shift = f.record.examination.lateral_shift in ("left", "right")
    one_sided = len(f.leg_sides) == 1
    sagittal_bad = [t for t in f.unfavourable if TEST_DIRECTION[t.test] in ("flexion", "extension")]
    glide_tested = any(TEST_DIRECTION[t.test].startswith("side_glide") for t in f.record.tests)
    if not (shift or one_sided) or not sagittal_bad or glide_tested:
        return None
    glide = toward_painful_glide(f)
    nxt = [_GLIDE_TEST[glide]] if glide else ["RSGIS-L", "RSGIS-R"]
    what = (
        f"a lateral shift (shoulders to the {f.record.examination.lateral_shift})"
        if shift
        else f"leg symptoms on the {f.leg_sides[0]} only"
    )
    reasons = [
        f"No test was favourable, and there is {what}.",
        *(f"Unfavourable sagittal test: {describe_test(t)}." for t in sagittal_bad),
        "No side-glide test is recorded: a relevant lateral component is likely. Test "
        + " or ".join(nxt)
        + " next.",
    ]
    return _result(
        "derangement",
        "lateral",
        None,
        "R3.2",
        reasons,
        nxt,
        unfavourable_tests=[t.test for t in f.unfavourable],
    )


def _r33_irreducible(f: Findings) -> Classification | None:
    periph = [t for t in f.record.tests if is_peripheralising(t)]
    if len(f.directions) < 2 or not periph or f.record.history.pattern != "constant":
        return None
    reasons = [
        f"No favourable response in {len(f.directions)} directions tested.",
        *(f"Peripheralising: {describe_test(t)}." for t in periph),
        "With constant pain this is an irreducible derangement: medical opinion within weeks.",
    ]
    return _result(
        "derangement",
        "irreducible",
        None,
        "R3.3",
        reasons,
        unfavourable_tests=[t.test for t in f.unfavourable],
    )


def _r34_dysfunction(f: Findings) -> Classification | None:
    r, th = f.record, f.th
    if f.unfavourable or r.history.pattern != "intermittent" or not f.end_range:
        return None
    if (r.history.duration_weeks or 0) < th.dysfunction_min_weeks:
        return None
    dirs = {TEST_DIRECTION[t.test] for t in f.end_range}
    others = [t for t in r.tests if t not in f.end_range]
    if len(dirs) != 1 or any(t.during != "no_effect" for t in others):
        return None
    direction = dirs.pop()
    reasons = [f"End-range pain only: {describe_test(t)}." for t in f.end_range]
    reasons.append(
        f"Every other test had no effect; pain is intermittent and has lasted "
        f"{r.history.duration_weeks:g} weeks."
    )
    if direction == "flexion" and _adherent_root(f):
        reasons.append(
            "Flexion in standing produces the pain but flexion in lying does not, "
            "with one-sided leg symptoms after sciatica or surgery: adherent nerve "
            "root."
        )
        return _result(
            "dysfunction",
            "adherent_nerve_root",
            None,
            "R3.4",
            reasons,
            dysfunction_direction="flexion",
        )
    return _result("dysfunction", direction, None, "R3.4", reasons, dysfunction_direction=direction)


def _adherent_root(f: Findings) -> bool:
    h, tests = f.record.history, f.record.tests
    standing = [t for t in tests if t.test in ("FIS", "RFIS")]
    lying = [t for t in tests if t.test in ("FIL", "RFIL")]
    return (
        bool(h.previous_sciatica or h.prior_surgery)
        and len(f.leg_sides) == 1
        and bool(standing)
        and all(t in f.end_range for t in standing)
        and all(t.during == "no_effect" for t in lying)
    )


def _r35_postural(f: Findings) -> Classification | None:
    r = f.record
    loss = r.examination.movement_loss
    grades = (loss.flexion, loss.extension, loss.side_glide_left, loss.side_glide_right)
    if (
        r.history.pattern != "intermittent"
        or any(t.during != "no_effect" for t in r.tests)
        or any(g not in (None, "nil") for g in grades)
        or f.leg_sides
        or not SUSTAINED_POSTURES & set(r.history.aggravating)
        or r.examination.posture_correction_abolishes is False
        or _hip_or_sacroiliac(f)
    ):
        return None
    postures = ", ".join(sorted(SUSTAINED_POSTURES & set(r.history.aggravating)))
    return _result(
        "postural",
        None,
        None,
        "R3.5",
        [
            "Every test had no effect, there is no movement loss and no leg symptom.",
            f"Pain is intermittent and brought on by sustained postures ({postures}).",
        ],
    )


def _hip_or_sacroiliac(f: Findings) -> bool:
    """R3.5 gives way to the hip and sacroiliac findings of R3.6."""
    ex = f.record.examination
    return (
        ex.hip_reproduces_symptoms is True
        or (ex.sij_provocation_positive or 0) >= f.th.sij_positive_min
    )


def _chronic(f: Findings) -> bool:
    r = f.record
    if (r.history.duration_weeks or 0) < f.th.chronic_min_weeks:
        return False
    sb = r.instruments.start_back
    high = sb is not None and get_instrument("start_back_9").score(sb)["risk"] == "high"
    places = {(s.region, s.side) for s in r.symptoms}
    widespread = r.history.pattern == "constant" and len(places) >= f.th.chronic_min_places
    return high or widespread


_OTHER: tuple[tuple[str, Callable[[Findings], bool], str], ...] = (
    (
        "spinal_stenosis",
        lambda f: (
            stenosis_pattern(f)
            and not any(TEST_DIRECTION[t.test] != "flexion" for t in f.favourable)
        ),
        "Age, leg symptoms brought on by walking or standing and eased by sitting or bending fit "
        "spinal stenosis.",
    ),
    (
        "hip",
        lambda f: f.record.examination.hip_reproduces_symptoms is True,
        "The hip examination reproduces the complaint.",
    ),
    (
        "sacroiliac",
        lambda f: (f.record.examination.sij_provocation_positive or 0) >= f.th.sij_positive_min,
        "Three or more sacroiliac provocation tests are positive.",
    ),
    ("post_surgery", lambda f: f.record.history.prior_surgery is True, "Previous lumbar surgery."),
    ("trauma", lambda f: f.record.history.onset == "trauma", "The pain began with trauma."),
    (
        "chronic_pain",
        _chronic,
        "Pain for 12 weeks or more with a high-risk STarT Back score or constant widespread pain.",
    ),
)


def _r36_other(f: Findings) -> Classification:
    lead = "No mechanical syndrome fits the test responses."
    for subgroup, test, why in _OTHER:
        if test(f):
            dp = "flexion" if subgroup == "spinal_stenosis" else None
            return _result(
                "other",
                subgroup,
                dp,
                "R3.6",
                [lead, why],
                unfavourable_tests=[t.test for t in f.unfavourable],
            )
    missing = [c for c in _BASE_TESTS if c not in {t.test for t in f.record.tests}]
    reasons = [lead, "Nothing points to another cause: mechanically inconclusive."]
    if missing:
        reasons.append("Complete the test battery: " + ", ".join(_battery(missing)) + ".")
    return _result(
        "other",
        "mechanically_inconclusive",
        None,
        "R3.6",
        reasons,
        missing,
        unfavourable_tests=[t.test for t in f.unfavourable],
    )


_RULES: tuple[Callable[[Findings], Classification | None], ...] = (
    _r30_untested,
    _r31_reducible,
    _r32_lateral_untested,
    _r33_irreducible,
    _r34_dysfunction,
    _r35_postural,
)


def serious_pathology(reasons: list[dict[str, str]], urgency: str) -> Classification:
    """R1.5: emergency or urgent red flags stop the mechanical assessment."""
    care = "same-day emergency care" if urgency == "emergency" else "medical review within days"
    texts = [r["text"] for r in reasons]
    return _result(
        "other",
        "serious_pathology",
        None,
        "R1.5",
        [
            f"Red flags ({'; '.join(texts)}) need {care} before any exercise plan.",
        ],
    )


def classify(f: Findings) -> Classification:
    """The first of R3.0–R3.5 that fires, else R3.6."""
    for rule in _RULES:
        found = rule(f)
        if found is not None:
            return found
    return _r36_other(f)
