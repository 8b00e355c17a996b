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


def test_the_open_alert_count_has_its_own_partial_index() -> None:
    from backpath.web.programmes.models import SessionLog

    names = {i.name for i in SessionLog._meta.indexes}
    assert "sessionlog_open_alert" in names
