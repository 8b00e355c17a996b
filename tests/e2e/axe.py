"""Accessibility checks with axe-core (the copy bundled in axe-playwright-python, served from
the test process: the page under test loads nothing from another site).

``violations(page)`` runs axe on the page as it is now and returns one readable line per
violation (rule, what it asks, the elements), so a failing test says what to fix::

    assert violations(page) == []
"""

from __future__ import annotations

from typing import Any

from axe_playwright_python.sync_playwright import Axe

_AXE = Axe()


def violations(page: Any, *, context: str | None = None) -> list[str]:
    """Every axe-core violation on ``page`` (optionally only inside the ``context`` selector)."""
    found = _AXE.run(page, context=context).response.get("violations", [])
    lines = []
    for rule in found:
        targets = ", ".join(" ".join(node["target"]) for node in rule["nodes"][:5])
        lines.append(f"{rule['id']}: {rule['help']} — {len(rule['nodes'])} element(s): {targets}")
    return lines
