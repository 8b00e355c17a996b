"""SOAP notes written from the structured data, one per visit (ready to copy into records).

Each note is written from the visit it belongs to and nothing later: the first visit from its
assessment; a follow-up from that follow-up's record (the patient's report, the sessions they
logged since the last visit, this visit's scores judged against the baseline by the core's
minimal important change) and never the first visit's examination. The plan is the version
that stood at the end of that visit, with every override and its reason, and the review date.
Voided visits and plan versions have no note.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from backpath.web.assessments.presenters import score_rows
from backpath.web.followups.outcomes import odi_percent
from backpath.web.labels import SHIFT_LABELS, TEST_LABELS, URGENCY_HEADLINES, direction, human
from backpath.web.plans.presenters import dose_text

if TYPE_CHECKING:
    from backpath.web.assessments.models import Assessment
    from backpath.web.followups.models import FollowUp
    from backpath.web.plans.models import PlanVersion


@dataclass(frozen=True)
class Visit:
    """What one visit's note is written from (plain documents, no queries)."""

    kind: str  # "first" or "followup"
    day: date
    record: dict[str, Any]
    result: dict[str, Any]  # the assessment's result, or the follow-up's progression
    plan: dict[str, Any] | None = None
    plan_number: int | None = None
    avoid: list[dict[str, Any]] = field(default_factory=list)
    baseline: dict[str, Any] = field(default_factory=dict)  # nrs_back, nrs_leg, odi_percent
    sessions: list[dict[str, Any]] = field(default_factory=list)  # at, done, change, light, note
    psfs: list[int] = field(default_factory=list)
    baseline_psfs: list[int] = field(default_factory=list)


def _percent(value: object) -> str:
    return "not recorded" if value is None else f"{value}%"


def _symptoms(symptoms: list[dict[str, Any]]) -> str:
    parts = [
        f"{human(s['kind'])} {s['region']} {s['side']}"
        + (f" {s['intensity']}/10" if s.get("intensity") is not None else "")
        for s in symptoms
    ]
    return "; ".join(parts) or "none recorded"


def _history(record: dict[str, Any]) -> list[str]:
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
    return lines


def _sessions(sessions: Sequence[dict[str, Any]]) -> str:
    if not sessions:
        return "Home programme: no sessions logged since the last visit."
    done = sum(1 for s in sessions if s.get("done"))
    changes = sorted({human(s["change"]) for s in sessions if s.get("change")})
    amber = sum(1 for s in sessions if s.get("light") in ("amber", "red"))
    text = f"Home programme: {done} of {len(sessions)} logged sessions done"
    text += f"; reported {', '.join(changes)}" if changes else ""
    text += f"; {amber} flagged for review" if amber else ""
    notes = [str(s["note"]) for s in sessions if s.get("note")]
    return text + "." + (f" Patient's notes: {' / '.join(notes)}." if notes else "")


def _followup_report(record: dict[str, Any], sessions: Sequence[dict[str, Any]]) -> list[str]:
    return [
        f"Follow-up visit {record.get('visit_number', '?')}: patient reports "
        f"{record.get('response', 'same')}; adherence {_percent(record.get('adherence_percent'))}.",
        f"Symptoms: {_symptoms(record.get('symptoms', []))}.",
        _sessions(sessions),
    ]


def _exam(record: dict[str, Any]) -> list[str]:
    exam, lines = record.get("examination", {}), []
    if exam.get("lateral_shift"):
        lines.append(f"Lateral shift: {SHIFT_LABELS.get(exam['lateral_shift'])}.")
    loss = {k: v for k, v in (exam.get("movement_loss") or {}).items() if v}
    if loss:
        lines.append("Movement loss: " + ", ".join(f"{human(k)} {v}" for k, v in loss.items()))
    for t in record.get("tests", []):
        lines.append(
            f"{t['test']} ({TEST_LABELS.get(t['test'], t['test'])}): during "
            f"{human(t['during'])}, after {human(t['after'])}, "
            f"{human(t.get('mechanical', 'no_effect'))}."
        )
    return lines


