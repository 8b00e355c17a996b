"""The exercise and intervention library and its evidence policy (exercise-library.md, §5–§6)."""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

import pytest
import yaml

from backpath.core.library import (
    Dose,
    Exercise,
    Library,
    LibraryError,
    default_library,
    load_library,
    normalise,
)
from backpath.core.vocab import CAMERA_MOVEMENTS, CATEGORIES, TAGS

REQUIRED_CODES = [  # clinical rules §5 and the figure renderer refer to these by name
    "prone_lying", "prone_on_elbows", "prone_press_up", "prone_press_up_sag",
    "press_up_overpressure", "standing_back_extension", "lumbar_roll_sitting",
    "side_glide_standing_left", "side_glide_standing_right", "shift_correction_wall_left",
    "shift_correction_wall_right", "side_glide_then_extension_left",
    "side_glide_then_extension_right", "flexion_in_lying", "flexion_in_sitting",
    "flexion_in_standing", "flexion_step_standing", "end_range_flexion_lying",
    "end_range_flexion_standing", "end_range_extension_lying", "end_range_extension_standing",
    "end_range_side_glide_left", "end_range_side_glide_right", "long_sitting_flexion",
    "front_plank", "knee_plank", "dead_bug", "mcgill_curl_up", "body_saw", "bird_dog",
    "back_extensor_hold", "hip_hinge_dowel", "side_plank", "knee_side_plank", "suitcase_carry",
    "pallof_press", "stir_the_pot", "bird_dog_band", "walking_programme", "cycling", "swimming",
    "stair_climbing", "posture_correction_sitting", "sitting_breaks", "hamstring_stretch",
    "glute_stretch", "knee_to_chest_stretch", "childs_pose", "cat_camel", "crunches", "sit_ups",
    "straight_leg_raise", "deadlift", "squat", "russian_twist", "superman", "yoga_forward_bend",
    "heat_pack", "ice", "massage", "dry_needling", "acupuncture", "foam_rolling", "kinesio_taping",
    "tens", "ultrasound_therapy", "spinal_manipulation", "traction", "lumbar_brace", "bed_rest",
]  # fmt: skip

FLEXION_LOADING = [
    "hamstring_stretch", "glute_stretch", "knee_to_chest_stretch", "childs_pose", "cat_camel",
    "crunches", "sit_ups", "straight_leg_raise", "deadlift", "squat", "russian_twist",
    "yoga_forward_bend", "flexion_in_lying", "long_sitting_flexion",
]  # fmt: skip

ADVISED_AGAINST = [
    "heat_pack", "massage", "dry_needling", "hamstring_stretch", "glute_stretch", "foam_rolling",
    "kinesio_taping", "bed_rest", "knee_to_chest_stretch", "yoga_forward_bend", "childs_pose",
    "ice", "tens", "ultrasound_therapy", "traction", "lumbar_brace", "acupuncture",
    "spinal_manipulation",
]  # fmt: skip

ANTI_MOVEMENT = ("anti_extension", "anti_flexion", "anti_lateral_flexion", "anti_rotation")


@pytest.fixture(scope="module")
def lib() -> Library:
    return default_library()


def _mirror(text: str) -> str:
    """Swap left and right in a code or a sentence."""
    swap = {"left": "right", "right": "left"}
    return re.sub(r"(?<![a-z])(left|right)(?![a-z])", lambda m: swap[m.group(1)], text)


def _sided(lib: Library, side: str) -> list[Exercise]:
    return [e for e in lib if e.side == side]


# ---- contents ----------------------------------------------------------------------------------


def test_it_holds_at_least_60_entries(lib: Library) -> None:
    assert len(lib) >= 60
    assert len(list(lib)) == len(lib)


def test_it_holds_every_code_the_rules_and_the_figures_name(lib: Library) -> None:
    assert [code for code in REQUIRED_CODES if code not in lib] == []


def test_it_covers_every_category_of_the_spec(lib: Library) -> None:
    assert {c for c in CATEGORIES if not lib.by_category(c)} == set()


def test_bed_rest_is_rest_and_the_passive_items_are_passive(lib: Library) -> None:
    assert lib.get("bed_rest").category == "rest"
    for code in ("heat_pack", "massage", "foam_rolling", "tens", "spinal_manipulation"):
        assert lib.get(code).category == "passive"


@pytest.mark.parametrize("category", ANTI_MOVEMENT)
def test_every_anti_movement_entry_is_spine_neutral_and_in_a_family(
    lib: Library, category: str
) -> None:
    entries = lib.by_category(category)
    assert len(entries) >= 3
    for e in entries:
        assert e.loads == frozenset(), e.code
        assert e.family, e.code


