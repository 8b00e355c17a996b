"""Clinical commands: ``assess``, ``audit``, ``followup``, ``exercises``, ``score``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

from ._io import BadInput, dump, fail, read_json, read_text
from .report import render_audit, render_exercises, render_progression, render_result

__all__ = ["add_parser"]

Handler = Callable[[argparse.Namespace], int]


def _guard(handler: Handler) -> Handler:
    def run(args: argparse.Namespace) -> int:
        try:
            return handler(args)
        except BadInput as exc:
            fail(exc)

    return run


def _record(data: Any, where: str) -> Any:
    from backpath.core import RecordError, parse_assessment

    try:
        return parse_assessment(data)
    except RecordError as exc:
        raise BadInput(*(f"{where}: {m}" for m in exc.messages)) from None


def _assess(args: argparse.Namespace) -> int:
    from backpath.core import assess

    if args.jsonl:
        return _assess_lines(args.file)
    where = "standard input" if args.file == "-" else args.file
    result = assess(_record(read_json(args.file), where))
    print(dump(result) if args.format == "json" else render_result(result))
    return 0


def _assess_lines(path: str) -> int:
    """One record per line in, one result per line out; a bad line gives an error document."""
    import orjson

    from backpath.core import RecordError, assess, parse_assessment

    bad, out = 0, sys.stdout.buffer
    for n, line in enumerate(read_text(path).splitlines(), start=1):
        if not line.strip():
            continue
        try:
            try:
                data = orjson.loads(line)
            except orjson.JSONDecodeError as exc:
                raise BadInput(f"line {n}: not valid JSON ({exc})") from None
            out.write(orjson.dumps(assess(parse_assessment(data))) + b"\n")
        except (BadInput, RecordError) as exc:
            bad += 1
            msgs = list(exc.lines) if isinstance(exc, BadInput) else exc.messages
            out.write(orjson.dumps({"schema": "backpath/error/1", "line": n, "errors": msgs}))
            out.write(b"\n")
            for m in msgs:
                print(f"backpath: line {n}: {m}", file=sys.stderr)
    out.flush()
    return 2 if bad else 0


def _audit(args: argparse.Namespace) -> int:
    from backpath.core import assess

    result = assess(_record(read_json(args.file), args.file))
    print(dump(result["audit"]) if args.format == "json" else render_audit(result))
    return 0


def _followup(args: argparse.Namespace) -> int:
    from backpath.core import RecordError, follow_up, parse_followup

    previous = read_json(args.previous)
    if not isinstance(previous, dict) or not isinstance(previous.get("classification"), dict):
        raise BadInput(
            f"{args.previous}: not a result or progression document "
            "(needs 'classification', 'avoid' and 'plan')"
        )
    try:
        fu = parse_followup(read_json(args.followup))
    except RecordError as exc:
        raise BadInput(*(f"{args.followup}: {m}" for m in exc.messages)) from None
    doc = follow_up(previous, fu)
    print(dump(doc) if args.format == "json" else render_progression(doc))
    return 0


def _exercises(args: argparse.Namespace) -> int:
    from backpath.core.library import default_library
    from backpath.core.vocab import CATEGORIES

    lib = default_library()
    if args.category and args.category not in CATEGORIES:
        raise BadInput(
            f"--category: {args.category!r} is not a category; allowed values: "
            + ", ".join(CATEGORIES)
        )
    entries = [e for e in lib if not args.category or e.category == args.category]
    if args.format == "json":
        print(
            dump(
                [
                    {
                        "code": e.code,
                        "name": e.name,
                        "category": e.category,
                        "loads": sorted(e.loads),
                        "position": e.position,
                        "dose": e.dose.as_dict(),
                    }
                    for e in entries
                ]
            )
        )
    else:
        print(render_exercises(entries))
    return 0


def _score(args: argparse.Namespace) -> int:
    from backpath.core.instruments import InstrumentError, get_instrument

    try:
        inst = get_instrument(args.instrument)
        values = [_value(v) for v in args.values]
        scored = inst.score(values)
    except InstrumentError as exc:
        raise BadInput(str(exc)) from None
    if args.format == "json":
        print(dump({"instrument": inst.key, **scored}))
    else:
        print(f"{inst.name} ({inst.key}): " + ", ".join(f"{k} {v}" for k, v in scored.items()))
    return 0


def _value(text: str) -> int | None:
    if text.lower() in ("-", "x", "null", "none", "na"):
        return None
    try:
        return int(text)
    except ValueError:
        raise BadInput(f"values: {text!r} is not a whole number (use - for unanswered)") from None


def _fmt(p: argparse.ArgumentParser, default: str = "text") -> None:
    p.add_argument(
        "--format",
        choices=("json", "text"),
        default=default,
        help=f"output format (default: {default})",
    )


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "assess",
        help="classify an assessment record and plan",
        description="Read a backpath/assessment/1 record and print the result "
        "document (backpath/result/1).",
    )
    p.add_argument("file", help="record file, or - for standard input")
    _fmt(p, "json")
    p.add_argument(
        "--jsonl", action="store_true", help="read one record per line, write one result per line"
    )
    p.set_defaults(func=_guard(_assess))

    p = sub.add_parser("audit", help="audit current treatments against the DP and evidence")
    p.add_argument("file", help="record file, or - for standard input")
    _fmt(p)
    p.set_defaults(func=_guard(_audit))

    p = sub.add_parser(
        "followup",
        help="progression from a result and a follow-up record",
        description="Read the latest result or progression document and a "
        "backpath/followup/1 record; print backpath/progression/1.",
    )
    p.add_argument("previous", help="latest result or progression document (JSON)")
    p.add_argument("followup", help="follow-up record (JSON)")
    _fmt(p, "json")
    p.set_defaults(func=_guard(_followup))

    p = sub.add_parser("exercises", help="list the exercise and intervention library")
    p.add_argument("--category", help="only this category")
    _fmt(p)
    p.set_defaults(func=_guard(_exercises))

    p = sub.add_parser(
        "score",
        help="score an outcome instrument",
        description="Score an instrument from item values, e.g. "
        "'backpath score odi 3 2 2 3 2 1 2 0 2 1' (- for unanswered).",
    )
    p.add_argument("instrument", help="nrs, odi, rmdq, start_back or psfs (or a versioned key)")
    p.add_argument("values", nargs="+", help="item values in order")
    _fmt(p)
    p.set_defaults(func=_guard(_score))
