"""Vocabularies of clinical rules v2 that this branch's core does not define yet.

TODO(lead): move to core.vocab — once ``backpath.core.vocab`` has these names (the lead is
adding them on ``main``: core-api-v2.md), import them from there here, in this one place, and
delete the copies. ``tests/web/test_vocabulary.py`` fails if the core's values and these differ.
"""

from __future__ import annotations

from typing import Literal, get_args

__all__ = [
    "DERMATOMES",
    "MYOTOMES",
    "NEURO_SIDES",
    "PRECAUTION_CODES",
    "PREGNANCY_STATUSES",
    "REFLEXES",
    "REFLEX_FINDINGS",
    "SLUMP_RESULTS",
    "TAGS",
    "TEST_POSITIONS",
    "VERDICTS",
    "Dermatome",
    "Myotome",
    "PrecautionCode",
    "PregnancyStatus",
    "Reflex",
    "ReflexFinding",
    "SlumpResult",
    "Tag",
    "TestPosition",
    "Verdict",
]

Myotome = Literal["L2", "L3", "L4", "L5", "S1"]
Reflex = Literal["knee", "ankle"]
ReflexFinding = Literal["reduced", "absent", "brisk"]
Dermatome = Literal["L3", "L4", "L5", "S1", "saddle"]
SlumpResult = Literal["positive", "negative"]
PregnancyStatus = Literal["pregnant", "postpartum"]
PrecautionCode = Literal["bone_fragility", "pregnancy"]
Tag = Literal[
    "loaded_flexion",
    "end_range_flexion",
    "loaded_rotation",
    "high_load_abdominal",
    "prone",
    "supine_sustained",
    "impact",
]
TestPosition = Literal["standing", "lying"]
Verdict = Literal["contradicts_dp", "caution", "not_recommended", "consistent", "unknown"]
NeuroSide = Literal["left", "right"]  # weakness and reflexes: a side, never central

MYOTOMES: tuple[str, ...] = get_args(Myotome)
REFLEXES: tuple[str, ...] = get_args(Reflex)
REFLEX_FINDINGS: tuple[str, ...] = get_args(ReflexFinding)
DERMATOMES: tuple[str, ...] = get_args(Dermatome)
SLUMP_RESULTS: tuple[str, ...] = get_args(SlumpResult)
PREGNANCY_STATUSES: tuple[str, ...] = get_args(PregnancyStatus)
PRECAUTION_CODES: tuple[str, ...] = get_args(PrecautionCode)
TAGS: tuple[str, ...] = get_args(Tag)
TEST_POSITIONS: tuple[str, ...] = get_args(TestPosition)
VERDICTS: tuple[str, ...] = get_args(Verdict)
NEURO_SIDES: tuple[str, ...] = get_args(NeuroSide)
