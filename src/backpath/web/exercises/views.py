"""The exercise library: every entry with its picture, filterable by category and by DP.

Nothing clinical here: which directions a DP avoids comes from ``backpath.core.avoid``, the
entries from ``backpath.core.library``, the pictures from ``backpath.figures``.
"""

from __future__ import annotations

from typing import Any, get_args

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from backpath.core.avoid import avoided_for_dp
from backpath.core.library import Exercise, default_library
from backpath.core.vocab import CATEGORIES, DirectionalPreference
from backpath.figures import has_figure, render_animated, render_still, render_thumbnail
from backpath.web.requests import AuthedRequest

DPS: tuple[str, ...] = get_args(DirectionalPreference)
_RENDER = {"thumbnail": render_thumbnail, "still": render_still, "animated": render_animated}


def _row(ex: Exercise) -> dict[str, Any]:
    lib = default_library()
    return {
        "ex": ex,
        "evidence": lib.evidence(ex.code),
        "has_figure": has_figure(ex.code),
        "loads": sorted(ex.loads),
        "dose": ex.dose.text(),
    }


def _filters(request: HttpRequest) -> tuple[str, str, frozenset[str], list[str]]:
    category = request.GET.get("category", "")
    dp = request.GET.get("dp", "")
    errors: list[str] = []
    if category and category not in CATEGORIES:
        errors.append(
            f"category: {category!r} is not a category; allowed values: " + ", ".join(CATEGORIES)
        )
    avoided: frozenset[str] = frozenset()
    if dp:
        try:
            avoided = avoided_for_dp(dp)
        except ValueError as exc:
            errors.append(str(exc))
    return category, dp, avoided, errors


@login_required
@require_GET
def exercise_list(request: AuthedRequest) -> HttpResponse:
    category, dp, avoided, errors = _filters(request)
    entries = (
        []
        if errors
        else [
            e
            for e in default_library()
            if (not category or e.category == category) and not e.loads & avoided
        ]
    )
    context = {
        "rows": [_row(e) for e in entries],
        "categories": CATEGORIES,
        "dps": DPS,
        "category": category,
        "dp": dp,
        "avoided": sorted(avoided),
        "errors": errors,
    }
    return render(request, "exercises/list.html", context, status=400 if errors else 200)


@login_required
@require_GET
def exercise_detail(request: AuthedRequest, code: str) -> HttpResponse:
    lib = default_library()
    if code not in lib:
        raise Http404("No such exercise")
    ex = lib.get(code)
    figure = mark_safe(render_animated(code)) if has_figure(code) else None  # our own SVG
    links = {
        k: lib.get(c)
        for k, c in (("progression", ex.progression), ("regression", ex.regression))
        if c and c in lib
    }
    return render(
        request,
        "exercises/detail.html",
        {
            **_row(ex),
            "figure": figure,
            "links": links,
            "alternatives": [lib.get(c) for c in ex.alternatives if c in lib],
        },
    )


@require_GET
@cache_control(public=True, max_age=86400)
def exercise_figure(request: HttpRequest, code: str, kind: str) -> HttpResponse:
    """A picture as SVG; public, because it shows no patient data (the HEP page uses it)."""
    if kind not in _RENDER or not has_figure(code):
        raise Http404("No such picture")
    return HttpResponse(_RENDER[kind](code), content_type="image/svg+xml")
