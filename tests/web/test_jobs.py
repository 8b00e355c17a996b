"""The job queue: retries with back-off, failures shown to admins, jobs taken over from a dead
worker, the worker started and stopped with the app, and the Redis backend."""

from __future__ import annotations

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
import uuid
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.core.cache import caches
from django.urls import reverse
from django.utils import timezone

from backpath.web.jobs.models import JobFailure, QueueProbe, WorkerBeat
from backpath.web.jobs.queue import retry_delay
from backpath.web.jobs.worker import recover_orphans, serve_queue

from . import jobs_for_tests


@pytest.fixture
def database_queue(settings: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    """The database backend, its worker run in the test's own transaction: the worker's
    check for stale connections would close that (outside a test it runs in autocommit)."""
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.TASKS_BACKEND_KIND = "database"
    settings.JOB_RETRY_SECONDS = 30
    return settings


def _drain() -> None:
    serve_queue(batch=True, warm_up=False, nice=False)


def _results() -> list[Any]:
    from django_tasks_db.models import DBTaskResult

    return list(DBTaskResult.objects.order_by("enqueued_at"))


def test_each_retry_waits_twice_as_long(settings: Any) -> None:
    settings.JOB_RETRY_SECONDS = 30
    assert [retry_delay(n).total_seconds() for n in (1, 2, 3, 4)] == [30, 60, 120, 240]


def test_a_failing_job_is_tried_again_after_its_back_off(db: Any, database_queue: Any) -> None:
    key = f"tries:{uuid.uuid4()}"
    jobs_for_tests.fails_once.enqueue(key)
    start = timezone.now()
    _drain()
    first, retry = _results()
    assert first.status == "FAILED" and retry.status == "READY"
    assert retry.args_kwargs["kwargs"]["_attempt"] == 2
    wait = (retry.run_after - start).total_seconds()
    assert 29 <= wait <= 31
    _drain()  # not due yet: nothing runs
    assert _results()[1].status == "READY"
    with time_machine.travel(timezone.now() + timedelta(seconds=31), tick=True):
        _drain()
    assert _results()[1].status == "SUCCESSFUL" and caches["shared"].get(key) == 2
    assert not JobFailure.objects.exists()


def test_a_job_out_of_tries_is_shown_to_its_clinics_admins_only(
    db: Any,
    database_queue: Any,
    harbour: Any,
    as_alice: Any,
    as_bob: Any,
    as_charlie: Any,
) -> None:
    key = f"tries:{uuid.uuid4()}"
    jobs_for_tests.always_fails.enqueue(key, clinic_id=str(harbour.pk))
    _drain()
    with time_machine.travel(timezone.now() + timedelta(seconds=31), tick=True):
        _drain()
    assert [r.status for r in _results()] == ["FAILED", "FAILED"]  # 2 tries, no third
    failure = JobFailure.objects.get()
    assert failure.attempts == 2 and failure.clinic == harbour
    assert "the mail server said no" in failure.error
    page = as_alice.get(reverse("jobs:failures"))
    assert page.status_code == 200 and b"Always fails" in page.content
    assert as_bob.get(reverse("jobs:failures")).status_code == 404  # not an admin
    assert b"Always fails" not in as_charlie.get(reverse("jobs:failures")).content


def test_with_jobs_run_at_once_a_failing_job_is_recorded_without_retrying(
    db: Any, harbour: Any
) -> None:
    key = f"tries:{uuid.uuid4()}"
    jobs_for_tests.fails_once.enqueue(key, clinic_id=str(harbour.pk))
    assert JobFailure.objects.get().attempts == 1


def _running(worker_id: str) -> Any:
    from django_tasks_db.models import DBTaskResult

    from backpath.web.jobs.probe import probe

    result = probe.enqueue(str(uuid.uuid4()))
    row = DBTaskResult.objects.get(pk=result.id)
    row.claim(worker_id)
    return row


def test_a_running_job_whose_worker_is_gone_goes_back_on_the_queue(
    db: Any, database_queue: Any
) -> None:
    row = _running("never-beat")
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    WorkerBeat.objects.create(
        worker_id="dead-pid", host=socket.gethostname(), pid=dead.pid, beat_at=timezone.now()
    )
    other = _running("dead-pid")
    WorkerBeat.objects.create(
        worker_id="silent", host="elsewhere", pid=1, beat_at=timezone.now() - timedelta(minutes=5)
    )
    silent = _running("silent")
    assert recover_orphans() == 3
    for r in (row, other, silent):
        r.refresh_from_db()
        assert r.status == "READY" and r.started_at is None


def test_a_job_of_a_live_worker_is_left_alone(db: Any, database_queue: Any) -> None:
    WorkerBeat.objects.create(
        worker_id="me", host=socket.gethostname(), pid=os.getpid(), beat_at=timezone.now()
    )
    WorkerBeat.objects.create(
        worker_id="far", host="elsewhere", pid=1, beat_at=timezone.now() - timedelta(seconds=5)
    )
    rows = [_running("me"), _running("far")]
    assert recover_orphans() == 0
    for r in rows:
        r.refresh_from_db()
        assert r.status == "RUNNING"


# Real processes: a temporary SQLite database migrated once for this module.

SECRET = "tests-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz"


@pytest.fixture(scope="module")
def migrated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("queue") / "template.sqlite3"
    env = _env(path)
    subprocess.run(_cli("manage", "migrate", "-v", "0"), env=env, check=True, timeout=300)
    subprocess.run(_cli("manage", "createcachetable"), env=env, check=True, timeout=60)
    return path


def _env(database: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "TASKS_BACKEND"}
    env.update(
        DATABASE_URL=f"sqlite:///{database}",
        SECRET_KEY=SECRET,
        DEBUG="false",
        SSL_REDIRECT="false",
        TASKS_BACKEND="database",
        TASKS_POLL_SECONDS="0.1",
        ESCALATION_CHECK_SECONDS="0",
        REMINDER_CHECK_SECONDS="0",
    )
    env.update(extra)
    return env


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "backpath.cli", *args]


