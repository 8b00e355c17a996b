"""docs/api.md documents every API and FHIR endpoint (a new endpoint fails here until it is)."""

from __future__ import annotations

import pathlib
import re
from typing import Any

import pytest

DOC = pathlib.Path(__file__).resolve().parents[3] / "docs" / "api.md"


@pytest.mark.django_db
def test_every_api_operation_is_in_docs_api_md(anonymous: Any) -> None:
    text = DOC.read_text()
    paths = anonymous("get", "openapi.json").json()["paths"]
    operations = [(m.upper(), p) for p, ops in paths.items() for m in ops]
    missing = [op for op in operations if f"| {op[0]} | `{op[1]}` |" not in text]
    assert missing == []


def test_every_fhir_route_is_in_docs_api_md() -> None:
    from backpath.web.fhir.urls import urlpatterns

    text = DOC.read_text()
    routes = [
        "/fhir/" + re.sub(r"<(?:uuid|str):(\w+)>", r"{\1}", str(p.pattern)) for p in urlpatterns
    ]
    assert [r for r in routes if f"`{r}`" not in text] == []
