"""The home-programme PDF: drawn off the request thread, cached by content."""

from __future__ import annotations

import io
from typing import Any

import pytest

from backpath.web.programmes import pdf


def _text(content: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)


def test_a_worker_process_draws_the_pdf(settings: Any, accepted_plan: Any) -> None:
    settings.PDF_WORKERS = 1
    content = pdf.programme_pdf(accepted_plan)
    assert content.startswith(b"%PDF") and "Lying face down, pushing up on your hands" in " ".join(
        _text(content).split()
    )


def test_with_no_workers_the_request_draws_it(settings: Any, accepted_plan: Any) -> None:
    settings.PDF_WORKERS = 0
    assert pdf.programme_pdf(accepted_plan).startswith(b"%PDF")


def test_the_same_plan_is_drawn_once(
    settings: Any, accepted_plan: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.PDF_WORKERS = 0
    calls: list[str] = []
    monkeypatch.setattr(pdf, "draw_pdf", lambda html: calls.append(html) or b"%PDF-fake")
    assert pdf.programme_pdf(accepted_plan) == pdf.programme_pdf(accepted_plan) == b"%PDF-fake"
    assert len(calls) == 1


def test_a_change_in_what_the_pdf_shows_draws_it_again(
    settings: Any, accepted_plan: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.PDF_WORKERS = 0
    calls: list[str] = []
    monkeypatch.setattr(pdf, "draw_pdf", lambda html: calls.append(html) or b"%PDF-fake")
    pdf.programme_pdf(accepted_plan)
    accepted_plan.episode.patient.name = "Someone Else"
    accepted_plan.episode.patient.save()
    pdf.programme_pdf(accepted_plan)
    assert len(calls) == 2


def test_a_pdf_never_fetches_a_remote_address() -> None:
    from weasyprint.urls import FatalURLFetchingError

    with pytest.raises(FatalURLFetchingError):
        pdf.draw_pdf('<img src="http://127.0.0.1:9/picture.png">')


def test_warming_up_starts_the_worker(settings: Any) -> None:
    settings.PDF_WORKERS = 1
    pdf.warm_up()
    assert pdf._pool is not None


def test_the_pdf_worker_runs_at_a_lower_priority_than_pages(settings: Any) -> None:
    import os

    settings.PDF_WORKERS = 1
    pdf.warm_up()
    assert pdf._executor().submit(os.nice, 0).result(timeout=60) >= os.nice(0) + 10


def test_the_pdf_shows_every_exercise_and_topic_unfolded_with_every_step(
    settings: Any, accepted_plan: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from django.utils.html import escape

    from backpath.web.programmes.content import programme

    settings.PDF_WORKERS = 0
    drawn: list[str] = []
    monkeypatch.setattr(pdf, "draw_pdf", lambda html: drawn.append(html) or b"%PDF-fake")
    pdf.programme_pdf(accepted_plan)
    html, shown = drawn[0], programme(accepted_plan)
    assert "<details" not in html and "<summary" not in html
    for item in shown["items"]:
        for text in (*item["entry"].steps, item["entry"].cues.feel, item["entry"].cues.stop):
            assert escape(text) in html
    for topic in shown["education"]:
        assert all(escape(p) in html for p in topic.paragraphs)
