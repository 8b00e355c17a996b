"""``backpath manage api_client create|list|revoke --admin USER``: a clinic admin's clients."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.http import Http404

from backpath.web.api import clients
from backpath.web.api.models import ApiClient
from backpath.web.audit.trail import Actor

if TYPE_CHECKING:
    from django.core.management.base import CommandParser
    from django.db.models import QuerySet


class Command(BaseCommand):
    help = "Create, list or revoke the API clients of a clinic admin's clinic."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["create", "list", "revoke"])
        parser.add_argument("--admin", required=True, help="user name of a clinic admin")
        parser.add_argument("--name", default="", help="create: what the client is")
        parser.add_argument("--scope", default="read", choices=ApiClient.Scope.values)
        parser.add_argument("--days", type=int, default=clients.DEFAULT_DAYS)
        parser.add_argument("--id", default="", help="revoke: the client's id")

    def handle(self, *args: Any, **opts: Any) -> None:
        user = get_user_model().objects.filter(username=opts["admin"]).first()
        actor = Actor(user=user, path="manage api_client")
        try:
            mine = clients.clients_for_admin(user)
        except Exception as exc:  # PermissionDenied or Http404: not a clinic admin
            raise CommandError(f"{opts['admin']!r} is not a clinic admin") from exc
        getattr(self, f"_{opts['action']}")(actor, mine, opts)

    def _create(self, actor: Actor, mine: QuerySet[ApiClient], opts: dict[str, Any]) -> None:
        if not opts["name"].strip():
            raise CommandError("--name: give the client a name")
        client, token = clients.create_client(actor, opts["name"], opts["scope"], opts["days"])
        self.stdout.write(
            f"client {client.pk} ({client.scope}, expires {client.expires_at:%Y-%m-%d})"
        )
        self.stdout.write(f"token (shown once, keep it secret): {token}")

    def _list(self, actor: Actor, mine: QuerySet[ApiClient], opts: dict[str, Any]) -> None:
        for c in mine:
            state = "revoked" if c.revoked_at else f"expires {c.expires_at:%Y-%m-%d}"
            self.stdout.write(f"{c.pk}  {c.name}  {c.scope}  {state}")

    def _revoke(self, actor: Actor, mine: QuerySet[ApiClient], opts: dict[str, Any]) -> None:
        try:
            client = mine.get(pk=opts["id"])
        except (ApiClient.DoesNotExist, ValueError, Http404) as exc:
            raise CommandError(f"--id: no client {opts['id']!r} at this clinic") from exc
        clients.revoke_client(actor, client)
        self.stdout.write(f"revoked {client.pk}")
