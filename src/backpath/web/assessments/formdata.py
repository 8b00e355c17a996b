"""The assessment form ↔ the ``backpath/assessment/1`` record.

:func:`record_from_form` turns posted form values into a record dict and remembers, for each
record path it wrote, the form field it came from, so :func:`errors_by_field` can put each
``RecordError`` message beside the field that caused it. No clinical rule lives here: what is
valid is decided by :func:`backpath.core.records.parse_assessment`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from backpath.core.instruments import INSTRUMENTS
from backpath.core.vocab import (
    DERMATOMES,
    DIRECTIONS,
    FACTORS,
    MYOTOMES,
    NEURO_SIDES,
    REFLEXES,
    REGIONS,
    TEST_CODES,
)

if TYPE_CHECKING:
    from django.http import QueryDict

SIDES_FOR = {
    region: (("right", "central", "left") if region == "back" else ("right", "left"))
    for region in REGIONS
}
MOVEMENT_KEYS = DIRECTIONS  # the movement-loss keys are the four test directions
ODI_SECTIONS: int = INSTRUMENTS["odi_2.1a"].items or 0
RMDQ_ITEMS: int = INSTRUMENTS["rmdq_24"].items or 0
RMDQ_DONE = "rmdq-done"  # ticked when the questionnaire was completed, even with no item ticked
START_BACK_ITEMS: int = INSTRUMENTS["start_back_9"].items or 0
PSFS_ROWS = len(INSTRUMENTS["psfs"].labels)  # one label per activity the record allows
TREATMENT_ROWS = 6

NEURO = "neuro"  # the form's name for the whole neurological examination (section errors)
SENSORY_SIDES = {d: NEURO_SIDES + (("central",) if d == "saddle" else ()) for d in DERMATOMES}

FormValues = Mapping[str, Any]  # name → str, or list[str] for multi-valued fields
PathMap = dict[str, str]  # record path → form field name


def text_of(form: FormValues, name: str) -> str:
    value = form.get(name, "")
    if isinstance(value, list):
        value = value[-1] if value else ""
    return str(value).strip()


def _getlist(form: FormValues, name: str) -> list[str]:
    value = form.get(name, [])
    return [v for v in (value if isinstance(value, list) else [value]) if v]


def number_of(text: str, kind: type = int) -> Any:
    """'' → None; a number → int/float; anything else stays text (the core names the error)."""
    if text == "":
        return None
    try:
        return kind(text) if kind is int else float(text)
    except ValueError:
        return text


def _tristate(text: str) -> bool | str | None:
    return {"": None, "yes": True, "no": False}.get(text, text)


def _put(target: dict[str, Any], key: str, value: object) -> None:
    if value is not None and value != "" and value != []:
        target[key] = value


def record_from_form(
    form: FormValues, record_id: str | None = None
) -> tuple[dict[str, Any], PathMap]:
    """The record the form describes, and where each record path came from."""
    record: dict[str, Any] = {"schema": "backpath/assessment/1"}
    paths: PathMap = {}
    if record_id:
        record["id"] = record_id
    for section in (
        _patient,
        _history,
        symptoms_into,
        red_flags_into,
        _examination,
        _tests,
        _instruments,
        _treatments,
    ):
        section(form, record, paths)
    return record, paths


def _patient(form: FormValues, record: dict[str, Any], paths: PathMap) -> None:
    patient: dict[str, Any] = {}
    _put(patient, "age", number_of(text_of(form, "age")))
    _put(patient, "sex", text_of(form, "sex"))
    pregnancy: dict[str, Any] = {}
    _put(pregnancy, "status", text_of(form, "pregnancy_status"))
    _put(pregnancy, "weeks", number_of(text_of(form, "pregnancy_weeks")))
    if pregnancy:
        patient["pregnancy"] = pregnancy
    paths.update(
        {
            "patient.age": "age",
            "patient.sex": "sex",
            "patient.pregnancy": "pregnancy_status",
            "patient.pregnancy.weeks": "pregnancy_weeks",
        }
    )
    _put(record, "patient", patient)


def _history(form: FormValues, record: dict[str, Any], paths: PathMap) -> None:
    history: dict[str, Any] = {}
    _put(history, "duration_weeks", number_of(text_of(form, "duration_weeks"), float))
    _put(history, "onset", text_of(form, "onset"))
    _put(history, "previous_episodes", number_of(text_of(form, "previous_episodes")))
    _put(history, "pattern", text_of(form, "pattern"))
    for key in ("aggravating", "easing"):
        _put(history, key, _getlist(form, key))
    for key in ("previous_sciatica", "prior_surgery"):
        _put(history, key, _tristate(text_of(form, key)))
    _put(
        history, "walking_tolerance_minutes", number_of(text_of(form, "walking_tolerance_minutes"))
    )
    for key in (
        "duration_weeks",
        "onset",
        "previous_episodes",
        "pattern",
        "aggravating",
        "easing",
        "previous_sciatica",
        "prior_surgery",
        "walking_tolerance_minutes",
    ):
        paths[f"history.{key}"] = key
    _put(record, "history", history)


def chart_cells() -> list[tuple[str, str]]:
    """(region, side) of every body-chart cell, top to bottom."""
    return [(region, side) for region in REGIONS for side in SIDES_FOR[region]]


def symptoms_into(form: FormValues, record: dict[str, Any], paths: PathMap) -> None:
    symptoms: list[Any] = []
    for region, side in chart_cells():
        name = f"sym-{region}-{side}"
        intensity = text_of(form, name)
        if intensity == "":
            continue
        paths[f"symptoms[{len(symptoms)}]"] = name
        paths[f"symptoms[{len(symptoms)}].kind"] = f"{name}-kind"
        symptoms.append(
            {
                "region": region,
                "side": side,
                "kind": text_of(form, f"{name}-kind") or "pain",
                "intensity": number_of(intensity),
            }
        )
    _put(record, "symptoms", symptoms)


def red_flags_into(form: FormValues, record: dict[str, Any], paths: PathMap) -> None:
    _put(record, "red_flags", _getlist(form, "red_flags"))
    paths["red_flags"] = "red_flags"


def _examination(form: FormValues, record: dict[str, Any], paths: PathMap) -> None:
    exam: dict[str, Any] = {}
    _put(exam, "lateral_shift", text_of(form, "lateral_shift"))
    loss: dict[str, Any] = {}
    for key in MOVEMENT_KEYS:
        _put(loss, key, text_of(form, f"loss-{key}"))
        paths[f"examination.movement_loss.{key}"] = f"loss-{key}"
    _put(exam, "movement_loss", loss)
    for key in ("posture_correction_abolishes", "hip_reproduces_symptoms"):
        _put(exam, key, _tristate(text_of(form, key)))
        paths[f"examination.{key}"] = key
    _put(exam, "sij_provocation_positive", number_of(text_of(form, "sij_provocation_positive")))
    paths["examination.sij_provocation_positive"] = "sij_provocation_positive"
    paths["examination.lateral_shift"] = "lateral_shift"
    neuro = _neuro(form, paths)
    if neuro:  # absent, not empty: nothing entered means not tested
        exam["neuro"] = neuro
    _put(record, "examination", exam)


def _neuro(form: FormValues, paths: PathMap) -> dict[str, Any]:
    """``examination.neuro``: only what was entered (an absent field means "not tested")."""
    neuro: dict[str, Any] = {}
    paths["examination.neuro"] = NEURO
    for side in NEURO_SIDES:
        for test, kind in (("slr", int), ("slump", str)):
            name = f"neuro-{test}_{side}"
            value = text_of(form, name)
            _put(neuro, f"{test}_{side}", number_of(value) if kind is int else value)
            paths[f"examination.neuro.{test}_{side}"] = name
    rows: dict[str, list[dict[str, str]]] = {"weakness": [], "reflexes": [], "sensory_loss": []}
    for key, name, row in _neuro_cells():
        value = text_of(form, name)
        if value:
            paths[f"examination.neuro.{key}[{len(rows[key])}]"] = name
            rows[key].append({**row, "finding": value} if key == "reflexes" else row)
    for key, found in rows.items():
        _put(neuro, key, found)
    return neuro


def _neuro_cells() -> list[tuple[str, str, dict[str, str]]]:
    """(record list, form field, entry) of every myotome, reflex and dermatome cell."""
    cells = [
        ("weakness", f"neuro-weak-{m}-{s}", {"myotome": m, "side": s})
        for m in MYOTOMES
        for s in NEURO_SIDES
    ]
    cells += [
        ("reflexes", f"neuro-reflex-{r}-{s}", {"reflex": r, "side": s})
        for r in REFLEXES
        for s in NEURO_SIDES
    ]
    cells += [
        ("sensory_loss", f"neuro-sens-{d}-{s}", {"dermatome": d, "side": s})
        for d in DERMATOMES
        for s in SENSORY_SIDES[d]
    ]
    return cells


def _tests(form: FormValues, record: dict[str, Any], paths: PathMap) -> None:
    tests: list[Any] = []
    for code in TEST_CODES:
        during, after = text_of(form, f"test-{code}-during"), text_of(form, f"test-{code}-after")
        if not during and not after:
            continue
        row: dict[str, Any] = {"test": code}
        _put(row, "during", during)
        _put(row, "after", after)
        _put(row, "mechanical", text_of(form, f"test-{code}-mechanical"))
        reps = number_of(text_of(form, f"test-{code}-reps"))
        _put(row, "reps", 1 if reps is None and not code.startswith("R") else reps)
        i = len(tests)
        paths[f"tests[{i}]"] = f"test-{code}-during"
        for key in ("during", "after", "mechanical", "reps"):
            paths[f"tests[{i}].{key}"] = f"test-{code}-{key}"
        _camera(form, code, row, paths, i)
        tests.append(row)
    _put(record, "tests", tests)


def _camera(form: FormValues, code: str, row: dict[str, Any], paths: PathMap, i: int) -> None:
    """The camera's numbers for a test row (hidden fields the camera page fills), if any."""
    camera = {
        k: number_of(text_of(form, f"test-{code}-camera-{k}"), int if k == "reps" else float)
        for k in _CAMERA_FIELDS
    }
    if all(v is None for v in camera.values()):
        return
    row["camera"] = camera
    for key in _CAMERA_FIELDS:
        paths[f"tests[{i}].camera.{key}"] = f"test-{code}-camera-{key}"
        paths[f"tests[{i}].camera"] = f"test-{code}-reps"


