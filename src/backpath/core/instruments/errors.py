"""The one error the instruments raise."""

from __future__ import annotations

__all__ = ["InstrumentError"]


class InstrumentError(ValueError):
    """Values an instrument cannot score, or an unknown instrument.

    The message names the instrument and the problem, e.g.
    ``odi_2.1a: 3 sections unanswered; at most 2 may be unanswered (not scorable)``.
    """
