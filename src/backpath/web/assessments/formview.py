"""Template context for the assessment form: each input with its value and its errors."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, get_args

from backpath.core.camera import CAMERA_KEYS
from backpath.core.redflags import RED_FLAGS
from backpath.core.vocab import (
    DERMATOMES,
    FACTORS,
    MYOTOMES,
    NEURO_SIDES,
    PREGNANCY_STATUSES,
    REFLEX_FINDINGS,
    REFLEXES,
    REGIONS,
    SLUMP_RESULTS,
    TEST_CODES,
    After,
    During,
    LossGrade,
    Mechanical,
    SymptomKind,
)
from backpath.web.labels import (
    DERMATOME_LABELS,
    MYOTOME_LABELS,
    ODI_SHORT_LABELS,
    REFLEX_LABELS,
    RMDQ_ALLOWED,
    SHIFT_LABELS,
    TEST_LABELS,
    human,
)

from .formdata import (
    MOVEMENT_KEYS,
    NEURO,
    ODI_SECTIONS,
    PSFS_ROWS,
    RMDQ_DONE,
    RMDQ_ITEMS,
    SENSORY_SIDES,
    SIDES_FOR,
    START_BACK_ITEMS,
    TREATMENT_ROWS,
)

LOSS_GRADES: tuple[str, ...] = get_args(LossGrade)
# The body chart is seen from behind: the patient's left on the viewer's left.
CHART_COLUMNS = ("left", "central", "right")
KINDS: tuple[str, ...] = get_args(SymptomKind)


def labelled_choices(values: tuple[str, ...] | list[str]) -> list[tuple[str, str]]:
    return [(v, human(v)) for v in values]


class FormContext:
    """Looks values and errors up by field name, for the template's sake."""

    def __init__(self, values: Mapping[str, Any], errors: Mapping[str, list[str]]) -> None:
        self.values, self.errors = values, errors

    def field(self, name: str, label: str = "", **extra: Any) -> dict[str, Any]:
        value = self.values.get(name, "")
        return {
            "name": name,
            "id": f"f-{name}",
            "label": label,
            "value": value,
            "errors": self.errors.get(name, []),
            **extra,
        }

    def build(self) -> dict[str, Any]:
        return {
            "chart": self._chart(),
            "kinds": labelled_choices(KINDS),
            "factors": labelled_choices(FACTORS),
            "aggravating": set(self.values.get("aggravating", [])),
            "easing": set(self.values.get("easing", [])),
            "red_flags": self._red_flags(),
            "shift_choices": list(SHIFT_LABELS.items()),
            "movement": [
                self.field(f"loss-{k}", human(k).replace("side glide", "side glide"))
                for k in MOVEMENT_KEYS
            ],
            "loss_grades": labelled_choices(LOSS_GRADES),
            "tests": self._tests(),
            "during": labelled_choices(get_args(During)),
            "after": labelled_choices(get_args(After)),
            "mechanical": labelled_choices(get_args(Mechanical)),
            "odi": self._scored("odi", ODI_SECTIONS, ODI_SHORT_LABELS),
            "rmdq": self._rmdq(),
            "start_back": self._scored("sb", START_BACK_ITEMS, _start_back_labels()),
            "psfs": [
                (
                    self.field(f"psfs-{n}-activity", f"Activity {n}"),
                    self.field(f"psfs-{n}-score", f"Activity {n} score"),
                )
                for n in range(1, PSFS_ROWS + 1)
            ],
            "treatments": [
                self.field(f"treatment-{n}", f"Treatment {n}") for n in range(1, TREATMENT_ROWS + 1)
            ],
            "exercise_options": _library_options(),
            "pregnancy_statuses": labelled_choices(PREGNANCY_STATUSES),
            "neuro": self._neuro(),
            "f": {name: self.field(name) for name in _SIMPLE},
        }

    def _chart(self) -> list[list[dict[str, Any] | None]]:
        rows = []
        for region in REGIONS:
            cells: list[dict[str, Any] | None] = []
            for side in CHART_COLUMNS:
                if side not in SIDES_FOR[region]:
                    cells.append(None)
                    continue
                name = f"sym-{region}-{side}"
                label = f"{human(region).capitalize()}, {side}"
                cells.append(
                    {
                        **self.field(name, label),
                        "region": region,
                        "side": side,
                        "kind": self.field(f"{name}-kind"),
                    }
                )
            rows.append(cells)
        return rows

    def _red_flags(self) -> list[dict[str, Any]]:
        chosen = set(self.values.get("red_flags", []))
        return [
            {"code": f.code, "text": f.text, "urgency": f.urgency, "checked": f.code in chosen}
            for f in RED_FLAGS.values()
        ]

    def _tests(self) -> list[dict[str, Any]]:
        return [
            {
                "code": code,
                "label": TEST_LABELS.get(code, code),
                "single": not code.startswith("R"),
                **{
                    k: self.field(f"test-{code}-{k}")
                    for k in ("during", "after", "mechanical", "reps", *CAMERA_KEYS)
                },
            }
            for code in TEST_CODES
        ]

    def _rmdq(self) -> dict[str, Any]:
        """Roland-Morris: one checkbox per item, labelled by number only (no item wording).

        An error on any item is also said once beside the section, naming the item and what
        it allows, so it is read before the 24 boxes.
        """
        items = [
            self.field(f"rmdq-{n}", f"Item {n}", checked=self.values.get(f"rmdq-{n}") == "1")
            for n in range(1, RMDQ_ITEMS + 1)
        ]
        done = self.field(RMDQ_DONE, "Questionnaire completed")
        ticked = sum(item["checked"] for item in items)
        errors = [f"Roland-Morris: {e}" for e in done["errors"]] + [
            f"Roland-Morris item {n}: {e}; {RMDQ_ALLOWED}."
            for n, item in enumerate(items, start=1)
            for e in item["errors"]
        ]
        return {
            "done": {**done, "checked": bool(done["value"]) or ticked > 0},
            "items": items,
            "ticked": ticked,
            "errors": errors,
            "open": bool(done["value"]) or ticked > 0 or bool(errors),
        }

    def _neuro(self) -> dict[str, Any]:
        """The neurological examination as button groups and tick grids, one column a side.

        Every error on one of its fields is also said once beside the section, naming the
        field and what it allows, so it is read before the grids.
        """
        sides = [(s, s.capitalize()) for s in NEURO_SIDES]
        slr = [self.field(f"neuro-slr_{s}", f"Straight-leg raise, {s}") for s in NEURO_SIDES]
        slump = [self.field(f"neuro-slump_{s}", f"Slump, {s}") for s in NEURO_SIDES]
        weakness = [
            (
                MYOTOME_LABELS[m],
                [self._tick(f"neuro-weak-{m}-{s}", f"Weakness {m} {s}") for s in NEURO_SIDES],
            )
            for m in MYOTOMES
        ]
        reflexes = [
            (
                REFLEX_LABELS[r],
                [
                    self.field(f"neuro-reflex-{r}-{s}", f"{REFLEX_LABELS[r]}, {s}")
                    for s in NEURO_SIDES
                ],
            )
            for r in REFLEXES
        ]
        sensory = [
            (
                DERMATOME_LABELS[d],
                [
                    self._tick(f"neuro-sens-{d}-{s}", f"Sensory loss {d} {s}")
                    if s in SENSORY_SIDES[d]
                    else None
                    for s in (*NEURO_SIDES, "central")
                ],
            )
            for d in DERMATOMES
        ]
        fields = [
            *slr,
            *slump,
            *(c for _, row in weakness + sensory for c in row if c),
            *(c for _, row in reflexes for c in row),
        ]
        return {
            "sides": sides,
            "slr": slr,
            "slump": slump,
            "slump_choices": labelled_choices(SLUMP_RESULTS),
            "weakness": weakness,
            "reflexes": reflexes,
            "findings": labelled_choices(REFLEX_FINDINGS),
            "sensory": sensory,
            "errors": self._neuro_errors(fields),
        }

    def _tick(self, name: str, label: str) -> dict[str, Any]:
        return self.field(name, label, checked=bool(self.values.get(name)))

    def _neuro_errors(self, fields: list[dict[str, Any]]) -> list[str]:
        errors = [f"Neurological examination: {e}" for e in self.errors.get(NEURO, [])]
        for fld in fields:
            allowed = _NEURO_ALLOWED[fld["name"].split("-")[1].split("_")[0]]
            errors += [f"{fld['label']}: {e}; allowed: {allowed}." for e in fld["errors"]]
        return errors

    def _scored(self, prefix: str, count: int, labels: tuple[str, ...]) -> list[dict[str, Any]]:
        return [
            self.field(f"{prefix}-{n}", labels[n - 1] if n <= len(labels) else f"Item {n}")
            for n in range(1, count + 1)
        ]


