"""What the patient reads under "What to avoid for now" and "What to stop" (§4, §4a, §6).

Three sources, one list each, every line in plain words for the patient and carrying the
clinician's reason and the rule that produced it:

- the avoided directions (:mod:`.avoid`), said as the everyday activities that load that way
  (bending forward, slumped sitting, lifting from the floor…), limited to a position when the
  direction is only avoided there;
- the precautions (:mod:`.precautions`), one line per precaution naming what it excludes;
- each current treatment the audit (:mod:`.audit`) marked ``contradicts_dp``, ``caution`` or
  ``not_recommended``, with the alternative the audit offered, if any.

The web page and the PDF only lay these lines out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from .library import Library, default_library
from .vocab import TEST_POSITIONS

__all__ = [
    "ACTIVITY_WORDS",
    "POSITION_WORDS",
    "PRECAUTION_WORDS",
    "STOP_VERDICTS",
    "TAG_WORDS",
    "AdviceLine",
    "PatientAdvice",
    "patient_advice",
]

# Each load direction as the everyday activities that load the back that way.
ACTIVITY_WORDS: dict[str, str] = {
    "flexion": "bending forward (for example to tie your shoes), sitting slumped, "
    "lifting from the floor with a rounded back",
    "extension": "arching backwards, standing or walking for long with your back arched, "
    "lying on your front propped on your elbows",
    "side_glide_left": "shifting your shoulders to the left (hips to the right), leaning "
    "to the left for long",
    "side_glide_right": "shifting your shoulders to the right (hips to the left), leaning "
    "to the right for long",
    "lateral_flexion": "bending sideways, carrying a heavy bag on one side",
    "rotation": "twisting, for example to reach behind you",
}
POSITION_WORDS: dict[str, str] = {"standing": "while standing", "lying": "lying down"}
TAG_WORDS: dict[str, str] = {
    "loaded_flexion": "bending forward while lifting or holding something",
    "end_range_flexion": "bending all the way forward, such as toe touches",
    "loaded_rotation": "twisting while lifting or carrying",
    "high_load_abdominal": "hard tummy exercises such as sit-ups, crunches or long planks",
    "prone": "lying face down",
    "supine_sustained": "staying on your back for long during exercises",
    "impact": "jumping, running or other jarring impacts",
}
PRECAUTION_WORDS: dict[str, str] = {
    "bone_fragility": "To protect your bones",
    "pregnancy": "For your pregnancy",
}
# The audit verdicts the patient is told to stop or hold off, most serious first.
STOP_VERDICTS: tuple[str, ...] = ("contradicts_dp", "not_recommended", "caution")
_STOP_WORDS: dict[str, tuple[str, str]] = {  # verdict → (what to do, why) in plain words
    "contradicts_dp": ("Stop", "it moves your back the way that makes it worse for now"),
    "not_recommended": ("Stop", "it is not likely to help your back"),
    "caution": ("Hold off", "it may not suit your back at the moment: ask us at your next visit"),
}

Kind = Literal["avoid", "precaution", "stop"]


@dataclass(frozen=True, slots=True)
class AdviceLine:
    """One line for the patient (``text``) with the clinician's ``reason`` and ``rule``.

    For a ``stop`` line ``treatment`` is what the patient said they do, ``verdict`` the audit's
    and ``alternative`` / ``alternative_name`` the library exercise offered instead (or None).
    """

    kind: Kind
    text: str
    reason: str
    rule: str
    treatment: str | None = None
    verdict: str | None = None
    alternative: str | None = None
    alternative_name: str | None = None


@dataclass(frozen=True, slots=True)
class PatientAdvice:
    avoid: tuple[AdviceLine, ...]
    stop: tuple[AdviceLine, ...]

    def __bool__(self) -> bool:
        return bool(self.avoid or self.stop)


def _words(table: Mapping[str, str], code: str) -> str:
    return table.get(code, code.replace("_", " "))


def _avoid_lines(avoid: Iterable[Mapping[str, Any]]) -> list[AdviceLine]:
    lines = []
    for a in avoid:
        activity = _words(ACTIVITY_WORDS, str(a["direction"]))
        positions = [str(p) for p in a.get("positions") or []]
        if positions:
            where = " or ".join(_words(POSITION_WORDS, p) for p in positions)
            fine = [_words(POSITION_WORDS, p) for p in TEST_POSITIONS if p not in positions]
            text = f"Avoid {activity} {where}"
            text += f" — doing it {' or '.join(fine)} is fine." if fine else "."
        else:
            text = f"Avoid {activity}."
        lines.append(
            AdviceLine("avoid", text, str(a.get("reason", "")), str(a.get("rule") or "R4"))
        )
    return lines


def _precaution_lines(precautions: Iterable[Mapping[str, Any]]) -> list[AdviceLine]:
    lines = []
    for p in precautions:
        what = "; ".join(_words(TAG_WORDS, str(t)) for t in p.get("excludes", []))
        if not what:
            continue
        lead = PRECAUTION_WORDS.get(str(p.get("code")), "For your safety")
        text = f"{lead}, avoid: {what}."
        lines.append(
            AdviceLine("precaution", text, str(p.get("reason", "")), str(p.get("rule") or "R4a"))
        )
    return lines


def _patient_name(lib: Library, code: str | None, fallback: str) -> str:
    if code and code in lib:
        return lib.get(code).patient_name or fallback
    return fallback


def _stop_lines(audit: Iterable[Mapping[str, Any]], lib: Library) -> list[AdviceLine]:
    lines = []
    for entry in audit:
        verdicts = [str(v) for v in entry.get("verdicts", [])]
        verdict = next((v for v in STOP_VERDICTS if v in verdicts), None)
        if verdict is None:
            continue
        said = str(entry.get("input") or entry.get("name") or entry.get("code") or "")
        name = _patient_name(lib, entry.get("code"), said)
        do, why = _STOP_WORDS[verdict]
        text = f"{do} {name[:1].lower() + name[1:] if name else 'it'} for now: {why}."
        alt_code = entry.get("alternative")
        alt_name = (
            _patient_name(lib, alt_code, str(entry.get("alternative_name") or alt_code))
            if alt_code
            else None
        )
        if alt_name:
            text += f" Instead you can do: {alt_name[:1].lower() + alt_name[1:]}."
        lines.append(
            AdviceLine(
                "stop",
                text,
                str(entry.get("reason", "")),
                str(entry.get("rule") or "R6"),
                treatment=said,
                verdict=verdict,
                alternative=alt_code,
                alternative_name=alt_name,
            )
        )
    return lines


def patient_advice(
    avoid: Iterable[Mapping[str, Any]],
    precautions: Iterable[Mapping[str, Any]] = (),
    audit: Iterable[Mapping[str, Any]] = (),
    lib: Library | None = None,
) -> PatientAdvice:
    """The patient's "what to avoid for now" (directions, then precautions) and "what to
    stop" (audited treatments), from the plan's ``avoid``, the result's ``precautions`` and
    the assessment's ``audit``."""
    lib = lib or default_library()
    return PatientAdvice(
        avoid=tuple(_avoid_lines(avoid) + _precaution_lines(precautions)),
        stop=tuple(_stop_lines(audit, lib)),
    )
