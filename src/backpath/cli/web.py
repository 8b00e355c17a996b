"""Web commands: ``manage`` (Django's manage.py), ``demo``, ``serve`` and ``worker``.

Settings come from the environment (docs/settings.md). ``serve --dev`` runs Django's
development server with DEBUG on; plain ``serve`` runs the Waitress WSGI server.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
from typing import Any

__all__ = ["add_parser"]

SETTINGS_MODULE = "backpath.web.settings"


def _django(dev: bool = False) -> None:
    """Point Django at our settings and set it up; exit 2 with one line on a bad setting."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS_MODULE)
    if dev:
        os.environ.setdefault("DEBUG", "true")
    from backpath.web.config import ConfigError

    try:
        import django

        django.setup()
    except ConfigError as exc:
        print(f"backpath: {exc}", file=sys.stderr)
        raise SystemExit(2) from None


def _call(*args: str) -> None:
    from django.core.management import call_command

    call_command(*args)


def _migrate() -> None:
    """Migrate, then refresh SQLite's planner statistics (PostgreSQL's autovacuum keeps its own).

    Without statistics SQLite may walk every patient of a clinic for the header's alert count.
    """
    from django.db import connection

    _call("migrate", "--no-input", "-v", "0")
    _call("createcachetable")
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def _manage(args: argparse.Namespace) -> int:
    _django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["backpath manage", *args.args])
    return 0


def _demo(args: argparse.Namespace) -> int:
    _django(dev=args.dev)
    _migrate()
    from django.core.management import call_command

    call_command("demo", base_url=args.base_url)
    return 0


def _serve(args: argparse.Namespace) -> int:
    _django(dev=args.dev)
    _migrate()
    from django.conf import settings

    if not settings.DEBUG:
        from django.core.management import call_command

        call_command("collectstatic", "--no-input", verbosity=0)
    immediate = settings.TASKS_BACKEND_KIND == "immediate"  # jobs run in the request
    workers = _start_workers(0 if immediate else settings.TASKS_WORKERS)
    # SIGTERM (a service manager, ``kill``) stops the app like Ctrl-C does: workers too
    signal.signal(signal.SIGTERM, _raise_exit)
    try:
        if settings.DEBUG:
            from django.core.management import call_command

            call_command("runserver", args.addr, use_reloader=False)
            return 0
        return _gunicorn(args.addr, args.workers, args.threads)
    finally:
        _stop_workers(workers)


def _raise_exit(signum: int, frame: Any) -> None:
    raise SystemExit(0)


def _die_with_parent() -> None:
    """In the worker (Linux): get SIGTERM if the server dies without stopping it (kill -9)."""
    try:
        import ctypes

        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _start_workers(count: int) -> list[subprocess.Popen[bytes]]:
    """The job workers (``backpath worker``), children of this process."""
    command = [sys.executable, "-m", "backpath.cli", "worker"]
    return [subprocess.Popen(command, preexec_fn=_die_with_parent) for _ in range(count)]


def _stop_workers(workers: list[subprocess.Popen[bytes]]) -> None:
    """SIGTERM: each worker finishes its current job and exits; one that hangs is killed."""
    for process in workers:
        if process.poll() is None:
            process.terminate()
    for process in workers:
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _worker(args: argparse.Namespace) -> int:
    _django()
    _call("jobs_worker", *(["--batch"] if args.batch else []))
    return 0


def _gunicorn(addr: str, workers: int, threads: int) -> int:
    """Serve with gunicorn: ``workers`` processes (so every core serves) of ``threads`` each."""
    from gunicorn.app.base import BaseApplication

    class _App(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            options = {
                "bind": addr,
                "workers": workers,
                "threads": threads,
                "worker_class": "gthread",
                "timeout": 120,
                "graceful_timeout": 10,
                "keepalive": 75,
                "errorlog": "-",
                "loglevel": "warning",
            }
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self) -> Any:
            from backpath.web.wsgi import application

            return application

    print(
        f"backpath: serving on http://{addr}/ with {workers} processes (Ctrl-C to stop)", flush=True
    )
    _App().run()
    return 0


def add_parser(subparsers: Any) -> None:
    manage = subparsers.add_parser(
        "manage",
        help="run a Django management command",
        description="Django's manage.py with backpath's settings.",
    )
    manage.add_argument("args", nargs=argparse.REMAINDER, help="command and its arguments")
    manage.set_defaults(func=_manage)

    demo = subparsers.add_parser("demo", help="migrate and load demo clinics and patients")
    demo.add_argument(
        "--base-url",
        default="http://127.0.0.1:8000",
        help="site address for the printed patient links",
    )
    demo.add_argument("--dev", action="store_true", help="development mode (DEBUG=true)")
    demo.set_defaults(func=_demo)

    serve = subparsers.add_parser("serve", help="migrate and run the web application")
    serve.add_argument("--addr", default="127.0.0.1:8000", help="host:port to listen on")
    serve.add_argument(
        "--dev", action="store_true", help="Django's development server with DEBUG=true"
    )
    serve.add_argument(
        "--workers", type=int, default=os.cpu_count() or 2, help="server processes (production)"
    )
    serve.add_argument("--threads", type=int, default=8, help="threads per process (production)")
    serve.set_defaults(func=_serve)

    worker = subparsers.add_parser(
        "worker",
        help="run the background job worker",
        description="Run background jobs (PDFs, emails, escalations) until stopped; `serve` "
        "starts TASKS_WORKERS of these itself.",
    )
    worker.add_argument("--batch", action="store_true", help="run the jobs that are due, then exit")
    worker.set_defaults(func=_worker)
