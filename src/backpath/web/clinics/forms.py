"""Forms for the clinic's users. Plain forms, so an invalid post never touches a user row."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib.auth.password_validation import (
    password_validators_help_text_html,
    validate_password,
)
from django.contrib.auth.validators import UnicodeUsernameValidator

from .actions import ROLES_HELP, unsaved_user, username_taken
from .models import Role

if TYPE_CHECKING:
    from backpath.web.clinics.models import Clinic


class UserDetailsForm(forms.Form):
    first_name = forms.CharField(max_length=150)
    last_name = forms.CharField(max_length=150)
    email = forms.EmailField(required=False, label="Email (optional)")
    role = forms.ChoiceField(
        choices=Role.choices,
        initial=Role.CLINICIAN,
        error_messages={"invalid_choice": f"Role must be one of: {ROLES_HELP}."},
    )


class UserCreateForm(UserDetailsForm):
    username = forms.CharField(
        max_length=150,
        label="User name",
        validators=[UnicodeUsernameValidator()],
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "none", "autofocus": True}
        ),
    )
    password = forms.CharField(
        required=False,
        strip=False,
        label="Password (optional)",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    field_order = ("username", "first_name", "last_name", "email", "role", "password")

    def __init__(self, *args: Any, clinic: Clinic | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.clinic = clinic
        self.fields["password"].help_text = password_validators_help_text_html()

    def clean_username(self) -> str:
        username: str = self.cleaned_data["username"]
        if username_taken(username):
            raise forms.ValidationError("A user with that user name already exists.")
        return username

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        if data.get("password"):  # checked against the user it is for, as at sign-up
            user = unsaved_user(data, self.clinic)
            try:
                validate_password(data["password"], user)
            except forms.ValidationError as exc:
                self.add_error("password", exc)
        return data


_PHONE = r"^\+?[0-9][0-9 ()\-]{1,38}$"
_PHONE_ERROR = "Use digits, spaces, brackets, dashes and an optional leading +."


class ClinicContactForm(forms.Form):
    """How patients reach the clinic; the emergency number is never empty."""

    phone = forms.RegexField(
        regex=_PHONE, max_length=40, required=False, error_messages={"invalid": _PHONE_ERROR}
    )
    email = forms.EmailField(required=False, max_length=254)
    opening_hours = forms.CharField(
        max_length=300, required=False, help_text="e.g. Mon–Fri 8:00–18:00, Sat 9:00–12:00"
    )
    after_hours_phone = forms.RegexField(
        regex=_PHONE,
        max_length=40,
        required=False,
        label="After-hours line",
        error_messages={"invalid": _PHONE_ERROR},
    )
    emergency_number = forms.RegexField(
        regex=r"^[0-9]{2,6}$",
        max_length=20,
        label="Local emergency number",
        help_text="e.g. 999, 112, 000 or 911",
        error_messages={
            "invalid": "The emergency number is 2 to 6 digits (e.g. 999, 112, 000, 911).",
            "required": "The emergency number is required (e.g. 999, 112, 000, 911).",
        },
    )
