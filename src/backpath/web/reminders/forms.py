"""The patient's reminder form: days, up to three times, their time zone, quiet hours, and
an email address with the opt-in that records consent. Errors name the field."""

from __future__ import annotations

from typing import Any
from zoneinfo import available_timezones

from django import forms

from .schedule import WEEKDAYS

TIME_FIELDS = ("time_1", "time_2", "time_3")
ZONES = sorted(available_timezones() - {"localtime", "Factory"})


class ReminderForm(forms.Form):
    weekdays = forms.TypedMultipleChoiceField(
        choices=list(enumerate(WEEKDAYS)), coerce=int, required=False, label="Days"
    )
    time_1 = forms.TimeField(required=False, label="First time")
    time_2 = forms.TimeField(required=False, label="Second time")
    time_3 = forms.TimeField(required=False, label="Third time")
    time_zone = forms.ChoiceField(choices=[(z, z) for z in ZONES], label="Time zone")
    quiet_start = forms.TimeField(required=False, label="Quiet hours from")
    quiet_end = forms.TimeField(required=False, label="Quiet hours until")
    email = forms.EmailField(required=False, max_length=254, label="Email address")
    consent = forms.BooleanField(required=False, label="I agree to reminder emails")
    nudge = forms.BooleanField(required=False, label="Nudge after three days without a log")

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("email") and not data.get("consent"):
            self.add_error(
                "consent",
                "Tick the box to agree to reminder emails, or leave the email address empty.",
            )
        if bool(data.get("quiet_start")) != bool(data.get("quiet_end")):
            self.add_error("quiet_end", "Give both ends of the quiet hours, or neither.")
        return data

    def times(self) -> list[str]:
        chosen = {self.cleaned_data[f] for f in TIME_FIELDS if self.cleaned_data.get(f)}
        return [f"{t:%H:%M}" for t in sorted(chosen)]

    def first_error(self) -> str:
        for name, errors in self.errors.items():
            label = self.fields[name].label if name in self.fields else "Reminders"
            return f"{label}: {errors[0]}"
        return ""
