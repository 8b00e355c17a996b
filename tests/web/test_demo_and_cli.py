"""The demo command is idempotent; the CLI registers manage, demo and serve."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command

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
