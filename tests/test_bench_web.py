"""The web benchmark's own bookkeeping: what it counts as an error and what as deferred."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.append(str(Path(__file__).resolve().parents[1] / "benchmarks"))  # after all else

from _webclient import Response

from web import DEFERRED, ENDPOINTS, Samples, percentile, table


def _answer(status: int, seconds: float = 0.5) -> Response:
    return Response(status=status, body=b"", location="", seconds=seconds)


def test_a_pdf_being_prepared_is_an_error_where_targets_apply() -> None:
    s = Samples()
    s.add(_answer(202), {200})
    assert (s.errors, s.deferred, s.statuses) == (1, 0, {"202": 1})


def test_at_saturation_a_pdf_being_prepared_is_deferred_not_an_error() -> None:
    s = Samples()
    deferrable = DEFERRED["PDF (plan)"]
    for status in (200, 202, 202):
        s.add(_answer(status, 10.0), {200}, deferrable=deferrable)
    assert (s.errors, s.deferred) == (0, 2)
    [_, _, row] = table("t", {"PDF (plan)": s}, judged=False)
    assert "no errors ok" in row and "2 deferred" in row


def test_a_server_error_stays_an_error_at_saturation() -> None:
    s = Samples()
    s.add(_answer(500), {200}, deferrable=DEFERRED["PDF (plan)"])
    assert (s.errors, s.deferred) == (1, 0)


def test_only_endpoints_the_benchmark_knows_may_be_deferred() -> None:
    assert set(DEFERRED) <= set(ENDPOINTS)


def test_the_95th_percentile_is_the_nearest_rank() -> None:
    assert percentile([float(n) for n in range(1, 21)], 95) == 19.0
    assert percentile([float(n) for n in range(1, 101)], 95) == 95.0
    assert percentile([float(n) for n in range(1, 13)], 95) == 12.0  # 11.4 → the 12th
    assert percentile([float(n) for n in range(1, 101)], 50) == 50.0
    assert percentile([7.0], 95) == 7.0
