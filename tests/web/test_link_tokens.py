"""A patient link's token is shown once and kept nowhere: not in a session row, not in a log
line (only its hash is stored, in the link's row)."""

from __future__ import annotations

import logging
import re
from typing import Any

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _new_link(as_alice: Any, plan: Any) -> str:
    response = as_alice.post(reverse("programmes:create_link", args=[plan.pk]))
    found = re.search(
        r'data-testid="new-link"><p>[^<]*</p><p><a href="([^"]+)"', response.content.decode()
    )
    assert found
    return found.group(1).rstrip("/").rsplit("/", 1)[1]


def test_a_new_links_token_is_in_no_session_row(as_alice: Any, accepted_plan: Any) -> None:
    token = _new_link(as_alice, accepted_plan)
    for session in Session.objects.all():
        assert token not in session.session_data
        assert token not in str(session.get_decoded())


def test_a_token_never_reaches_a_log_line(
    client: Any, hep_link: tuple[Any, str], caplog: Any
) -> None:
    from backpath.web.programmes.redact import RedactLinkTokens

    _link, token = hep_link
    handler = logging.getLogger("django").handlers[0]
    assert any(isinstance(f, RedactLinkTokens) for f in handler.filters)
    caplog.handler.addFilter(RedactLinkTokens())
    with caplog.at_level(logging.WARNING, logger="django.request"):
        client.get(reverse("programmes:public", args=["x" + token]))  # 404, logged
        client.post(
            reverse("programmes:public", args=[token]), {"change": "??", "emergency": "no"}
        )  # 400
    assert "Not Found" in caplog.text and "/p/<token>" in caplog.text
    assert token not in caplog.text
