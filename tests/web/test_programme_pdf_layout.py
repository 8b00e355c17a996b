"""The PDF is legible: patient names, pictures at least 40 % of the page width, two exercises a
page where they fit (a five-exercise programme in at most four pages), a QR code to the link."""

from __future__ import annotations

import io
import os
from typing import Any

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

FIVE = [
    "prone_lying",
    "prone_on_elbows",
    "prone_press_up",
    "standing_back_extension",
    "prone_press_up_sag",
]


def _five_exercises(link: Any) -> Any:
    from backpath.core.library import default_library

    lib, plan = default_library(), link.plan
    items = []
    for code in FIVE:
        e = lib.get(code)
        dose = {k: v for k, v in vars(e.dose).items() if v} if hasattr(e.dose, "__dict__") else {}
        if not dose:
            dose = {
                f: getattr(e.dose, f)
                for f in ("reps", "sets", "hold_seconds", "times_per_day", "minutes")
                if getattr(e.dose, f)
            }
        items.append(
            {
                "exercise": code,
                "name": e.name,
                "category": e.category,
                "position": e.position,
                "loads": sorted(e.loads),
                "dose": dose,
                "reason": "test",
                "rule": "R5",
            }
        )
    plan.plan = {**plan.plan, "items": items}
    plan.save()
    return plan


@pytest.fixture
def five_pdf(client: Any, hep_link: tuple[Any, str]) -> bytes:
    link, token = hep_link
    _five_exercises(link)
    pdf: bytes = client.get(reverse("programmes:public_pdf", args=[token])).content
    if os.environ.get("BACKPATH_SAVE_PDF"):  # for looking at the pages (pdftoppm -png)
        with open(os.environ["BACKPATH_SAVE_PDF"], "wb") as out:
            out.write(pdf)
    return pdf


def test_a_five_exercise_programme_fits_in_four_pages(five_pdf: bytes) -> None:
    from pypdf import PdfReader

    pages = PdfReader(io.BytesIO(five_pdf)).pages
    assert len(pages) <= 4
    from backpath.core.library import default_library

    lib = default_library()
    per_page = [
        sum(lib.get(c).patient_name in " ".join(p.extract_text().split()) for c in FIVE)
        for p in pages
    ]
    assert sum(per_page) >= 5 and max(per_page) >= 2  # two exercises share a page


def _figure_widths(html: str) -> tuple[float, list[float]]:
    """Page width and the laid-out width of every exercise picture (CSS px): an ``<img>`` of
    the SVG since the figures stopped being inline (``programmes.pdf.figure_src``)."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols={"data"}, fail_on_errors=True)
    doc = HTML(string=html, url_fetcher=fetcher).render()
    widths: list[float] = []

    def walk(box: Any, inside: bool = False) -> None:
        element = getattr(box, "element", None)
        classes = (element.get("class") or "").split() if element is not None else []
        if inside and str(box.element_tag) in ("img", "svg"):
            widths.append(box.width)
            return
        for child in getattr(box, "children", []) or []:
            walk(child, inside or "figure" in classes)

    for page in doc.pages:
        walk(page._page_box)
    return doc.pages[0].width, widths


def test_every_picture_is_at_least_40_percent_of_the_page_width(
    hep_link: tuple[Any, str],
) -> None:
    from backpath.web.programmes.pdf import pdf_html

    plan = _five_exercises(hep_link[0])
    page_width, widths = _figure_widths(pdf_html(plan))
    assert len(widths) == len(FIVE)
    assert all(w >= 0.4 * page_width for w in widths), (page_width, widths)


def test_pictures_are_images_parsed_once_per_process(hep_link: tuple[Any, str]) -> None:
    """The PDF's pictures are ``data:`` SVG images, not inline markup, and WeasyPrint's image
    cache keeps them between PDFs, so the second PDF of the same plan parses none again."""
    import base64
    import re

    from backpath.web.programmes import pdf

    plan = _five_exercises(hep_link[0])
    html = pdf.pdf_html(plan)
    sources = re.findall(r'<img src="(data:image/svg\+xml;base64,[^"]+)"', html)
    assert len(sources) == len(FIVE)
    assert all(base64.b64decode(s.split(",", 1)[1]).startswith(b"<svg") for s in sources)
    assert '<div class="figure side" style="width: 86mm" data-testid="hep-figure-' in html
    assert "<svg" not in html.split("<h2", 1)[1]  # no inline figure markup below the title
    pdf._image_cache.clear()
    pdf.draw_pdf(html)
    assert set(sources) <= set(pdf._image_cache)
    cached = {s: pdf._image_cache[s] for s in sources}
    pdf.draw_pdf(html)
    assert all(pdf._image_cache[s] is cached[s] for s in sources)  # reused, not parsed again


def test_the_first_page_has_a_qr_code_to_the_link(client: Any, hep_link: tuple[Any, str]) -> None:
    from backpath.web.programmes.pdf import pdf_html, qr_svg

    link, token = hep_link
    url = "http://testserver" + reverse("programmes:public", args=[token])
    assert str(qr_svg(url)) in pdf_html(link.plan, url)  # the code drawn is the link's
    response = client.get(reverse("programmes:public_pdf", args=[token]))
    from pypdf import PdfReader

    first = PdfReader(io.BytesIO(response.content)).pages[0]
    assert "Scan to open your programme" in " ".join(first.extract_text().split())
    svg = str(qr_svg(url))
    assert svg.startswith("<svg") and "<path" in svg


def test_the_clinicians_pdf_has_no_qr_code(as_alice: Any, accepted_plan: Any) -> None:
    from pypdf import PdfReader

    response = as_alice.get(reverse("programmes:pdf", args=[accepted_plan.pk]))
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "Scan to open" not in text


def test_the_pdf_never_points_to_a_message_box_it_does_not_have(hep_link: tuple[Any, str]) -> None:
    from backpath.web.programmes.pdf import pdf_html

    link, _ = hep_link
    html = pdf_html(link.plan, "https://clinic.example/p/token/")
    assert "phone number on your appointment letter" in html and "message box" not in html


def test_the_worker_warm_up_parses_every_picture_a_pdf_can_use(hep_link: tuple[Any, str]) -> None:
    """After ``warm_up_figures`` (run as the worker starts) a plan's PDF finds every one of its
    pictures already parsed: the same ``data:`` addresses, nothing new in the cache."""
    import re

    from backpath.core.library import default_library
    from backpath.web.programmes import pdf

    pdf._image_cache.clear()
    warmed = pdf.warm_up_figures()
    assert warmed == len(pdf._image_cache) and warmed >= len(default_library()) // 2
    html = pdf.pdf_html(_five_exercises(hep_link[0]))
    sources = set(re.findall(r'<img src="(data:image/svg\+xml;base64,[^"]+)"', html))
    assert len(sources) == len(FIVE) and sources <= set(pdf._image_cache)
    before = dict(pdf._image_cache)
    pdf.draw_pdf(html)
    assert pdf._image_cache == before
