"""A SOAP-style note written from the structured data (ready to copy into other records)."""

from __future__ import annotations

from typing import Any

from .labels import SHIFT_LABELS, TEST_LABELS, URGENCY_HEADLINES, direction, human
from .presenters import dose_text, score_rows


def _percent(value: object) -> str:
    return "not recorded" if value is None else f"{value}%"


def _symptoms(symptoms: list[dict[str, Any]]) -> str:
    parts = [
        f"{human(s['kind'])} {s['region']} {s['side']}"
        + (f" {s['intensity']}/10" if s.get("intensity") is not None else "")
        for s in symptoms
    ]
    return "; ".join(parts) or "none recorded"


def _subjective(record: dict[str, Any]) -> list[str]:
    hist, inst = record.get("history", {}), record.get("instruments", {})
    lines = [f"Symptoms: {_symptoms(record.get('symptoms', []))}."]
    if hist:
        worse = ", ".join(map(human, hist.get("aggravating", []))) or "—"
        better = ", ".join(map(human, hist.get("easing", []))) or "—"
        lines.append(
            f"History: {hist.get('duration_weeks', '?')} weeks, {hist.get('onset', '?')} onset, "
            f"{hist.get('pattern', '?')}; worse with {worse}; better with {better}."
        )
    lines.append(f"NRS back {inst.get('nrs_back', '—')}/10, leg {inst.get('nrs_leg', '—')}/10.")
    if record.get("red_flags"):
        lines.append("Red flags: " + ", ".join(map(human, record["red_flags"])) + ".")
    return lines


def _objective(record: dict[str, Any], result: dict[str, Any]) -> list[str]:
    exam, lines = record.get("examination", {}), []
    if exam.get("lateral_shift"):
        lines.append(f"Lateral shift: {SHIFT_LABELS.get(exam['lateral_shift'])}.")
    loss = {k: v for k, v in (exam.get("movement_loss") or {}).items() if v}
    if loss:
        graded = ", ".join(f"{human(k)} {v}" for k, v in loss.items())
        lines.append(f"Movement loss: {graded}.")
    for t in record.get("tests", []):
        lines.append(
            f"{t['test']} ({TEST_LABELS.get(t['test'], t['test'])}): during "
            f"{human(t['during'])}, after {human(t['after'])}, "
            f"{human(t.get('mechanical', 'no_effect'))}."
        )
    scores = [
        f"{row['name']} {row['value']}" + (f" ({row['band']})" if row["band"] else "")
        for row in score_rows(result.get("scores") or {})
    ]
    if scores:
        lines.append("Scores: " + "; ".join(scores) + ".")
    return lines or ["No examination recorded."]


def _assessment(result: dict[str, Any], progression: dict[str, Any] | None) -> list[str]:
    cls, ref = result.get("classification", {}), result.get("referral", {})
    lines = [
        f"{human(cls.get('syndrome', ''))} {human(cls.get('subgroup') or '')} "
        f"({cls.get('status', '')}, {cls.get('rule', '')})".replace("  ", " ")
    ]
    if cls.get("directional_preference"):
        lines.append(f"Directional preference: {direction(cls['directional_preference'])}.")
    if ref.get("urgency", "none") != "none":
        lines.append(f"Referral: {URGENCY_HEADLINES.get(ref['urgency'], ref['urgency'])}.")
    if progression:
        lines.append(
            f"Follow-up: {progression['action']} ({progression['rule']}) — "
            + " ".join(progression.get("reasons", []))
        )
    return lines


def _plan(plan: dict[str, Any] | None, avoid: list[dict[str, Any]]) -> list[str]:
    if not plan:
        return ["No exercise plan."]
    lines = [f"Stage {human(plan['stage'])}."]
    lines += [
        f"- {i.get('name', human(i['exercise']))}: {dose_text(i.get('dose') or {})}"
        for i in plan.get("items", [])
    ]
    if avoid:
        lines.append("Avoid: " + ", ".join(direction(a["direction"]) for a in avoid) + ".")
    lines.append(f"Review in {plan.get('review_after_days', '?')} days.")
    return lines


def soap_note(
    record: dict[str, Any],
    result: dict[str, Any],
    plan: dict[str, Any] | None,
    avoid: list[dict[str, Any]],
    progression: dict[str, Any] | None = None,
    followup: dict[str, Any] | None = None,
) -> str:
    subjective = _subjective(record)
    if followup:
        subjective = [
            f"Follow-up visit {followup['visit_number']}: {followup.get('response')}; "
            f"adherence {_percent(followup.get('adherence_percent'))}; NRS back "
            f"{followup.get('nrs_back', '—')}, leg {followup.get('nrs_leg', '—')}. "
            f"Symptoms: {_symptoms(followup.get('symptoms', []))}."
        ]
    sections = (
        ("S", subjective),
        ("O", _objective(record, result)),
        ("A", _assessment(result, progression)),
        ("P", _plan(plan, avoid)),
    )
    return "\n".join(f"{name}: " + "\n   ".join(lines) for name, lines in sections)
