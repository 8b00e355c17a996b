"""The patient link's two forms: a session logged exercise by exercise, and the outcome
measures asked before a review. Bounded, so nothing odd is saved; each error names the field
and what is allowed."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, cast

from django import forms

from backpath.core.home_log import MAX_REPS, ExerciseReport
from backpath.core.monitoring import SymptomChange
from backpath.web.questionnaires.patient import add_fields, answered

from .content import CHANGE_CHOICES
from .models import NOTE_LENGTH

if TYPE_CHECKING:
    from django.http import QueryDict

MAX_DAYS_WITHOUT_CHANGE = 60  # the page's own limit (its number input says max 60)
YES_NO = (("yes", "yes"), ("no", "no"))
_DAYS = f"Days without change: enter a whole number from 0 to {MAX_DAYS_WITHOUT_CHANGE}."


def _score(label: str) -> forms.IntegerField:
    message = f"{label}: enter a whole number from 0 to 10."
    return forms.IntegerField(
        required=False,
        min_value=0,
        max_value=10,
        error_messages={"invalid": message, "min_value": message, "max_value": message},
    )


class _FirstError:
    errors: Any

    def first_error(self) -> str:
        return next(iter(m for errors in self.errors.values() for m in errors), "")


class SessionLogForm(_FirstError, forms.Form):
    """``session``: yes (I did my exercises) or not_today; then, per exercise of ``items``,
    ``ex-<code>-done`` (yes/no), ``ex-<code>-reps`` and ``ex-<code>-change``. The emergency
    question has no default: it must be answered."""

    session = forms.ChoiceField(
        choices=(("yes", "yes"), ("not_today", "not today")),
        required=False,  # blank: yes (the page pre-selects it)
        error_messages={
            "invalid_choice": "Say whether you did your exercises today (or choose “Not today”).",
        },
    )
    # one answer for every exercise not answered on its own (a quick log: "all felt the same")
    change = forms.ChoiceField(
        choices=(("", ""), *CHANGE_CHOICES),
        required=False,
        error_messages={
            "invalid_choice": "Choose how your symptoms behaved (one of the listed answers).",
        },
    )
    days_without_change = forms.IntegerField(
        required=False,
        min_value=0,
        max_value=MAX_DAYS_WITHOUT_CHANGE,
        error_messages={"invalid": _DAYS, "min_value": _DAYS, "max_value": _DAYS},
    )
    client_key = forms.RegexField(
        r"^[A-Za-z0-9-]{1,64}$",
        required=False,
        label="Idempotency key",
        error_messages={
            "invalid": "Idempotency key: letters, digits and hyphens only, up to 64 characters."
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
    emergency = forms.ChoiceField(
        choices=YES_NO,
        error_messages={
            "required": "Answer the question about the emergency signs (yes or no).",
            "invalid_choice": "Answer the question about the emergency signs (yes or no).",
        },
    )

    def __init__(self, data: QueryDict | None, items: list[dict[str, Any]]) -> None:
        super().__init__(data)
        self.items = items
        for n, item in enumerate(items, start=1):
            code, name = item["exercise"], f"Exercise {n} ({item['patient_name']})"
            self.fields[f"ex-{code}-done"] = forms.ChoiceField(
                choices=YES_NO,
                required=False,
                error_messages={"invalid_choice": f"{name}: choose done or not done."},
            )
            reps = f"{name}: repetitions must be a whole number from 0 to {MAX_REPS}."
            self.fields[f"ex-{code}-reps"] = forms.IntegerField(
                required=False,
                min_value=0,
                max_value=MAX_REPS,
                error_messages={"invalid": reps, "min_value": reps, "max_value": reps},
            )
            self.fields[f"ex-{code}-change"] = forms.ChoiceField(
                choices=(("", ""), *CHANGE_CHOICES),
                required=False,
                error_messages={
                    "invalid_choice": f"{name}: choose how your symptoms behaved "
                    "(one of the listed answers)."
                },
            )

    def _change(self, code: str) -> str:
        data = self.cleaned_data
        if data.get(f"ex-{code}-done") == "no":
            return ""
        return str(data.get(f"ex-{code}-change") or data.get("change") or "")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["session"] = data.get("session") or "yes"
        if self.errors or data["session"] != "yes":
            return data
        done_any = False
        for n, item in enumerate(self.items, start=1):
            code, name = item["exercise"], f"Exercise {n} ({item['patient_name']})"
            done = data.get(f"ex-{code}-done") or ("yes" if self._change(code) else "")
            if done == "yes" and not self._change(code):
                self.add_error(f"ex-{code}-change", f"{name}: choose how your symptoms behaved.")
            done_any = done_any or done == "yes"
        if not done_any and not self.errors:
            self.add_error(
                "session",
                "Mark at least one exercise as done (with how your symptoms behaved), or "
                "choose “Not today”.",
            )
        return data

    def reports(self) -> list[ExerciseReport]:
        data = self.cleaned_data
        out = []
        for item in self.items:
            code = item["exercise"]
            change = cast("SymptomChange | None", self._change(code) or None)
            done = (data.get(f"ex-{code}-done") or ("yes" if change else "no")) == "yes"
            out.append(
                ExerciseReport(code, done, data.get(f"ex-{code}-reps"), change if done else None)
            )
        return out


class HomeOutcomeForm(_FirstError, forms.Form):
    """Pain now (back, leg), the episode's PSFS activities, each 0–10, and the clinic's
    licensed questionnaires (``wordings``) if it offers any; at least one answer."""

    nrs_back = _score("Pain in your back")
    nrs_leg = _score("Pain in your leg")

    def __init__(
        self, data: QueryDict | None, activities: list[str], wordings: Sequence[Any] = ()
    ) -> None:
        super().__init__(data)
        self.activities, self.wordings = activities, list(wordings)
        for n, activity in enumerate(activities, start=1):
            self.fields[f"psfs-{n}"] = _score(f"Activity {n} ({activity})")
        add_fields(self, self.wordings)
        self.questionnaires: dict[str, Any] = {}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        self.questionnaires, errors = answered(data, self.wordings)
        for error in errors:
            self.add_error(None, error)
        scores = [data.get(k) for k in ("nrs_back", "nrs_leg")] + self.psfs()
        if not errors and not self.questionnaires and all(v is None for v in scores):
            self.add_error(None, "Answer at least one of the questions.")
        return data

    def psfs(self) -> list[int | None]:
        return [self.cleaned_data.get(f"psfs-{n}") for n in range(1, len(self.activities) + 1)]
