"""The clinical core is pure Python: importing all of it never imports Django."""

from __future__ import annotations

import subprocess
import sys

PROBE = """
import importlib, pkgutil, sys
import backpath.core as core
for mod in pkgutil.walk_packages(core.__path__, "backpath.core."):
    importlib.import_module(mod.name)
import backpath.figures, backpath.cli.clinical
bad = sorted(m for m in sys.modules if m == "django" or m.startswith("django."))
print(",".join(bad))
"""


def test_the_core_never_imports_django() -> None:
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
