"""The plan page's "give a link" button is submit-once: a double tap or back-then-resubmit
shows the same link again instead of making a second one (the token is derived from the form's
one-time key, so nothing is stored to show it again)."""

from __future__ import annotations

import re
import uuid
from typing import Any

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _give(client: Any, plan: Any, key: str | None) -> Any:
    data = {"idem": key} if key else {}
    return client.post(reverse("programmes:create_link", args=[plan.pk]), data)


def _shown(response: Any) -> str:
    found = re.search(r'data-testid="new-link"><p>[^<]*</p><p><a href="([^"]+)"', response.text)
    assert found, response.text
    return found.group(1)


def test_it_shows_the_same_link_again_when_the_form_is_sent_twice(
    as_alice: Any, accepted_plan: Any
) -> None:
    key = str(uuid.uuid4())
    first, second = _give(as_alice, accepted_plan, key), _give(as_alice, accepted_plan, key)
    assert _shown(first) == _shown(second)
    assert accepted_plan.episode.hep_links.count() == 1
    assert "no second link was made" in second.text


def test_it_records_one_link_creation_for_a_double_tap(as_alice: Any, accepted_plan: Any) -> None:
    from backpath.web.audit.models import AuditEntry

    key = str(uuid.uuid4())
    _give(as_alice, accepted_plan, key)
    _give(as_alice, accepted_plan, key)
    assert AuditEntry.objects.filter(action="hep_link.create").count() == 1


def test_the_shown_link_opens_the_programme(as_alice: Any, client: Any, accepted_plan: Any) -> None:
    url = _shown(_give(as_alice, accepted_plan, str(uuid.uuid4())))
    assert client.get(url.removeprefix("http://testserver")).status_code == 200


def test_each_new_form_gives_a_new_link(as_alice: Any, accepted_plan: Any) -> None:
    first = _shown(_give(as_alice, accepted_plan, str(uuid.uuid4())))
    second = _shown(_give(as_alice, accepted_plan, str(uuid.uuid4())))
    assert first != second
    assert accepted_plan.episode.hep_links.count() == 2


def test_a_form_without_a_key_still_gives_a_link(as_alice: Any, accepted_plan: Any) -> None:
    _shown(_give(as_alice, accepted_plan, None))
    _shown(_give(as_alice, accepted_plan, "not-a-uuid"))
    assert accepted_plan.episode.hep_links.count() == 2


def test_bob_sending_alices_key_gets_his_own_link(
    as_alice: Any, as_bob: Any, accepted_plan: Any
) -> None:
    key = str(uuid.uuid4())
    assert _shown(_give(as_alice, accepted_plan, key)) != _shown(_give(as_bob, accepted_plan, key))


def test_it_says_plainly_when_the_link_it_gave_was_revoked(
    as_alice: Any, alice: Any, accepted_plan: Any
) -> None:
    from backpath.web.audit.trail import Actor
    from backpath.web.programmes.actions import revoke_link

    key = str(uuid.uuid4())
    _give(as_alice, accepted_plan, key)
    revoke_link(Actor(user=alice), accepted_plan.episode.hep_links.get())
    response = _give(as_alice, accepted_plan, key)
    assert response.status_code == 302
    page = as_alice.get(response["Location"])
    assert "already gave the patient a link" in page.text and "revoked" in page.text
    assert accepted_plan.episode.hep_links.count() == 1


def test_the_plan_page_form_carries_a_one_time_key(as_alice: Any, accepted_plan: Any) -> None:
    page = as_alice.get(reverse("plans:detail", args=[accepted_plan.pk])).text
    form = page[page.index(reverse("programmes:create_link", args=[accepted_plan.pk])) :]
    assert re.match(
        r'[^>]*>\s*<input type="hidden" name="csrfmiddlewaretoken"[^>]*>'
        r'<input type="hidden" name="idem" value="[0-9a-f-]{36}">',
        form,
    ), form[:300]


# The result page's "Accept this plan and give the patient a link": submit-once too.


def _accept_and_give(client: Any, assessment: Any, key: str | None) -> Any:
    data = {"idem": key} if key else {}
    return client.post(reverse("assessments:accept_and_give", args=[assessment.pk]), data)


def test_accept_and_give_sent_twice_accepts_once_and_gives_one_link(
    as_alice: Any, assessment: Any, plan: Any
) -> None:
    from backpath.web.audit.models import AuditEntry

    key = str(uuid.uuid4())
    first = _accept_and_give(as_alice, assessment, key)
    second = _accept_and_give(as_alice, assessment, key)
    assert _shown(first) == _shown(second)
    assert plan.episode.hep_links.count() == 1
    assert AuditEntry.objects.filter(action="plan.accept").count() == 1
    assert AuditEntry.objects.filter(action="hep_link.create").count() == 1
    assert "nothing was accepted twice" in second.text


def test_accept_and_give_sent_again_after_a_change_accepts_nothing_new(
    as_alice: Any, actor: Any, assessment: Any, plan: Any
) -> None:
    from backpath.web.plans.actions import remove_exercise

    key = str(uuid.uuid4())
    link = _shown(_accept_and_give(as_alice, assessment, key))
    newer = remove_exercise(actor, plan, plan.items[0]["exercise"], "Too sore today.")
    assert _shown(_accept_and_give(as_alice, assessment, key)) == link
    newer.refresh_from_db()
    assert newer.accepted_at is None and plan.episode.hep_links.count() == 1


def test_accept_and_give_with_a_new_form_or_no_key_gives_a_new_link(
    as_alice: Any, assessment: Any, plan: Any
) -> None:
    first = _shown(_accept_and_give(as_alice, assessment, str(uuid.uuid4())))
    second = _shown(_accept_and_give(as_alice, assessment, None))
    assert first != second and plan.episode.hep_links.count() == 2
    plan.refresh_from_db()
    assert plan.accepted_at is not None


def test_the_result_page_accept_and_give_form_carries_a_one_time_key(
    as_alice: Any, assessment: Any, plan: Any
) -> None:
    page = as_alice.get(reverse("assessments:result", args=[assessment.pk])).text
    form = page[page.index(reverse("assessments:accept_and_give", args=[assessment.pk])) :]
    assert re.match(
        r'[^>]*>\s*<input type="hidden" name="csrfmiddlewaretoken"[^>]*>'
        r'<input type="hidden" name="idem" value="[0-9a-f-]{36}">',
        form,
    ), form[:300]
