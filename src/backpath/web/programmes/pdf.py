"""The home programme as a PDF (WeasyPrint; system fonts; nothing fetched from the network).

Drawing a PDF takes most of a second of CPU, so it is a job on the queue
(:mod:`backpath.web.jobs`), drawn by the worker process at a lower priority than pages. The
request renders the HTML (cheap), keeps it in the shared cache under its SHA-256 and enqueues
the job with that key only: a patient's PDF carries a QR code of their link, and the link's
token must never sit in the job table. The drawn PDF is kept under the same key — for a day,
or for :data:`LINK_PDF_SECONDS` when it carries a link. The request enqueues the job once (a
short-lived marker stops duplicates) and waits up to ``PDF_WAIT_SECONDS`` for it; if the worker
is busier than that it answers "being prepared" and the next request serves the drawn PDF.
"""

from __future__ import annotations

import base64
import hashlib
import re
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.cache import caches
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from backpath.web.jobs.queue import job

from .content import programme

if TYPE_CHECKING:
    from backpath.core.education import EducationTopic
    from backpath.web.plans.models import PlanVersion

__all__ = [
    "balanced_columns",
    "draw_pdf",
    "figure_src",
    "pdf_html",
    "programme_pdf",
    "qr_svg",
    "render_programme_pdf",
    "warm_up_figures",
]

CACHE_SECONDS = 24 * 3600
LINK_PDF_SECONDS = 15 * 60  # a PDF with the link's QR code is not kept for long
QUEUED_SECONDS = 120  # a job not done by then (worker gone, failed) may be enqueued again


# WeasyPrint's image cache, kept across PDFs in this process: an exercise's picture is the
# same data: address in every plan that has it, so it is parsed once, not once per PDF.
# Only pictures go through it (the QR code, unique to a link, stays inline); there are fewer
# than a few hundred, and the cache starts again if it ever grows past IMAGE_CACHE_LIMIT.
IMAGE_CACHE_LIMIT = 512
_image_cache: dict[str, Any] = {}


def draw_pdf(html: str) -> bytes:
    """HTML → PDF bytes."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    if len(_image_cache) > IMAGE_CACHE_LIMIT:
        _image_cache.clear()
    # inline data: only; any other address stops the PDF: nothing is ever fetched
    fetcher = URLFetcher(allowed_protocols={"data"}, fail_on_errors=True)
    pdf: bytes = HTML(string=html, url_fetcher=fetcher).write_pdf(cache=_image_cache)
    return pdf


def warm_up_figures() -> int:
    """Parse every library exercise's PDF picture into the image cache (the worker does this
    as it starts), so no patient's PDF pays for parsing a picture the first time it is used;
    returns how many pictures are cached. The pictures are made exactly as :func:`pdf_html`
    makes them (the same ``data:`` addresses), from a plan document of every exercise."""
    from backpath.core.library import default_library

    from .content import patient_items_of

    document = {"items": [{"exercise": e.code} for e in default_library()]}
    sources = [figure_src(str(i["figure"])) for i in patient_items_of(document) if i.get("figure")]
    draw_pdf("".join(f'<img src="{src}" alt="">' for src in sources))
    return len(set(sources) & set(_image_cache))


def figure_src(svg: str) -> str:
    """An exercise's SVG picture as a ``data:`` address for an ``<img>`` in the PDF.

    Inline, its few hundred elements went through the HTML parser and the CSS cascade of every
    PDF (a third of the drawing time); as an image it is parsed once per process (see
    :data:`_image_cache`) and never styled by the page."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode("ascii")


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


EDUCATION_COLUMNS = 3


