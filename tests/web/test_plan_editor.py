"""The plan editor: dose, order, note, library search, templates — each edit a new version."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from backpath.web.audit.models import AuditEntry
from backpath.web.plans.models import PlanTemplate, PlanVersion

pytestmark = pytest.mark.django_db


def _post(client: Any, name: str, plan: Any, data: dict[str, Any]) -> Any:
    return client.post(reverse(f"plans:{name}", args=[plan.pk]), data)


def _codes(plan: Any) -> list[str]:
    return [i["exercise"] for i in plan.items]


def _newest() -> PlanVersion:
    return PlanVersion.objects.order_by("-number").first()  # type: ignore[return-value]


def test_changing_a_dose_makes_a_new_version_with_its_audit_entry(as_alice: Any, plan: Any) -> None:
    code = plan.items[0]["exercise"]
    data = {"exercise": code, "reps": "12", "sets": "2", "times_per_day": "4", "anchor": "#x"}
    response = _post(as_alice, "dose", plan, data)
    new = _newest()
    assert new.number == 2 and response["Location"].endswith("#x")
    assert new.items[0]["dose"] == {"reps": 12, "sets": 2, "times_per_day": 4}
    assert new.changes[-1]["action"] == "dose" and new.changes[-1]["dose"]["reps"] == 12
    entry = AuditEntry.objects.filter(action="plan.create").latest("at")
    assert entry.detail["edit"] == "dose"
    page = as_alice.get(reverse("plans:detail", args=[new.pk])).content.decode()
    assert "2 sets of 12 reps" in page and "changed the dose of" in page


@pytest.mark.parametrize(
    ("part", "value"), [("reps", "0"), ("reps", "51"), ("sets", str(2**31)), ("minutes", "abc")]
)
def test_a_bad_dose_is_refused_naming_the_part_and_saves_nothing(
    as_alice: Any, plan: Any, part: str, value: str
) -> None:
    response = _post(as_alice, "dose", plan, {"exercise": plan.items[0]["exercise"], part: value})
    assert response.status_code == 400 and f"dose.{part}" in response.content.decode()
    assert PlanVersion.objects.count() == 1


def test_moving_an_item_down_and_back_up(as_alice: Any, plan: Any) -> None:
    first, second = _codes(plan)[:2]
    _post(as_alice, "move", plan, {"exercise": first, "direction": "down"})
    moved = _newest()
    assert _codes(moved)[:2] == [second, first]
    _post(as_alice, "move", moved, {"exercise": first, "direction": "up"})
    assert _codes(_newest()) == _codes(plan)


def test_moving_past_the_top_or_a_bad_direction_is_a_400(as_alice: Any, plan: Any) -> None:
    first = _codes(plan)[0]
    for way in ("up", "sideways"):
        response = _post(as_alice, "move", plan, {"exercise": first, "direction": way})
        assert response.status_code == 400 and "direction" in response.content.decode()
    assert PlanVersion.objects.count() == 1


def test_the_page_offers_keyboard_buttons_to_move_each_item(as_alice: Any, plan: Any) -> None:
    page = as_alice.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    first, last = _codes(plan)[0], _codes(plan)[-1]
    assert f'data-testid="down-{first}"' in page and f'data-testid="up-{first}"' not in page
    assert f'data-testid="up-{last}"' in page and f'data-testid="down-{last}"' not in page


def test_a_note_is_saved_shown_and_a_nul_byte_refused(as_alice: Any, plan: Any) -> None:
    code = _codes(plan)[0]
    _post(as_alice, "note", plan, {"exercise": code, "note": "Keep the hips on the floor."})
    noted = _newest()
    assert noted.items[0]["note"] == "Keep the hips on the floor."
    page = as_alice.get(reverse("plans:detail", args=[noted.pk])).content.decode()
    assert f'data-testid="note-{code}"' in page
    response = _post(as_alice, "note", noted, {"exercise": code, "note": "bad\x00byte"})
    assert response.status_code == 400 and "note:" in response.content.decode()
    assert PlanVersion.objects.count() == 2


def test_the_search_finds_by_name_synonym_and_category_with_thumbnails(
    as_alice: Any, plan: Any
) -> None:
    url = reverse("plans:detail", args=[plan.pk])
    by_name = as_alice.get(url, {"q": "pallof"}).content.decode()
    assert 'data-testid="offer-pallof_press"' in by_name
    assert "<svg" in by_name.split('data-testid="offered"')[1]
    by_category = as_alice.get(url, {"q": "anti rot"}).content.decode()
    assert 'data-testid="offer-pallof_hold"' in by_category
    by_synonym = as_alice.get(url, {"q": "backward bend"}).content.decode()
    assert 'data-testid="offer-standing_back_extension"' in by_synonym
    in_plan = _codes(plan)[0]
    page = as_alice.get(url, {"q": in_plan.replace("_", " ")}).content.decode()
    assert f'data-testid="offer-{in_plan}"' not in page  # no duplicates offered


def test_a_one_word_override_reason_is_refused(as_alice: Any, plan: Any) -> None:
    response = _post(as_alice, "add", plan, {"exercise": "sit_ups", "reason": "needs it"})
    assert response.status_code == 400 and PlanVersion.objects.count() == 1
    assert 'name="reason"' in response.content.decode()


def test_saving_a_template_clinic_wide_and_personal(
    as_alice: Any, as_bob: Any, plan: Any, alice: Any
) -> None:
    _post(as_alice, "template_save", plan, {"name": "extension DP, reduce stage"})
    _post(as_alice, "template_save", plan, {"name": "Alice's own", "scope": "personal"})
    clinic, own = PlanTemplate.objects.order_by("name").reverse()
    assert clinic.owner is None and own.owner == alice
    assert [i["exercise"] for i in clinic.items] == _codes(plan)
    assert AuditEntry.objects.filter(action="plan_template.create").count() == 2
    bob_page = as_bob.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert "extension DP, reduce stage" in bob_page and "Alice&#x27;s own" not in bob_page


def test_a_template_name_must_be_given(as_alice: Any, plan: Any) -> None:
    response = _post(as_alice, "template_save", plan, {"name": " x "})
    assert response.status_code == 400 and "name:" in response.content.decode()
    assert not PlanTemplate.objects.exists()


def test_applying_a_template_goes_through_the_gate_and_says_what_it_dropped(
    as_alice: Any, plan: Any, alice: Any, harbour: Any
) -> None:
    template = PlanTemplate.objects.create(
        clinic=harbour,
        name="flexion mix",
        items=[
            {"exercise": "sit_ups", "dose": {"reps": 10}},  # loads flexion: avoided here
            {"exercise": "pallof_press", "dose": {"reps": 8}, "note": "Slow."},
            {"exercise": "heat_pack", "dose": {}},
        ],
        created_by=alice,
    )
    response = _post(as_alice, "template_apply", plan, {"template": str(template.pk)})
    new = _newest()
    assert _codes(new) == ["pallof_press"] and new.items[0]["note"] == "Slow."
    assert new.items[0]["dose"] == {"reps": 8}
    page = as_alice.get(response["Location"]).content.decode()
    assert "Sit-ups left out:" in page or "sit-ups left out" in page.lower()
    assert "avoided" in page and "not prescribable" in page
    entry = AuditEntry.objects.get(action="plan_template.apply")
    assert sorted(entry.detail["dropped"]) == ["heat_pack", "sit_ups"]


def test_another_clinics_or_a_colleagues_personal_template_cannot_be_applied(
    as_bob: Any, plan: Any, alice: Any, hillside: Any, harbour: Any, charlie: Any
) -> None:
    theirs = PlanTemplate.objects.create(
        clinic=hillside, name="Hillside", items=[{"exercise": "bird_dog"}], created_by=charlie
    )
    private = PlanTemplate.objects.create(
        clinic=harbour, owner=alice, name="mine", items=[{"exercise": "bird_dog"}], created_by=alice
    )
    for t in (theirs, private):
        assert _post(as_bob, "template_apply", plan, {"template": str(t.pk)}).status_code == 404
    assert _post(as_bob, "template_apply", plan, {"template": "nope"}).status_code == 404
    assert PlanVersion.objects.count() == 1


def test_voiding_a_plan_version_keeps_it_struck_through_and_the_link_no_longer_shows_it(
    as_alice: Any, client: Any, hep_link: Any, accepted_plan: Any, episode: Any
) -> None:
    from backpath.web.plans import actions

    response = _post(
        as_alice, "void", accepted_plan, {"void_reason": "Wrong patient's plan, entered in error."}
    )
    assert response.status_code == 302
    accepted_plan.refresh_from_db()
    assert accepted_plan.voided_at is not None
    # the episode's link shows the latest live accepted version: here there is none left
    assert client.get(reverse("programmes:public", args=[hep_link[1]])).status_code == 404
    assert actions.current_plan(episode) is None and actions.latest_plan(episode) is None
    assert AuditEntry.objects.filter(action="plan.void").exists()
    page = as_alice.get(reverse("plans:detail", args=[accepted_plan.pk])).content.decode()
    assert 'data-testid="plan-voided"' in page and 'data-testid="dose-form-' not in page
    episode_page = as_alice.get(reverse("episodes:detail", args=[episode.pk])).content.decode()
    assert 'data-testid="voided-plan"' in episode_page and 'data-testid="current-plan"' not in (
        episode_page
    )


def test_after_voiding_the_latest_version_the_one_before_can_be_edited(
    as_alice: Any, plan: Any
) -> None:
    _post(as_alice, "add", plan, {"exercise": "swimming"})
    v2 = _newest()
    _post(as_alice, "void", v2, {"void_reason": "Added to the wrong patient by mistake."})
    _post(as_alice, "add", plan, {"exercise": "pallof_press"})
    v3 = _newest()
    assert v3.number == 3 and "swimming" not in _codes(v3) and "pallof_press" in _codes(v3)
    assert _post(as_alice, "add", v2, {"exercise": "pallof_hold"}).status_code == 302
    assert PlanVersion.objects.count() == 3  # editing a voided version is refused


def test_a_short_void_reason_saves_nothing(as_alice: Any, plan: Any) -> None:
    response = _post(as_alice, "void", plan, {"void_reason": "oops"})
    assert response.status_code == 400 and "void_reason" in response.content.decode()
    plan.refresh_from_db()
    assert plan.voided_at is None
