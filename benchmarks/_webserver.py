"""The web benchmark's server side: a database (a temporary SQLite file, or a dedicated
PostgreSQL database created and dropped here), ``migrate``, ``seed_bench`` and the real server
(``backpath serve``, DEBUG off) on a free loopback port, stopped on exit.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

__all__ = ["BENCH_DATABASE", "Server", "bench_database", "running_server"]

HOST = "127.0.0.1"
BENCH_DATABASE = os.environ.get("BACKPATH_BENCH_DATABASE", "backpath_bench")  # one per run
STARTUP_SECONDS = 120
SECRET_KEY = "benchmark-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz"


@dataclass(frozen=True)
class Server:
    host: str
    port: int
    log: Path
    manifest: Path
    env: dict[str, str]
    pid: int

    def log_text(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def cpu_seconds(self) -> float:
        """User + system CPU time used so far by the server and its worker processes (those
        alive now: gunicorn workers, the job worker), from Linux's /proc."""
        stats = {}
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            stats[int(stat.parent.name)] = (int(fields[1]), int(fields[11]) + int(fields[12]))
        tree, ticks = {self.pid}, 0
        for _ in range(4):  # children, grandchildren, …
            tree |= {pid for pid, (ppid, _t) in stats.items() if ppid in tree}
        ticks = sum(stats[pid][1] for pid in tree if pid in stats)
        return ticks / os.sysconf("SC_CLK_TCK")

    def describe(self) -> str:
        """The server's first line ("backpath: serving on … with N processes")."""
        first = self.log_text().splitlines()[:1]
        return first[0].removeprefix("backpath: ") if first else "?"


def _backpath(*args: str) -> list[str]:
    return [sys.executable, "-m", "backpath.cli", *args]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def _postgres_admin(url: str, *statements: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        for statement in statements:
            conn.execute(statement)


@contextmanager
def bench_database(kind: str, workdir: Path, postgres_url: str) -> Iterator[str]:
    """A DATABASE_URL for an empty database, removed afterwards."""
    if kind == "sqlite":
        yield f"sqlite:///{workdir / 'bench.sqlite3'}"
        return
    parts = urlsplit(postgres_url)
    if parts.hostname not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit(f"web.py: PostgreSQL must be on a loopback address, not {parts.hostname}")
    drop = f"DROP DATABASE IF EXISTS {BENCH_DATABASE} WITH (FORCE)"
    _postgres_admin(postgres_url, drop, f"CREATE DATABASE {BENCH_DATABASE}")
    try:
        yield urlunsplit(parts._replace(path=f"/{BENCH_DATABASE}"))
    finally:
        _postgres_admin(postgres_url, drop)


def _wait_until_up(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited early:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.25)
    raise RuntimeError(f"the server did not answer within {STARTUP_SECONDS}s")


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _run(args: list[str], env: dict[str, str], what: str) -> str:
    started = time.perf_counter()
    done = subprocess.run(args, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"{what} failed:\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}")
    print(f"  {what}: {time.perf_counter() - started:.1f}s {done.stdout.strip()}", flush=True)
    return done.stdout


@contextmanager
def running_server(
    kind: str,
    seed_args: list[str],
    serve_args: list[str],
    postgres_url: str,
    keep_log: Path | None = None,
) -> Iterator[Server]:
    """Migrate and seed a fresh database, serve it, and clean everything up afterwards."""
    workdir = Path(tempfile.mkdtemp(prefix=f"backpath-bench-{kind}-"))
    process: subprocess.Popen[bytes] | None = None
    try:
        with bench_database(kind, workdir, postgres_url) as url:
            env = {
                **os.environ,
                "DATABASE_URL": url,
                "SECRET_KEY": SECRET_KEY,
                "DEBUG": "false",
                "DEV_COMMANDS": "true",  # seed_bench
                "SSL_REDIRECT": "false",  # plain HTTP on loopback
                "ALLOWED_HOSTS": HOST,
                "STATIC_ROOT": str(workdir / "static"),
            }
            env.pop("DJANGO_SETTINGS_MODULE", None)
            manifest = workdir / "manifest.json"
            _run(_backpath("manage", "migrate", "--no-input", "-v", "0"), env, "migrate")
            seed = _backpath("manage", "seed_bench", *seed_args, "--manifest", str(manifest))
            _run(seed, env, "seed_bench")
            port, log = _free_port(), workdir / "server.log"
            serve = _backpath("serve", "--addr", f"{HOST}:{port}", *serve_args)
            with log.open("wb") as out:
                process = subprocess.Popen(serve, env=env, stdout=out, stderr=subprocess.STDOUT)
            _wait_until_up(f"http://{HOST}:{port}/login/", process, log)
            try:
                yield Server(HOST, port, log, manifest, env, process.pid)
            finally:
                _stop(process)
                if keep_log is not None:
                    keep_log.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(log, keep_log)
    finally:
        if process is not None:
            _stop(process)
        shutil.rmtree(workdir, ignore_errors=True)
