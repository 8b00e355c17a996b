"""Benchmark of the web application on SQLite and PostgreSQL under a clinic-sized data set.

For each database: a fresh database (a temporary SQLite file in WAL mode, as the settings
configure it; or a dedicated PostgreSQL database ``backpath_bench``, created and dropped here),
``migrate``, ``seed_bench`` (10,000 patients, 30,000 visits by default), then the real server
(``backpath serve``, DEBUG off) on 127.0.0.1. N clinicians sign in; each endpoint is
measured alone (p50/p95/max), then N clinicians run a realistic mix concurrently for
``--seconds``. Errors are non-expected statuses or dropped connections; "database is locked"
is counted in the server log. Targets: p95 < 100 ms for pages, < 500 ms for the clinic
dashboard, < 1 s for the PDF, no errors (at saturation a PDF's "being prepared" answer is
counted apart, as deferred: see DEFERRED). On PostgreSQL above 20,000 patients the seeder writes
2,000 and clones them in SQL (``seed_bench --bulk-sql``): ``--patients 100000 --visits 1000000``.

    .venv/bin/python benchmarks/web.py [--db sqlite|postgres|both] [--patients 10000]
        [--visits 30000] [--seconds 60] [--users 20] [--think 2] [--capacity-seconds 30]
        [--samples 100] [--pdf-samples 20] [--workers N] [--threads N] [--postgres-url URL]
        [--only dashboard]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import signal
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _webclient import Client, Response
from _webserver import Server, running_server

PAGE_TARGET, PDF_TARGET, DASHBOARD_TARGET = 0.100, 1.0, 0.500
BULK_FROM = 20_000  # PostgreSQL: above this many patients, seed 2,000 and clone them in SQL
BULK_BASE = 2_000
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts" / "benchmarks"
DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/test"

ASSESSMENT_FORM = [  # an extension derangement, as a clinician would enter it
    ("action", "finish"),
    ("age", "45"),
    ("sex", "female"),
    ("duration_weeks", "2"),
    ("onset", "gradual"),
    ("pattern", "intermittent"),
    ("aggravating", "sitting"),
    ("aggravating", "bending"),
    ("easing", "walking"),
    ("sym-back-central", "6"),
    ("sym-back-central-kind", "pain"),
    ("sym-thigh-left", "4"),
    ("sym-thigh-left-kind", "pain"),
    ("test-RFIS-during", "peripheralise"),
    ("test-RFIS-after", "worse"),
    ("test-REIL-during", "centralise"),
    ("test-REIL-after", "centralised"),
    ("test-REIL-mechanical", "increased_rom"),
    ("nrs_back", "6"),
    ("nrs_leg", "4"),
    ("treatment-1", "hammy stretch"),
]


@dataclass
class Clinician:
    """One signed-in clinician, the public client their patients use, and their clinic's ids."""

    client: Client
    public: Client
    clinic: dict[str, Any]
    rnd: random.Random

    def any(self, key: str) -> Any:
        return self.rnd.choice(self.clinic[key])


Call = Callable[[Clinician], Response]


def _list(c: Clinician) -> Response:
    return c.client.get("/patients/")


def _list_page(c: Clinician) -> Response:
    return c.client.get(f"/patients/?page={c.rnd.randint(1, 100)}")


def _search_name(c: Clinician) -> Response:
    return c.client.get(f"/patients/?q={c.any('patients')['name'].split()[-1]}")


def _search_dob(c: Clinician) -> Response:
    return c.client.get(f"/patients/?q={c.any('patients')['dob']}")


def _patient(c: Clinician) -> Response:
    return c.client.get(f"/patients/{c.any('patients')['id']}/")


def _submit(c: Clinician) -> Response:
    fields = [*ASSESSMENT_FORM, ("assessed_on", date.today().isoformat())]
    return c.client.post(f"/episodes/{c.any('episodes')}/assessments/new/", fields)