def _first_scores(result: dict[str, Any]) -> list[str]:
    scores = [
        f"{row['name']} {row['value']}" + (f" ({row['band']})" if row["band"] else "")
        for row in score_rows(result.get("scores") or {})
    ]
    return ["Scores (baseline): " + "; ".join(scores) + "."] if scores else []


def _judged(name: str, key: str, base: float | None, now: float | None, unit: str = "") -> str:
    from backpath.core.instruments.change import change

    if now is None:
        return f"{name} not recorded"
    if base is None:
        return f"{name} {now}{unit} (no baseline)"
    judged = change(key, base, now)
    return (
        f"{name} {now}{unit} (baseline {base}{unit}, change {judged['delta']:+}{unit}: "
        f"{human(judged['verdict'])}; MCID {judged['mcid']})"
    )


def _mean(scores: Sequence[int]) -> float | None:
    return round(sum(scores) / len(scores), 1) if scores else None


def _followup_scores(v: Visit) -> list[str]:
    rec, base = v.record, v.baseline
    parts = [
        _judged("NRS back", "nrs", base.get("nrs_back"), rec.get("nrs_back")),
        _judged("NRS leg", "nrs", base.get("nrs_leg"), rec.get("nrs_leg")),
        _judged("ODI", "odi_2.1a", base.get("odi_percent"), odi_percent(rec.get("odi")), "%"),
    ]
    if v.psfs:
        parts.append(_judged("PSFS mean", "psfs", _mean(v.baseline_psfs), _mean(v.psfs)))
    return ["Scores this visit: " + "; ".join(parts) + "."]


def _screened(record: dict[str, Any]) -> str:
    flags = record.get("red_flags") or []
    return "Red flags screened: " + (", ".join(map(human, flags)) if flags else "none") + "."


def _classification(cls: dict[str, Any], carried: bool) -> list[str]:
    line = (
        f"{human(cls.get('syndrome', ''))} {human(cls.get('subgroup') or '')} "
        f"({cls.get('status', '')}, {cls.get('rule', '')})"
    ).replace("  ", " ")
    lines = [line + (" — as classified at the first visit." if carried else ".")]
    if cls.get("directional_preference"):
        lines.append(f"Directional preference: {direction(cls['directional_preference'])}.")
    return lines


def _assessment(v: Visit) -> list[str]:
    doc = v.result
    lines = _classification(doc.get("classification") or {}, v.kind == "followup")
    if v.kind == "followup":
        lines.append(
            f"Progression: {human(doc.get('action', ''))} ({doc.get('rule', '')}) — "
            + " ".join(doc.get("reasons", []))
        )
    lines += [f"Warning: {w['text']}" for w in doc.get("warnings") or []]
    ref = doc.get("referral") or {}
    if ref.get("urgency", "none") != "none":
        lines.append(f"Referral: {URGENCY_HEADLINES.get(ref['urgency'], ref['urgency'])}.")
    lines.append(_screened(v.record))
    return lines


def _plan(v: Visit) -> list[str]:
    plan = v.plan
    if not plan:
        return ["No exercise plan."]
    number = f"Plan version {v.plan_number}" if v.plan_number else "Proposed plan"
    lines = [f"{number}, stage {human(plan['stage'])}."]
    for i in plan.get("items", []):
        line = f"- {i.get('name', human(i['exercise']))}: {dose_text(i.get('dose') or {})}"
        if i.get("note"):
            line += f" (note: {i['note']})"
        lines.append(line)
        if i.get("override_reason"):
            given = ", ".join(direction(c) for c in i.get("override_for") or []) or "avoided"
            lines.append(f"  Override ({given}): {i['override_reason']}")
    if v.avoid:
        lines.append("Avoid: " + ", ".join(direction(a["direction"]) for a in v.avoid) + ".")
    days = plan.get("review_after_days")
    if isinstance(days, int):
        lines.append(f"Review in {days} days, on {v.day + timedelta(days=days):%d %b %Y}.")
    return lines


def soap_for(v: Visit) -> str:
    """The note of one visit: S, O, A and P from that visit alone (see the module docstring)."""
    if v.kind == "first":
        subjective = _history(v.record)
        objective = (_exam(v.record) or ["No examination recorded."]) + _first_scores(v.result)
    else:
        subjective = _followup_report(v.record, v.sessions)
        objective = _followup_scores(v)
    sections = (("S", subjective), ("O", objective), ("A", _assessment(v)), ("P", _plan(v)))
    return "\n".join(f"{name}: " + "\n   ".join(lines) for name, lines in sections)


