#!/usr/bin/env python
"""Run mypy with the django-stubs plugin: ``scripts/mypy_django.py [mypy arguments]``.

The plugin imports ``backpath.web.settings`` to learn the installed apps and models. Those
settings refuse to load without a real ``SECRET_KEY`` unless ``DEBUG`` is on, so this wrapper
turns on the development defaults for the type check only (nothing is served, nothing is
written). A ``DEBUG`` already set in the environment is kept.
"""

from __future__ import annotations

import os
import sys

os.environ.setdefault("DEBUG", "true")

from mypy.__main__ import console_entry  # the environment must be set first

if __name__ == "__main__":
    sys.argv[0] = "mypy"
    console_entry()
