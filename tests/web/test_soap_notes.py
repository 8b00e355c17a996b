"""A SOAP note per visit, written from that visit: the first visit and each follow-up."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from backpath.web.corrections import void
from backpath.web.followups import actions as followups
from backpath.web.followups.actions import baseline_assessment
from backpath.web.patients.episodes import visit_notes
from backpath.web.plans import actions

pytestmark = pytest.mark.django_db
FLEXION_REASON = "Eases her night pain; checked it does not peripheralise."
ODI_FOLLOW_UP = [1, 1, 1, 1, 1, 1, 1, 0, 1, 1]  # 18 %


def _notes(episode: Any) -> list[dict[str, Any]]:
    plans = list(episode.plans.all())
    fus = list(episode.followups.select_related("accepted_plan", "based_on"))
    return visit_notes(baseline_assessment(episode), plans, fus)[::-1]  # oldest first


def _override(actor: Any, plan: Any) -> Any:
    return actions.accept_plan(
        actor, actions.add_exercise(actor, plan, "flexion_in_lying", FLEXION_REASON)
    )


def _follow_up(actor: Any, episode: Any, plan: Any) -> Any:
    form = {
        "nrs_back": "3",
        "nrs_leg": "1",
        "response": "better",
        "adherence_percent": "80",
        **{f"odi-{n + 1}": str(v) for n, v in enumerate(ODI_FOLLOW_UP)},
    }
    data, _ = followups.followup_record(form, episode, plan, dt.date(2026, 11, 10))
    return followups.record_followup(actor, episode, plan, data, dt.date(2026, 11, 10))


def test_the_first_visit_note_has_its_exam_scores_red_flag_line_and_plan(
    actor: Any, episode: Any, plan: Any
) -> None:
    _override(actor, plan)
    [first] = _notes(episode)
    note = first["note"]
    assert first["label"] == "First visit"
    assert "History: 2 weeks" in note and "REIL (" in note
    assert "Scores (baseline):" in note and "36.0%" in note
    assert "derangement" in note.lower() and "R3.1" in note
    assert "Red flags screened: none." in note
    assert "Plan version 2" in note
    assert f"Override (flexion): {FLEXION_REASON}" in note
    assert "Review in " in note and " on " in note.split("Review in ")[1]


def test_the_follow_up_note_is_this_visits_not_the_first_visits(
    actor: Any, episode: Any, plan: Any
) -> None:
    from backpath.web.programmes.actions import create_link, log_session

    accepted = _override(actor, plan)
    link = create_link(actor, accepted)[0]
    log_session(actor, link, "decreased")
    _follow_up(actor, episode, accepted)
    first, second = _notes(episode)
    note = second["note"]
    assert second["label"] == "Visit 2"
    assert "REIL (" not in note and "History:" not in note  # the first exam is not repeated
    assert "Follow-up visit 2: patient reports better; adherence 80%" in note
    assert "ODI 18.0% (baseline 36.0%, change -18.0%: improved" in note
    assert "NRS back 3 (baseline 6, change -3: improved; MCID" in note
    assert "Home programme: 1 of 1 logged sessions done" in note
    assert "Progression:" in note and "as classified at the first visit" in note
    assert "Red flags screened: none." in note
    assert f"Override (flexion): {FLEXION_REASON}" in note
    assert "REIL (" in first["note"]  # the first visit's own note keeps its exam


def test_the_episode_page_shows_a_note_for_each_visit(
    as_alice: Any, actor: Any, episode: Any, accepted_plan: Any
) -> None:
    _follow_up(actor, episode, accepted_plan)
    page = as_alice.get(reverse("episodes:detail", args=[episode.pk])).content.decode()
    notes = page.split('data-testid="soap-notes"')[1]
    assert "Visit 2, 10 Nov 2026" in notes and "First visit, 01 Nov 2026" in notes
    assert notes.index("Visit 2") < notes.index("First visit")  # newest first


def test_the_follow_up_page_note_includes_the_follow_up_odi(
    as_alice: Any, actor: Any, episode: Any, accepted_plan: Any
) -> None:
    fu = _follow_up(actor, episode, accepted_plan)
    page = as_alice.get(reverse("followups:detail", args=[fu.pk])).content.decode()
    note = page[page.index('data-testid="soap-note"') :]
    assert "ODI 18.0% (baseline 36.0%" in note and "REIL (" not in note


def test_red_flags_reported_at_the_visit_are_listed(make_assessment: Any, episode: Any) -> None:
    make_assessment(red_flags=["osteoporosis"])
    [first] = _notes(episode)
    assert "Red flags screened: osteoporosis." in first["note"]


def test_the_assessment_gives_the_cores_warnings(make_assessment: Any, episode: Any) -> None:
    back_only = [{"region": "back", "side": "central", "kind": "pain", "intensity": 6}]
    make_assessment(symptoms=back_only)
    [first] = _notes(episode)
    assert "Warning: Leg pain is scored 4/10" in first["note"]


def test_a_voided_plan_version_is_not_the_visits_plan(actor: Any, episode: Any, plan: Any) -> None:
    wrong = _override(actor, plan)
    void(actor, wrong, "Override added to the wrong patient's plan.")
    [first] = _notes(episode)
    assert "Plan version 1" in first["note"] and FLEXION_REASON not in first["note"]
