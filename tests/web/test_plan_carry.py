"""Accepting a follow-up's progression carries the clinician's edits to the previous plan into
the new version: removed exercises stay removed, added ones are kept unless they now load a
direction the new stage avoids, and overrides are kept only while their reason covers every
avoided direction they load.

The rules are pure (:mod:`backpath.core.plan.carry`, tested without a database against
the real exercise library); the follow-up page, the accept action, the new plan page and the
audit trail are tested through the views with Alice's patient Pat.
"""

from __future__ import annotations

import subprocess
import sys
from typing import Any

from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backpath.core import plan_conflicts, plan_item
from backpath.core.library import default_library
from backpath.core.plan.carry import (
    DROPPED,
    IN_PLAN,
    KEPT,
    NOT_IN_PLAN,
    OVERRIDE,
    REMOVED,
    carry_edits,
)
from backpath.web.audit.models import AuditEntry
from backpath.web.followups.models import FollowUp
from backpath.web.plans import actions
from backpath.web.plans.models import PlanVersion

LIBRARY = default_library()
CODES = sorted(e.code for e in LIBRARY)
DIRECTIONS = sorted({d for e in LIBRARY for d in e.loads})
NIGHT_PAIN = "Eases night pain; monitored"


def unsafe_items(plan: dict[str, Any], avoid: Any) -> list[str]:
    """The oracle: items that load an avoided direction without a recorded override reason."""
    dirs = {a if isinstance(a, str) else str(a["direction"]) for a in avoid}
    return [
        i["exercise"]
        for i in plan.get("items", [])
        if set(i.get("loads") or []) & dirs and not str(i.get("override_reason") or "").strip()
    ]


def _avoid(*directions: str) -> list[dict[str, str]]:
    return [{"direction": d, "reason": "test", "rule": "R4"} for d in sorted(directions)]


def _add(code: str, reason: str = "", conflicts: tuple[str, ...] = ()) -> dict[str, Any]:
    return {"action": "add", "exercise": code, "reason": reason, "conflicts": list(conflicts)}


def _remove(code: str, reason: str = "") -> dict[str, Any]:
    return {"action": "remove", "exercise": code, "reason": reason, "conflicts": []}


def _plan(*codes: str, stage: str = "maintain") -> dict[str, Any]:
    items = [plan_item(c, "Generated for the stage.", "R5.3") for c in codes]
    return {"stage": stage, "items": items, "education": [], "review_after_days": 7}


def _codes(plan: dict[str, Any]) -> list[str]:
    return [i["exercise"] for i in plan["items"]]


def _outcome(carried: Any, code: str) -> str:
    return str(next(c["outcome"] for c in carried.changes if c["exercise"] == code))


# ---- the rules, without a database ---------------------------------------------------------


