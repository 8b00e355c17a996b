"""The patient page as an offline app: its manifest and icons (drawn by our code, served
here), the service worker under the link, and the idempotency key that makes a log queued
offline and sent twice one session."""

from __future__ import annotations

import json
from typing import Any

from django.urls import reverse

from backpath.web.programmes.models import SessionLog

LOG = {"form": "session", "session": "yes", "change": "decreased", "emergency": "no"}


def _public(token: str) -> str:
    return reverse("programmes:public", args=[token])


def test_the_same_idempotency_key_never_makes_a_second_session(
    client: Any, hep_link: tuple[Any, str]
) -> None:
    _, token = hep_link
    key = "3f2c1a9e-8d7b-4c6a-9e1f-0a2b3c4d5e6f"
    first = client.post(_public(token), {**LOG, "client_key": key})
    again = client.post(_public(token), {**LOG, "client_key": key})
    assert first.status_code == again.status_code == 302
    assert first["Location"] == again["Location"]  # the same thank-you, for the same session
    assert SessionLog.objects.get().client_key == key
    client.post(_public(token), {**LOG, "client_key": "another-key"})
    client.post(_public(token), LOG)  # without a key (no script): as before
    assert SessionLog.objects.count() == 3


def test_a_malformed_idempotency_key_is_refused_naming_the_field(
    client: Any, hep_link: tuple[Any, str]
) -> None:
    _, token = hep_link
    for bad in ("x" * 65, "no spaces please", "<script>"):
        response = client.post(_public(token), {**LOG, "client_key": bad})
        assert response.status_code == 400 and "Idempotency key" in response.content.decode()
    assert not SessionLog.objects.exists()


def test_the_page_links_its_manifest_worker_and_offline_note(
    client: Any, hep_link: tuple[Any, str]
) -> None:
    _, token = hep_link
    html = client.get(_public(token)).content.decode()
    assert f'href="/p/{token}/manifest.webmanifest"' in html
    assert f'data-worker="/p/{token}/sw.js"' in html and f'data-scope="/p/{token}/"' in html
    assert 'data-testid="offline-note" hidden' in html and 'name="client_key"' in html


def test_the_manifest_is_scoped_to_the_link_with_local_icons(
    client: Any, hep_link: tuple[Any, str]
) -> None:
    _, token = hep_link
    response = client.get(reverse("offline:manifest", args=[token]))
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["start_url"] == manifest["scope"] == f"/p/{token}/"
    for icon in manifest["icons"]:
        assert icon["src"].startswith("/")  # served here
        image = client.get(icon["src"])
        assert image.status_code == 200 and image["Content-Type"] == icon["type"]
        if icon["type"] == "image/png":
            assert image.content.startswith(b"\x89PNG\r\n\x1a\n")
            width = int.from_bytes(image.content[16:20], "big")
            assert icon["sizes"] == f"{width}x{width}"


def test_the_service_worker_is_served_under_the_link_and_only_there(
    client: Any, hep_link: tuple[Any, str]
) -> None:
    _, token = hep_link
    response = client.get(reverse("offline:service_worker", args=[token]))
    assert response.status_code == 200 and response["Content-Type"] == "text/javascript"
    assert response["Service-Worker-Allowed"] == f"/p/{token}/"
    assert b"caches.open" in response.content
    assert client.get(reverse("offline:service_worker", args=["made-up"])).status_code == 404
    assert client.get(reverse("offline:manifest", args=["made-up"])).status_code == 404


def test_an_icon_of_an_unknown_size_is_a_404(client: Any, db: Any) -> None:
    assert client.get(reverse("offline:icon_png", args=[64])).status_code == 404
