"""Turning validation failures into messages a clinician or integrator can act on.

Every message names the field path (``symptoms[1].intensity``) and, for coded fields, the
allowed values: ``symptoms[1].intensity: 11 is above the maximum 10``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, get_args

from pydantic import ValidationError

__all__ = ["RecordError", "field_path", "format_errors"]


class RecordError(ValueError):
    """A record that fails validation; ``messages`` holds one line per problem."""

    def __init__(self, messages: Sequence[str]) -> None:
        self.messages = list(messages)
        super().__init__("; ".join(self.messages))


def field_path(loc: Iterable[int | str]) -> str:
    """``("symptoms", 1, "intensity")`` → ``symptoms[1].intensity``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif str(part).startswith(("function-", "literal[")):
            continue
        else:
            out += f".{part}" if out else str(part)
    return out or "(record)"


def _describe(err: Any) -> str:
    kind, ctx, value = err["type"], err.get("ctx") or {}, err.get("input")
    shown = repr(value) if isinstance(value, str) else str(value)
    if kind == "literal_error":
        allowed = str(ctx.get("expected", "")).replace("'", "")
        return f"{shown} is not allowed; allowed values: {allowed}"
    if kind in ("less_than_equal", "less_than"):
        return f"{shown} is above the maximum {ctx.get('le', ctx.get('lt'))}"
    if kind in ("greater_than_equal", "greater_than"):
        return f"{shown} is below the minimum {ctx.get('ge', ctx.get('gt'))}"
    if kind == "extra_forbidden":
        return "unknown field (not in the record format)"
    if kind == "missing":
        return "is required"
    if kind in ("too_short", "too_long"):
        return str(err["msg"]).replace("List", "list")
    if kind == "value_error":
        return str(err["msg"]).removeprefix("Value error, ")
    return f"{err['msg']} (got {shown})"


_NOT_A_NUMBER = {  # pydantic's error type → (what the value is not, what is allowed)
    "int_parsing": ("a whole number", "whole numbers"),
    "int_from_float": ("a whole number", "whole numbers"),
    "int_type": ("a whole number", "whole numbers"),
    "float_parsing": ("a number", "numbers"),
    "float_type": ("a number", "numbers"),
}


def format_errors(exc: ValidationError, model: Any = None) -> list[str]:
    """One ``path: problem`` line per pydantic error, in document order.

    With the record's ``model``, a value that is not a number says the range the field
    allows (``'abc' is not a whole number; allowed: 12 to 110``).
    """
    lines = []
    for e in exc.errors():
        text = _describe(e)
        if e["type"] in _NOT_A_NUMBER:
            text = _not_a_number(e, _field_bounds(model, e["loc"]))
        lines.append(f"{field_path(e['loc'])}: {text}")
    return lines


def _not_a_number(err: Any, bounds: tuple[Any, Any]) -> str:
    value, (kind, kinds) = err.get("input"), _NOT_A_NUMBER[err["type"]]
    shown = repr(value) if isinstance(value, str) else str(value)
    low, high = bounds
    if low is not None and high is not None:
        allowed = f"{kinds} from {low} to {high}"
    elif low is not None:
        allowed = f"{kinds} from {low}"
    else:
        allowed = kinds
    return f"{shown} is not {kind}; allowed: {allowed}"


def _field_bounds(model: Any, loc: Iterable[int | str]) -> tuple[Any, Any]:
    """(ge, le) of the field at ``loc`` in a pydantic ``model``, where it says them."""
    annotation: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        found = _model_in(annotation)
        fields = getattr(found, "model_fields", None) or {}
        if part not in fields:
            return None, None
        annotation = fields[part]
    return _bounds_in(annotation)


def _model_in(annotation: Any) -> Any:
    """The pydantic model inside ``list[Model] | None`` and the like."""
    from pydantic import BaseModel

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    inner = getattr(annotation, "annotation", None)  # a FieldInfo
    for arg in (inner,) if inner is not None else get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def _bounds_in(annotation: Any) -> tuple[Any, Any]:
    low = high = None
    metadata = list(getattr(annotation, "metadata", None) or [])
    for item in metadata + list(getattr(annotation, "__metadata__", ())):
        for constraint in [item, *getattr(item, "metadata", [])]:
            low = getattr(constraint, "ge", low)
            high = getattr(constraint, "le", high)
    if low is None and high is None:
        inner = getattr(annotation, "annotation", None)
        for arg in (inner,) if inner is not None else get_args(annotation):
            low, high = _bounds_in(arg)
            if low is not None or high is not None:
                break
    return low, high