# ---- loading the visits of an episode ---------------------------------------------------------


def _plan_at(plans: Iterable[Any], start: datetime, end: datetime | None) -> Any:
    """The plan version the visit gave: the latest live one made from ``start`` to ``end``
    that was accepted, else the latest live one (a proposal still awaiting acceptance)."""
    made = [
        p
        for p in plans
        if p.voided_at is None and p.created_at >= start and (end is None or p.created_at < end)
    ]
    accepted = [p for p in made if p.accepted_at is not None]
    return max(accepted or made, key=lambda p: p.number, default=None)


def _session_rows(sessions: Iterable[Any], start: datetime, end: datetime) -> list[dict[str, Any]]:
    return [
        {"at": s.at, "done": s.done, "change": s.change, "light": s.light, "note": s.note}
        for s in sessions
        if start <= s.at < end
    ]


def episode_visits(
    first: Assessment | None, plans: Sequence[Any], followups: Sequence[Any]
) -> list[Visit]:
    """The visits of an episode, oldest first: the baseline assessment ``first`` and each live
    follow-up, each with the plan that stood at its end and (follow-ups) the sessions logged
    since the visit before."""
    from backpath.web.programmes.models import SessionLog

    if first is None:
        return []
    live = sorted((f for f in followups if f.voided_at is None), key=lambda f: f.created_at)
    starts = [first.updated_at, *(f.created_at for f in live)]
    ends: list[datetime | None] = [*starts[1:], None]
    sessions = list(SessionLog.objects.filter(plan__episode_id=first.episode_id).order_by("at"))
    inst = (first.record or {}).get("instruments", {})
    odi = ((first.result or {}).get("scores") or {}).get("odi") or {}
    baseline = {"nrs_back": inst.get("nrs_back"), "nrs_leg": inst.get("nrs_leg")}
    baseline["odi_percent"] = odi.get("percent")
    base_psfs = [int(i["score"]) for i in inst.get("psfs") or [] if "score" in i]
    plan = _plan_at(plans, first.created_at, ends[0])
    visits = [_visit("first", first.assessed_on, first.record, first.result, plan)]
    for n, fu in enumerate(live, start=1):
        plan = _plan_at(plans, starts[n], ends[n]) or fu.accepted_plan or fu.based_on
        visit = _visit("followup", fu.seen_on, fu.record, fu.progression, plan)
        visits.append(
            replace(
                visit,
                baseline=baseline,
                psfs=list(fu.psfs or []),
                baseline_psfs=base_psfs,
                sessions=_session_rows(sessions, starts[n - 1], starts[n]),
            )
        )
    return visits


def _visit(
    kind: str,
    day: date,
    record: dict[str, Any] | None,
    result: dict[str, Any] | None,
    plan: PlanVersion | None,
) -> Visit:
    return Visit(
        kind,
        day,
        record or {},
        result or {},
        plan.plan if plan else None,
        plan.number if plan else None,
        list(plan.avoid or []) if plan else [],
    )


def followup_soap(fu: FollowUp, plan: dict[str, Any] | None) -> str:
    """The note of follow-up ``fu``, with ``plan`` as the plan it gives (the proposed plan
    before it is accepted); '' when it is voided or there is no baseline."""
    from backpath.web.followups.actions import baseline_assessment

    episode = fu.episode
    plans = list(episode.plans.defer("document"))
    followups = list(episode.followups.select_related("accepted_plan", "based_on"))
    visits = episode_visits(baseline_assessment(episode), plans, followups)
    live = sorted((f for f in followups if f.voided_at is None), key=lambda f: f.created_at)
    ids = [f.pk for f in live]
    if fu.pk not in ids or len(visits) != len(ids) + 1:
        return ""
    visit = visits[ids.index(fu.pk) + 1]
    if fu.accepted_plan_id is None:
        avoid = list((fu.progression or {}).get("avoid") or [])
        visit = replace(visit, plan=plan, plan_number=None, avoid=avoid)
    return soap_for(visit)
