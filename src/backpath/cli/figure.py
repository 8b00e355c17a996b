"""Figure commands: ``figure`` (one exercise's picture) and ``contact-sheet`` (all of them)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

__all__ = ["add_parser"]


def _say(message: str) -> None:
    print(f"backpath: {message}", file=sys.stderr)


def _write(out: str, data: str | bytes) -> int:
    """Write text or bytes to a file, or to standard output for ``-``; 0 or exit status 2."""
    try:
        if out == "-":
            if isinstance(data, bytes):
                sys.stdout.buffer.write(data)
                sys.stdout.buffer.flush()
            else:
                sys.stdout.write(data if data.endswith("\n") else data + "\n")
            return 0
        if isinstance(data, bytes):
            with open(out, "wb") as fh:
                fh.write(data)
        else:
            with open(out, "w", encoding="utf-8") as fh:
                fh.write(data)
    except OSError as exc:
        _say(f"{out}: cannot write ({exc.strerror or exc.__class__.__name__})")
        return 2
    return 0


def _figure(args: argparse.Namespace) -> int:
    from backpath import figures

    code: str = args.code
    if not figures.has_figure(code):
        _say(f"no figure for exercise {code!r} (see 'backpath contact-sheet' for all codes)")
        return 2
    render = {
        "animated": figures.render_animated,
        "thumbnail": figures.render_thumbnail,
    }.get(args.kind, figures.render_still)
    svg = render(code)
    if str(args.out).lower().endswith(".png"):
        from backpath.figures.sheet import svg_to_png

        return _write(args.out, svg_to_png(svg, scale=2.0))
    return _write(args.out, svg)


def _contact_sheet(args: argparse.Namespace) -> int:
    from backpath.figures.sheet import contact_sheet_png, contact_sheet_svg

    out: str = args.out
    fmt: str | None = args.format
    if fmt is None:
        lower = out.lower()
        fmt = "png" if lower.endswith(".png") else "svg" if lower.endswith(".svg") else None
        if fmt is None and out == "-":
            fmt = "svg"
    if fmt is None:
        _say(f"{out}: give a .png or .svg file name, or --format")
        return 2
    columns: int = args.columns
    if columns < 1:
        _say("--columns must be at least 1")
        return 2
    data: str | bytes = (
        contact_sheet_png(columns=columns) if fmt == "png" else contact_sheet_svg(columns=columns)
    )
    return _write(out, data)


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "figure",
        help="draw an exercise's stick-figure illustration as SVG",
        description="Write the SVG illustration of one exercise: a still strip of key frames "
        "(default), a looping animation, or a thumbnail.",
    )
    p.add_argument("code", help="exercise code, e.g. prone_press_up")
    kind = p.add_mutually_exclusive_group()
    kind.add_argument(
        "--still",
        dest="kind",
        action="store_const",
        const="still",
        help="key frames left to right with a movement arrow (default)",
    )
    kind.add_argument(
        "--animated", dest="kind", action="store_const", const="animated", help="looping animation"
    )
    kind.add_argument(
        "--thumbnail", dest="kind", action="store_const", const="thumbnail", help="one small frame"
    )
    p.set_defaults(kind="still")
    p.add_argument(
        "--out",
        default="-",
        help="output file (.svg, or .png for a picture of the first frame), or - for "
        "standard output (default)",
    )
    p.set_defaults(func=_figure)

    p = sub.add_parser(
        "contact-sheet",
        help="draw every exercise illustration in one labelled grid (PNG or SVG)",
    )
    p.add_argument("--out", required=True, help="output .png or .svg file, or - for stdout")
    p.add_argument("--format", choices=("png", "svg"), help="override the file name's format")
    p.add_argument("--columns", type=int, default=4, help="figures per row (default 4)")
    p.set_defaults(func=_contact_sheet)