def _families(lib: Library) -> dict[str, list[Exercise]]:
    out: dict[str, list[Exercise]] = {}
    for e in lib:
        if e.family:
            out.setdefault(e.family, []).append(e)
    return out


def test_a_familys_steps_up_and_down_stay_inside_it(lib: Library) -> None:
    for family, members in _families(lib).items():
        for e in members:
            for code in (e.progression, e.regression):
                assert code is None or lib.get(code).family == family, (e.code, code)


def test_each_family_is_one_chain_from_its_entry_exercise(lib: Library) -> None:
    for family, members in _families(lib).items():
        entry = [e for e in members if e.regression is None]
        assert len(entry) == 1, family
        chain, step = [], entry[0]
        while step is not None:
            chain.append(step.code)
            step = lib.get(step.progression) if step.progression else None
        assert sorted(chain) == sorted(e.code for e in members), family


@pytest.mark.parametrize(
    ("family", "chain"),
    [
        ("plank", ["knee_plank", "front_plank", "body_saw", "ab_wheel_rollout"]),
        ("side_plank", ["wall_side_plank", "knee_side_plank", "side_plank", "side_plank_leg_lift"]),
        ("pallof", ["pallof_hold", "pallof_press", "stir_the_pot"]),
        ("bird_dog", ["quadruped_limb_lift", "bird_dog", "bird_dog_band"]),
    ],
)
def test_the_anti_movement_chains_run_from_easiest_to_hardest(
    lib: Library, family: str, chain: list[str]
) -> None:
    assert [lib.get(c).family for c in chain] == [family] * len(chain)
    assert [lib.get(c).progression for c in chain] == [*chain[1:], None]


def test_bird_dog_is_anti_rotation_as_the_spec_classifies_it(lib: Library) -> None:
    assert lib.get("bird_dog").category == "anti_rotation"
    assert lib.get("back_extensor_hold").category == "anti_flexion"


def test_every_entry_has_a_plain_patient_name(lib: Library) -> None:
    for e in lib:
        assert e.patient_name and e.patient_name != e.code, e.code


@pytest.mark.parametrize(
    ("code", "tags"),
    [
        ("sit_ups", {"loaded_flexion", "high_load_abdominal"}),
        ("crunches", {"loaded_flexion", "high_load_abdominal"}),
        ("hamstring_stretch", {"loaded_flexion", "end_range_flexion"}),
        ("flexion_in_sitting", {"loaded_flexion", "end_range_flexion"}),
        ("flexion_in_standing", {"loaded_flexion", "end_range_flexion"}),
        ("end_range_flexion_standing", {"loaded_flexion", "end_range_flexion"}),
        ("russian_twist", {"loaded_flexion", "loaded_rotation"}),
        ("deadlift", {"loaded_flexion"}),
        ("squat", {"loaded_flexion"}),
        ("prone_press_up", {"prone"}),
        ("prone_lying", {"prone"}),
        ("dead_bug", {"supine_sustained"}),
        ("glute_bridge", {"supine_sustained"}),
        ("mcgill_curl_up", {"supine_sustained"}),
        ("front_plank", {"high_load_abdominal"}),
        ("straight_leg_raise", {"high_load_abdominal"}),
        ("stair_climbing", {"impact"}),
    ],
)
def test_the_precautions_find_the_tags_they_read(lib: Library, code: str, tags: set[str]) -> None:
    assert tags <= lib.get(code).tags


def test_flexion_in_lying_is_end_range_but_not_loaded_flexion(lib: Library) -> None:
    assert lib.get("flexion_in_lying").tags >= {"end_range_flexion"}
    assert "loaded_flexion" not in lib.get("flexion_in_lying").tags


def test_every_tag_is_in_the_vocabulary(lib: Library) -> None:
    assert {t for e in lib for t in e.tags} <= set(TAGS)


def test_leg_lifts_load_both_directions_and_cycling_loads_flexion(lib: Library) -> None:
    assert lib.get("straight_leg_raise").loads == {"flexion", "extension"}
    assert lib.get("cycling").loads == {"flexion"}


@pytest.mark.parametrize("code", FLEXION_LOADING)
def test_the_exercises_that_bend_the_spine_forward_load_flexion(lib: Library, code: str) -> None:
    assert "flexion" in lib.get(code).loads


