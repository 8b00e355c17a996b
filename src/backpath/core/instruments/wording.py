"""Instruments a clinic may give at home in its own licensed wording (issue 11, point 6).

backpath never ships the ODI or RMDQ wording. A clinic that holds a licence enters it; this
module says what that wording must consist of, from the registry (never repeated elsewhere):
ODI 2.1a has ``items`` sections, each answered by choosing one of ``min_item…max_item``
statements (its score is the statement's position); RMDQ-24 has ``items`` statements, each
ticked (1) or not (blank counts as 0). :func:`answers` turns the patient's choices into the
values :meth:`Instrument.score` takes, so the unanswered-item rules are the registry's.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .errors import InstrumentError
from .registry import get_instrument

__all__ = ["LICENSED_WORDING", "WordingShape", "answers", "wording_shape"]

# registry key → how each item is answered: "choose" one statement, or "tick" it
LICENSED_WORDING: Mapping[str, str] = {"odi_2.1a": "choose", "rmdq_24": "tick"}


@dataclass(frozen=True, slots=True)
class WordingShape:
    """``items`` sections (choose) or statements (tick); ``statements``: per section for
    ``choose`` (their scores ``0…statements - 1``), ``None`` for ``tick``."""

    key: str
    name: str
    items: int
    statements: int | None


def wording_shape(key: str) -> WordingShape:
    """The shape of the licensed wording of instrument ``key``; InstrumentError for one that
    cannot be given in a clinic's wording."""
    inst = get_instrument(key)
    style = LICENSED_WORDING.get(inst.key)
    if style is None or inst.items is None:
        raise InstrumentError(
            f"{key!r}: not given in a clinic's licensed wording; allowed: "
            + ", ".join(LICENSED_WORDING)
        )
    statements = inst.max_item - inst.min_item + 1 if style == "choose" else None
    return WordingShape(inst.key, inst.name, inst.items, statements)


def answers(key: str, chosen: Mapping[int, int]) -> list[int | None]:
    """The values to score from the patient's answers by item number (1-based): for
    ``choose``, the chosen statement's score (unanswered → None); for ``tick``, 1 for a ticked
    statement and 0 otherwise. InstrumentError for an item or score out of range."""
    shape = wording_shape(key)
    top = (shape.statements or 2) - 1
    for n, value in chosen.items():
        if not 1 <= n <= shape.items or isinstance(value, bool) or not 0 <= value <= top:
            raise InstrumentError(f"{shape.key}: item {n} is {value!r}; allowed 0–{top}")
    if shape.statements is None:
        return [1 if chosen.get(n) == 1 else 0 for n in range(1, shape.items + 1)]
    return [chosen.get(n) for n in range(1, shape.items + 1)]
