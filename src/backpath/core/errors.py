"""Turning validation failures into messages a clinician or integrator can act on.

Every message names the field path (``symptoms[1].intensity``) and, for coded fields, the
allowed values: ``symptoms[1].intensity: 11 is above the maximum 10``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

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


def format_errors(exc: ValidationError) -> list[str]:
    """One ``path: problem`` line per pydantic error, in document order."""
    return [f"{field_path(e['loc'])}: {_describe(e)}" for e in exc.errors()]