def test_the_combined_movements_load_every_direction_they_use(lib: Library) -> None:
    assert lib.get("cat_camel").loads == {"flexion", "extension"}
    assert lib.get("russian_twist").loads == {"flexion", "rotation"}
    assert lib.get("superman").loads == {"extension"}
    assert lib.get("lumbar_roll_sitting").loads == frozenset()  # neutral support, R5.5
    assert lib.get("side_glide_then_extension_left").loads == {"side_glide_left", "extension"}
    assert lib.get("posture_correction_sitting").loads == frozenset()
    assert lib.get("sitting_breaks").loads == frozenset()


def test_a_side_glide_is_named_by_where_the_shoulders_go(lib: Library) -> None:
    for side in ("left", "right"):
        for e in _sided(lib, side):
            assert e.code.endswith(f"_{side}")
            assert f"side_glide_{side}" in e.loads
            assert f"side_glide_{_mirror(side)}" not in e.loads
            assert e.view == "front" or e.position != "standing", e.code
    # a right lateral shift (shoulders to the right) is corrected by a left glide
    assert "right lateral shift" in lib.get("shift_correction_wall_left").purpose


def test_left_and_right_entries_mirror_each_other(lib: Library) -> None:
    left = _sided(lib, "left")
    assert len(left) == len(_sided(lib, "right")) >= 4
    for e in left:
        twin = lib.get(_mirror(e.code))
        assert twin.side == "right"
        assert twin.name == _mirror(e.name)
        assert twin.loads == {_mirror(d) for d in e.loads}
        assert (twin.category, twin.position, twin.dose, twin.view) == (
            e.category, e.position, e.dose, e.view,
        )  # fmt: skip
        assert (twin.progression, twin.regression) == tuple(
            _mirror(c) if c else None for c in (e.progression, e.regression)
        )
        assert twin.alternatives == tuple(_mirror(c) for c in e.alternatives)
        assert twin.synonyms == tuple(_mirror(s) for s in e.synonyms)
        assert twin.steps == tuple(_mirror(s) for s in e.steps)
        assert twin.purpose == _mirror(e.purpose)


def test_overpressure_is_clinic_only_and_home_exercises_are_not(lib: Library) -> None:
    assert lib.get("press_up_overpressure").clinic_only
    assert not lib.get("prone_press_up").clinic_only
    assert [e.code for e in lib if e.clinic_only] == [
        "press_up_overpressure",
        "rotation_in_flexion_left",
        "rotation_in_flexion_right",
    ]


def test_directional_items_offer_an_alternative_without_their_direction(lib: Library) -> None:
    for e in lib:
        for direction in e.loads & {"flexion", "extension"}:
            ok = [
                a for a in e.alternatives
                if direction not in lib.get(a).loads and not lib.get(a).clinic_only
            ]  # fmt: skip
            assert ok, f"{e.code} offers no alternative free of {direction}"


def test_the_audit_alternatives_are_not_advised_against(lib: Library) -> None:
    for e in lib:
        assert e.alternatives, e.code
        first = lib.evidence(e.alternatives[0])
        assert first is not None and first.stance != "not_recommended", e.code


# ---- steps, cues and purpose -------------------------------------------------------------------


def test_every_entry_has_3_to_6_short_plain_steps(lib: Library) -> None:
    for e in lib:
        assert 3 <= len(e.steps) <= 6, e.code
        for step in e.steps:
            assert 0 < len(step) < 160, (e.code, step)
            assert step[0].isupper() and step.endswith("."), (e.code, step)
            assert not re.search(r"[<>*#_`{}\[\]]", step), (e.code, step)


def test_every_entry_says_what_to_feel_when_to_stop_and_what_it_is_for(lib: Library) -> None:
    for e in lib:
        assert e.cues.feel and e.cues.stop and e.cues.stop[0].isupper(), e.code
        assert e.purpose.endswith(".") and e.purpose.count(". ") == 0, e.code


def test_synonyms_are_lower_case(lib: Library) -> None:
    for e in lib:
        assert all(s == s.lower() for s in e.synonyms), e.code


