"""Passwords a guesser tries first are refused wherever a password is set, and a one-time
password must be changed at the first sign-in before any page opens."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from backpath.web.clinics import actions

pytestmark = pytest.mark.django_db

WEAK = [
    "aaaaaaaaaaaa",
    "123456789012",
    " " * 12,
    "alicealicealice",
    "Harbour Physio",
    "harbourphysio2026",
    "abcdefghijkl",
    "qwertyuiopas",
    "Alice Shaw 123",
    "alice1234567",
    "abcabcabcabc",
    "zyxwvutsrqpo",
]


@pytest.mark.parametrize("password", WEAK)
def test_a_guessable_password_is_refused_for_alice(alice: Any, password: str) -> None:
    alice.first_name, alice.last_name = "Alice", "Shaw"
    with pytest.raises(ValidationError):
        validate_password(password, alice)


@pytest.mark.parametrize("password", ["correct horse battery", "pw-alice-long-enough"])
def test_a_password_of_her_own_is_accepted(alice: Any, password: str) -> None:
    validate_password(password, alice)


def test_the_new_users_clinic_name_is_refused_on_the_users_page(as_alice: Any) -> None:
    data = {"username": "dana", "first_name": "Dana", "last_name": "Ray", "role": "clinician"}
    response = as_alice.post(
        reverse("clinics:user_create"), {**data, "email": "", "password": "HarbourPhysio2026"}
    )
    assert response.status_code == 200 and "password" in response.context["form"].errors


def _new_user_with_one_time_password(as_alice: Any) -> str:
    data = {"username": "dana", "first_name": "Dana", "last_name": "Ray", "role": "clinician"}
    response = as_alice.post(reverse("clinics:user_create"), {**data, "email": "", "password": ""})
    found = re.search(r'data-testid="one-time-password">([^<]+)<', response.content.decode())
    assert found
    return found.group(1)


def test_a_one_time_password_must_be_changed_before_any_page(as_alice: Any) -> None:
    password = _new_user_with_one_time_password(as_alice)
    dana = Client()
    dana.post(reverse("login"), {"username": "dana", "password": password})
    response = dana.get(reverse("patients:list"))
    assert response.status_code == 302 and response["Location"] == reverse("password_change")
    assert dana.get(reverse("password_change")).status_code == 200
    dana.post(
        reverse("password_change"),
        {
            "old_password": password,
            "new_password1": "dana's own pass phrase",
            "new_password2": "dana's own pass phrase",
        },
    )
    assert dana.get(reverse("patients:list")).status_code == 200


def test_a_reset_password_must_be_changed_too(actor: Any, alice: Any, bob: Any) -> None:
    actions.reset_password(actor, bob)
    bob.profile.refresh_from_db()
    assert bob.profile.must_change_password


def test_a_typed_password_need_not_be_changed(as_alice: Any) -> None:
    data = {"username": "dana", "first_name": "Dana", "last_name": "Ray", "role": "clinician"}
    as_alice.post(
        reverse("clinics:user_create"), {**data, "email": "", "password": "dana's own phrase"}
    )
    dana = Client()
    dana.post(reverse("login"), {"username": "dana", "password": "dana's own phrase"})
    assert dana.get(reverse("patients:list")).status_code == 200
