"""The clinic admin's pages for API clients (list, create — the token is shown once — and
revoke) and for webhooks (register, turn off and on, see every delivery).

The same actions as ``backpath manage api_client``; every write is audited there. Clinic
admins only: everyone else, and another clinic's client, is a 404.
"""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from backpath.web.audit.trail import Actor
from backpath.web.clinics.access import get_or_refuse, require_admin
from backpath.web.requests import AuthedRequest

from . import clients, webhooks
from .models import ApiClient, Webhook, WebhookDelivery

MAX_DAYS = 730
SCOPES_HELP = ", ".join(ApiClient.Scope.values)


class ClientForm(forms.Form):
    name = forms.CharField(
        max_length=100,
        label="What it is (e.g. the practice management system)",
        error_messages={"required": "Name: say what the client is (1–100 characters)."},
    )
    scope = forms.ChoiceField(
        choices=ApiClient.Scope.choices,
        initial=ApiClient.Scope.READ,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": f"Scope must be one of: {SCOPES_HELP}."},
    )
    days = forms.IntegerField(
        min_value=1,
        max_value=MAX_DAYS,
        initial=clients.DEFAULT_DAYS,
        label=f"Valid for (days, 1–{MAX_DAYS})",
        error_messages={
            "invalid": f"Valid for: a whole number of days from 1 to {MAX_DAYS}.",
            "min_value": f"Valid for: a whole number of days from 1 to {MAX_DAYS}.",
            "max_value": f"Valid for: a whole number of days from 1 to {MAX_DAYS}.",
        },
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def client_list(request: AuthedRequest) -> HttpResponse:
    profile = require_admin(request.user)
    form = ClientForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        client, token = clients.create_client(
            Actor.of(request), data["name"].strip(), data["scope"], data["days"]
        )
        return render(request, "api/client_token.html", {"client": client, "token": token})
    rows = clients.clients_for_admin(request.user).order_by("revoked_at", "-created_at")
    context = {"clients": rows, "form": form, "clinic": profile.clinic}
    return render(request, "api/clients.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def client_revoke(request: AuthedRequest, client_id: str) -> HttpResponse:
    client = get_or_refuse(request.user, clients.clients_for_admin(request.user), pk=client_id)
    clients.revoke_client(Actor.of(request), client)
    return redirect("api_clients:list")


class WebhookForm(forms.Form):
    url = forms.CharField(
        max_length=500,
        label="Receiver's address (https://…)",
        error_messages={"required": "url: give the receiver's https:// address."},
    )
    events = forms.MultipleChoiceField(
        choices=list(webhooks.EVENTS.items()),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": f"events: choose one or more of {', '.join(webhooks.EVENTS)}.",
            "invalid_choice": f"events: choose one or more of {', '.join(webhooks.EVENTS)}.",
        },
    )


def _hooks_of(user: User) -> QuerySet[Webhook]:
    return Webhook.objects.filter(clinic=require_admin(user).clinic)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def webhook_list(request: AuthedRequest) -> HttpResponse:
    profile = require_admin(request.user)
    form = WebhookForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            webhooks.create_webhook(
                Actor.of(request), form.cleaned_data["url"], form.cleaned_data["events"]
            )
        except webhooks.WebhookError as exc:
            form.add_error("url" if str(exc).startswith("url") else "events", str(exc))
        else:
            return redirect("webhooks:list")
    hooks = list(Webhook.objects.filter(clinic=profile.clinic))
    deliveries = WebhookDelivery.objects.filter(webhook__clinic=profile.clinic).select_related(
        "webhook"
    )[:50]
    context = {
        "hooks": hooks,
        "deliveries": deliveries,
        "form": form,
        "clinic": profile.clinic,
        "events": webhooks.EVENTS,
    }
    return render(request, "api/webhooks.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def webhook_set_active(request: AuthedRequest, hook_id: str, active: bool) -> HttpResponse:
    hook = get_or_refuse(request.user, _hooks_of(request.user), pk=hook_id)
    webhooks.set_active(Actor.of(request), hook, active)
    return redirect("webhooks:list")


app_name = "api_clients"
urlpatterns = [
    path("", client_list, name="list"),
    path("<uuid:client_id>/revoke/", client_revoke, name="revoke"),
]
webhook_urls = (
    [
        path("", webhook_list, name="list"),
        path("<uuid:hook_id>/off/", webhook_set_active, {"active": False}, name="disable"),
        path("<uuid:hook_id>/on/", webhook_set_active, {"active": True}, name="enable"),
    ],
    "webhooks",
)