# ---- matching ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("toe touches", "hamstring_stretch"),
        ("Foam roller", "foam_rolling"),
        ("foam-roller", "foam_rolling"),
        ("sit ups", "sit_ups"),
        ("Sit-Ups", "sit_ups"),
        ("situps", "sit_ups"),
        ("heat", "heat_pack"),
        ("Hot water bottle", "heat_pack"),
        ("hammy stretch", "hamstring_stretch"),
        ("hamstring_stretch", "hamstring_stretch"),
        ("  HAMSTRING   stretch! ", "hamstring_stretch"),
        ("Child's pose", "childs_pose"),
        ("Cat–camel", "cat_camel"),
        ("knee hugs", "knee_to_chest_stretch"),
        ("Piriformis stretch", "glute_stretch"),
        ("leg lifts", "straight_leg_raise"),
        ("KT tape", "kinesio_taping"),
        ("chiropractic adjustment", "spinal_manipulation"),
        ("walking", "walking_programme"),
        ("prone_press_up", "prone_press_up"),
        ("Left side glide", "side_glide_standing_left"),
        ("press-ups", "prone_press_up"),
        ("press ups", "prone_press_up"),
        ("Press up", "prone_press_up"),
        ("supermans", "superman"),
        ("standing back extensions", "standing_back_extension"),
        ("sit up", "sit_ups"),
        ("hamstring stretch", "hamstring_stretch"),
        ("hamstring stretches", "hamstring_stretch"),
        ("cobra", "prone_press_up"),
        ("needling", "dry_needling"),
        ("needles", "dry_needling"),
        ("deep tissue", "massage"),
        ("chiro", "spinal_manipulation"),
        ("osteo", "spinal_manipulation"),
        ("back cracking", "spinal_manipulation"),
    ],
)
def test_it_matches_a_code_name_or_synonym_whatever_the_spelling(
    lib: Library, text: str, code: str
) -> None:
    assert [e.code for e in lib.match(text)] == [code]


@pytest.mark.parametrize("text", ["", "   ", "zumba", "hamstring", "knees", "presses"])
def test_it_returns_nothing_for_an_unknown_phrase(lib: Library, text: str) -> None:
    assert lib.match(text) == ()


@pytest.mark.parametrize(
    "text",
    [
        "Side glide in standing",
        "shift correction at a wall",
        "end-range side glide",
        "side glides",
        "side glide",
        "Side-glides",
        "shift corrections",
    ],
)
def test_a_phrase_that_fits_both_sides_is_ambiguous_not_guessed(lib: Library, text: str) -> None:
    sides = [e.side for e in lib.match(text)]
    assert sorted(sides) == ["left", "right"]


def test_every_code_name_and_synonym_names_exactly_its_own_entry(lib: Library) -> None:
    for e in lib:
        for phrase in (e.code, e.name, *e.synonyms):
            assert lib.match(phrase) == (e,), (e.code, phrase)


def test_normalise_ignores_case_punctuation_and_spacing() -> None:
    assert normalise(" Foam-Roller ") == "foam roller"
    assert normalise("hamstring_stretch") == "hamstring stretch"
    assert normalise("Child’s  pose") == "childs pose"
    assert normalise("Cat–camel!!") == "cat camel"


def test_matching_is_fast_enough_for_bulk_audits(lib: Library) -> None:
    start = time.perf_counter()
    for _ in range(20_000):
        lib.match("Foam-Roller")
    assert time.perf_counter() - start < 1.0


# ---- the evidence policy -----------------------------------------------------------------------


@pytest.mark.parametrize("code", ADVISED_AGAINST)
def test_the_clinic_policy_advises_against_it(lib: Library, code: str) -> None:
    ev = lib.evidence(code)
    assert ev is not None and ev.stance == "not_recommended"
    assert ev.rationale and ev.sources


def test_spinal_manipulation_on_its_own_is_advised_against_as_nice_allows_it_only_with_exercise(
    lib: Library,
) -> None:
    ev = lib.evidence("spinal_manipulation")
    assert ev is not None and ev.stance == "not_recommended"
    assert "exercise" in ev.rationale and "on its own" in ev.rationale


def test_the_rationale_is_honest_about_the_wider_literature(lib: Library) -> None:
    for code in ("heat_pack", "massage", "acupuncture"):
        ev = lib.evidence(code)
        assert ev is not None and "ACP" in ev.rationale, code
        assert any("ACP" in s for s in ev.sources), code
    for code in ("tens", "ultrasound_therapy", "traction", "lumbar_brace", "acupuncture"):
        ev = lib.evidence(code)
        assert ev is not None and "NICE NG59 (2016)" in ev.sources, code


def test_exercise_is_recommended_or_neutral_never_advised_against(lib: Library) -> None:
    exercise = {"dp_extension", "dp_flexion", "dp_lateral", "dysfunction", "activity",
                *ANTI_MOVEMENT}  # fmt: skip
    for e in lib:
        ev = lib.evidence(e.code)
        assert ev is not None, e.code
        if e.category in exercise:
            assert ev.stance in ("recommended", "neutral"), e.code


def test_common_exercises_that_only_clash_with_a_direction_are_not_advised_against(
    lib: Library,
) -> None:
    for code in ("sit_ups", "crunches", "deadlift", "squat", "superman", "walking_programme"):
        ev = lib.evidence(code)
        assert ev is not None and ev.stance != "not_recommended", code


