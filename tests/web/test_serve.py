"""What `backpath serve` and `backpath demo` do to the database before serving."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection


def test_migrating_refreshes_sqlite_planner_statistics(db: Any) -> None:
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL's autovacuum keeps its own statistics")
    from backpath.cli.web import _migrate

    _migrate()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'")
        assert cursor.fetchone()[0] == 1


def test_the_header_alert_count_is_an_index_search_not_a_walk_over_patients(
    db: Any, alice: Any
) -> None:
    """SQLite cannot use a partial index for Django's bound ``light IN (?, ?)``: the count must
    search the alert index, with the parameters exactly as Django sends them."""
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL chooses by its own statistics; this guards SQLite's planner")
    from backpath.web.programmes.alerts import clinic_open_alerts

    sql, params = clinic_open_alerts(alice.profile.clinic).query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        plan = " ".join(str(row[-1]) for row in cursor.fetchall())
    assert "sessionlog_alerts" in plan, plan
