"""The camera page (its own headers: WebAssembly and the camera, see headers.py) and the
JSON endpoint that asks the core for the suggested ``mechanical`` response."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from backpath.core.camera import CAMERA_TESTS, camera_direction, suggest_mechanical
from backpath.web.labels import TEST_LABELS
from backpath.web.requests import AuthedRequest

from .headers import allow_camera

MECHANICAL_LABELS = {
    "increased_rom": "Increased range",
    "decreased_rom": "Decreased range",
    "no_effect": "No effect on range",
}


@login_required
@require_GET
def measure(request: AuthedRequest, code: str) -> HttpResponse:
    if code not in CAMERA_TESTS:
        raise Http404("This test cannot be measured with the camera.")
    context = {
        "code": code,
        "label": TEST_LABELS.get(code, code),
        "direction": camera_direction(code),
        "mechanical": MECHANICAL_LABELS,
    }
    return allow_camera(render(request, "camera/measure.html", context))


def _bad(field: str, message: str) -> JsonResponse:
    return JsonResponse({"field": field, "error": message}, status=400)


@login_required
@require_GET
def suggest(request: AuthedRequest) -> JsonResponse:
    test = request.GET.get("test", "")
    if test not in CAMERA_TESTS:
        allowed = ", ".join(CAMERA_TESTS)
        return _bad("test", f"test must be one of: {allowed}")
    numbers: dict[str, float] = {}
    for name in ("first_deg", "last_deg"):
        try:
            numbers[name] = float(request.GET.get(name, ""))
        except ValueError:
            return _bad(name, f"{name} must be a number of degrees from 0 to 180")
        if not 0 <= numbers[name] <= 180:  # also refuses nan; inf is above 180
            return _bad(name, f"{name} must be a number of degrees from 0 to 180")
    got = suggest_mechanical(test, numbers["first_deg"], numbers["last_deg"])
    return JsonResponse(
        {
            "test": test,
            "mechanical": got.mechanical,
            "label": MECHANICAL_LABELS[got.mechanical],
            "change_deg": got.change_deg,
            "reasons": list(got.reasons),
            "rule": got.rule,
        }
    )