# ---- the API -----------------------------------------------------------------------------------


def test_get_names_the_missing_code(lib: Library) -> None:
    with pytest.raises(KeyError, match="no_such_thing"):
        lib.get("no_such_thing")
    assert "no_such_thing" not in lib
    assert 42 not in lib
    assert lib.evidence("no_such_thing") is None


def test_by_category_keeps_file_order(lib: Library) -> None:
    codes = [e.code for e in lib.by_category("dp_extension")]
    assert codes[:3] == ["prone_lying", "prone_on_elbows", "prone_press_up"]
    assert lib.by_category("no_such_category") == ()


def test_the_default_library_is_loaded_once(lib: Library) -> None:
    assert default_library() is lib


def test_entries_are_immutable(lib: Library) -> None:
    with pytest.raises(AttributeError):
        lib.get("prone_lying").name = "x"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("dose", "text"),
    [
        (Dose(reps=10, sets=1, times_per_day=6), "10 reps, 6 times a day"),
        (Dose(hold_seconds=10, reps=5), "hold 10 s × 5"),
        (Dose(minutes=30, times_per_day=1), "30 minutes a day"),
        (Dose(reps=8, sets=2, times_per_day=1), "2 sets of 8 reps, once a day"),
        (Dose(hold_seconds=10, reps=5, sets=3, times_per_day=2),
            "hold 10 s × 5, 3 sets, twice a day"),
        (Dose(minutes=3, times_per_day=6), "3 minutes, 6 times a day"),
        (Dose(), "as advised"),
    ],
)  # fmt: skip
def test_a_dose_reads_as_plain_words(dose: Dose, text: str) -> None:
    assert dose.text() == text


def test_a_dose_as_a_dict_holds_only_the_fields_that_are_set() -> None:
    assert Dose(reps=10, sets=1, times_per_day=6).as_dict() == {
        "reps": 10, "sets": 1, "times_per_day": 6,
    }  # fmt: skip
    assert Dose().as_dict() == {}


def test_the_core_library_does_not_use_django() -> None:
    import backpath.core.library as module

    assert "django" not in Path(module.__file__ or "").read_text().lower()


# ---- validation of data files ------------------------------------------------------------------


def _entry(code: str = "thing_one", **changes: Any) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "code": code,
        "name": code.replace("_", " ").capitalize(),
        "patient_name": "A test entry",
        "category": "activity",
        "loads": [],
        "position": "standing",
        "dose": {"minutes": 10},
        "synonyms": [],
        "steps": ["Stand up.", "Walk about.", "Sit down."],
        "cues": {"feel": "Fine.", "stop": "Stop if it hurts."},
        "purpose": "A test entry.",
    }
    entry.update(changes)
    return entry


def _write(tmp_path: Path, data: Any, name: str = "exercises.yaml") -> Path:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else yaml.safe_dump(data, sort_keys=False))
    return path


def _load_error(tmp_path: Path, entries: Any) -> str:
    with pytest.raises(LibraryError) as info:
        load_library(_write(tmp_path, entries))
    return str(info.value)


def test_it_loads_a_small_valid_file_without_an_evidence_policy(tmp_path: Path) -> None:
    lib = load_library(_write(tmp_path, [_entry(), _entry("thing_two", progression="thing_one")]))
    assert [e.code for e in lib] == ["thing_one", "thing_two"]
    assert lib.get("thing_one").view == "side" and not lib.get("thing_one").clinic_only
    assert lib.evidence("thing_one") is None


def test_it_rejects_an_unknown_category(tmp_path: Path) -> None:
    msg = _load_error(tmp_path, [_entry(category="yoga")])
    assert "'thing_one'" in msg and "category" in msg and "dp_extension" in msg


def test_it_rejects_an_unknown_position(tmp_path: Path) -> None:
    msg = _load_error(tmp_path, [_entry(position="handstand")])
    assert "'thing_one'" in msg and "position" in msg and "lying_prone" in msg


def test_it_rejects_an_unknown_load_direction(tmp_path: Path) -> None:
    msg = _load_error(tmp_path, [_entry(loads=["twisting"])])
    assert "'thing_one'" in msg and "loads[0]" in msg and "side_glide_left" in msg


def test_it_rejects_an_unknown_field(tmp_path: Path) -> None:
    msg = _load_error(tmp_path, [_entry(colour="red")])
    assert "'thing_one'" in msg and "colour" in msg


def test_it_rejects_a_dose_that_is_not_a_whole_number(tmp_path: Path) -> None:
    msg = _load_error(tmp_path, [_entry(dose={"reps": "10"})])
    assert "dose.reps" in msg


