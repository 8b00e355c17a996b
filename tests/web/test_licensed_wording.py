"""ODI and RMDQ at home, only in a clinic's licensed wording (issue 11, point 6).

backpath ships no wording: these tests type made-up words ("Section 1 item A"). Alice is an
admin at Harbour, Bob a clinician there, Charlie the admin of Hillside; Pat is Alice's patient.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from backpath.core.instruments import get_instrument, wording_shape
from backpath.web.audit.models import AuditEntry
from backpath.web.programmes.models import HomeOutcome
from backpath.web.questionnaires.models import LicensedWording

pytestmark = pytest.mark.django_db
ODI, RMDQ = "odi_2.1a", "rmdq_24"


def wording(key: str, words: str = "Section", licence: bool = True) -> dict[str, str]:
    """A complete form of made-up wording, its shape from the core's registry."""
    shape = wording_shape(key)
    data = {"instructions": f"{words} instructions: answer for today."}
    for n in range(1, shape.items + 1):
        if shape.statements is None:
            data[f"item-{n}-text"] = f"{words} statement {n}"
            continue
        data[f"item-{n}-title"] = f"{words} {n} title"
        for k in range(shape.statements):
            data[f"item-{n}-statement-{k}"] = f"{words} {n} item {'ABCDEF'[k]}"
    return {**data, "licence": "on"} if licence else data


def _edit(key: str) -> str:
    return reverse("questionnaires:edit", args=[key])


def _public(token: str) -> str:
    return reverse("programmes:public", args=[token])


def _due(link: Any) -> None:
    plan = link.plan
    days = plan.plan["review_after_days"]
    type(plan).objects.filter(pk=plan.pk).update(
        accepted_at=timezone.now() - dt.timedelta(days=days)
    )


@pytest.fixture
def due_link(hep_link: tuple[Any, str]) -> tuple[Any, str]:
    _due(hep_link[0])
    return hep_link


def _reported(form: str) -> str:
    return form.split('data-testid="patient-reported"')[1].split("</p>")[0]


# ---- the clinic's settings -----------------------------------------------------------------


def test_the_settings_say_why_no_questionnaire_is_offered_yet(as_alice: Any) -> None:
    page = as_alice.get(reverse("questionnaires:list")).content.decode()
    assert page.count('data-testid="wording-status">not offered') == 2
    assert "backpath does not ship their text" in page and "needs a licence" in page
    settings_page = as_alice.get(reverse("clinics:settings")).content.decode()
    assert reverse("questionnaires:list") in settings_page


def test_the_form_has_the_registrys_sections_and_statements(as_alice: Any) -> None:
    page = as_alice.get(_edit(ODI)).content.decode()
    shape = wording_shape(ODI)
    assert page.count('name="item-') == shape.items * (1 + (shape.statements or 0))
    assert page.count('name="item-') == 10 * 7
    assert as_alice.get(_edit(RMDQ)).content.decode().count('name="item-') == 24


def test_alice_saves_the_wording_with_the_licence_and_it_is_recorded(
    as_alice: Any, alice: Any, harbour: Any
) -> None:
    response = as_alice.post(_edit(ODI), wording(ODI))
    assert response.status_code == 302
    saved = LicensedWording.objects.get(clinic=harbour, instrument=ODI)
    assert saved.offered and saved.licence_confirmed_by == alice and saved.version == 1
    assert saved.text["items"][0] == {
        "title": "Section 1 title",
        "statements": [f"Section 1 item {c}" for c in "ABCDEF"],
    }
    entry = AuditEntry.objects.get(action="questionnaire.wording")
    assert entry.detail == {"instrument": ODI, "version": 1, "licence_confirmed": True}
    assert entry.username == "alice"


def test_changing_the_wording_makes_a_new_version(as_alice: Any, harbour: Any) -> None:
    as_alice.post(_edit(RMDQ), wording(RMDQ))
    as_alice.post(_edit(RMDQ), wording(RMDQ))  # the same words: the same version
    as_alice.post(_edit(RMDQ), wording(RMDQ, "Changed"))
    assert LicensedWording.objects.get(instrument=RMDQ).version == 2


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("item-3-statement-4", "", "Section 3, statement 5 (scores 4): required"),
        ("item-2-title", "x" * 201, "Section 2: title: at most 200 characters"),
        ("instructions", "y" * 2001, "Instructions: at most 2000 characters"),
        ("item-1-title", "bad\x00", "item-1-title: null characters are not allowed"),
    ],
)
def test_bad_wording_names_the_part_and_saves_nothing(
    as_alice: Any, field: str, value: str, message: str
) -> None:
    response = as_alice.post(_edit(ODI), {**wording(ODI), field: value})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not LicensedWording.objects.exists() and not AuditEntry.objects.filter(
        action="questionnaire.wording"
    )


