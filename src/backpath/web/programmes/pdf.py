"""The home programme as a PDF (WeasyPrint; system fonts; nothing fetched from the network)."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string

from .content import programme


def _no_fetch(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    raise ValueError(f"backpath PDFs never fetch resources (asked for {url})")


def programme_pdf(plan: Any) -> bytes:
    from weasyprint import HTML

    html = render_to_string("programmes/pdf.html", programme(plan))
    pdf: bytes = HTML(string=html, url_fetcher=_no_fetch).write_pdf()
    return pdf
