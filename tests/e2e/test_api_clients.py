"""A clinic admin makes and revokes an API client in the browser, at tablet and phone width;
axe-core finds nothing on either page."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from .axe import violations
from .conftest import sign_in

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize(("width", "height"), [(1024, 768), (390, 844)])
def test_an_admin_makes_and_revokes_an_api_client(
    server: dict[str, Any], browser: Any, shoot: Callable[[Any, str], Path], width: int, height: int
) -> None:
    base = server["url"]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    sign_in(page, base, "alice")
    page.goto(f"{base}/clinic/users/")
    page.click("[data-testid=api-clients-link]")
    assert violations(page) == []
    page.fill("#id_name", f"reporting at {width}px")
    page.check("input[name=scope][value=read]")
    page.click("[data-testid=client-form] button[type=submit]")
    token = page.inner_text("[data-testid=client-token]")
    assert token.startswith("bp_")
    assert violations(page) == []
    shoot(page, f"api-client-token-{width}")
    page.click("text=Done")
    row = page.locator("tr", has_text=f"reporting at {width}px")
    row.locator("button", has_text="Revoke").click()
    assert "revoked" in page.locator("tr", has_text=f"reporting at {width}px").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    shoot(page, f"api-clients-{width}")
    context.close()