def _copy(template: Path, tmp_path: Path) -> Path:
    target = tmp_path / "db.sqlite3"
    with sqlite3.connect(template) as source, sqlite3.connect(target) as copy:
        source.backup(copy)
    return target


def _query(database: Path, sql: str) -> list[tuple[Any, ...]]:
    with sqlite3.connect(database, timeout=30) as conn:
        return conn.execute(sql).fetchall()


def _wait_for(condition: Any, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError("timed out")


def _nice(pid: int) -> int:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[16])


def test_a_worker_killed_mid_job_loses_nothing_and_the_job_completes_once(
    migrated: Path, tmp_path: Path
) -> None:
    database = _copy(migrated, tmp_path)
    env = _env(database, TASKS_WORKER_NICE="7")
    probe_id = str(uuid.uuid4())
    enqueue = f"from backpath.web.jobs.probe import probe; probe.enqueue('{probe_id}', seconds=3)"
    subprocess.run(_cli("manage", "shell", "-c", enqueue), env=env, check=True, timeout=120)
    hexid = probe_id.replace("-", "")
    probe_row = f"SELECT starts, finished_at FROM jobs_queueprobe WHERE id = '{hexid}'"
    worker = subprocess.Popen(_cli("worker"), env=env)
    try:
        _wait_for(lambda: _query(database, probe_row) == [(1, None)], 120)
        # jobs yield the CPU to pages by TASKS_WORKER_NICE
        assert _nice(worker.pid) == min(19, _nice(os.getpid()) + 7)
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(timeout=30)
    finally:
        if worker.poll() is None:
            worker.kill()
    statuses = "SELECT status FROM django_tasks_database_dbtaskresult"
    assert _query(database, statuses) == [("RUNNING",)]  # stuck, as a dead worker leaves it
    subprocess.run(_cli("worker", "--batch"), env=env, check=True, timeout=120)
    assert _query(database, statuses) == [("SUCCESSFUL",)]  # one job, finished once
    starts, finished = _query(database, probe_row)[0]
    assert starts == 2 and finished is not None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _descendants(pid: int) -> set[int]:
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parents[int(stat.parent.name)] = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError):
            continue
    tree = {pid}
    for _ in range(5):
        tree |= {child for child, parent in parents.items() if parent in tree}
    return tree - {pid}


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_stopping_the_dev_server_stops_its_worker_too(
    migrated: Path, tmp_path: Path, stop: signal.Signals
) -> None:
    database = _copy(migrated, tmp_path)
    port = _free_port()
    env = _env(database, DEBUG="true", STATIC_ROOT=str(tmp_path / "static"))
    server = subprocess.Popen(_cli("serve", "--dev", "--addr", f"127.0.0.1:{port}"), env=env)
    try:

        def up() -> bool:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/login/", timeout=2) as r:
                    return bool(r.status == 200)
            except OSError:
                return False

        _wait_for(up, 120)
        beats = "SELECT pid FROM jobs_workerbeat"
        _wait_for(lambda: len(_query(database, beats)) == 2, 60)  # TASKS_WORKERS' default
        children = _descendants(server.pid)
        assert {pid for (pid,) in _query(database, beats)} <= children
        server.send_signal(stop)
        server.wait(timeout=60)
        _wait_for(lambda: not any(_alive(p) for p in children), 30)
        assert _query(database, "SELECT pid FROM jobs_workerbeat") == []  # it signed off
    finally:
        if server.poll() is None:
            server.kill()


@pytest.fixture
def redis_queue(settings: Any) -> Any:
    url = os.environ.get("REDIS_URL")
    if not url:
        pytest.skip("REDIS_URL is not set")
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    settings.TASKS_BACKEND_KIND = "redis"
    settings.RQ_QUEUES = {"default": {"URL": url}}
    import django_rq

    queue = django_rq.get_queue("default")
    queue.empty()
    yield queue
    queue.empty()


def test_the_redis_backend_runs_a_job_enqueued_after_the_commit(
    db: Any, redis_queue: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from rq import SimpleWorker

    from backpath.web.jobs.probe import probe
    from backpath.web.jobs.queue import later

    probe_id = str(uuid.uuid4())
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        later(probe, probe_id)
        assert redis_queue.count == 0  # not before the commit
    assert len(callbacks) == 1 and redis_queue.count == 1
    from django_tasks_rq.backend import Job

    worker = SimpleWorker([redis_queue], connection=redis_queue.connection, job_class=Job)
    worker.work(burst=True)
    assert QueueProbe.objects.get(pk=probe_id).finished_at is not None
