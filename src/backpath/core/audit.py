"""Audit of a patient's current treatments (clinical-rules.md §6).

Each entry is matched by code or synonym (never guessed) and judged with the same gate the plan
uses (:mod:`.plan.gate`): a direction avoided everywhere or in the entry's position is
``contradicts_dp``, a precaution or an activity the history says aggravates is ``caution``, and
the evidence policy gives ``not_recommended``. While an emergency or urgent referral stands no
exercise alternative is offered.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from .documents import AuditEntry
from .library import Exercise, Library
from .plan.gate import Conflict, Screen

__all__ = ["audit_treatments"]

Avoids = Iterable[Mapping[str, Any] | str]
_PAUSE = (
    " A medical review comes first: pause the exercise programme until then, and no "
    "alternative is offered meanwhile."
)


def _alternative(ex: Exercise, screen: Screen, lib: Library) -> Exercise | None:
    """The first listed alternative that passes the gate and is not advised against."""
    for code in ex.alternatives:
        if code not in lib:
            continue
        alt, ev = lib.get(code), lib.evidence(code)
        if alt.clinic_only or (ev and ev.stance == "not_recommended"):
            continue
        if not screen.allows(code):
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


def _mixed(ex: Exercise) -> str:
    """A class mixing directions (pilates, yoga) says to ask which movements."""
    if {"flexion", "extension"} <= ex.loads and ex.category in ("activity", "strength", "mobility"):
        return " It mixes movements in several directions: ask which ones the patient does."
    return ""


class _Judge:
    def __init__(
        self,
        avoid: Avoids,
        lib: Library,
        precautions: Iterable[Mapping[str, Any]],
        aggravating: Iterable[str],
        referred: bool,
        screen: Screen | None,
    ) -> None:
        self.avoid, self.lib = list(avoid), lib
        self.precautions = list(precautions)
        self.aggravated: dict[str, list[str]] = {}  # entry code → factors that name it
        for factor in aggravating:
            for ex in lib.match(factor):
                self.aggravated.setdefault(ex.code, []).append(factor)
        self.referred = referred
        self.screen = screen or Screen(self.avoid, self.precautions, lib)

    def __call__(self, text: str, ex: Exercise) -> AuditEntry:
        # Besides the input text, the entry depends on these alone: patients with the same
        # avoidances and precautions share it, each getting its own copy.
        factors = tuple(self.aggravated.get(ex.code, ()))
        key = ("audit", ex.code, factors, self.referred)
        memo = self.screen.memo
        found: AuditEntry | None = memo.get(key)
        if found is None:
            found = memo[key] = self._judge("", ex, factors)
        return {**found, "input": text, "verdicts": list(found["verdicts"])}

    def _judge(self, text: str, ex: Exercise, factors: tuple[str, ...]) -> AuditEntry:
        conflicts = self.screen.conflicts(ex.code)
        moving: list[Conflict] = [c for c in conflicts if c["kind"] != "precaution"]
        verdicts: list[str] = []
        reasons: list[str] = [c["text"] for c in moving]
        if moving:
            verdicts.append("contradicts_dp")
            reasons[-1] += _mixed(ex)
        cautions = [c["text"] for c in conflicts if c["kind"] == "precaution"]
        for factor in factors:
            cautions.append(
                f"The history says {factor.replace('_', ' ')} brings the symptoms on: keep it "
                "in short bouts with breaks (for walking: bend forward or sit before the "
                "symptoms build, or cycle instead)."
            )
        if cautions:
            verdicts.append("caution")
            reasons += cautions
        ev = self.lib.evidence(ex.code)
        if ev and ev.stance == "not_recommended":
            verdicts.append("not_recommended")
            reasons.append(f"Not recommended by the clinic's evidence policy: {ev.rationale}")
        if not verdicts:
            return _entry(
                text,
                ex,
                ["consistent"],
                f"{ex.name} loads nothing this patient should avoid and is not advised against."
                + _mixed(ex)
                + (_PAUSE if self.referred else ""),
            )
        if self.referred:
            return _entry(text, ex, verdicts, " ".join(reasons) + _PAUSE)
        alt = _alternative(ex, self.screen, self.lib)
        return _entry(text, ex, verdicts, " ".join(reasons), alt)


def _ambiguous(text: str, matches: tuple[Exercise, ...]) -> AuditEntry:
    sides = {m.side for m in matches}
    if len(matches) == 2 and sides == {"left", "right"}:
        why = (
            f"{matches[0].name.rsplit(',', 1)[0]} exists for each side: which side? Record "
            "whether the shoulders move to the left or to the right (not guessed)."
        )
    else:
        why = (
            "Could be " + " or ".join(m.name for m in matches) + ": record which one (not guessed)."
        )
    return _entry(text, None, ["unknown"], why)


def audit_treatments(
    treatments: Iterable[str],
    avoid: Avoids,
    lib: Library,
    *,
    precautions: Iterable[Mapping[str, Any]] = (),
    aggravating: Iterable[str] = (),
    referred: bool = False,
    screen: Screen | None = None,
) -> list[AuditEntry]:
    """One entry per treatment, in input order: matched by code or synonym, never guessed.

    ``avoid`` holds the result's avoid entries (or bare directions), ``referred`` is true while
    an emergency or urgent referral stands; ``screen`` is the patient's Screen for the same
    ``avoid`` and ``precautions`` when the caller has one.
    """
    treatments = list(treatments)
    if not treatments:
        return []
    judge = _Judge(avoid, lib, precautions, aggravating, referred, screen)
    out: list[AuditEntry] = []
    for text in treatments:
        matches = lib.match(text)
        if len(matches) == 1:
            out.append(judge(text, matches[0]))
        elif matches:
            out.append(_ambiguous(text, matches))
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