ENDPOINTS: dict[str, tuple[Call, set[int], float]] = {  # name: (call, expected, target)
    "patient list": (_list, {200}, PAGE_TARGET),
    "patient list, page n": (_list_page, {200}, PAGE_TARGET),
    "search: name": (_search_name, {200}, PAGE_TARGET),
    "search: date of birth": (_search_dob, {200}, PAGE_TARGET),
    "patient page": (_patient, {200}, PAGE_TARGET),
    "episode page": (lambda c: c.client.get(f"/episodes/{c.any('episodes')}/"), {200}, PAGE_TARGET),
    "assessment result": (
        lambda c: c.client.get(f"/assessments/{c.any('assessments')}/"),
        {200},
        PAGE_TARGET,
    ),
    "plan page": (lambda c: c.client.get(f"/plans/{c.any('plans')}/"), {200}, PAGE_TARGET),
    "follow-up page": (
        lambda c: c.client.get(f"/followups/{c.any('followups')}/"),
        {200},
        PAGE_TARGET,
    ),
    "submit assessment (POST)": (_submit, {302}, PAGE_TARGET),
    "HEP page (public link)": (
        lambda c: c.public.get(f"/p/{c.any('tokens')}/"),
        {200},
        PAGE_TARGET,
    ),
    "PDF (plan)": (
        lambda c: c.client.get(f"/plans/{c.any('plans')}/programme.pdf"),
        {200},
        PDF_TARGET,
    ),
    "dashboard": (lambda c: c.client.get("/dashboard/"), {200}, DASHBOARD_TARGET),
    "dashboard, filtered": (
        lambda c: c.client.get(f"/dashboard/?syndrome=derangement&since={_year_ago()}"),
        {200},
        DASHBOARD_TARGET,
    ),
}
# Answers that mean "not ready within the wait; the page will come back for it": the PDF's
# "being prepared" page (202), once the worker has had PDF_WAIT_SECONDS. That is a latency: an
# error alone and under the realistic load, where targets apply; at saturation, where queues
# grow by design, counted and shown as "deferred", not as an error.
DEFERRED: dict[str, frozenset[int]] = {"PDF (plan)": frozenset({202})}
MIX = {  # relative frequency in a clinician's day
    "patient list": 10,
    "patient list, page n": 4,
    "search: name": 10,
    "search: date of birth": 5,
    "patient page": 20,
    "episode page": 14,
    "assessment result": 8,
    "plan page": 8,
    "follow-up page": 4,
    "submit assessment (POST)": 5,
    "HEP page (public link)": 10,
    "PDF (plan)": 2,
    "dashboard": 1,
    "dashboard, filtered": 1,
}


def _year_ago() -> str:
    return date.fromordinal(date.today().toordinal() - 365).isoformat()


@dataclass
class Samples:
    seconds: list[float] = field(default_factory=list)
    errors: int = 0
    deferred: int = 0  # answered "come back" (DEFERRED) at saturation
    statuses: dict[str, int] = field(default_factory=dict)
    started: list[float] = field(default_factory=list)  # monotonic clock, when one was sent

    def add(
        self,
        response: Response,
        expected: set[int],
        started: float | None = None,
        deferrable: frozenset[int] = frozenset(),
    ) -> None:
        self.seconds.append(response.seconds)
        self.started.append(time.monotonic() - response.seconds if started is None else started)
        if response.status in deferrable:
            self.deferred += 1
        elif response.status not in expected:
            self.errors += 1
            key = response.error or str(response.status)
            self.statuses[key] = self.statuses.get(key, 0) + 1


def percentile(values: list[float], p: float) -> float:
    """The nearest-rank percentile: the smallest value with at least ``p`` % of the values at
    or below it (p95 of 20 is the 19th; of 100, the 95th). Exact arithmetic, so no float or
    rounding error moves it a rank (``round(19.5)`` is 20 in Python)."""
    ordered = sorted(values)
    rank = math.ceil(Fraction(str(p)) * len(ordered) / 100)
    return ordered[min(len(ordered) - 1, max(0, rank - 1))]