def balanced_columns(weights: Sequence[int], columns: int) -> list[range]:
    """Split items, in reading order, into at most ``columns`` runs whose largest total weight
    is as small as it can be (the linear partition problem, exactly, by dynamic programming).

    The PDF sets its topics in three columns this way instead of with CSS ``columns``:
    WeasyPrint balances CSS columns by laying them out again and again, which took 4–12 s of a
    PDF's 5–13 s; a table of three pre-balanced cells takes well under a second and still
    continues on the next page when the topics are long."""
    n = len(weights)
    if n == 0 or columns < 1:
        return []
    k = min(columns, n)
    prefix = [0]
    for w in weights:
        prefix.append(prefix[-1] + w)
    inf = float("inf")
    # best[j][i]: the smallest largest run for the first i items in j runs; cut: where run j starts
    best = [[inf] * (n + 1) for _ in range(k + 1)]
    cut = [[0] * (n + 1) for _ in range(k + 1)]
    best[0][0] = 0
    for j in range(1, k + 1):
        for i in range(j, n + 1):
            for start in range(j - 1, i):
                cost = max(best[j - 1][start], prefix[i] - prefix[start])
                if cost < best[j][i]:
                    best[j][i], cut[j][i] = cost, start
    runs: list[range] = []
    end = n
    for j in range(k, 0, -1):
        start = cut[j][end]
        runs.append(range(start, end))
        end = start
    return runs[::-1]


def _topic_weight(topic: EducationTopic) -> int:
    return len(topic.title) + sum(len(p) for p in topic.paragraphs)


def pdf_html(plan: PlanVersion, link_url: str | None = None) -> str:
    """The PDF's HTML; ``link_url`` (the patient's link) adds a QR code on the first page."""
    context = programme(plan)
    topics = context.get("education") or []
    context["education_columns"] = [
        [(i + 1, topics[i]) for i in run]
        for run in balanced_columns([_topic_weight(t) for t in topics], EDUCATION_COLUMNS)
    ]
    for item in context["items"]:
        if item.get("figure"):
            item["pdf_figure_mm"], item["pdf_figure_side"] = figure_layout(str(item["figure"]))
            item["pdf_figure_src"] = figure_src(str(item["figure"]))
    if link_url:
        context["qr_svg"] = qr_svg(link_url)
    return render_to_string("programmes/pdf.html", context)


def _keys(html: str) -> tuple[str, str]:
    digest = hashlib.sha256(html.encode()).hexdigest()
    return "hep-pdf:" + digest, "hep-html:" + digest


@job("Draw a home-programme PDF")
def render_programme_pdf(
    key: str, seconds: int = CACHE_SECONDS, clinic_id: str | None = None
) -> str:
    """Idempotent: a PDF already in the cache is not drawn again; HTML no longer in the cache
    (its request long gone) is not drawn at all."""
    store = caches["shared"]
    if store.get(key) is None:
        html = store.get(key.replace("hep-pdf:", "hep-html:", 1))
        if html is not None:
            store.set(key, draw_pdf(html), seconds)
    return key


def programme_pdf(
    plan: PlanVersion, wait: float | None = None, link_url: str | None = None
) -> bytes | None:
    """The plan's PDF (with a QR code of ``link_url`` when given); None if the worker has not
    drawn it within ``wait`` seconds."""
    html = pdf_html(plan, link_url)
    key, html_key = _keys(html)
    store = caches["shared"]
    pdf: bytes | None = store.get(key)
    if pdf is not None:
        return pdf
    if store.add("queued:" + key, 1, QUEUED_SECONDS):
        store.set(html_key, html, QUEUED_SECONDS)
        seconds = LINK_PDF_SECONDS if link_url else CACHE_SECONDS
        clinic = str(plan.episode.patient.clinic_id)
        render_programme_pdf.enqueue(key, seconds, clinic_id=clinic)
    deadline = time.monotonic() + (settings.PDF_WAIT_SECONDS if wait is None else wait)
    pause = 0.02
    while True:
        pdf = store.get(key)
        if pdf is not None or time.monotonic() >= deadline:
            return pdf
        time.sleep(pause)
        pause = min(pause * 1.5, 0.05)