def test_it_rejects_a_code_that_is_not_snake_case(tmp_path: Path) -> None:
    assert "code" in _load_error(tmp_path, [_entry("Thing-One")])


@pytest.mark.parametrize("field", ["progression", "regression"])
def test_it_rejects_a_step_to_a_code_that_does_not_exist(tmp_path: Path, field: str) -> None:
    msg = _load_error(tmp_path, [_entry(**{field: "nowhere"})])
    assert f"'thing_one': {field}: unknown code 'nowhere'" in msg


def test_it_rejects_an_alternative_that_does_not_exist(tmp_path: Path) -> None:
    msg = _load_error(tmp_path, [_entry(alternatives=["nowhere"])])
    assert "alternatives: unknown code 'nowhere'" in msg


def test_it_rejects_a_duplicate_code(tmp_path: Path) -> None:
    msg = _load_error(tmp_path, [_entry(), _entry()])
    assert "'thing_one': code: used by more than one entry" in msg


def test_it_rejects_a_synonym_shared_by_two_entries(tmp_path: Path) -> None:
    entries = [_entry(synonyms=["strolling"]), _entry("thing_two", synonyms=["Strolling"])]
    entries[1]["synonyms"] = ["strolling!"]
    msg = _load_error(tmp_path, entries)
    assert "'thing_two': synonyms: 'strolling!' already names entry 'thing_one'" in msg


def test_it_rejects_a_synonym_that_is_another_entrys_name(tmp_path: Path) -> None:
    msg = _load_error(tmp_path, [_entry(), _entry("thing_two", synonyms=["thing one"])])
    assert "already names entry 'thing_one'" in msg


def test_it_rejects_a_synonym_that_is_not_lower_case(tmp_path: Path) -> None:
    assert "synonyms" in _load_error(tmp_path, [_entry(synonyms=["Strolling"])])


@pytest.mark.parametrize("count", [2, 7])
def test_it_rejects_too_few_or_too_many_steps(tmp_path: Path, count: int) -> None:
    msg = _load_error(tmp_path, [_entry(steps=["Do it."] * count)])
    assert "'thing_one'" in msg and "steps" in msg


def test_it_rejects_a_step_that_is_too_long(tmp_path: Path) -> None:
    msg = _load_error(tmp_path, [_entry(steps=["Stand.", "Walk.", "x" * 161])])
    assert "steps" in msg


def test_it_rejects_a_side_glide_that_loads_the_other_side(tmp_path: Path) -> None:
    bad = _entry("glide_left", category="dp_lateral", side="left", loads=["side_glide_right"])
    msg = _load_error(tmp_path, [bad])
    assert "'glide_left'" in msg and "side_glide_left" in msg


def test_it_rejects_a_left_code_without_its_side(tmp_path: Path) -> None:
    msg = _load_error(tmp_path, [_entry("glide_left", loads=["side_glide_left"])])
    assert "side" in msg


def test_it_rejects_an_anti_movement_exercise_that_loads_the_spine(tmp_path: Path) -> None:
    msg = _load_error(tmp_path, [_entry(category="anti_rotation", loads=["rotation"])])
    assert "entry 'thing_one': loads: an anti-movement exercise must be spine-neutral" in msg


def test_it_rejects_a_key_given_twice(tmp_path: Path) -> None:
    text = yaml.safe_dump([_entry()], sort_keys=False) + "  category: passive\n"
    assert "duplicate key 'category'" in _load_error(tmp_path, text)


def test_it_rejects_a_file_that_is_not_a_list(tmp_path: Path) -> None:
    assert "must be a list" in _load_error(tmp_path, {"thing_one": _entry()})


def test_it_rejects_an_entry_that_is_not_a_mapping(tmp_path: Path) -> None:
    assert "entry #2: must be a mapping" in _load_error(tmp_path, [_entry(), "walking"])


def test_it_rejects_a_file_that_is_not_yaml(tmp_path: Path) -> None:
    assert "not valid YAML" in _load_error(tmp_path, "- code: [unclosed\n")


def test_it_reports_every_problem_at_once(tmp_path: Path) -> None:
    with pytest.raises(LibraryError) as info:
        load_library(_write(tmp_path, [_entry(category="yoga"), _entry("two", position="up")]))
    assert len(info.value.messages) == 2


def _evidence_error(tmp_path: Path, evidence: Any) -> str:
    lib_path = _write(tmp_path, [_entry()])
    with pytest.raises(LibraryError) as info:
        load_library(lib_path, _write(tmp_path, evidence, "evidence.yaml"))
    return str(info.value)