def sign_in(server: Server, users: int) -> list[Clinician]:
    manifest = json.loads(server.manifest.read_text())
    clinics = manifest["clinics"]
    people = [(c, u) for c in clinics for u in c["users"]]
    people.sort(key=lambda cu: cu[1])  # bench-01, bench-02, … spread over the clinics
    clinicians = []
    for n, (clinic, username) in enumerate(people[:users]):
        client = Client(server.host, server.port)
        client.login(username, manifest["password"])
        public = Client(server.host, server.port)
        clinicians.append(Clinician(client, public, clinic, random.Random(n)))
    return clinicians


def measure_each(
    clinicians: list[Clinician], samples: int, pdf_samples: int, only: str = ""
) -> dict[str, Samples]:
    """Each endpoint (whose name starts with ``only``) alone, one request at a time, rotating
    over the clinicians."""
    results = {}
    for name, (call, expected, target) in ENDPOINTS.items():
        if not name.startswith(only):
            continue
        count = pdf_samples if target == PDF_TARGET else samples
        for c in clinicians[:3]:  # warm-up, not counted
            call(c)
        results[name] = Samples()
        for n in range(count):
            results[name].add(call(clinicians[n % len(clinicians)]), expected)
    return results


@dataclass(frozen=True)
class Run:
    results: dict[str, Samples]
    wall: float
    server_cpu: float  # seconds of CPU the server used during the run
    client_cpu: float  # … and this load generator


def load(
    server: Server,
    clinicians: list[Clinician],
    seconds: float,
    think: float,
    skip: tuple[str, ...] = (),
    saturation: bool = False,
) -> Run:
    """Every clinician in a thread, running the mix until the deadline, pausing a random
    ``think`` seconds on average (exponentially distributed) between requests; 0 = none.
    With pauses, each clinician's first request comes at a random moment in the first
    ``think`` seconds: a synchronised start would measure 20 requests queued at one instant,
    which a clinic never sees (the capacity run, without pauses, keeps that burst).
    ``saturation``: DEFERRED answers are counted as deferred, not as errors."""
    results = {name: Samples() for name in ENDPOINTS}
    lock, stop = threading.Lock(), threading.Event()
    names = [name for name in MIX if name not in skip]
    weights = [MIX[name] for name in names]
    deadline = time.monotonic() + seconds

    def work(c: Clinician) -> None:
        if think > 0:  # clinicians start at random moments, not all in the same millisecond
            stop.wait(c.rnd.uniform(0, think))
        while not stop.is_set() and time.monotonic() < deadline:
            name = c.rnd.choices(names, weights)[0]
            call, expected, _target = ENDPOINTS[name]
            sent = time.monotonic()
            response = call(c)
            with lock:
                deferrable = DEFERRED.get(name, frozenset()) if saturation else frozenset()
                results[name].add(response, expected, sent, deferrable)
            if think > 0:
                pause = min(c.rnd.expovariate(1 / think), deadline - time.monotonic())
                stop.wait(max(0.0, pause))

    threads = [threading.Thread(target=work, args=(c,), daemon=True) for c in clinicians]
    started, server_cpu, client_cpu = time.monotonic(), server.cpu_seconds(), time.process_time()
    for t in threads:
        t.start()
    try:
        for t in threads:
            t.join(timeout=max(0.0, deadline - time.monotonic()) + 120)
    finally:
        stop.set()
    return Run(
        results,
        time.monotonic() - started,
        server.cpu_seconds() - server_cpu,
        time.process_time() - client_cpu,
    )


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:8.1f}"