_NEURO_ALLOWED = {
    "slr": "whole degrees 0–90, or blank (not tested)",
    "slump": ", ".join(SLUMP_RESULTS) + ", or blank (not tested)",
    "weak": "ticked or not ticked",
    "reflex": ", ".join(REFLEX_FINDINGS) + ", or blank (nothing abnormal recorded)",
    "sens": "ticked or not ticked",
}
_SIMPLE = (
    "age",
    "sex",
    "pregnancy_status",
    "pregnancy_weeks",
    "walking_tolerance_minutes",
    "duration_weeks",
    "onset",
    "previous_episodes",
    "pattern",
    "previous_sciatica",
    "prior_surgery",
    "aggravating",
    "easing",
    "red_flags",
    "lateral_shift",
    "posture_correction_abolishes",
    "hip_reproduces_symptoms",
    "sij_provocation_positive",
    "nrs_back",
    "nrs_leg",
    "assessed_on",
)


def _start_back_labels() -> tuple[str, ...]:
    from backpath.core.instruments.labels import START_BACK_LABELS

    return START_BACK_LABELS


def _library_options() -> list[tuple[str, str]]:
    """(code, name) of every library entry, for the treatments datalist."""
    try:
        from backpath.core.library import default_library
    except ImportError:  # pragma: no cover - the library is part of the core
        return []
    return sorted(((e.code, e.name) for e in default_library()), key=lambda p: p[1])