def test_it_loads_an_evidence_policy_for_its_own_codes(tmp_path: Path) -> None:
    ev = [{"code": "thing_one", "stance": "neutral", "rationale": "Why.", "sources": ["X 2020"]}]
    lib = load_library(_write(tmp_path, [_entry()]), _write(tmp_path, ev, "evidence.yaml"))
    got = lib.evidence("thing_one")
    assert got is not None and (got.stance, got.sources) == ("neutral", ("X 2020",))


def test_it_rejects_evidence_for_a_code_not_in_the_library(tmp_path: Path) -> None:
    ev = [{"code": "elsewhere", "stance": "neutral", "rationale": "Why.", "sources": ["X"]}]
    assert "'elsewhere': code: not in the exercise library" in _evidence_error(tmp_path, ev)


def test_it_rejects_an_unknown_stance(tmp_path: Path) -> None:
    ev = [{"code": "thing_one", "stance": "maybe", "rationale": "Why.", "sources": ["X"]}]
    msg = _evidence_error(tmp_path, ev)
    assert "stance" in msg and "not_recommended" in msg


def test_it_rejects_evidence_without_sources(tmp_path: Path) -> None:
    ev = [{"code": "thing_one", "stance": "neutral", "rationale": "Why.", "sources": []}]
    assert "sources" in _evidence_error(tmp_path, ev)


def test_it_rejects_evidence_given_twice_for_one_code(tmp_path: Path) -> None:
    one = {"code": "thing_one", "stance": "neutral", "rationale": "Why.", "sources": ["X"]}
    assert "used by more than one entry" in _evidence_error(tmp_path, [one, one])


def test_it_rejects_a_step_that_leaves_the_family(tmp_path: Path) -> None:
    entries = [
        _entry("hold_one", category="anti_flexion", family="hinge", progression="other_one"),
        _entry("other_one", category="anti_flexion", family="carry", regression="hold_one"),
    ]
    msg = _load_error(tmp_path, entries)
    assert "exercises.yaml: entry 'hold_one': progression: 'other_one' is outside family" in msg
    assert "entry 'other_one': regression: 'hold_one' is outside family 'carry'" in msg


def test_it_rejects_a_family_member_of_another_category(tmp_path: Path) -> None:
    entries = [
        _entry("hold_one", category="anti_flexion", family="hinge"),
        _entry("hold_two", category="anti_rotation", family="hinge"),
        _entry("walk_one", family="hinge"),
    ]
    msg = _load_error(tmp_path, entries)
    assert "entry 'hold_two': category: a member of family 'hinge' needs" in msg
    assert "entry 'walk_one': category:" in msg and "entry 'hold_one'" not in msg


def test_it_rejects_an_entry_without_a_patient_name(tmp_path: Path) -> None:
    entry = _entry()
    del entry["patient_name"]
    assert "entry 'thing_one': patient_name: is required" in _load_error(tmp_path, [entry])


def test_it_rejects_an_unknown_tag(tmp_path: Path) -> None:
    msg = _load_error(tmp_path, [_entry(tags=["heavy"])])
    assert "entry 'thing_one': tags[0]: 'heavy' is not allowed" in msg


def test_it_rejects_two_entries_whose_phrases_differ_only_by_a_plural(tmp_path: Path) -> None:
    entries = [_entry(synonyms=["press ups"]), _entry("thing_two", synonyms=["press up"])]
    msg = _load_error(tmp_path, entries)
    assert "entry 'thing_two': synonyms: 'press up' already names entry 'thing_one'" in msg


def test_normalise_keeps_plurals_for_its_callers() -> None:
    assert normalise("Press-Ups") == "press ups"


VERSION_TWO_CODES = [
    "extension_lying_hips_off_centre_left", "extension_lying_hips_off_centre_right",
    "prone_lying_pillows", "posture_correction_standing", "walking_flexion_breaks",
    "rotation_in_flexion_left", "rotation_in_flexion_right", "hip_hinge_hold", "goblet_squat",
    "pilates", "yoga", "running", "hydrotherapy", "cupping", "hot_bath_shower",
    "general_stretching", "mcgill_big_three", "front_loaded_carry",
]  # fmt: skip


def test_it_holds_the_version_2_entries_each_with_an_evidence_stance(lib: Library) -> None:
    assert [code for code in VERSION_TWO_CODES if code not in lib] == []
    assert [code for code in VERSION_TWO_CODES if lib.evidence(code) is None] == []


