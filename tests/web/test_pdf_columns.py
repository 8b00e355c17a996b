"""The PDF's education topics in three pre-balanced columns (a table), not CSS ``columns``:
WeasyPrint's CSS column balancing took most of a PDF's 5–13 s; the table draws in about one."""

from __future__ import annotations

import itertools
import re
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backpath.web.programmes.pdf import balanced_columns


def _brute_force_best(weights: list[int], columns: int) -> int:
    n, best = len(weights), sum(weights)
    for k in range(1, min(columns, n) + 1):
        for cuts in itertools.combinations(range(1, n), k - 1):
            edges = (0, *cuts, n)
            best = min(best, max(sum(weights[a:b]) for a, b in itertools.pairwise(edges)))
    return best


@given(st.lists(st.integers(min_value=0, max_value=900), max_size=9), st.integers(1, 4))
def test_runs_keep_reading_order_cover_every_topic_and_are_as_even_as_can_be(
    weights: list[int], columns: int
) -> None:
    runs = balanced_columns(weights, columns)
    assert [i for run in runs for i in run] == list(range(len(weights)))
    assert len(runs) <= columns and all(len(run) > 0 for run in runs)
    if weights:
        assert max(sum(weights[i] for i in run) for run in runs) == _brute_force_best(
            weights, columns
        )


def test_a_known_split() -> None:
    assert balanced_columns([5, 1, 1, 1, 5, 1], 3) == [range(0, 1), range(1, 4), range(4, 6)]
    assert balanced_columns([], 3) == []
    assert balanced_columns([3, 4], 3) == [range(0, 1), range(1, 2)]


@pytest.mark.django_db
def test_the_pdf_sets_its_topics_in_a_three_cell_table_in_order(
    monkeypatch: pytest.MonkeyPatch, accepted_plan: Any
) -> None:
    from django.utils.html import escape

    from backpath.web.programmes import pdf
    from backpath.web.programmes.content import programme

    html = pdf.pdf_html(accepted_plan)
    topics = programme(accepted_plan)["education"]
    assert len(topics) >= 3, "the fixture's plan should carry several education topics"
    assert "columns:" not in html  # no CSS multi-column layout for WeasyPrint to balance
    table = re.search(r'<table class="education".*?</table>', html, re.S)
    assert table is not None
    cells = re.findall(r"<td>(.*?)</td>", table.group(0), re.S)
    assert len(cells) == 3
    numbers = [int(n) for n in re.findall(r'data-testid="edu-(\d+)"', table.group(0))]
    assert numbers == list(range(1, len(topics) + 1))
    titles = re.findall(r"<h3>(.*?)</h3>", table.group(0))
    assert titles == [escape(t.title) for t in topics]


def test_topic_weight_counts_title_and_paragraphs() -> None:
    from backpath.web.programmes.pdf import _topic_weight

    assert _topic_weight(SimpleNamespace(title="abc", paragraphs=["de", "f"])) == 6
