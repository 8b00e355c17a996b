"""The dashboard's figures of any set of summary rows, episode by episode: the same numbers
the dashboard computes from its stored groups (:meth:`.scope.Scope.cohort`), for checking
those and for a selection that no group answers. The statistics are the core's
(:mod:`backpath.core.cohort`)."""

from __future__ import annotations

from datetime import date
from typing import Any, TypeAlias

from django.db.models import QuerySet

from backpath.core import cohort

from .groups import from_rows
from .models import EpisodeSummary

__all__ = ["adherence", "board", "caseload", "centralisation", "discharges", "outcomes", "safety"]

Rows: TypeAlias = QuerySet[EpisodeSummary]


def board(rows: Rows, today: date) -> dict[str, Any]:
    """Every figure of the dashboard (:func:`backpath.core.cohort.figures`)."""
    return cohort.figures(from_rows(rows), today)


def _everyone(rows: Rows) -> cohort.Sums:
    return cohort.everyone(from_rows(rows))


def caseload(rows: Rows, today: date) -> dict[str, Any]:
    return cohort.caseload(_everyone(rows), today)


def outcomes(rows: Rows) -> list[dict[str, Any]]:
    return cohort.outcomes(from_rows(rows))


def centralisation(rows: Rows, today: date | None = None) -> dict[str, Any]:
    """(``today`` changes nothing here; accepted like the other figures'.)"""
    return cohort.centralisation(from_rows(rows))


def adherence(rows: Rows, today: date | None = None) -> dict[str, Any]:
    return cohort.adherence(_everyone(rows))


def safety(rows: Rows, today: date | None = None) -> dict[str, Any]:
    return cohort.safety(_everyone(rows))


def discharges(rows: Rows) -> list[tuple[str, int | None]]:
    return cohort.discharges(_everyone(rows))