def test_hips_off_centre_loads_extension_and_its_own_sides_glide(lib: Library) -> None:
    for side in ("left", "right"):
        e = lib.get(f"extension_lying_hips_off_centre_{side}")
        assert e.loads == {"extension", f"side_glide_{side}"} and e.side == side


def test_rotation_in_flexion_is_taught_in_the_clinic(lib: Library) -> None:
    assert all(lib.get(f"rotation_in_flexion_{s}").clinic_only for s in ("left", "right"))


def test_prone_lying_over_pillows_is_the_step_before_prone_lying(lib: Library) -> None:
    assert lib.get("prone_lying").regression == "prone_lying_pillows"
    assert lib.get("prone_lying_pillows").progression == "prone_lying"


def test_the_return_to_lifting_chain_runs_hinge_hold_to_deadlift(lib: Library) -> None:
    chain = ["hip_hinge_hold", "hip_hinge_dowel", "goblet_squat", "deadlift"]
    assert [lib.get(c).progression for c in chain] == [*chain[1:], None]
    assert {lib.get(c).family for c in chain} == {"hip_hinge"}
    assert lib.get("hip_hinge_hold").category == "anti_flexion"


@pytest.mark.parametrize("code", ["pilates", "yoga"])
def test_classes_load_both_directions_and_say_to_ask_which_movements(
    lib: Library, code: str
) -> None:
    e = lib.get(code)
    assert e.loads == {"flexion", "extension"}
    assert "ask which" in e.purpose and "both" in e.purpose


def test_running_is_neutral_with_impact_and_stretching_is_advised_against(lib: Library) -> None:
    assert lib.get("running").loads == frozenset() and "impact" in lib.get("running").tags
    assert lib.get("general_stretching").loads == {"flexion"}
    ev = lib.evidence("general_stretching")
    assert ev is not None and ev.stance == "not_recommended"


def test_the_mcgill_big_three_is_spine_neutral_strength(lib: Library) -> None:
    e = lib.get("mcgill_big_three")
    assert (e.category, e.loads) == ("strength", frozenset())


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("McGill big 3", "mcgill_big_three"),
        ("big 3", "mcgill_big_three"),
        ("Pilates", "pilates"),
        ("yoga", "yoga"),
        ("stretches", "general_stretching"),
        ("stretching", "general_stretching"),
        ("hot bath", "hot_bath_shower"),
        ("jogging", "running"),
        ("cupping", "cupping"),
        ("hydro", "hydrotherapy"),
    ],
)
def test_it_matches_the_common_names_of_the_version_2_entries(
    lib: Library, text: str, code: str
) -> None:
    assert [e.code for e in lib.match(text)] == [code]


def test_hips_off_centre_without_a_side_asks_which_side(lib: Library) -> None:
    found = lib.match("extension in lying with hips off-centre")
    assert sorted(e.side or "" for e in found) == ["left", "right"]


# ---- the camera field: which exercises the patient page may count ----------------------------


def test_standing_back_extension_and_flexion_in_standing_carry_their_camera_movement() -> None:
    lib = default_library()
    assert lib.get("standing_back_extension").camera == "trunk_extension"
    assert lib.get("flexion_in_standing").camera == "trunk_flexion"
    counted = {e.code for e in lib if e.camera}
    assert counted == {"standing_back_extension", "flexion_in_standing"}  # no side glides


def test_an_entry_without_a_camera_field_cannot_be_counted(tmp_path: Path) -> None:
    assert load_library(_write(tmp_path, [_entry()])).get("thing_one").camera is None


@pytest.mark.parametrize("movement", CAMERA_MOVEMENTS)
def test_it_loads_each_camera_movement(tmp_path: Path, movement: str) -> None:
    lib = load_library(_write(tmp_path, [_entry(camera=movement)]))
    assert lib.get("thing_one").camera == movement


def test_it_rejects_an_unknown_camera_movement_naming_the_field_and_the_allowed_values(
    tmp_path: Path,
) -> None:
    msg = _load_error(tmp_path, [_entry(camera="side_glide")])
    assert "'thing_one'" in msg and "camera" in msg and "'side_glide'" in msg
    assert all(movement in msg for movement in CAMERA_MOVEMENTS)


@pytest.mark.parametrize(
    "changes", [{"position": "lying_prone"}, {"view": "front"}], ids=["lying", "front"]
)
def test_it_rejects_a_camera_movement_on_an_exercise_not_standing_side_on(
    tmp_path: Path, changes: dict[str, str]
) -> None:
    msg = _load_error(tmp_path, [_entry(camera="trunk_flexion", **changes)])
    assert "camera" in msg and "standing exercise seen from the side" in msg
