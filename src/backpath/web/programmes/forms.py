"""The patient's session log (the public link's only form): bounded, so nothing odd is saved."""

from __future__ import annotations

from django import forms

from .content import CHANGE_CHOICES
from .models import NOTE_LENGTH

MAX_DAYS_WITHOUT_CHANGE = 60  # the page's own limit (its number input says max 60)
YES_NO = (("yes", "yes"), ("no", "no"))


class SessionLogForm(forms.Form):
    change = forms.ChoiceField(
        choices=CHANGE_CHOICES,
        error_messages={
            "required": "Choose how your symptoms behaved.",
            "invalid_choice": "Choose how your symptoms behaved (one of the listed answers).",
        },
    )
    days_without_change = forms.IntegerField(
        required=False,
        min_value=0,
        max_value=MAX_DAYS_WITHOUT_CHANGE,
        error_messages={
            "invalid": f"Days without change: enter a whole number from 0 to "
            f"{MAX_DAYS_WITHOUT_CHANGE}.",
            "min_value": f"Days without change: enter a whole number from 0 to "
            f"{MAX_DAYS_WITHOUT_CHANGE}.",
            "max_value": f"Days without change: enter a whole number from 0 to "
            f"{MAX_DAYS_WITHOUT_CHANGE}.",
        },
    )
    note = forms.CharField(
        required=False,
        max_length=NOTE_LENGTH,
        error_messages={
            "max_length": f"Your note is too long: keep it to {NOTE_LENGTH} characters.",
            "null_characters_not_allowed": "Your note contains a character that is not allowed.",
        },
    )
    emergency = forms.ChoiceField(choices=YES_NO, required=False)
    done = forms.ChoiceField(choices=YES_NO, required=False)

    def first_error(self) -> str:
        return next(iter(m for errors in self.errors.values() for m in errors), "")
