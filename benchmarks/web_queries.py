"""Where a page's time goes: SQL queries (count, time, the slowest and the repeated ones) and,
with ``--profile``, the top functions by cumulative time, for each benchmark endpoint; with
``--rows``, the rows each dashboard request read (stored groups and episode rows) against the
episode rows in its scope (what a request read before the groups).

Runs the views in-process through Django's test client against a database seeded by
``seed_bench`` (settings from the environment, as for ``backpath serve``):

    DATABASE_URL=sqlite:////tmp/bench.sqlite3 SECRET_KEY=… backpath manage migrate
    … DEV_COMMANDS=true SSL_REDIRECT=false backpath manage seed_bench --manifest /tmp/manifest.json
    DATABASE_URL=… SECRET_KEY=… .venv/bin/python benchmarks/web_queries.py /tmp/manifest.json
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import logging
import os
import pstats
import re
import sys
import time
from collections import Counter
from datetime import date
from typing import Any

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "backpath.web.settings")


def _paths(clinic: dict[str, Any]) -> dict[str, tuple[str, str]]:
    p = clinic["patients"][0]
    return {
        "patient list": ("GET", "/patients/"),
        "search: name": ("GET", f"/patients/?q={p['name'].split()[-1]}"),
        "search: date of birth": ("GET", f"/patients/?q={p['dob']}"),
        "patient page": ("GET", f"/patients/{p['id']}/"),
        "episode page": ("GET", f"/episodes/{clinic['episodes'][0]}/"),
        "assessment result": ("GET", f"/assessments/{clinic['assessments'][0]}/"),
        "plan page": ("GET", f"/plans/{clinic['plans'][0]}/"),
        "follow-up page": ("GET", f"/followups/{clinic['followups'][0]}/"),
        "submit assessment": ("POST", f"/episodes/{clinic['episodes'][0]}/assessments/new/"),
        "HEP page": ("GET", f"/p/{clinic['tokens'][0]}/"),
        "PDF": ("GET", f"/plans/{clinic['plans'][0]}/programme.pdf"),
        "dashboard": ("GET", "/dashboard/"),
        "dashboard, filtered": ("GET", f"/dashboard/?syndrome=derangement&since={_year_ago()}"),
    }


def _year_ago() -> str:
    return date.fromordinal(date.today().toordinal() - 365).isoformat()


class _Rows(logging.Handler):
    """What the dashboard logs it read (``backpath.analytics``: groups and episode rows)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.seen: list[Any] = []
        log = logging.getLogger("backpath.analytics")
        log.setLevel(logging.DEBUG)
        log.addHandler(self)

    def emit(self, record: logging.LogRecord) -> None:
        self.seen.append(record.args)

    def report(self, user: Any, path: str) -> None:
        from urllib.parse import parse_qs, urlsplit

        from backpath.web.analytics.scope import parse_filters, scope_for

        if not self.seen:
            return
        groups, rows = self.seen[-1]
        query = {k: v[0] for k, v in parse_qs(urlsplit(path).query).items()}
        before = scope_for(user, parse_filters(query)).summaries().count()
        print(
            f"    rows read: {groups + rows:,} ({groups:,} groups + {rows:,} episode rows of "
            f"partial months); episode rows in scope (read before the groups): {before:,}"
        )
        self.seen.clear()


def _shape(sql: str) -> str:
    """The query with its literals removed, to spot the same query repeated (N+1)."""
    return re.sub(r"'[^']*'|\b\d+\b|%s", "?", sql)[:160]


def _form() -> dict[str, Any]:
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from web import ASSESSMENT_FORM

    form: dict[str, Any] = {}
    for key, value in [*ASSESSMENT_FORM, ("assessed_on", date.today().isoformat())]:
        form.setdefault(key, []).append(value)
    return form


def _report(name: str, status: int, seconds: float, queries: list[dict[str, Any]]) -> None:
    total = sum(float(q["time"]) for q in queries)
    print(
        f"{name:22} {status}  {seconds * 1000:7.1f} ms  {len(queries):3d} queries  "
        f"{total * 1000:6.1f} ms SQL"
    )
    for shape, count in Counter(_shape(q["sql"]) for q in queries).most_common(3):
        if count > 1:
            print(f"    ×{count}: {shape}")
    for q in sorted(queries, key=lambda q: -float(q["time"]))[:2]:
        print(f"    {float(q['time']) * 1000:6.1f} ms: {q['sql'][:160]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("manifest")
    parser.add_argument("--profile", action="store_true", help="also print cProfile's top 25")
    parser.add_argument("--only", help="just this endpoint (a name from the list)")
    parser.add_argument("--rows", action="store_true", help="rows each dashboard request read")
    args = parser.parse_args()
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    with open(args.manifest) as source:
        manifest = json.load(source)
    clinic = manifest["clinics"][0]
    client = Client(HTTP_HOST="127.0.0.1")
    user = get_user_model().objects.get(username=clinic["users"][0])
    client.force_login(user)
    rows = _Rows() if args.rows else None
    for name, (method, path) in _paths(clinic).items():
        if args.only and name != args.only:
            continue
        call = client.post if method == "POST" else client.get
        data = _form() if method == "POST" else None
        call(path, data)  # warm caches (templates, library, figures)
        reset_queries()
        profiler = cProfile.Profile() if args.profile else None
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            if profiler:
                profiler.enable()
            response = call(path, data)
            if profiler:
                profiler.disable()
            seconds = time.perf_counter() - started
        _report(name, response.status_code, seconds, captured.captured_queries)
        if rows is not None:
            rows.report(user, path)
        if profiler:
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(25)
            print(out.getvalue())
    return 0


if __name__ == "__main__":
    sys.exit(main())
