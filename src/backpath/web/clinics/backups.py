"""Backing up and restoring the whole database, online.

SQLite: the ``sqlite3`` online backup API copies a consistent snapshot page by page while the
app keeps writing — including what is still in the write-ahead log, which copying the file
would miss. PostgreSQL: ``pg_dump --format=custom`` (one consistent snapshot) and
``pg_restore``. A restore goes into an empty database only (``--force`` to overwrite one), and
is followed by a check of the audit trail's hash chain.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.db import connection

__all__ = ["BackupError", "backup", "is_empty", "restore"]


class BackupError(RuntimeError):
    """A backup or restore that cannot go ahead; the message says why."""


def _sqlite_path() -> str:
    return str(connection.settings_dict["NAME"])


def _pg_env_and_args() -> tuple[dict[str, str], list[str]]:
    db = connection.settings_dict
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    args = [f"--dbname={db['NAME']}"]
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if db.get(key):
            args.append(f"{flag}={db[key]}")
    return env, args


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(f"{name} is not installed: install the PostgreSQL client tools")
    return found


def backup(target: Path) -> None:
    """Write a backup of the live database to ``target`` (which must not exist yet)."""
    if target.exists():
        raise BackupError(f"{target} exists: choose a new file name")
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(target) as copy:
            connection.connection.backup(copy)
        copy.close()
        return
    env, args = _pg_env_and_args()
    command = [_tool("pg_dump"), "--format=custom", "--no-owner", f"--file={target}", *args]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BackupError(f"pg_dump failed: {done.stderr.strip()}")


def is_empty() -> bool:
    """True when the database has no tables of ours yet (a fresh one)."""
    return "django_migrations" not in connection.introspection.table_names()


def restore(source: Path, force: bool = False) -> None:
    """Replace the database's content with the backup ``source``."""
    if not source.is_file():
        raise BackupError(f"{source} is not a backup file")
    if not force and not is_empty():
        raise BackupError("the database is not empty: restore into a new one (or use --force)")
    if connection.vendor == "sqlite":
        _restore_sqlite(source)
        return
    env, args = _pg_env_and_args()
    command = [_tool("pg_restore"), "--no-owner", "--exit-on-error", *args, str(source)]
    if force:
        command[1:1] = ["--clean", "--if-exists"]
    connection.close()
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BackupError(f"pg_restore failed: {done.stderr.strip()}")


def _restore_sqlite(source: Path) -> None:
    with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as backup_db:
        if backup_db.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise BackupError(f"{source} is not an intact SQLite database")
        connection.close()
        with sqlite3.connect(_sqlite_path()) as live:
            backup_db.backup(live)
        live.close()
    backup_db.close()