def test_the_carry_rules_never_import_django() -> None:
    probe = (
        "import sys, backpath.core.plan.carry\n"
        "print(','.join(m for m in sys.modules if m == 'django' or m.startswith('django.')))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_a_removed_exercise_stays_removed_when_the_new_plan_has_it_again() -> None:
    carried = carry_edits([_remove("dead_bug", "Cramps")], _plan("dead_bug", "bird_dog"), [], 3)
    assert _codes(carried.plan) == ["bird_dog"]
    assert _outcome(carried, "dead_bug") == REMOVED
    assert "removed it (Cramps)" in carried.changes[0]["text"]


def test_a_removal_is_remembered_when_the_new_plan_lacks_the_exercise() -> None:
    carried = carry_edits([_remove("dead_bug")], _plan("bird_dog"), [], 3)
    assert _outcome(carried, "dead_bug") == NOT_IN_PLAN
    again = carry_edits(carried.changes, _plan("dead_bug", "bird_dog"), [], 4)
    assert _codes(again.plan) == ["bird_dog"]


def test_an_added_exercise_is_carried_over_and_marked_as_carried() -> None:
    changes = [{**_add("glute_bridge"), "by": "alice"}]
    carried = carry_edits(changes, _plan("bird_dog"), _avoid("flexion"), 4)
    assert _codes(carried.plan) == ["bird_dog", "glute_bridge"]
    item = carried.plan["items"][-1]
    assert item["carried_from"] == 4 and item["added_by"] == "alice"
    assert "override_reason" not in item and _outcome(carried, "glute_bridge") == KEPT


def test_an_addition_the_new_plan_already_has_is_not_doubled() -> None:
    carried = carry_edits([_add("bird_dog")], _plan("bird_dog"), [], 4)
    assert _codes(carried.plan) == ["bird_dog"] and _outcome(carried, "bird_dog") == IN_PLAN


def test_an_addition_that_now_loads_an_avoided_direction_is_dropped_with_the_reason() -> None:
    changes = [_add("glute_bridge"), _add("superman")]  # superman loads extension
    carried = carry_edits(changes, _plan("bird_dog"), _avoid("extension"), 4)
    assert _codes(carried.plan) == ["bird_dog", "glute_bridge"]
    dropped = carried.changes[0]  # the drops are listed first
    assert dropped["exercise"] == "superman" and dropped["outcome"] == DROPPED
    assert dropped["now_loads"] == ["extension"]
    assert "now loads extension, which this stage avoids" in dropped["text"]


def test_an_override_for_the_same_avoided_directions_is_carried_flagged_with_its_reason() -> None:
    changes = [_add("flexion_in_lying", NIGHT_PAIN, ("flexion",))]
    carried = carry_edits(changes, _plan("bird_dog"), _avoid("flexion"), 4)
    item = carried.plan["items"][-1]
    assert item["exercise"] == "flexion_in_lying" and item["override_reason"] == NIGHT_PAIN
    entry = carried.changes[0]
    assert entry["outcome"] == OVERRIDE and entry["conflicts"] == ["flexion"]
    assert NIGHT_PAIN in entry["text"]


def test_an_override_that_now_loads_another_avoided_direction_is_dropped() -> None:
    changes = [_add("russian_twist", "Golf season", ("flexion",))]  # loads flexion and rotation
    carried = carry_edits(changes, _plan("bird_dog"), _avoid("flexion", "rotation"), 4)
    assert _codes(carried.plan) == ["bird_dog"]
    entry = carried.changes[0]
    assert entry["outcome"] == DROPPED and entry["now_loads"] == ["flexion", "rotation"]
    assert "rotation" in entry["text"] and "“Golf season” was given for flexion" in entry["text"]


def test_an_override_still_covering_fewer_avoided_directions_is_carried_for_those() -> None:
    changes = [_add("cat_camel", "Stiff mornings", ("extension", "flexion"))]
    carried = carry_edits(changes, _plan("bird_dog"), _avoid("flexion"), 4)
    assert _codes(carried.plan) == ["bird_dog", "cat_camel"]
    assert _outcome(carried, "cat_camel") == OVERRIDE
    assert carried.plan["items"][-1]["override_reason"] == "Stiff mornings"
    assert carried.changes[0]["conflicts"] == ["flexion"]


def test_an_override_that_loads_nothing_avoided_any_more_is_carried_unflagged() -> None:
    changes = [_add("flexion_in_lying", NIGHT_PAIN, ("flexion",))]
    carried = carry_edits(changes, _plan("bird_dog", stage="recover_function"), [], 6)
    item = carried.plan["items"][-1]
    assert item["exercise"] == "flexion_in_lying" and "override_reason" not in item
    assert carried.changes[0]["outcome"] == KEPT and carried.changes[0]["conflicts"] == []


def test_only_the_last_edit_of_an_exercise_counts() -> None:
    changes = [_add("glute_bridge"), _remove("glute_bridge"), _remove("dead_bug"), _add("dead_bug")]
    carried = carry_edits(changes, _plan("bird_dog"), [], 5)
    assert _codes(carried.plan) == ["bird_dog", "dead_bug"]
    assert {c["exercise"]: c["outcome"] for c in carried.changes} == {
        "glute_bridge": NOT_IN_PLAN,
        "dead_bug": KEPT,
    }


def test_carried_edits_are_carried_again_at_the_next_progression_but_a_drop_ends_one() -> None:
    changes = [_remove("dead_bug"), _add("glute_bridge"), _add("superman")]
    first = carry_edits(changes, _plan("bird_dog", "dead_bug"), _avoid("extension"), 4)
    assert _outcome(first, "superman") == DROPPED
    second = carry_edits(first.changes, _plan("dead_bug", stage="recover_function"), [], 5)
    assert _codes(second.plan) == ["glute_bridge"]
    assert second.plan["items"][0]["carried_from"] == 5


# ---- the property: what any history of edits carries --------------------------------------

EDITS = st.lists(
    st.tuples(
        st.sampled_from(["add", "remove"]),
        st.sampled_from(CODES),
        st.sampled_from(["", "Clinical reason typed by the clinician"]),
    ),
    max_size=8,
)


def _generated(codes: list[str], avoid: list[dict[str, str]]) -> dict[str, Any]:
    """A plan as R7 gives it: nothing in it loads an avoided direction."""
    return _plan(*[c for c in codes if not plan_conflicts(c, avoid)])


def _apply(
    plan: dict[str, Any], changes: list[dict[str, Any]], avoid: Any, edit: tuple[str, str, str]
) -> dict[str, Any]:
    """What ``actions.add_exercise`` / ``remove_exercise`` do, without the database."""
    action, code, reason = edit
    if action == "remove":
        changes.append(_remove(code, reason))
        return {**plan, "items": [i for i in plan["items"] if i["exercise"] != code]}
    conflicts = plan_conflicts(code, avoid)
    if conflicts and not reason:
        return plan  # refused: ReasonRequired
    item = {**plan_item(code, reason or "Added.", "clinician")}
    if conflicts:
        item["override_reason"] = reason
    changes.append(_add(code, reason, tuple(conflicts)))
    return {**plan, "items": [*plan["items"], item]}


def _removed(changes: list[dict[str, Any]]) -> set[str]:
    """The exercises whose latest edit by the clinician was a removal."""
    last = {c["exercise"]: c["action"] for c in changes if c["action"] in ("add", "remove")}
    return {code for code, action in last.items() if action == "remove"}


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), first_avoid=st.sets(st.sampled_from(DIRECTIONS)))
def test_a_carried_plan_loads_nothing_avoided_without_a_reason_and_never_brings_back_a_removal(
    data: st.DataObject, first_avoid: set[str]
) -> None:
    avoid = _avoid(*first_avoid)
    plan = _generated(data.draw(st.lists(st.sampled_from(CODES), unique=True)), avoid)
    changes: list[dict[str, Any]] = []
    edits: list[dict[str, Any]] = []  # every add and remove the clinician made, in order
    for number in range(1, data.draw(st.integers(1, 3)) + 1):
        for edit in data.draw(EDITS):
            count = len(changes)
            plan = _apply(plan, changes, avoid, edit)
            edits += changes[count:]  # nothing when the addition was refused
        removed = _removed(edits)
        new_dirs = data.draw(st.sets(st.sampled_from(DIRECTIONS)), label="new avoid")
        avoid = _avoid(*new_dirs)
        new_plan = _generated(data.draw(st.lists(st.sampled_from(CODES), unique=True)), avoid)
        carried = carry_edits(changes, new_plan, avoid, number)
        codes = _codes(carried.plan)
        for item in carried.plan["items"]:
            if LIBRARY.get(item["exercise"]).loads & new_dirs:
                assert str(item.get("override_reason") or "").strip(), item
        assert not removed & set(codes)
        assert len(codes) == len(set(codes))
        assert set(_codes(new_plan)) - removed <= set(codes)  # R7's own items stay
        assert unsafe_items(carried.plan, avoid) == []
        plan, changes = carried.plan, list(carried.changes)


