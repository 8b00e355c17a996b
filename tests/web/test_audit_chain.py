"""The audit trail is tamper-evident: the database itself refuses UPDATE and DELETE, each entry
is chained to the one before by a keyed hash, and ``verify_audit`` names the first broken link."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from backpath.web.audit.chain import entry_hash, verify
from backpath.web.audit.models import AuditEntry
from backpath.web.audit.trail import record

pytestmark = pytest.mark.django_db

TABLE = AuditEntry._meta.db_table


@pytest.mark.parametrize(
    "sql",
    [f"UPDATE {TABLE} SET action = 'nothing.happened'", f"DELETE FROM {TABLE}"],
)
def test_the_database_refuses_to_change_an_entry_in_raw_sql(pat: Any, sql: str) -> None:
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql)
    assert AuditEntry.objects.filter(action="patient.create").exists()


def test_each_entry_is_chained_to_the_one_before(pat: Any, actor: Any) -> None:
    record(actor, "patient.read", patient=pat)
    first, second = AuditEntry.objects.order_by("id")[:2]
    assert second.prev_hash == first.hash and len(second.hash) == 64
    assert second.hash == entry_hash(first.hash, second)


def test_verify_audit_passes_an_intact_trail(pat: Any, actor: Any, capsys: Any) -> None:
    record(actor, "patient.read", patient=pat, q=["a", 1, True], n=0.5)
    call_command("verify_audit")
    assert "intact: 2 entries" in capsys.readouterr().out


def _bypass_triggers() -> Any:
    """A tamperer with the database's owner rights (who can drop triggers): the chain still
    tells. Inside the test's transaction, so it is undone afterwards."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DROP TRIGGER audit_no_update")
            cursor.execute("DROP TRIGGER audit_no_delete")
        else:
            cursor.execute("SET LOCAL session_replication_role = replica")  # skips triggers


@pytest.mark.parametrize("tamper", ["edit", "delete"])
def test_verify_audit_names_the_first_broken_link(pat: Any, actor: Any, tamper: str) -> None:
    for n in range(3):
        record(actor, "patient.read", patient=pat, n=n)
    target = AuditEntry.objects.order_by("id")[2]
    _bypass_triggers()
    with connection.cursor() as cursor:
        if tamper == "edit":
            cursor.execute(f"UPDATE {TABLE} SET action = 'patient.list' WHERE id = %s", [target.pk])
            expected = target.pk
        else:
            cursor.execute(f"DELETE FROM {TABLE} WHERE id = %s", [target.pk])
            expected = AuditEntry.objects.filter(pk__gt=target.pk).order_by("id")[0].pk
    assert verify()[1].entry_id == expected
    with pytest.raises(CommandError, match=f"broken at entry {expected} "):
        call_command("verify_audit")


def test_a_different_key_breaks_the_first_link(pat: Any, settings: Any) -> None:
    settings.AUDIT_HMAC_KEY = "another-key-" * 5
    assert verify()[1] is not None
