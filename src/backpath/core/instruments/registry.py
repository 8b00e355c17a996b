"""The instrument registry, keyed by versioned names (instruments.md)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from .errors import InstrumentError
from .labels import NRS_LABELS, ODI_LABELS, PSFS_LABELS, RMDQ_LABELS, START_BACK_LABELS
from .scoring import score_nrs, score_odi, score_psfs, score_rmdq, score_start_back

__all__ = ["ALIASES", "INSTRUMENTS", "Instrument", "get_instrument"]

_Scorer = Callable[[Sequence[int | None]], dict[str, Any]]

_SCORERS: dict[str, _Scorer] = {
    "nrs": score_nrs,
    "odi_2.1a": score_odi,
    "rmdq_24": score_rmdq,
    "start_back_9": score_start_back,
    "psfs": score_psfs,
}


@dataclass(frozen=True, slots=True)
class Instrument:
    """One outcome instrument: what a form shows and how it is scored.

    ``items`` is the number of values :meth:`score` takes (``None`` for PSFS: 1–5 activities);
    ``labels`` are short labels of our own, one per section or item (never the copyrighted
    wording); ``min_item``/``max_item`` bound every item (STarT Back items 1–8 allow only 0–1,
    item 9 0–4); ``mcid_points``/``mcid_percent`` are the minimal important change (either
    suffices); ``lower_is_better`` gives the direction of improvement.
    """

    key: str
    name: str
    items: int | None
    labels: tuple[str, ...]
    min_item: int
    max_item: int
    mcid_points: float | None
    mcid_percent: float | None
    lower_is_better: bool
    licence: str

    def score(self, values: Sequence[int | None]) -> dict[str, Any]:
        """Score one completed form (``None`` = unanswered) → JSON-ready dict.

        nrs → ``{"score": 6}``; odi_2.1a → ``{"percent": 36.0, "band": "moderate",
        "answered": 10}``; rmdq_24 → ``{"total": 3, "recovered": False}``; start_back_9 →
        ``{"total": 4, "psychosocial": 2, "risk": "medium"}``; psfs → ``{"mean": 4.5,
        "items": 2}``. Raises :class:`InstrumentError` for values it cannot score.
        """
        scorer = _SCORERS.get(self.key)
        if scorer is None:
            raise InstrumentError(f"{self.key}: no scoring rule is registered for this key")
        return scorer(values)

    @property
    def mcid(self) -> str | None:
        """The minimal important change in words, e.g. ``"2 points or 30 %"``."""
        parts = []
        if self.mcid_points is not None:
            parts.append(f"{self.mcid_points:g} points")
        if self.mcid_percent is not None:
            parts.append(f"{self.mcid_percent:g} %")
        return " or ".join(parts) or None


_ALL = (
    Instrument(
        key="nrs",
        name="Numeric pain rating scale",
        items=1,
        labels=NRS_LABELS,
        min_item=0,
        max_item=10,
        mcid_points=2,
        mcid_percent=30,
        lower_is_better=True,
        licence="Free to use.",
    ),
    Instrument(
        key="odi_2.1a",
        name="Oswestry Disability Index 2.1a",
        items=10,
        labels=ODI_LABELS,
        min_item=0,
        max_item=5,
        mcid_points=10,
        mcid_percent=30,
        lower_is_better=True,
        licence="© Fairbank, distributed by Mapi Research Trust; software that embeds the "
        "questionnaire text needs a licence. backpath stores scores only and shows its own "
        "section labels.",
    ),
    Instrument(
        key="rmdq_24",
        name="Roland-Morris Disability Questionnaire (24 items)",
        items=24,
        labels=RMDQ_LABELS,
        min_item=0,
        max_item=1,
        mcid_points=5,
        mcid_percent=30,
        lower_is_better=True,
        licence="© Roland & Morris. backpath stores scores only and shows its own item labels.",
    ),
    Instrument(
        key="start_back_9",
        name="STarT Back Screening Tool (9 items)",
        items=9,
        labels=START_BACK_LABELS,
        min_item=0,
        max_item=4,
        mcid_points=None,
        mcid_percent=None,
        lower_is_better=True,
        licence="© Keele University; free for non-commercial use, commercial products must "
        "ask Keele and may not modify it. backpath stores scores only and shows its own item "
        "labels.",
    ),
    Instrument(
        key="psfs",
        name="Patient-Specific Functional Scale",
        items=None,
        labels=PSFS_LABELS,
        min_item=0,
        max_item=10,
        mcid_points=2,
        mcid_percent=None,
        lower_is_better=False,
        licence="Reproduced with the authors' permission.",
    ),
)

INSTRUMENTS: Mapping[str, Instrument] = MappingProxyType({i.key: i for i in _ALL})

ALIASES: Mapping[str, str] = MappingProxyType(
    {
        "nrs": "nrs",
        "odi": "odi_2.1a",
        "rmdq": "rmdq_24",
        "start_back": "start_back_9",
        "startback": "start_back_9",
        "psfs": "psfs",
    }
)


def get_instrument(key: str) -> Instrument:
    """The instrument registered under ``key`` or one of its short aliases (``odi``, ``rmdq``,
    ``start_back``/``startback``, ``nrs``, ``psfs``); case does not matter."""
    norm = key.strip().lower() if isinstance(key, str) else key
    found = INSTRUMENTS.get(norm) or INSTRUMENTS.get(ALIASES.get(norm, ""))
    if found is None:
        raise InstrumentError(
            f"{key!r}: unknown instrument; known instruments: {', '.join(INSTRUMENTS)} "
            f"(aliases: {', '.join(a for a in ALIASES if a not in INSTRUMENTS)})"
        )
    return found
