"""The manifest and the service worker of a patient's link, and the app icons."""

from __future__ import annotations

import json
from pathlib import Path

from django.contrib.staticfiles import finders
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse

from .icons import SIZES, icon_png, icon_svg


def link_or_404(token: str) -> object:
    from backpath.web.programmes.views import link_or_404 as find

    return find(token)


def manifest(request: HttpRequest, token: str) -> HttpResponse:
    link_or_404(token)
    home = reverse("programmes:public", args=[token])
    body = {
        "name": "Your home exercises",
        "short_name": "Exercises",
        "start_url": home,
        "scope": home,
        "id": home,
        "display": "standalone",
        "background_color": "#f6f8f9",
        "theme_color": "#20607a",
        "icons": [
            *(
                {
                    "src": reverse("offline:icon_png", args=[s]),
                    "sizes": f"{s}x{s}",
                    "type": "image/png",
                }
                for s in SIZES
            ),
            {"src": reverse("offline:icon_svg"), "sizes": "any", "type": "image/svg+xml"},
        ],
    }
    return HttpResponse(json.dumps(body), content_type="application/manifest+json")


def service_worker(request: HttpRequest, token: str) -> HttpResponse:
    """Served from under the link, so its scope is the link and nothing else."""
    link_or_404(token)
    path = finders.find("backpath/sw.js")
    if not path:
        raise Http404("no service worker")
    response = HttpResponse(Path(str(path)).read_bytes(), content_type="text/javascript")
    response["Cache-Control"] = "no-cache"
    response["Service-Worker-Allowed"] = reverse("programmes:public", args=[token])
    return response


def png(request: HttpRequest, size: int) -> HttpResponse:
    if size not in SIZES:
        raise Http404(f"size: {size}; allowed values: {', '.join(map(str, SIZES))}")
    return HttpResponse(icon_png(size), content_type="image/png")


def svg(request: HttpRequest) -> HttpResponse:
    return HttpResponse(icon_svg(), content_type="image/svg+xml")


__all__ = ["manifest", "png", "service_worker", "svg"]
