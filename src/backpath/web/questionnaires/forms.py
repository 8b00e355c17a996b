"""The form a clinic admin fills in with the licensed wording of one questionnaire: its shape
(how many sections, statements or items) from the core's registry. Every part is required,
plain text with a length limit; each error names the part."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms

from backpath.core.instruments import WordingShape

if TYPE_CHECKING:
    from django.http import QueryDict

INSTRUCTIONS_CHARS = 2000
TITLE_CHARS = 200
STATEMENT_CHARS = 300


def _text(label: str, limit: int, textarea: bool = False) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=limit,
        widget=forms.Textarea(attrs={"rows": 4}) if textarea else forms.TextInput(),
        error_messages={
            "required": f"{label}: required (type the licensed wording).",
            "max_length": f"{label}: at most {limit} characters.",
            "null_characters_not_allowed": f"{label}: contains a character that is not allowed.",
        },
    )


class WordingForm(forms.Form):
    """``instructions``; per item ``item-N-title`` and ``item-N-statement-K`` (choose: K is the
    statement's score) or ``item-N-text`` (tick); ``licence``: the clinic holds a licence."""

    licence = forms.BooleanField(
        required=False, label="This clinic holds a licence to use this wording"
    )

    def __init__(
        self, data: QueryDict | None, shape: WordingShape, initial: dict[str, Any] | None = None
    ):
        super().__init__(data, initial=initial)
        self.shape = shape
        self.fields["instructions"] = _text("Instructions", INSTRUCTIONS_CHARS, textarea=True)
        for n in range(1, shape.items + 1):
            if shape.statements is None:
                self.fields[f"item-{n}-text"] = _text(f"Statement {n}", STATEMENT_CHARS)
                continue
            self.fields[f"item-{n}-title"] = _text(f"Section {n}: title", TITLE_CHARS)
            for k in range(shape.statements):
                label = f"Section {n}, statement {k + 1} (scores {k})"
                self.fields[f"item-{n}-statement-{k}"] = _text(label, STATEMENT_CHARS)
        self.order_fields(["instructions"])

    def first_error(self) -> str:
        return next((str(m) for errors in self.errors.values() for m in errors), "")

    def sections(self) -> list[dict[str, Any]]:
        """The bound fields grouped by item, for the page."""
        out = []
        for n in range(1, self.shape.items + 1):
            if self.shape.statements is None:
                out.append({"n": n, "fields": [self[f"item-{n}-text"]]})
                continue
            names = [f"item-{n}-statement-{k}" for k in range(self.shape.statements)]
            out.append(
                {"n": n, "title": self[f"item-{n}-title"], "fields": [self[m] for m in names]}
            )
        return out

    def text(self) -> dict[str, Any]:
        """The wording as stored (see :class:`~.models.LicensedWording`)."""
        data, shape = self.cleaned_data, self.shape
        if shape.statements is None:
            items: list[dict[str, Any]] = [
                {"text": data[f"item-{n}-text"]} for n in range(1, shape.items + 1)
            ]
        else:
            items = [
                {
                    "title": data[f"item-{n}-title"],
                    "statements": [
                        data[f"item-{n}-statement-{k}"] for k in range(shape.statements)
                    ],
                }
                for n in range(1, shape.items + 1)
            ]
        return {"instructions": data["instructions"], "items": items}


def initial_from(text: dict[str, Any]) -> dict[str, Any]:
    """Form values from stored wording (the page to change it)."""
    values: dict[str, Any] = {"instructions": text.get("instructions", "")}
    for n, item in enumerate(text.get("items") or [], start=1):
        if "text" in item:
            values[f"item-{n}-text"] = item["text"]
            continue
        values[f"item-{n}-title"] = item.get("title", "")
        for k, statement in enumerate(item.get("statements") or []):
            values[f"item-{n}-statement-{k}"] = statement
    return values
