"""Clinic admins manage their clinic's users; everyone changes their own password.

Alice is the admin of Harbour Physio, Bob a clinician there. Who may open these pages at all is
in ``test_ownership.py``; here: what the pages and ``manage add_user`` do, and refuse.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse

from backpath.web.audit.models import AuditEntry
from backpath.web.audit.trail import Actor
from backpath.web.clinics import actions

pytestmark = pytest.mark.django_db

NEW_USER = {
    "username": "dana",
    "first_name": "Dana",
    "last_name": "Ray",
    "email": "",
    "role": "clinician",
    "password": "",
}
COMMAND = Actor(user=None, path="manage add_user")


def _one_time_password(response: Any) -> str:
    found = re.search(r'data-testid="one-time-password">([^<]+)<', response.content.decode())
    assert found, "no one-time password on the page"
    return found.group(1)


def _signs_in(username: str, password: str) -> bool:
    response = Client().post(reverse("login"), {"username": username, "password": password})
    return response.status_code == 302


def _details(user: Any, **changes: str) -> dict[str, str]:
    data = {
        "first_name": user.first_name or "First",
        "last_name": user.last_name or "Last",
        "email": user.email,
        "role": user.profile.role,
    }
    return data | changes


@pytest.fixture
def add_user(monkeypatch: Any) -> Callable[..., None]:
    """``manage add_user`` with the password ``a-long-enough-passphrase`` on standard input."""

    def run(*args: str, **options: str) -> None:
        monkeypatch.setattr("sys.stdin", io.StringIO("a-long-enough-passphrase\n"))
        call_command("add_user", *args, **options)

    return run


# --- the list ------------------------------------------------------------------------------


def test_the_list_shows_name_user_name_role_status_and_last_sign_in(
    as_alice: Any, alice: Any, bob: Any
) -> None:
    bob.first_name, bob.last_name = "Bob", "Lee"
    bob.save()
    actions.set_active(Actor(user=alice), bob, False)
    page = as_alice.get(reverse("clinics:users")).content.decode()
    table = page.split('data-testid="user-table"')[1]
    assert "Bob Lee" in table and "bob" in table and "Clinician" in table
    assert "Clinic admin" in table and "deactivated" in table and "never" in table
    assert reverse("clinics:user_edit", args=[bob.pk]) in table


def test_the_header_links_admins_to_the_users_page(as_alice: Any, as_bob: Any) -> None:
    users = 'data-testid="nav-users"'
    assert users in as_alice.get(reverse("patients:list")).content.decode()
    assert users not in as_bob.get(reverse("patients:list")).content.decode()


# --- adding a user -------------------------------------------------------------------------


def test_alice_adds_a_clinician_with_a_password_she_types(as_alice: Any, harbour: Any) -> None:
    data = NEW_USER | {"password": "a-long-enough-passphrase"}
    response = as_alice.post(reverse("clinics:user_create"), data)
    assert response.status_code == 302 and response["Location"] == reverse("clinics:users")
    dana = get_user_model().objects.get(username="dana")
    assert (dana.profile.clinic, dana.profile.role) == (harbour, "clinician")
    assert _signs_in("dana", "a-long-enough-passphrase")


def test_alice_adds_an_admin(as_alice: Any) -> None:
    as_alice.post(reverse("clinics:user_create"), NEW_USER | {"role": "admin"})
    assert get_user_model().objects.get(username="dana").profile.is_admin


def test_an_empty_password_gives_a_one_time_password_shown_once(as_alice: Any) -> None:
    response = as_alice.post(reverse("clinics:user_create"), NEW_USER)
    password = _one_time_password(response)
    assert len(password) >= 16 and _signs_in("dana", password)
    assert "no-cache" in response["Cache-Control"]
    for url in (reverse("clinics:users"), reverse("clinics:user_edit", args=[_dana().pk])):
        assert password not in as_alice.get(url).content.decode()


def test_a_one_time_password_is_random_and_easy_to_read_aloud() -> None:
    passwords = {actions.one_time_password() for _ in range(50)}
    assert len(passwords) == 50
    assert all(re.fullmatch(r"([2-9a-hjkmnp-z]{4}-){4}[2-9a-hjkmnp-z]{4}", p) for p in passwords)


def test_the_one_time_password_is_stored_nowhere_in_plain(as_alice: Any) -> None:
    password = _one_time_password(as_alice.post(reverse("clinics:user_create"), NEW_USER))
    assert password not in _dana().password
    assert not any(password in _entry_text(e) for e in AuditEntry.objects.all())


def test_a_weak_password_is_refused_beside_the_field_and_nothing_is_saved(
    as_alice: Any,
) -> None:
    response = as_alice.post(reverse("clinics:user_create"), NEW_USER | {"password": "short"})
    page = response.content.decode()
    assert response.status_code == 200 and 'id="id_password-error"' in page
    assert "too short" in page.split('id="id_password-error"')[1]
    assert not get_user_model().objects.filter(username="dana").exists()


def test_a_taken_user_name_is_refused_whatever_its_case(as_alice: Any, bob: Any) -> None:
    response = as_alice.post(reverse("clinics:user_create"), NEW_USER | {"username": "Bob"})
    assert 'id="id_username-error"' in response.content.decode()
    assert get_user_model().objects.filter(username__iexact="bob").count() == 1


def test_an_unknown_role_is_refused_naming_the_allowed_roles(as_alice: Any) -> None:
    response = as_alice.post(reverse("clinics:user_create"), NEW_USER | {"role": "owner"})
    error = response.content.decode().split('id="id_role-error">')[1].split("<")[0]
    assert "clinician" in error and "admin" in error
    assert not get_user_model().objects.filter(username="dana").exists()


def test_a_user_name_with_spaces_is_refused_naming_the_allowed_characters(
    as_alice: Any,
) -> None:
    response = as_alice.post(reverse("clinics:user_create"), NEW_USER | {"username": "da na"})
    error = response.content.decode().split('id="id_username-error">')[1].split("</p>")[0]
    assert "letters, numbers" in error
    assert get_user_model().objects.count() == 1


def test_an_empty_post_shows_the_missing_fields(as_alice: Any) -> None:
    page = as_alice.post(reverse("clinics:user_create"), {}).content.decode()
    assert 'id="id_username-error"' in page and 'id="id_first_name-error"' in page


def test_the_action_refuses_an_unknown_role_too(alice: Any, harbour: Any) -> None:
    data = NEW_USER | {"role": "owner"}
    with pytest.raises(actions.UserRuleError, match="role: 'owner' is not one of clinician"):
        actions.create_user(COMMAND, harbour, data, "a-long-enough-passphrase")


# --- editing, deactivating -----------------------------------------------------------------


def test_alice_makes_bob_an_admin(as_alice: Any, bob: Any) -> None:
    response = as_alice.post(
        reverse("clinics:user_edit", args=[bob.pk]), _details(bob, role="admin")
    )
    assert response.status_code == 302
    bob.profile.refresh_from_db()
    assert bob.profile.is_admin


def test_alice_cannot_remove_her_own_admin_role(as_alice: Any, alice: Any, bob: Any) -> None:
    _make_admin(bob)
    url = reverse("clinics:user_edit", args=[alice.pk])
    page = as_alice.post(url, _details(alice, role="clinician")).content.decode()
    assert "You cannot remove your own admin role" in page
    alice.profile.refresh_from_db()
    assert alice.profile.is_admin


def test_the_last_active_admin_cannot_be_demoted(alice: Any) -> None:
    with pytest.raises(actions.UserRuleError, match="at least one active clinic admin"):
        actions.update_user(COMMAND, alice, _details(alice, role="clinician"))


def test_alice_deactivates_bob_who_can_no_longer_sign_in(as_alice: Any, bob: Any) -> None:
    response = as_alice.post(reverse("clinics:user_deactivate", args=[bob.pk]))
    assert response.status_code == 302
    bob.refresh_from_db()
    assert not bob.is_active and get_user_model().objects.filter(pk=bob.pk).exists()
    assert not _signs_in("bob", "pw-bob-long-enough")


def test_a_deactivated_users_open_session_ends(as_alice: Any, as_bob: Any, bob: Any) -> None:
    as_alice.post(reverse("clinics:user_deactivate", args=[bob.pk]))
    response = as_bob.get(reverse("patients:list"))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_alice_reactivates_bob(as_alice: Any, alice: Any, bob: Any) -> None:
    actions.set_active(Actor(user=alice), bob, False)
    as_alice.post(reverse("clinics:user_reactivate", args=[bob.pk]))
    assert _signs_in("bob", "pw-bob-long-enough")


def test_alice_cannot_deactivate_herself(as_alice: Any, alice: Any, bob: Any) -> None:
    _make_admin(bob)
    response = as_alice.post(reverse("clinics:user_deactivate", args=[alice.pk]), follow=True)
    assert "You cannot deactivate yourself" in response.content.decode()
    alice.refresh_from_db()
    assert alice.is_active


def test_the_last_active_admin_cannot_be_deactivated(alice: Any, bob: Any) -> None:
    with pytest.raises(actions.UserRuleError, match="Harbour Physio must keep at least one"):
        actions.set_active(COMMAND, alice, False)
    alice.refresh_from_db()
    assert alice.is_active


def test_a_deactivated_admin_does_not_count_as_the_one_left(alice: Any, bob: Any) -> None:
    _make_admin(bob)
    actions.set_active(COMMAND, bob, False)
    with pytest.raises(actions.UserRuleError, match="at least one active clinic admin"):
        actions.set_active(COMMAND, alice, False)


def test_another_admin_can_be_deactivated(as_alice: Any, bob: Any) -> None:
    _make_admin(bob)
    as_alice.post(reverse("clinics:user_deactivate", args=[bob.pk]))
    bob.refresh_from_db()
    assert not bob.is_active


# --- passwords -----------------------------------------------------------------------------


def test_alice_resets_bobs_password_to_one_shown_once(as_alice: Any, bob: Any) -> None:
    response = as_alice.post(reverse("clinics:user_reset_password", args=[bob.pk]))
    password = _one_time_password(response)
    assert "no-cache" in response["Cache-Control"]
    assert _signs_in("bob", password) and not _signs_in("bob", "pw-bob-long-enough")
    assert not any(password in _entry_text(e) for e in AuditEntry.objects.all())


def test_a_reset_lifts_a_sign_in_lockout(as_alice: Any, bob: Any) -> None:
    for _ in range(5):
        Client().post(reverse("login"), {"username": "bob", "password": "wrong"})
    password = _one_time_password(
        as_alice.post(reverse("clinics:user_reset_password", args=[bob.pk]))
    )
    assert _signs_in("bob", password)


def test_alice_resets_her_own_password_on_the_password_page_only(as_alice: Any, alice: Any) -> None:
    response = as_alice.post(reverse("clinics:user_reset_password", args=[alice.pk]), follow=True)
    assert 'data-testid="one-time-password"' not in response.content.decode()
    alice.refresh_from_db()
    assert alice.check_password("pw-alice-long-enough")


def test_bob_changes_his_own_password_and_stays_signed_in(as_bob: Any, bob: Any) -> None:
    new = "another-long-passphrase"
    data = {"old_password": "pw-bob-long-enough", "new_password1": new, "new_password2": new}
    response = as_bob.post(reverse("password_change"), data)
    assert response["Location"] == reverse("password_change_done")
    assert as_bob.get(reverse("password_change_done")).status_code == 200
    assert as_bob.get(reverse("patients:list")).status_code == 200
    assert _signs_in("bob", new)
    entry = AuditEntry.objects.get(action="user.password_change")
    assert (entry.username, entry.object_id) == ("bob", str(bob.pk))
    assert new not in _entry_text(entry)


def test_a_wrong_old_password_is_refused(as_bob: Any, bob: Any) -> None:
    new = "another-long-passphrase"
    data = {"old_password": "wrong", "new_password1": new, "new_password2": new}
    page = as_bob.post(reverse("password_change"), data).content.decode()
    assert 'id="id_old_password-error"' in page
    bob.refresh_from_db()
    assert bob.check_password("pw-bob-long-enough")


def test_a_weak_new_password_is_refused_beside_the_field(as_bob: Any) -> None:
    data = {
        "old_password": "pw-bob-long-enough",
        "new_password1": "short",
        "new_password2": "short",
    }
    page = as_bob.post(reverse("password_change"), data).content.decode()
    assert 'id="id_new_password2-error"' in page and "too short" in page
    assert not AuditEntry.objects.filter(action="user.password_change").exists()


def test_every_signed_in_user_finds_the_password_page_in_the_header(as_bob: Any) -> None:
    page = as_bob.get(reverse("patients:list")).content.decode()
    assert f'href="{reverse("password_change")}" data-testid="nav-password"' in page
    assert as_bob.get(reverse("password_change")).status_code == 200


def test_signed_out_visitors_are_sent_to_sign_in_for_the_password_page(client: Any) -> None:
    response = client.get(reverse("password_change"))
    assert response.status_code == 302 and "/login/" in response["Location"]


# --- the audit trail -----------------------------------------------------------------------


def test_every_change_is_audited_with_who_and_what(as_alice: Any, alice: Any, bob: Any) -> None:
    bob.first_name, bob.last_name = "Bob", "Lee"
    bob.save()
    as_alice.post(reverse("clinics:user_create"), NEW_USER)
    as_alice.post(reverse("clinics:user_edit", args=[bob.pk]), _details(bob, first_name="Rob"))
    as_alice.post(reverse("clinics:user_deactivate", args=[bob.pk]))
    as_alice.post(reverse("clinics:user_reactivate", args=[bob.pk]))
    as_alice.post(reverse("clinics:user_reset_password", args=[bob.pk]))
    entries = AuditEntry.objects.filter(action__startswith="user.").order_by("id")
    assert [e.action for e in entries] == [
        "user.create",
        "user.update",
        "user.deactivate",
        "user.reactivate",
        "user.password_reset",
    ]
    assert {(e.username, e.clinic_id) for e in entries} == {("alice", alice.profile.clinic_id)}
    assert entries[0].detail == {"username": "dana", "role": "clinician"}
    assert entries[1].detail == {"fields": ["first_name"]}
    assert {e.object_id for e in entries[1:]} == {str(bob.pk)}


def test_saving_unchanged_details_writes_no_entry(as_alice: Any, bob: Any) -> None:
    bob.first_name, bob.last_name = "Bob", "Lee"
    bob.save()
    as_alice.post(reverse("clinics:user_edit", args=[bob.pk]), _details(bob))
    assert not AuditEntry.objects.filter(action="user.update").exists()


# --- manage add_user -----------------------------------------------------------------------


def test_add_user_is_audited_without_the_password(
    harbour: Any, add_user: Callable[..., None]
) -> None:
    add_user("dana", clinic="Harbour Physio", name="Dana Ray")
    entry = AuditEntry.objects.get(action="user.create")
    assert (entry.username, entry.path, entry.clinic) == ("", "manage add_user", harbour)
    assert "a-long-enough-passphrase" not in _entry_text(entry)


def test_add_user_updates_an_existing_user(bob: Any, add_user: Callable[..., None]) -> None:
    add_user("bob", clinic="Harbour Physio", role="admin", name="Bob Lee")
    bob.refresh_from_db()
    assert bob.profile.is_admin and bob.get_full_name() == "Bob Lee"
    assert bob.check_password("a-long-enough-passphrase")


def test_add_user_does_not_move_a_user_to_another_clinic(
    bob: Any, hillside: Any, add_user: Callable[..., None]
) -> None:
    with pytest.raises(CommandError, match="belongs to Harbour Physio"):
        add_user("bob", clinic="Hillside Physio")
    bob.refresh_from_db()
    assert bob.profile.clinic.name == "Harbour Physio"


def test_add_user_keeps_the_clinics_last_admin(alice: Any, add_user: Callable[..., None]) -> None:
    with pytest.raises(CommandError, match="at least one active clinic admin"):
        add_user("alice", clinic="Harbour Physio", role="clinician")
    alice.refresh_from_db()
    assert alice.profile.is_admin and alice.check_password("pw-alice-long-enough")


def test_add_user_refuses_a_malformed_user_name(
    harbour: Any, add_user: Callable[..., None]
) -> None:
    with pytest.raises(CommandError, match="username: Enter a valid username"):
        add_user("da na", clinic="Harbour Physio")


def test_add_user_refuses_a_user_name_taken_in_another_case(
    bob: Any, add_user: Callable[..., None]
) -> None:
    with pytest.raises(CommandError, match="username: Bob is already taken"):
        add_user("Bob", clinic="Harbour Physio")


def _dana() -> Any:
    return get_user_model().objects.get(username="dana")


def _make_admin(user: Any) -> None:
    user.profile.role = "admin"
    user.profile.save()


def _entry_text(entry: AuditEntry) -> str:
    return f"{entry.path} {entry.object_id} {entry.detail}"
