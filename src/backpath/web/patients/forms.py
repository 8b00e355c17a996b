"""Forms for patient details and episodes (plain Django forms: no clinical content)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms

from backpath.web.inputs import MAX_DB_INTEGER

from .models import Patient


class DateInput(forms.DateInput):
    input_type = "date"


class PatientForm(forms.ModelForm):
    version = forms.IntegerField(
        widget=forms.HiddenInput, required=False, min_value=0, max_value=MAX_DB_INTEGER
    )

    class Meta:
        model = Patient
        fields = ["name", "date_of_birth", "sex", "contact"]
        widgets = {
            "date_of_birth": DateInput(format="%Y-%m-%d"),
            "sex": forms.RadioSelect,  # one tap, no dropdown
            "contact": forms.TextInput(attrs={"placeholder": "phone or email (optional)"}),
        }
        labels = {"contact": "Contact (optional)"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        sex = self.fields["sex"]
        sex.choices = [("", "not recorded"), *[c for c in sex.choices if c[0]]]  # type: ignore[attr-defined]

    def clean_date_of_birth(self) -> date:
        born: date = self.cleaned_data["date_of_birth"]
        if born > date.today() or born.year < 1900:
            raise forms.ValidationError("Enter a date of birth in the past (after 1900).")
        return born


class EpisodeForm(forms.Form):
    complaint = forms.CharField(max_length=200, initial="Low back pain")
    started_on = forms.DateField(
        widget=DateInput(format="%Y-%m-%d"), initial=date.today, label="First seen on"
    )


class SearchForm(forms.Form):
    q = forms.CharField(required=False, label="Name or date of birth")
