"""The ``backpath`` command line: thin shells over :mod:`backpath.core`.

Each sub-command lives in its own module exposing ``add_parser(subparsers)``, which registers
the command and sets ``func`` to a callable taking the parsed arguments and returning an exit
code. Exit 0 on success, 2 with a one-line message on bad input (never a traceback).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

__all__ = ["COMMAND_MODULES", "build_parser", "main"]

# Modules that contribute sub-commands, in the order --help lists them.
COMMAND_MODULES: tuple[str, ...] = (
    "backpath.cli.clinical",
    "backpath.cli.figure",
    "backpath.cli.web",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="backpath",
        description="Directional-preference-led assessment, plans and outcomes for low back pain.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        module.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        code: int = args.func(args)
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