_CAMERA_FIELDS = ("reps", "first_deg", "last_deg")


def scores_of(form: FormValues, prefix: str, count: int) -> list[Any] | None:
    values = [number_of(text_of(form, f"{prefix}-{n}")) for n in range(1, count + 1)]
    return values if any(v is not None for v in values) else None


def _rmdq(form: FormValues) -> list[Any] | None:
    """Roland-Morris as 24 item answers: ticked items 1, the others 0 (instruments.md: "0 or
    blank = not"), so a questionnaire with only some items ticked is complete, not partial.
    Nothing ticked and not marked completed → None (not recorded). Any other posted value is
    passed on for the core to reject, naming the item."""
    values = [number_of(text_of(form, f"rmdq-{n}")) for n in range(1, RMDQ_ITEMS + 1)]
    if all(v is None for v in values) and not text_of(form, RMDQ_DONE):
        return None
    return [0 if v is None else v for v in values]


def _instruments(form: FormValues, record: dict[str, Any], paths: PathMap) -> None:
    inst: dict[str, Any] = {}
    for key in ("nrs_back", "nrs_leg"):
        _put(inst, key, number_of(text_of(form, key)))
        paths[f"instruments.{key}"] = key
    _put(inst, "odi", scores_of(form, "odi", ODI_SECTIONS))
    _put(inst, "rmdq", _rmdq(form))
    _put(inst, "start_back", scores_of(form, "sb", START_BACK_ITEMS))
    paths.update(
        {
            "instruments.odi": "odi-1",
            "instruments.rmdq": RMDQ_DONE,
            "instruments.start_back": "sb-1",
        }
    )
    for prefix, key, count in (
        ("odi", "odi", ODI_SECTIONS),
        ("rmdq", "rmdq", RMDQ_ITEMS),
        ("sb", "start_back", START_BACK_ITEMS),
    ):
        paths.update({f"instruments.{key}[{n}]": f"{prefix}-{n + 1}" for n in range(count)})
    psfs: list[Any] = []
    for n in range(1, PSFS_ROWS + 1):
        activity, score = text_of(form, f"psfs-{n}-activity"), text_of(form, f"psfs-{n}-score")
        if activity or score:
            paths[f"instruments.psfs[{len(psfs)}].activity"] = f"psfs-{n}-activity"
            paths[f"instruments.psfs[{len(psfs)}]"] = f"psfs-{n}-score"
            psfs.append({"activity": activity, "score": number_of(score)})
    _put(inst, "psfs", psfs)
    _put(record, "instruments", inst)