def test_an_instrument_without_licensed_wording_is_not_found(as_alice: Any) -> None:
    assert as_alice.get(_edit("start_back_9")).status_code == 404
    assert as_alice.post(_edit("nonsense"), {}).status_code == 404


def test_a_clinician_who_is_not_admin_cannot_see_or_change_the_wording(
    as_bob: Any, as_alice: Any
) -> None:
    assert as_bob.get(reverse("questionnaires:list")).status_code == 404
    assert as_bob.post(_edit(ODI), wording(ODI)).status_code == 404
    as_alice.post(_edit(ODI), wording(ODI))
    saved = LicensedWording.objects.get()
    assert as_bob.post(reverse("questionnaires:off", args=[saved.pk])).status_code == 404
    assert LicensedWording.objects.get().offered and LicensedWording.objects.count() == 1


def test_another_clinics_admin_gets_404_for_our_wording(as_alice: Any, as_charlie: Any) -> None:
    as_alice.post(_edit(ODI), wording(ODI))
    saved = LicensedWording.objects.get()
    assert as_charlie.post(reverse("questionnaires:off", args=[saved.pk])).status_code == 404
    assert LicensedWording.objects.get().offered
    assert AuditEntry.objects.filter(action="access.refused", username="charlie").exists()
    assert "Section 1 item A" not in as_charlie.get(_edit(ODI)).content.decode()


def test_switching_off_is_audited_and_keeps_the_wording(as_alice: Any) -> None:
    as_alice.post(_edit(ODI), wording(ODI))
    saved = LicensedWording.objects.get()
    as_alice.post(reverse("questionnaires:off", args=[saved.pk]))
    saved.refresh_from_db()
    assert not saved.offered and saved.text["items"][9]["title"] == "Section 10 title"
    assert AuditEntry.objects.filter(action="questionnaire.off").count() == 1


# ---- the patient's page --------------------------------------------------------------------


def test_the_patient_page_offers_no_odi_until_the_clinic_confirms_a_licence(
    client: Any, as_alice: Any, due_link: tuple[Any, str]
) -> None:
    _link, token = due_link
    assert 'data-testid="questionnaire-' not in client.get(_public(token)).content.decode()
    as_alice.post(_edit(ODI), wording(ODI, licence=False))  # saved, licence not confirmed
    page = client.get(_public(token)).content.decode()
    assert 'data-testid="outcomes-form"' in page and "Section 1 item A" not in page
    as_alice.post(_edit(ODI), wording(ODI))
    page = client.get(_public(token)).content.decode()
    assert f'data-testid="questionnaire-{ODI}"' in page
    assert "Section 1 title" in page and "Section 10 item F" in page
    assert "Section instructions: answer for today." in page


def test_another_clinics_wording_never_appears(
    client: Any, as_alice: Any, as_charlie: Any, due_link: tuple[Any, str]
) -> None:
    _link, token = due_link
    as_charlie.post(_edit(ODI), wording(ODI, "Hillside"))
    assert "Hillside" not in client.get(_public(token)).content.decode()
    as_alice.post(_edit(ODI), wording(ODI, "Harbour"))
    page = client.get(_public(token)).content.decode()
    assert "Harbour 1 item A" in page and "Hillside" not in page


def test_the_clinics_words_are_shown_as_plain_text(
    client: Any, as_alice: Any, due_link: tuple[Any, str]
) -> None:
    _link, token = due_link
    as_alice.post(_edit(RMDQ), {**wording(RMDQ), "item-1-text": "<b>Bold</b> & <script>x</script>"})
    page = client.get(_public(token)).content.decode()
    assert "&lt;b&gt;Bold&lt;/b&gt; &amp; &lt;script&gt;x&lt;/script&gt;" in page
    assert "<script>x</script>" not in page


def _answers(skip: int = 8) -> dict[str, str]:
    """ODI sections 1–10 as 3 2 2 3 2 1 2 _ 2 1 (section ``skip`` unanswered)."""
    values = [3, 2, 2, 3, 2, 1, 2, 0, 2, 1]
    return {f"odi-{n}": str(v) for n, v in enumerate(values, start=1) if n != skip}


def test_a_submitted_odi_is_stored_by_item_and_scored_as_the_core_says(
    client: Any, as_alice: Any, due_link: tuple[Any, str]
) -> None:
    _link, token = due_link
    as_alice.post(_edit(ODI), wording(ODI))
    response = client.post(_public(token), {"form": "outcomes", **_answers()})
    assert response.status_code == 302
    home = HomeOutcome.objects.get()
    values = home.questionnaires[ODI]["values"]
    assert values == [3, 2, 2, 3, 2, 1, 2, None, 2, 1] and home.questionnaires[ODI]["version"] == 1
    assert "Section" not in str(home.questionnaires)  # answers by item number, never the words
    # by hand: 18 points over 9 answered sections → 18 ÷ 45 × 100 = 40.0 %, moderate
    assert get_instrument(ODI).score(values) == {"percent": 40.0, "band": "moderate", "answered": 9}