# ---- through the web: the follow-up page, accepting, the new plan page, the audit ----------

from tests.web.test_followups import BETTER  # noqa: E402  (the same improving visit)


def _follow_up_after_edits(
    client: Any, actor: Any, plan: PlanVersion, *adds: tuple[str, str]
) -> FollowUp:
    """Alice removes the dead bug and adds exercises (v2…), accepts, and records a follow-up
    that progresses reduce → maintain (R7.3)."""
    version = actions.remove_exercise(actor, plan, "dead_bug", "Cramps in the calf")
    for code, reason in adds or (("glute_bridge", ""), ("flexion_in_lying", NIGHT_PAIN)):
        version = actions.add_exercise(actor, version, code, reason)
    actions.accept_plan(actor, version)
    client.post(reverse("episodes:followup_new", args=[plan.episode.pk]), BETTER)
    fu = FollowUp.objects.get()
    assert fu.progression["stage"] == "maintain", fu.progression
    return fu


def _page(client: Any, name: str, pk: Any) -> str:
    return str(client.get(reverse(name, args=[pk])).content.decode())


def _accept(client: Any, fu: FollowUp, carried_from: int) -> Any:
    return client.post(reverse("followups:accept", args=[fu.pk]), {"carried_from": carried_from})


def test_the_follow_up_page_shows_what_accepting_will_carry_over_and_saves_nothing(
    as_alice: Any, actor: Any, accepted_plan: PlanVersion
) -> None:
    fu = _follow_up_after_edits(as_alice, actor, accepted_plan)
    page = _page(as_alice, "followups:detail", fu.pk)
    assert 'data-testid="carry-dead_bug" data-outcome="removed"' in page
    assert 'data-testid="carry-glute_bridge" data-outcome="kept"' in page
    assert 'data-testid="carry-flexion_in_lying" data-outcome="kept_override"' in page
    assert NIGHT_PAIN in page and 'name="carried_from" value="4"' in page
    assert PlanVersion.objects.count() == 4 and not AuditEntry.objects.filter(action="plan.carry")