def table(
    title: str, results: dict[str, Samples], run: Run | None = None, judged: bool = True
) -> list[str]:
    """p50/p95/max per endpoint; ``judged``: compare p95 with its target (not at saturation,
    where queues grow by design and only errors count)."""
    lines = [
        title,
        f"  {'endpoint':26} {'n':>6} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} "
        f"{'errors':>6}  target",
    ]
    for name, s in results.items():
        if not s.seconds:
            continue
        target = ENDPOINTS[name][2]
        p95 = percentile(s.seconds, 95)
        verdict = "ok" if p95 < target and s.errors == 0 else "MISSED"
        if not judged:
            verdict = "ok" if s.errors == 0 else "ERRORS"
        detail = f" {s.statuses}" if s.statuses else ""
        if s.deferred:
            detail += f" ({s.deferred} deferred: 'being prepared', the page fetches it again)"
        lines.append(
            f"  {name:26} {len(s.seconds):6d} {_ms(percentile(s.seconds, 50))} {_ms(p95)} "
            f"{_ms(max(s.seconds))} {s.errors:6d}  "
            + (f"p95<{target * 1000:.0f}ms " if judged else "no errors ")
            + f"{verdict}{detail}"
        )
    if run:
        total = sum(len(s.seconds) for s in results.values())
        lines.append(
            f"  {total} requests in {run.wall:.1f}s = {total / run.wall:.1f} requests/s; "
            f"CPU: server {run.server_cpu / run.wall:.0%} of a core, "
            f"load generator {run.client_cpu / run.wall:.0%} ({os.cpu_count()} cores here)"
        )
    return lines


def _write_trace(path: Path, runs: dict[str, Run | None]) -> None:
    """One JSON line per request of the loads (phase, endpoint, start in s, ms, errors), to
    see whether slow requests cluster in time (a pause shared by all) or belong to one page."""
    rows = []
    for phase, run in runs.items():
        if run is None:
            continue
        for name, s in run.results.items():
            rows += [(phase, t, name, sec) for t, sec in zip(s.started, s.seconds, strict=True)]
    origin = min((t for _p, t, _n, _s in rows), default=0.0)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w") as out:
        for phase, t, name, sec in sorted(rows, key=lambda r: r[1]):
            out.write(
                json.dumps(
                    {
                        "phase": phase,
                        "at": round(t - origin, 4),
                        "endpoint": name,
                        "ms": round(sec * 1000, 1),
                    }
                )
                + "\n"
            )


def log_findings(text: str) -> dict[str, int]:
    return {
        "database is locked": text.count("database is locked"),
        "server errors (Internal Server Error)": text.count("Internal Server Error"),
        "tracebacks": text.count("Traceback (most recent call last)"),
        "worker timeouts or kills": text.count("WORKER TIMEOUT") + text.count("SIGKILL"),
    }


