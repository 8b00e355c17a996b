"""Template filters: readable labels for codes."""

from __future__ import annotations

from django import template

from backpath.web.labels import direction as _direction
from backpath.web.labels import human as _human

register = template.Library()


@register.filter
def human(code: object) -> str:
    return "" if code is None else _human(code)


@register.filter
def get(mapping: dict[str, str], key: str) -> str:
    return mapping.get(key, "")


@register.filter
def direction(code: object) -> str:
    return _direction(code)
