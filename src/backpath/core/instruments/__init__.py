"""Outcome instruments: NRS, Oswestry 2.1a, Roland-Morris 24, STarT Back 9 and PSFS.

Spec: instruments.md. A registry keyed by versioned names (``nrs``, ``odi_2.1a``, ``rmdq_24``,
``start_back_9``, ``psfs``); scoring, bands and minimal important change exactly as the spec
gives them. The copyrighted questionnaires' wording is never reproduced: each instrument
carries short labels of our own for forms (see :mod:`.labels`)::

    get_instrument("odi").score([3, 2, 2, 3, 2, 1, 2, 0, 2, 1])
    # {"percent": 36.0, "band": "moderate", "answered": 10}
    change("odi", 42.0, 30.0)["verdict"]        # "improved" (12 points ≥ 10)
    score_instruments(record.instruments)        # the result document's "scores"

ODI band edges: the spec's bands are written on whole percents; a one-decimal percent belongs
to the band whose upper edge it does not exceed (≤ 20 minimal, ≤ 40 moderate, ≤ 60 severe,
≤ 80 crippling, else bed_bound). Rounding to one decimal is half-up on the exact value.
"""

from __future__ import annotations

from .change import change, change_psfs_item
from .errors import InstrumentError
from .record import score_instruments
from .registry import INSTRUMENTS, Instrument, get_instrument
from .wording import LICENSED_WORDING, WordingShape, answers, wording_shape

__all__ = [
    "INSTRUMENTS",
    "LICENSED_WORDING",
    "Instrument",
    "InstrumentError",
    "WordingShape",
    "answers",
    "change",
    "change_psfs_item",
    "get_instrument",
    "score_instruments",
    "wording_shape",
]
