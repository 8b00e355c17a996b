"""Shared input/output helpers for the command line: read JSON, fail with exit 2."""

from __future__ import annotations

import json
import sys
from typing import Any, NoReturn

__all__ = ["BadInput", "dump", "fail", "read_json", "read_text"]


class BadInput(Exception):
    """Input the user must fix; printed as one or more lines, exit status 2."""

    def __init__(self, *lines: str) -> None:
        self.lines = lines
        super().__init__("; ".join(lines))


def read_text(path: str) -> str:
    if path == "-":
        return sys.stdin.read()
    try:
        with open(path, encoding="utf-8") as fh:
            return fh.read()
    except FileNotFoundError:
        raise BadInput(f"{path}: no such file") from None
    except (IsADirectoryError, PermissionError, UnicodeDecodeError) as exc:
        raise BadInput(f"{path}: cannot read ({exc.__class__.__name__})") from None


def parse_json(text: str, where: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise BadInput(
            f"{where}: not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})"
        ) from None


def read_json(path: str) -> Any:
    return parse_json(read_text(path), "standard input" if path == "-" else path)


def dump(doc: Any) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=2)


def fail(exc: BadInput) -> NoReturn:
    for line in exc.lines:
        print(f"backpath: {line}", file=sys.stderr)
    raise SystemExit(2)
