"""Shared pytest configuration: where the shared clinical cases live."""

from __future__ import annotations

import pathlib

SHARED_CASES = pathlib.Path(__file__).resolve().parents[1].parent / "shared" / "cases"