def test_an_odi_the_core_cannot_score_is_refused_in_plain_words(
    client: Any, as_alice: Any, due_link: tuple[Any, str]
) -> None:
    _link, token = due_link
    as_alice.post(_edit(ODI), wording(ODI))
    three_blank = {k: v for k, v in _answers().items() if k not in ("odi-1", "odi-2")}
    response = client.post(_public(token), {"form": "outcomes", **three_blank})
    assert response.status_code == 400
    assert "3 sections without an answer" in response.content.decode()
    assert 'value="3" checked' in response.content.decode()  # what she chose is kept
    assert not HomeOutcome.objects.exists()


@pytest.mark.parametrize("value", ["6", "-1", "x", "1" * 40])
def test_a_bad_odi_answer_is_refused(
    client: Any, as_alice: Any, due_link: tuple[Any, str], value: str
) -> None:
    _link, token = due_link
    as_alice.post(_edit(ODI), wording(ODI))
    response = client.post(_public(token), {"form": "outcomes", **_answers(), "odi-8": value})
    assert response.status_code == 400 and "section 8" in response.content.decode()
    assert not HomeOutcome.objects.exists()


def test_rmdq_ticks_are_scored_and_none_ticked_counts_as_zero(
    client: Any, as_alice: Any, due_link: tuple[Any, str]
) -> None:
    _link, token = due_link
    as_alice.post(_edit(RMDQ), wording(RMDQ))
    ticks = {"rmdq-1": "1", "rmdq-5": "1", "rmdq-7": "1"}
    assert client.post(_public(token), {"form": "outcomes", **ticks}).status_code == 302
    values = HomeOutcome.objects.get().questionnaires[RMDQ]["values"]
    assert get_instrument(RMDQ).score(values) == {"total": 3, "recovered": False}
    HomeOutcome.objects.all().delete()
    client.post(_public(token), {"form": "outcomes", "rmdq-none": "1"})
    values = HomeOutcome.objects.get().questionnaires[RMDQ]["values"]
    assert values == [0] * 24


def test_a_switched_off_questionnaire_is_no_longer_offered_nor_accepted(
    client: Any, as_alice: Any, due_link: tuple[Any, str]
) -> None:
    _link, token = due_link
    as_alice.post(_edit(ODI), wording(ODI))
    as_alice.post(reverse("questionnaires:off", args=[LicensedWording.objects.get().pk]))
    assert "Section 1 item A" not in client.get(_public(token)).content.decode()
    response = client.post(_public(token), {"form": "outcomes", **_answers()})
    assert response.status_code == 400 and not HomeOutcome.objects.exists()


def test_the_home_odi_prefills_the_follow_up_and_reaches_the_chart_as_patient_reported(
    client: Any, as_alice: Any, due_link: tuple[Any, str]
) -> None:
    link, token = due_link
    as_alice.post(_edit(ODI), wording(ODI))
    client.post(_public(token), {"form": "outcomes", **_answers()})
    form = as_alice.get(reverse("episodes:followup_new", args=[link.episode.pk])).content.decode()
    assert 'data-testid="patient-reported"' in form
    assert re.search(r'name="odi-1" [^>]*value="3"', form) and "odi-1" in _reported(form)
    assert not re.search(r'name="odi-8" [^>]*value="\d"', form)  # unanswered: left blank
    episode = as_alice.get(reverse("episodes:detail", args=[link.episode.pk])).content.decode()
    assert 'data-series="odi"' in episode and 'data-patient-reported="true"' in episode


def test_the_fhir_export_includes_the_home_odi_and_its_items_without_the_wording(
    client: Any, as_alice: Any, due_link: tuple[Any, str]
) -> None:
    from backpath.web.fhir import resources

    _link, token = due_link
    as_alice.post(_edit(ODI), wording(ODI))
    as_alice.post(_edit(RMDQ), wording(RMDQ))
    client.post(_public(token), {"form": "outcomes", **_answers(), "rmdq-2": "1"})
    home = HomeOutcome.objects.get()
    observations = resources.home_observations(home)
    by_code = {o.code.coding[0].code: o for o in observations}
    assert by_code["97909-6"].valueQuantity.value == 40.0
    assert by_code["rmdq_24"].valueQuantity.value == 1
    assert all(o.performer for o in observations)
    response = resources.home_questionnaire_response(home, [])
    links = {i.linkId: i.answer[0].valueInteger for i in response.item}
    assert links["odi_2.1a-1"] == 3 and "odi_2.1a-8" not in links and links["rmdq_24-2"] == 1
    assert "Section" not in response.model_dump_json()