def _treatments(form: FormValues, record: dict[str, Any], paths: PathMap) -> None:
    treatments: list[Any] = []
    for n in range(1, TREATMENT_ROWS + 1):
        for text in text_of(form, f"treatment-{n}").split(","):  # "heat, walking": two
            if text.strip():
                paths[f"current_treatments[{len(treatments)}]"] = f"treatment-{n}"
                treatments.append(text.strip())
    _put(record, "current_treatments", treatments)


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return f"{value:g}" if isinstance(value, float) else str(value)


def form_from_record(record: dict[str, Any]) -> dict[str, Any]:
    """Form values that reproduce ``record`` (to start a reassessment from an earlier one)."""
    values: dict[str, Any] = {}
    patient, history = record.get("patient", {}), record.get("history", {})
    exam, inst = record.get("examination", {}), record.get("instruments", {})
    for key in ("age", "sex"):
        values[key] = _text(patient.get(key))
    pregnancy = patient.get("pregnancy") or {}
    values["pregnancy_status"] = _text(pregnancy.get("status"))
    values["pregnancy_weeks"] = _text(pregnancy.get("weeks"))
    for key, value in history.items():
        values[key] = list(value) if isinstance(value, list) else _text(value)
    for s in record.get("symptoms", []):
        values[f"sym-{s['region']}-{s['side']}"] = _text(s.get("intensity"))
        values[f"sym-{s['region']}-{s['side']}-kind"] = s.get("kind", "pain")
    values["red_flags"] = list(record.get("red_flags", []))
    for key, value in exam.items():
        if key == "movement_loss":
            values.update({f"loss-{k}": _text(v) for k, v in value.items()})
        elif key == "neuro":
            values.update(_neuro_values(value))
        else:
            values[key] = _text(value)
    for t in record.get("tests", []):
        for key in ("during", "after", "mechanical", "reps"):
            values[f"test-{t['test']}-{key}"] = _text(t.get(key))
        for key, value in (t.get("camera") or {}).items():
            values[f"test-{t['test']}-camera-{key}"] = _text(value)
    values.update({k: _text(inst.get(k)) for k in ("nrs_back", "nrs_leg")})
    for prefix, key in (("odi", "odi"), ("rmdq", "rmdq"), ("sb", "start_back")):
        values.update({f"{prefix}-{n}": _text(v) for n, v in enumerate(inst.get(key) or [], 1)})
    if inst.get("rmdq") is not None:
        values[RMDQ_DONE] = "yes"
    for n, item in enumerate(inst.get("psfs") or [], start=1):
        values[f"psfs-{n}-activity"], values[f"psfs-{n}-score"] = item["activity"], item["score"]
    for n, text in enumerate(record.get("current_treatments", []), start=1):
        values[f"treatment-{n}"] = text
    return values


