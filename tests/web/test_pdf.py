"""The home-programme PDF: drawn by a job on the queue, cached by content."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.urls import reverse

from backpath.web.programmes import pdf


def _text(content: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)


def test_the_job_draws_the_pdf_within_the_request_when_jobs_run_at_once(
    accepted_plan: Any,
) -> None:
    content = pdf.programme_pdf(accepted_plan)
    assert content is not None and content.startswith(b"%PDF")
    assert "Lying face down, pushing up on your hands" in " ".join(_text(content).split())


def test_the_same_plan_is_drawn_once(
    settings: Any, accepted_plan: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    monkeypatch.setattr(pdf, "draw_pdf", lambda html: calls.append(html) or b"%PDF-fake")
    assert pdf.programme_pdf(accepted_plan) == pdf.programme_pdf(accepted_plan) == b"%PDF-fake"
    assert len(calls) == 1


def test_a_change_in_what_the_pdf_shows_draws_it_again(
    settings: Any, accepted_plan: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
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


@pytest.fixture
def database_queue(settings: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    """The database backend, its worker run in the test's own transaction: the worker's
    check for stale connections would close that (outside a test it runs in autocommit)."""
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.TASKS_BACKEND_KIND = "database"
    return settings


def _run_worker_once() -> None:
    from backpath.web.jobs.worker import serve_queue

    serve_queue(batch=True, warm_up=False, nice=False)


def test_a_busy_worker_means_the_request_says_the_pdf_is_being_prepared(
    database_queue: Any, as_alice: Any, accepted_plan: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from django_tasks_db.models import DBTaskResult

    monkeypatch.setattr(pdf, "draw_pdf", lambda html: b"%PDF-fake")
    database_queue.PDF_WAIT_SECONDS = 0.1
    url = reverse("programmes:pdf", args=[accepted_plan.pk])
    first, second = as_alice.get(url), as_alice.get(url)
    assert first.status_code == second.status_code == 202
    assert b'data-testid="pdf-pending"' in first.content and first["Retry-After"] == "5"
    drawn = DBTaskResult.objects.filter(task_path__endswith=".render_programme_pdf")
    assert drawn.count() == 1  # asked twice, drawn once (beside the dashboard's own jobs)
    _run_worker_once()
    done = as_alice.get(url)
    assert done.status_code == 200 and done.content == b"%PDF-fake"
    assert drawn.get().status == "SUCCESSFUL"


def test_the_pdf_shows_every_exercise_and_topic_unfolded_with_every_step(
    settings: Any, accepted_plan: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from django.utils.html import escape

    from backpath.web.programmes.content import programme

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
