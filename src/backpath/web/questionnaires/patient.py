"""The licensed questionnaires on the patient's page: their fields (answers by item number,
never the wording), the answers as the core scores them, and what the page shows."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms

from backpath.core.instruments import InstrumentError, answers, get_instrument, wording_shape

from .models import LicensedWording

__all__ = ["add_fields", "answered", "shown"]

_CHOOSE = "{key}: choose one of the statements for section {n}."


def _name(key: str, n: int | str) -> str:
    return f"{key.partition('_')[0]}-{n}"  # odi-3, rmdq-14, rmdq-none


def add_fields(form: forms.Form, wordings: list[LicensedWording]) -> None:
    """The answer fields of each offered questionnaire, all optional (blank: unanswered)."""
    for w in wordings:
        shape = wording_shape(w.instrument)
        for n in range(1, shape.items + 1):
            if shape.statements is None:
                form.fields[_name(w.instrument, n)] = forms.BooleanField(required=False)
                continue
            message = _CHOOSE.format(key="Questionnaire", n=n)
            form.fields[_name(w.instrument, n)] = forms.TypedChoiceField(
                choices=[("", "")] + [(str(k), str(k)) for k in range(shape.statements)],
                coerce=int,
                empty_value=None,
                required=False,
                error_messages={"invalid_choice": message},
            )
        if shape.statements is None:
            form.fields[_name(w.instrument, "none")] = forms.BooleanField(required=False)


def _chosen(data: dict[str, Any], key: str) -> dict[int, int] | None:
    """The patient's answers by item number, or None when the questionnaire was left blank."""
    shape = wording_shape(key)
    if shape.statements is None:
        ticked = {n: 1 for n in range(1, shape.items + 1) if data.get(_name(key, n))}
        return ticked if ticked or data.get(_name(key, "none")) else None
    chosen = {n: data[_name(key, n)] for n in range(1, shape.items + 1)}
    found = {n: v for n, v in chosen.items() if v is not None}
    return found or None


def answered(
    data: dict[str, Any], wordings: list[LicensedWording]
) -> tuple[dict[str, Any], list[str]]:
    """``{key: {"values": [...], "version": n}}`` for each questionnaire answered (scored by the
    core first, so one it cannot score is refused), and the errors in the patient's words."""
    out: dict[str, Any] = {}
    errors: list[str] = []
    for w in wordings:
        chosen = _chosen(data, w.instrument)
        if chosen is None:
            continue
        values = answers(w.instrument, chosen)
        try:
            get_instrument(w.instrument).score(values)
        except InstrumentError:
            missing = sum(v is None for v in values)
            errors.append(
                f"The questionnaire has {missing} sections without an answer: please choose "
                "one statement in more of them (the one closest to how you are today)."
            )
            continue
        out[w.instrument] = {"values": values, "version": w.version}
    return out, errors


def shown(wordings: list[LicensedWording], posted: Mapping[str, str]) -> list[dict[str, Any]]:
    """What the page shows of each offered questionnaire: the clinic's words (escaped by the
    template) and the field names, with what the patient had chosen when the page comes back."""
    out = []
    for w in wordings:
        shape = wording_shape(w.instrument)
        items = []
        for n, item in enumerate(w.text.get("items") or [], start=1):
            name = _name(w.instrument, n)
            if shape.statements is None:
                items.append({"n": n, "name": name, "text": item["text"], "on": name in posted})
                continue
            picked = str(posted.get(name, ""))
            statements = [
                {"value": str(k), "text": t, "on": picked == str(k)}
                for k, t in enumerate(item["statements"])
            ]
            items.append({"n": n, "name": name, "title": item["title"], "statements": statements})
        none = _name(w.instrument, "none")
        out.append(
            {
                "key": w.instrument,
                "tick": shape.statements is None,
                "instructions": w.text.get("instructions", ""),
                "items": items,
                "none": {"name": none, "on": none in posted},
            }
        )
    return out