def _neuro_values(neuro: dict[str, Any]) -> dict[str, str]:
    values = {
        f"neuro-{key}": _text(neuro[key]) for key in neuro if key.startswith(("slr_", "slump_"))
    }
    for w in neuro.get("weakness", []):
        values[f"neuro-weak-{w['myotome']}-{w['side']}"] = "1"
    for r in neuro.get("reflexes", []):
        values[f"neuro-reflex-{r['reflex']}-{r['side']}"] = r["finding"]
    for s in neuro.get("sensory_loss", []):
        values[f"neuro-sens-{s['dermatome']}-{s['side']}"] = "1"
    return values


_PATH_RE = re.compile(r"^(?P<path>[^:]+): (?P<text>.*)$", re.S)


def errors_by_field(messages: list[str], paths: PathMap) -> tuple[dict[str, list[str]], list[str]]:
    """Each message under the form field of the longest matching record path, else general."""
    fields: dict[str, list[str]] = {}
    general: list[str] = []
    for message in messages:
        match = _PATH_RE.match(message)
        field = _field_for(match["path"], paths) if match else None
        if field is None:
            general.append(message)
        else:
            fields.setdefault(field, []).append(match["text"] if match else message)
    return fields, general


def _field_for(path: str, paths: PathMap) -> str | None:
    candidates = [p for p in paths if path == p or path.startswith((p + ".", p + "["))]
    return paths[max(candidates, key=len)] if candidates else None


def multi_valued(name: str) -> bool:
    return name in ("aggravating", "easing", "red_flags")


def form_values(querydict: QueryDict) -> dict[str, Any]:
    """A QueryDict as JSON-ready values (lists only for multi-valued fields)."""
    return {
        k: (querydict.getlist(k) if multi_valued(k) else querydict.get(k, ""))
        for k in querydict
        if k not in ("csrfmiddlewaretoken", "action", "version", "idem", "draft_path")
    }


__all__ = ["FACTORS", "chart_cells", "errors_by_field", "form_values", "record_from_form"]