def test_accepting_carries_the_edits_into_exactly_one_new_accepted_version(
    as_alice: Any, actor: Any, accepted_plan: PlanVersion
) -> None:
    fu = _follow_up_after_edits(as_alice, actor, accepted_plan)
    before = {v.number: (v.plan, v.changes, v.accepted_at) for v in PlanVersion.objects.all()}
    _accept(as_alice, fu, 4)
    new = PlanVersion.objects.get(number=5)
    assert PlanVersion.objects.count() == 5 and new.accepted_at is not None
    assert new.stage == "maintain" and new.followup == fu
    assert "dead_bug" in _codes(fu.progression["plan"]) and "dead_bug" not in _codes(new.plan)
    items = {i["exercise"]: i for i in new.items}
    assert items["glute_bridge"]["carried_from"] == 4
    assert items["flexion_in_lying"]["override_reason"] == NIGHT_PAIN
    assert {c["action"] for c in new.changes} == {"carry"}
    after = {v.number: (v.plan, v.changes, v.accepted_at) for v in PlanVersion.objects.all()}
    assert {n: after[n] for n in before} == before  # plans are never overwritten


def test_the_new_plan_page_marks_the_carried_exercises_and_the_changes_log(
    as_alice: Any, actor: Any, accepted_plan: PlanVersion
) -> None:
    fu = _follow_up_after_edits(as_alice, actor, accepted_plan)
    response = _accept(as_alice, fu, 4)
    page = str(as_alice.get(response["Location"]).content.decode())
    assert 'data-testid="carried-glute_bridge"' in page
    assert 'data-testid="carried-flexion_in_lying"' in page and 'data-testid="override"' in page
    for code in ("dead_bug", "glute_bridge", "flexion_in_lying"):
        assert f'data-testid="change-carry-{code}"' in page
    assert 'data-testid="carry-dropped"' not in page


