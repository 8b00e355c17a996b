"""The home programme as a PDF (WeasyPrint; system fonts; nothing fetched from the network).

Drawing a PDF takes most of a second of CPU, so it is a job on the queue
(:mod:`backpath.web.jobs`), drawn by the worker process at a lower priority than pages. The
result is kept in the shared cache under the SHA-256 of its HTML: plan versions never change,
and any change to what the PDF shows changes the HTML and so the key. The request enqueues
the job once (a short-lived marker stops duplicates) and waits up to ``PDF_WAIT_SECONDS`` for
it; if the worker is busier than that it answers "being prepared" and the next request serves
the drawn PDF.
"""

from __future__ import annotations

import hashlib
import time
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.template.loader import render_to_string

from backpath.web.jobs.queue import job

from .content import programme

__all__ = ["draw_pdf", "programme_html", "programme_pdf", "render_programme_pdf"]

CACHE_SECONDS = 24 * 3600
QUEUED_SECONDS = 120  # a job not done by then (worker gone, failed) may be enqueued again


def draw_pdf(html: str) -> bytes:
    """HTML → PDF bytes."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    # inline data: only; any other address stops the PDF: nothing is ever fetched
    fetcher = URLFetcher(allowed_protocols={"data"}, fail_on_errors=True)
    pdf: bytes = HTML(string=html, url_fetcher=fetcher).write_pdf()
    return pdf


def programme_html(plan: Any) -> tuple[str, str]:
    """The PDF's HTML and its cache key."""
    html = render_to_string("programmes/pdf.html", programme(plan))
    return html, "hep-pdf:" + hashlib.sha256(html.encode()).hexdigest()


@job("Draw a home-programme PDF")
def render_programme_pdf(plan_id: str, clinic_id: str | None = None) -> str:
    """Idempotent: a PDF already in the cache is not drawn again."""
    from backpath.web.assessments.models import PlanVersion

    plan = PlanVersion.objects.select_related("episode__patient").get(pk=plan_id)
    html, key = programme_html(plan)
    store = caches["shared"]
    if store.get(key) is None:
        store.set(key, draw_pdf(html), CACHE_SECONDS)
    return key


def programme_pdf(plan: Any, wait: float | None = None) -> bytes | None:
    """The plan's PDF; None if the worker has not drawn it within ``wait`` seconds."""
    _html, key = programme_html(plan)
    store = caches["shared"]
    pdf: bytes | None = store.get(key)
    if pdf is not None:
        return pdf
    if store.add("queued:" + key, 1, QUEUED_SECONDS):
        render_programme_pdf.enqueue(str(plan.pk), clinic_id=str(plan.episode.patient.clinic_id))
    deadline = time.monotonic() + (settings.PDF_WAIT_SECONDS if wait is None else wait)
    pause = 0.02
    while True:
        pdf = store.get(key)
        if pdf is not None or time.monotonic() >= deadline:
            return pdf
        time.sleep(pause)
        pause = min(pause * 1.5, 0.1)
