"""``{% submit_once_field %}``: the hidden one-time key of a create form."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from ..once import FIELD, new_key

register = template.Library()


@register.simple_tag
def submit_once_field() -> SafeString:
    return format_html('<input type="hidden" name="{}" value="{}">', FIELD, new_key())
