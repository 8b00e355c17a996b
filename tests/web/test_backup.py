"""Backup under concurrent writes, restore into a fresh database: every write acknowledged
before the backup began is there, and the audit chain holds (no fork from the concurrent
writers, nothing lost from SQLite's write-ahead log). On SQLite always; on PostgreSQL too when
the suite runs on it (``DATABASE_URL=postgres://…``), with pg_dump and pg_restore."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

WRITERS, WRITES, ACKED_BEFORE_BACKUP = 3, 150, 15
KEY = "backup-test-secret-key-0123456789abcdefghijklmnopqrstuvwxyz"
_WRITER = """
import sys, django
django.setup()
from backpath.web.audit.trail import Actor, record
for n in range(int(sys.argv[2])):
    print(record(Actor(path="writer"), "test.write", writer=sys.argv[1], n=n).pk, flush=True)
"""
_IDS = """
import json
from backpath.web.audit.models import AuditEntry
print(json.dumps(list(AuditEntry.objects.filter(action="test.write").values_list("pk", flat=True))))
"""


def _backpath(*args: str) -> list[str]:
    return [sys.executable, "-m", "backpath.cli", *args]


def _env(url: str, tmp: Path) -> dict[str, str]:
    env = {**os.environ, "DATABASE_URL": url, "SECRET_KEY": KEY, "STATIC_ROOT": str(tmp)}
    env["DJANGO_SETTINGS_MODULE"] = "backpath.web.settings"
    return env


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(_backpath(*args), env=env, capture_output=True, text=True, check=False)


@pytest.fixture(params=["sqlite", "postgresql"])
def databases(request: Any, tmp_path: Path) -> Iterator[tuple[str, str]]:
    """(source, target) URLs of two new, empty databases."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'live.sqlite3'}", f"sqlite:///{tmp_path / 'new.sqlite3'}"
        return
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith("postgres"):
        pytest.skip("PostgreSQL runs when the suite does (DATABASE_URL=postgres://…)")
    parts = urlsplit(base)
    names = [f"backpath_bk_{uuid.uuid4().hex[:8]}_{n}" for n in ("live", "new")]
    server = [f"--host={parts.hostname}", f"--port={parts.port or 5432}"]
    server += [f"--username={parts.username}"] if parts.username else []
    for name in names:
        subprocess.run(["createdb", *server, name], check=True)
    try:
        yield tuple(parts._replace(path=f"/{name}").geturl() for name in names)  # type: ignore[misc]
    finally:
        for name in names:
            subprocess.run(["dropdb", "--if-exists", "--force", *server, name], check=False)


def _read_acks(process: subprocess.Popen[str], acks: list[int]) -> None:
    assert process.stdout is not None
    for line in process.stdout:
        acks.append(int(line))


def _start_writers(env: dict[str, str]) -> tuple[list[subprocess.Popen[str]], list[list[int]]]:
    acks: list[list[int]] = [[] for _ in range(WRITERS)]
    writers, readers = [], []
    for w in range(WRITERS):
        args = [sys.executable, "-c", _WRITER, str(w), str(WRITES)]
        process = subprocess.Popen(args, env=env, stdout=subprocess.PIPE, text=True)
        writers.append(process)
        reader = threading.Thread(target=_read_acks, args=(process, acks[w]), daemon=True)
        reader.start()
        readers.append(reader)
    return writers, acks


def test_a_backup_under_concurrent_writes_restores_every_acknowledged_write(
    databases: tuple[str, str], tmp_path: Path
) -> None:
    live, new = (_env(url, tmp_path) for url in databases)
    assert _run(live, "manage", "migrate", "--no-input", "-v", "0").returncode == 0
    writers, acks = _start_writers(live)
    while min(len(a) for a in acks) < ACKED_BEFORE_BACKUP and all(
        w.poll() is None for w in writers
    ):
        threading.Event().wait(0.01)
    acknowledged = {pk for a in acks for pk in list(a)}
    still_writing = sum(w.poll() is None for w in writers)
    backup = _run(live, "manage", "backup", str(tmp_path / "backup.db"))
    for w in writers:
        assert w.wait(timeout=120) == 0
        if w.stdout:
            w.stdout.close()
    assert backup.returncode == 0, backup.stderr
    assert still_writing > 0, "the writers finished before the backup began"

    assert _run(live, "manage", "verify_audit").returncode == 0  # the writers did not fork it
    restored = _run(new, "manage", "restore", str(tmp_path / "backup.db"))
    assert restored.returncode == 0, restored.stderr
    assert "audit trail intact" in restored.stdout
    found = set(json.loads(_run(new, "manage", "shell", "-v", "0", "-c", _IDS).stdout))
    assert acknowledged <= found and len(acknowledged) >= WRITERS * ACKED_BEFORE_BACKUP

    refused = _run(live, "manage", "restore", str(tmp_path / "backup.db"))
    assert refused.returncode != 0 and "not empty" in refused.stderr  # never over live data
    assert _run(live, "manage", "backup", str(tmp_path / "backup.db")).returncode != 0