def test_accepting_records_the_carry_and_each_carried_override_in_the_audit_trail(
    as_alice: Any, actor: Any, accepted_plan: PlanVersion
) -> None:
    fu = _follow_up_after_edits(as_alice, actor, accepted_plan)
    _accept(as_alice, fu, 4)
    new = PlanVersion.objects.get(number=5)
    carry = AuditEntry.objects.get(action="plan.carry")
    assert carry.object_id == str(new.pk) and carry.detail["carried_from"] == 4
    assert carry.detail["removed"] == ["dead_bug"] and carry.detail["kept"] == ["glute_bridge"]
    assert carry.detail["overrides"] == ["flexion_in_lying"] and carry.detail["dropped"] == []
    override = AuditEntry.objects.filter(action="plan.override").order_by("-id").first()
    assert override is not None and override.object_id == str(new.pk)
    assert override.detail["reason"] == NIGHT_PAIN and override.detail["carried_from"] == 4


def test_additions_that_now_load_an_avoided_direction_are_dropped_and_reported(
    as_alice: Any, actor: Any, accepted_plan: PlanVersion
) -> None:
    """The core keeps ``avoid`` from stage to stage until recover_function, so the progression
    that avoids more (side glide left and rotation) is set by hand here."""
    adds = (("side_glide_standing_left", ""), ("russian_twist", "Golf season starts next week"))
    fu = _follow_up_after_edits(as_alice, actor, accepted_plan, *adds)
    fu.progression["avoid"] += _avoid("rotation", "side_glide_left")
    fu.save(update_fields=["progression"])
    page = _page(as_alice, "followups:detail", fu.pk)
    assert 'data-testid="carry-side_glide_standing_left" data-outcome="dropped"' in page
    assert 'data-testid="carry-russian_twist" data-outcome="dropped"' in page
    assert "now loads side glide left" in page
    response = _accept(as_alice, fu, 4)
    new = PlanVersion.objects.get(number=5)
    assert not {"side_glide_standing_left", "russian_twist"} & set(_codes(new.plan))
    assert unsafe_items(new.plan, new.avoid) == []
    page = str(as_alice.get(response["Location"]).content.decode())
    assert 'data-testid="carry-dropped-side_glide_standing_left"' in page
    assert 'data-testid="carry-dropped-russian_twist"' in page
    assert "Golf season starts next week" in page
    dropped = AuditEntry.objects.get(action="plan.carry").detail["dropped"]
    assert {d["exercise"] for d in dropped} == {"side_glide_standing_left", "russian_twist"}


def test_a_plan_edited_after_the_follow_up_page_was_opened_is_not_accepted_unseen(
    as_alice: Any, actor: Any, accepted_plan: PlanVersion
) -> None:
    fu = _follow_up_after_edits(as_alice, actor, accepted_plan)
    actions.add_exercise(actor, PlanVersion.objects.get(number=4), "pallof_hold", "")
    response = _accept(as_alice, fu, 4)
    assert response["Location"] == reverse("followups:detail", args=[fu.pk])
    assert PlanVersion.objects.count() == 5 and FollowUp.objects.get().accepted_plan is None
    page = _page(as_alice, "followups:detail", fu.pk)
    assert "Nothing was saved" in page and 'data-testid="carry-pallof_hold"' in page
    _accept(as_alice, fu, 5)
    assert "pallof_hold" in _codes(PlanVersion.objects.get(number=6).plan)


def test_an_accepted_follow_up_shows_what_was_carried_into_its_version(
    as_alice: Any, actor: Any, accepted_plan: PlanVersion
) -> None:
    fu = _follow_up_after_edits(as_alice, actor, accepted_plan)
    _accept(as_alice, fu, 4)
    actions.add_exercise(actor, PlanVersion.objects.get(number=5), "pallof_hold", "")
    page = _page(as_alice, "followups:detail", fu.pk)
    assert "before version 5, and what became of them" in page
    assert 'data-testid="carry-pallof_hold"' not in page
    assert 'data-testid="followup-accept"' not in page