def bench(kind: str, args: argparse.Namespace) -> list[str]:
    seed = [f"--patients={args.patients}", f"--visits={args.visits}", f"--clinicians={args.users}"]
    if kind == "postgres" and args.patients > BULK_FROM:
        seed.append(f"--bulk-sql={BULK_BASE}")
    print(f"[{kind}] preparing the database and the server …", flush=True)
    serve = [f"--{k}={v}" for k, v in (("workers", args.workers), ("threads", args.threads)) if v]
    log = ARTIFACTS / f"web-{kind}-server.log"
    with running_server(kind, seed, serve, args.postgres_url, log) as server:
        clinicians = sign_in(server, args.users)
        print(f"[{kind}] {len(clinicians)} clinicians signed in; measuring …", flush=True)
        each = measure_each(clinicians, args.samples, args.pdf_samples, args.only)
        mixed = capacity = None
        if not args.only:
            print(f"[{kind}] {args.users} concurrent clinicians for {args.seconds}s …", flush=True)
            mixed = load(server, clinicians, args.seconds, args.think, args.skip)
        if args.capacity_seconds > 0 and not args.only:
            print(f"[{kind}] capacity: no pauses for {args.capacity_seconds}s …", flush=True)
            capacity = load(
                server, clinicians, args.capacity_seconds, 0.0, args.skip, saturation=True
            )
        findings = log_findings(server.log_text())
        described = server.describe()
    n = len(clinicians)
    retries = sum(c.client.stale_retries + c.public.stale_retries for c in clinicians)
    lines = [
        f"== {kind}: {args.patients} patients, {args.visits} visits; {described}",
        *table("-- each endpoint alone (sequential)", each),
    ]
    runs = []
    if mixed:
        title = (
            f"-- load: {n} concurrent clinicians, mixed, ~{args.think:g}s pause between clicks"
            + (f", without {', '.join(args.skip)}" if args.skip else "")
        )
        lines += table(title, mixed.results, mixed)
        runs.append(mixed)
    if capacity:
        title = (
            f"-- capacity: {n} concurrent clinicians, mixed, no pauses (saturation: shows "
            "the requests/s the server sustains; latency targets apply to the load above)"
        )
        lines += table(title, capacity.results, capacity, judged=False)
        runs.append(capacity)
    trace = ARTIFACTS / f"web-{kind}-requests.jsonl"
    _write_trace(trace, {"load": mixed, "capacity": capacity})
    loaded = [s for run in runs for s in run.results.values()]
    errors = sum(s.errors for s in [*each.values(), *loaded])
    alone_and_loaded = [each, *([mixed.results] if mixed else [])]
    judged = [(name, s) for r in alone_and_loaded for name, s in r.items() if s.seconds]
    met = sum(percentile(s.seconds, 95) < ENDPOINTS[name][2] for name, s in judged)
    lines.append(f"  p95 targets met (alone and under load): {met} of {len(judged)}")
    lines.append(f"  errors (unexpected status or dropped connection): {errors}")
    if capacity:
        for name in DEFERRED:
            s = capacity.results[name]
            lines.append(
                f"  {name} at saturation: {s.deferred} of {len(s.seconds)} answered 'being "
                "prepared' (202) after PDF_WAIT_SECONDS; that page refreshes itself to fetch it"
            )
    lines.append(
        f"  requests resent after the server closed an idle keep-alive connection: {retries}"
    )
    lines.append(f"  server log kept in {log}; every loaded request in {trace}")
    lines += [f"  server log: {k}: {v}" for k, v in findings.items()]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--patients", type=int, default=10_000)
    parser.add_argument("--visits", type=int, default=30_000)
    parser.add_argument("--seconds", type=float, default=60.0, help="length of the mixed load")
    parser.add_argument("--users", type=int, default=20, help="concurrent clinicians")
    parser.add_argument(
        "--think", type=float, default=2.0, help="mean pause between a clinician's requests (s)"
    )
    parser.add_argument(
        "--capacity-seconds",
        type=float,
        default=30.0,
        help="then the same mix with no pauses, to find the server's capacity (0: skip)",
    )
    parser.add_argument("--samples", type=int, default=100, help="requests per endpoint alone")
    parser.add_argument("--pdf-samples", type=int, default=20)
    parser.add_argument("--workers", type=int, help="server processes (serve's default)")
    parser.add_argument("--threads", type=int, help="threads per process (serve's default)")
    parser.add_argument(
        "--postgres-url",
        default=os.environ.get("BACKPATH_BENCH_POSTGRES_URL", DEFAULT_POSTGRES),
        help="an existing database to connect to; the benchmark creates and drops "
        "its own database 'backpath_bench' next to it",
    )
    parser.add_argument(
        "--skip",
        type=lambda text: tuple(part.strip() for part in text.split(",") if part.strip()),
        default=(),
        help="comma-separated endpoints to leave out of the mixed loads, e.g. 'PDF (plan)'",
    )
    parser.add_argument(
        "--only",
        default="",
        help="measure alone only the endpoints whose names start with this, e.g. 'dashboard' "
        "(no mixed loads)",
    )
    args = parser.parse_args(argv)
    if args.only and not any(name.startswith(args.only) for name in ENDPOINTS):
        parser.error(f"--only: no endpoint starts with {args.only!r}; see {list(ENDPOINTS)}")
    unknown = set(args.skip) - set(ENDPOINTS)
    if unknown:
        parser.error(f"--skip: unknown endpoints {sorted(unknown)}; choose from {list(ENDPOINTS)}")
    signal.signal(signal.SIGTERM, signal.default_int_handler)  # clean up as on Ctrl-C
    try:
        for kind in ("sqlite", "postgres") if args.db == "both" else (args.db,):
            print("\n".join(bench(kind, args)), flush=True)
    except KeyboardInterrupt:
        print("web.py: interrupted; the server was stopped and the database removed")
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
