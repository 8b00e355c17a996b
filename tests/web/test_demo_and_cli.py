"""The demo command is idempotent; the CLI registers manage, demo and serve."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from backpath.cli import build_parser

pytestmark = pytest.mark.django_db


def test_demo_creates_clinics_clinicians_and_a_dozen_patients_once(capsys: Any) -> None:
    from backpath.web.clinics.models import Clinic
    from backpath.web.patients.models import Patient

    call_command("demo")
    call_command("demo")
    out = capsys.readouterr().out
    assert "backpath-demo-alice" in out
    assert set(Clinic.objects.values_list("name", flat=True)) == {
        "Harbour Physio",
        "Hillside Physio",
    }
    assert Patient.objects.count() >= 12
    assert Patient.objects.filter(name="Pat Morgan").count() == 1


@pytest.mark.parametrize("command", ["manage", "demo", "serve"])
def test_the_cli_registers_web_commands(command: str) -> None:
    args = build_parser().parse_args([command])
    assert callable(args.func)


def test_serve_takes_an_address() -> None:
    assert build_parser().parse_args(["serve", "--addr", "0.0.0.0:9000"]).addr == "0.0.0.0:9000"


def test_add_user_creates_a_clinician_in_a_clinic(monkeypatch: Any) -> None:
    import io

    from django.contrib.auth import get_user_model

    monkeypatch.setattr("sys.stdin", io.StringIO("a-long-enough-passphrase\n"))
    call_command("add_user", "dana", clinic="Harbour Physio", role="admin", name="Dana Ray")
    dana = get_user_model().objects.get(username="dana")
    assert dana.check_password("a-long-enough-passphrase")
    assert (dana.profile.clinic.name, dana.profile.role) == ("Harbour Physio", "admin")


def test_add_user_refuses_a_weak_password(monkeypatch: Any) -> None:
    import io

    from django.core.management.base import CommandError

    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    with pytest.raises(CommandError, match="password"):
        call_command("add_user", "dana", clinic="Harbour Physio")


def test_demo_refuses_to_touch_a_real_user_named_alice(hillside: Any) -> None:
    from django.contrib.auth import get_user_model

    from backpath.web.clinics.models import Profile

    alice = get_user_model().objects.create_user("alice", password="alice-real-passphrase")
    Profile.objects.create(user=alice, clinic=hillside, role="admin")
    with pytest.raises(CommandError, match="alice is a real user"):
        call_command("demo")
    alice.refresh_from_db()
    assert alice.check_password("alice-real-passphrase")
    assert alice.profile.clinic == hillside
    assert not get_user_model().objects.filter(username="bob").exists()


def test_demo_refuses_to_add_to_a_real_clinic_of_the_same_name(harbour: Any) -> None:
    from django.contrib.auth import get_user_model

    from backpath.web.clinics.models import Profile

    dana = get_user_model().objects.create_user("dana", password="dana-real-passphrase")
    Profile.objects.create(user=dana, clinic=harbour, role="admin")
    with pytest.raises(CommandError, match="Harbour Physio has real users"):
        call_command("demo")
    assert not harbour.patients.exists()


def test_seed_bench_is_not_installed_in_production() -> None:
    from django.core.management import get_commands

    from backpath.web import settings as production

    assert not production.DEBUG and "backpath.web.demo.bench" not in production.INSTALLED_APPS
    assert "seed_bench" not in get_commands()


def test_dev_commands_install_seed_bench(tmp_path: Any) -> None:
    env = {
        "PATH": os.environ["PATH"],
        "SECRET_KEY": "tests-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "backpath.web.settings",
    }
    run = [sys.executable, "-m", "django", "help", "seed_bench"]
    assert subprocess.run(run, env=env, capture_output=True, check=False).returncode != 0
    env["DEV_COMMANDS"] = "true"
    assert subprocess.run(run, env=env, capture_output=True, check=False).returncode == 0
