"""The home programme as a PDF (WeasyPrint; system fonts; nothing fetched from the network).

Drawing a PDF takes most of a second of CPU. So that it never holds up other requests, it is
drawn in a separate worker process (``PDF_WORKERS``, 0 = in the request), and the result is
cached by the SHA-256 of its HTML: plan versions never change, and any change to what the PDF
shows changes the HTML and so the key.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import re
import threading
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from .content import programme

__all__ = ["draw_pdf", "programme_pdf", "qr_svg", "warm_up"]

_pool: ProcessPoolExecutor | None = None
_pool_lock = threading.Lock()
CACHE_SECONDS = 24 * 3600


def draw_pdf(html: str) -> bytes:
    """HTML → PDF bytes; runs in a worker process (no Django needed there)."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    # inline data: only; any other address stops the PDF: nothing is ever fetched
    fetcher = URLFetcher(allowed_protocols={"data"}, fail_on_errors=True)
    pdf: bytes = HTML(string=html, url_fetcher=fetcher).write_pdf()
    return pdf


def _background() -> None:
    """PDF workers yield the CPU to page requests: a PDF may wait, a clinician should not."""
    os.nice(10)


def _executor() -> ProcessPoolExecutor:
    global _pool
    with _pool_lock:
        if _pool is None:
            # spawn: never fork a multi-threaded server process
            _pool = ProcessPoolExecutor(
                settings.PDF_WORKERS, multiprocessing.get_context("spawn"), _background
            )
        return _pool


def qr_svg(url: str) -> SafeString:
    """A QR code to ``url`` as inline SVG (segno; no image file, nothing fetched)."""
    import segno

    svg: str = segno.make(url, error="m").svg_inline(scale=4, border=2)
    return mark_safe(svg)  # segno's own markup: the URL is escaped inside it


CONTENT_MM = 182  # A4 (210 mm) less the margins
MIN_FIGURE_MM = 86  # over 40 % of the page width: legible at arm's length
_VIEWBOX = re.compile(r'viewBox="[-\d.]+ [-\d.]+ ([\d.]+) ([\d.]+)"')


def figure_layout(svg: str) -> tuple[float, bool]:
    """The picture's width in the PDF (mm) and whether it sits beside the text: a wide strip
    spans the card (about 24 mm high), an upright one takes the minimum width beside
    the steps."""
    found = _VIEWBOX.search(svg)
    aspect = float(found.group(1)) / float(found.group(2)) if found else 1.0
    if aspect < 2.5:
        return MIN_FIGURE_MM, True
    return round(min(CONTENT_MM - 10, max(MIN_FIGURE_MM, 24 * aspect)), 1), False


def pdf_html(plan: Any, link_url: str | None = None) -> str:
    """The PDF's HTML; ``link_url`` (the patient's link) adds a QR code on the first page."""
    context = programme(plan)
    for item in context["items"]:
        if item.get("figure"):
            item["pdf_figure_mm"], item["pdf_figure_side"] = figure_layout(str(item["figure"]))
    if link_url:
        context["qr_svg"] = qr_svg(link_url)
    return render_to_string("programmes/pdf.html", context)


def programme_pdf(plan: Any, link_url: str | None = None) -> bytes:
    """The programme as a PDF (see :func:`pdf_html`), cached by its HTML."""
    html = pdf_html(plan, link_url)
    key = "hep-pdf:" + hashlib.sha256(html.encode()).hexdigest()
    pdf: bytes | None = cache.get(key)
    if pdf is None:
        if settings.PDF_WORKERS:
            pdf = _executor().submit(draw_pdf, html).result(timeout=120)
        else:
            pdf = draw_pdf(html)
        cache.set(key, pdf, CACHE_SECONDS)
    return pdf


def warm_up() -> None:
    """Start the PDF worker and load WeasyPrint and its fonts before the first patient asks."""
    if settings.PDF_WORKERS:
        _executor().submit(draw_pdf, "<p>backpath</p>")
