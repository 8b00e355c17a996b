"""The two headers a page needs to run the pose model and use the camera: WebAssembly
compilation in its Content-Security-Policy and ``camera=(self)`` in its Permissions-Policy.
Only the clinic's camera page and a patient's programme that offers "Count my reps" send
them; every other page keeps ``script-src 'self'`` and ``camera=()`` (the middleware's)."""

from __future__ import annotations

from django.http import HttpResponse

from backpath.web.clinics.middleware import CONTENT_SECURITY_POLICY

__all__ = ["CAMERA_CSP", "CAMERA_PERMISSIONS", "allow_camera"]

CAMERA_CSP = CONTENT_SECURITY_POLICY.replace(
    "script-src 'self'", "script-src 'self' 'wasm-unsafe-eval'"
)
CAMERA_PERMISSIONS = "camera=(self), microphone=(), geolocation=()"


def allow_camera(response: HttpResponse) -> HttpResponse:
    """``response`` may compile the pose model's WebAssembly and ask for this site's camera."""
    response.headers["Content-Security-Policy"] = CAMERA_CSP
    response.headers["Permissions-Policy"] = CAMERA_PERMISSIONS
    return response
