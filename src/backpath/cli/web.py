"""Web commands: ``manage`` (Django's manage.py), ``demo`` and ``serve``.

Settings come from the environment (docs/settings.md). ``serve --dev`` runs Django's
development server with DEBUG on; plain ``serve`` runs the Waitress WSGI server.
"""

from __future__ import annotations

import argparse
import os
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
    if settings.DEBUG:
        from django.core.management import call_command

        call_command("runserver", args.addr, use_reloader=False)
        return 0
    return _gunicorn(args.addr, args.workers, args.threads)


def _warm_up(worker: Any) -> None:
    from backpath.web.programmes.pdf import warm_up

    warm_up()


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
            self.cfg.set("post_worker_init", _warm_up)

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
