"""Docs that cannot rot: every command and clinical threshold is documented."""

from __future__ import annotations

import argparse
import pathlib

from backpath.cli import build_parser
from backpath.core.settings import SETTINGS_HELP, Thresholds

ROOT = pathlib.Path(__file__).resolve().parents[1]


def _commands() -> list[str]:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return sorted(sub.choices)


def test_every_cli_command_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text()
    missing = [c for c in _commands() if f"backpath {c}" not in readme]
    assert missing == []


def test_every_clinical_threshold_has_help() -> None:
    names = set(Thresholds.__dataclass_fields__)
    assert names == set(SETTINGS_HELP)


def test_the_readme_gives_the_two_commands_on_its_first_screen() -> None:
    first_screen = "\n".join((ROOT / "README.md").read_text().splitlines()[:30])
    assert "make run" in first_screen and "make test" in first_screen


def test_ci_runs_the_readme_test_command() -> None:
    assert "make test" in (ROOT / ".ci" / "run").read_text()


def test_the_readme_says_when_clinicians_are_signed_out_and_that_they_are_warned() -> None:
    from backpath.web.config import SETTINGS

    default = next(s.default for s in SETTINGS if s.name == "SESSION_IDLE_SECONDS")
    readme = " ".join((ROOT / "README.md").read_text().split())
    assert f"signed out after `SESSION_IDLE_SECONDS` without activity (default {default}" in readme
    assert "Stay signed in" in readme
