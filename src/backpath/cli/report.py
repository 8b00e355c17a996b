"""Readable text reports of core documents, for a clinician at a terminal."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

__all__ = ["render_audit", "render_exercises", "render_progression", "render_result"]

_URGENCY = {
    "emergency": "EMERGENCY — send to same-day emergency care",
    "urgent": "URGENT — medical review within days",
    "soon": "SOON — medical opinion within weeks",
    "consider": "CONSIDER — note these findings",
    "none": "none",
}


def _words(code: str | None) -> str:
    return (code or "—").replace("_", " ")


def _dose(dose: Mapping[str, int]) -> str:
    parts = []
    if "reps" in dose:
        parts.append(
            f"{dose['reps']} reps" + (f" × {dose['sets']}" if dose.get("sets", 1) > 1 else "")
        )
    if "hold_seconds" in dose:
        parts.append(f"hold {dose['hold_seconds']} s")
    if "minutes" in dose:
        parts.append(f"{dose['minutes']} min")
    if "times_per_day" in dose:
        parts.append(f"{dose['times_per_day']}× a day")
    return ", ".join(parts)


def _plan(plan: Mapping[str, Any] | None) -> list[str]:
    if not plan:
        return ["Plan: none"]
    lines = [f"Plan (stage {_words(plan['stage'])}, review in {plan['review_after_days']} days):"]
    for item in plan["items"]:
        dose = _dose(item["dose"])
        lines.append(f"  • {item['name']} [{item['rule']}]" + (f" — {dose}" if dose else ""))
        lines.append(f"      {item['reason']}")
        if item.get("start_with"):
            lines.append("      Start with: " + ", ".join(_words(c) for c in item["start_with"]))
        if item.get("move_on_to"):
            lines.append("      Move on to: " + ", ".join(_words(c) for c in item["move_on_to"]))
        if item.get("override_reason"):
            lines.append(f"      OVERRIDE by the clinician: {item['override_reason']}")
    lines += [f"  Note [{n['rule']}]: {n['text']}" for n in plan.get("notes", [])]
    lines.append("  Education: " + ", ".join(_words(c) for c in plan["education"]))
    if plan["not_recommended"]:
        lines.append(
            "  Not recommended: " + ", ".join(_words(n["code"]) for n in plan["not_recommended"])
        )
    return lines


def _avoid(avoid: Iterable[Mapping[str, Any]]) -> list[str]:
    lines = [
        f"  ✗ {_words(a['direction'])}"
        + (f" (in {' and '.join(a['positions'])} only)" if a.get("positions") else "")
        + f": {a['reason']}"
        for a in avoid
    ]
    return ["Avoid:", *lines] if lines else ["Avoid: nothing"]


def _precautions(precautions: Iterable[Mapping[str, Any]]) -> list[str]:
    lines = [
        f"  ⚠ {_words(p['code'])}: {p['reason']} (excludes "
        + ", ".join(_words(t) for t in p["excludes"])
        + ")"
        for p in precautions
    ]
    return ["Precautions:", *lines] if lines else []


def _warnings(warnings: Iterable[Mapping[str, Any]]) -> list[str]:
    lines = [f"  ? {w['text']} [{w['code']}]" for w in warnings]
    return ["Check these:", *lines] if lines else []


def render_result(result: Mapping[str, Any]) -> str:
    ref, cls = result["referral"], result["classification"]
    lines = [
        f"Assessment {result.get('id') or ''}".rstrip(),
        f"Referral: {_URGENCY[ref['urgency']]} [{ref.get('rule', '')}]",
    ]
    lines += [f"  ! {r['text']}" for r in ref["reasons"]]
    lines += _warnings(result.get("warnings") or [])
    lines.append(
        f"Classification: {_words(cls['syndrome'])} / {_words(cls['subgroup'])}, "
        f"DP {_words(cls['directional_preference'])}, {cls['status']} [{cls['rule']}]"
    )
    lines += [f"  - {r}" for r in cls["reasons"]]
    if cls["next_tests"]:
        lines.append("  Next tests: " + ", ".join(cls["next_tests"]))
    lines.append(f"Irritability: {result['irritability']}")
    lines += _avoid(result["avoid"]) + _precautions(result.get("precautions") or [])
    lines += _plan(result["plan"])
    if result["audit"]:
        lines.append(render_audit(result))
    for key, score in result["scores"].items():
        lines.append(f"Score {key}: " + ", ".join(f"{k} {v}" for k, v in score.items()))
    return "\n".join(lines)


def render_audit(result: Mapping[str, Any]) -> str:
    lines = ["Current treatments:"]
    for a in result["audit"]:
        lines.append(
            f"  {a['input']} → {a['name'] or 'unknown'}: "
            + ", ".join(_words(v) for v in a["verdicts"])
        )
        lines.append(f"      {a['reason']}")
        if a["alternative_name"]:
            lines.append(f"      Instead: {a['alternative_name']}")
    return "\n".join(lines)


def render_progression(doc: Mapping[str, Any]) -> str:
    lines = [
        f"Action: {doc['action']} [{doc['rule']}] — stage {_words(doc['stage_before'])} → "
        f"{_words(doc['stage'])}"
    ]
    lines += [f"  - {r}" for r in doc["reasons"]]
    lines += _avoid(doc["avoid"]) + _precautions(doc.get("precautions") or [])
    return "\n".join(lines + _plan(doc["plan"]))


def render_exercises(entries: Iterable[Any]) -> str:
    rows = [
        f"{e.code:34} {e.category:22} {','.join(sorted(e.loads)) or '—':28} {e.name}"
        for e in entries
    ]
    return "\n".join([f"{'code':34} {'category':22} {'loads':28} name", *rows])
