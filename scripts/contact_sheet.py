#!/usr/bin/env python3
"""Render every exercise illustration into one labelled contact sheet (PNG or SVG).

Usage: scripts/contact_sheet.py [OUT]   (default: contact_sheet.png)
Same as ``backpath contact-sheet --out OUT``.
"""

from __future__ import annotations

import sys

from backpath.cli import main

if __name__ == "__main__":
    out = sys.argv[1] if len(sys.argv) > 1 else "contact_sheet.png"
    sys.exit(main(["contact-sheet", "--out", out, *sys.argv[2:]]))
