"""Audit of a patient's current treatments against their DP and the evidence (§6)."""

from __future__ import annotations

from collections.abc import Iterable

from .documents import AuditEntry
from .library import Exercise, Library

__all__ = ["audit_treatments"]


def _alternative(ex: Exercise, avoid: frozenset[str], lib: Library) -> Exercise | None:
    """The first listed alternative that loads nothing avoided and is not advised against."""
    for code in ex.alternatives:
        if code not in lib:
            continue
        alt = lib.get(code)
        ev = lib.evidence(code)
        if alt.loads & avoid or alt.clinic_only or (ev and ev.stance == "not_recommended"):
            continue
        return alt
    return None


def _entry(
    text: str, ex: Exercise | None, verdicts: list[str], reason: str, alt: Exercise | None = None
) -> AuditEntry:
    return {
        "input": text,
        "code": ex.code if ex else None,
        "name": ex.name if ex else None,
        "verdicts": verdicts,  # type: ignore[typeddict-item]
        "reason": reason,
        "alternative": alt.code if alt else None,
        "alternative_name": alt.name if alt else None,
        "rule": "R6",
    }


def _judge(text: str, ex: Exercise, avoid: frozenset[str], lib: Library) -> AuditEntry:
    verdicts: list[str] = []
    reasons: list[str] = []
    clash = sorted(ex.loads & avoid)
    if clash:
        verdicts.append("contradicts_dp")
        reasons.append(
            f"{ex.name} loads {' and '.join(d.replace('_', ' ') for d in clash)}, "
            "which this patient should avoid for now."
        )
    ev = lib.evidence(ex.code)
    if ev and ev.stance == "not_recommended":
        verdicts.append("not_recommended")
        reasons.append(f"Not recommended by the clinic's evidence policy: {ev.rationale}")
    if not verdicts:
        return _entry(
            text,
            ex,
            ["consistent"],
            f"{ex.name} loads nothing this patient should avoid and is not advised against.",
        )
    return _entry(text, ex, verdicts, " ".join(reasons), _alternative(ex, avoid, lib))


def audit_treatments(
    treatments: Iterable[str], avoid: frozenset[str], lib: Library
) -> list[AuditEntry]:
    """One entry per treatment, in input order: matched by code or synonym, never guessed."""
    out: list[AuditEntry] = []
    for text in treatments:
        matches = lib.match(text)
        if len(matches) == 1:
            out.append(_judge(text, matches[0], avoid, lib))
        elif matches:
            names = " or ".join(m.name for m in matches)
            out.append(
                _entry(
                    text, None, ["unknown"], f"Could be {names}: record which one (not guessed)."
                )
            )
        else:
            out.append(
                _entry(
                    text,
                    None,
                    ["unknown"],
                    "Not in the exercise and intervention "
                    "library, so it cannot be judged (not guessed).",
                )
            )
    return out
