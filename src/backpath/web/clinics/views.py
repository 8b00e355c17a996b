"""The clinic's users, for clinic admins only (others get a 404), and everyone's own password.

Parse, call an action, render. A one-time password is rendered in the response to the post
that made it and stored nowhere: it is shown once, and the page is never cached.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.contrib.auth.views import PasswordChangeView
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from backpath.web.audit.trail import Actor, record
from backpath.web.requests import AuthedRequest

from . import actions, mfa_guard
from .access import require_admin
from .forms import UserCreateForm, UserDetailsForm

if TYPE_CHECKING:
    from django.contrib.auth.models import User


@login_required
def user_list(request: AuthedRequest) -> HttpResponse:
    profile = require_admin(request.user)
    members = list(actions.members_of(profile.clinic))
    paused = mfa_guard.paused_users([m.pk for m in members])
    context = {"members": [(m, paused.get(m.pk)) for m in members], "clinic": profile.clinic}
    return render(request, "clinics/users.html", context)


@sensitive_post_parameters("password")
@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def user_create(request: AuthedRequest) -> HttpResponse:
    profile = require_admin(request.user)
    form = UserCreateForm(_posted(request), clinic=profile.clinic)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        typed = data["password"]
        password = typed or actions.one_time_password()
        try:
            member = actions.create_user(
                Actor.of(request), profile.clinic, data, password, one_time=not typed
            )
        except actions.UserRuleError as exc:  # taken since the form checked
            form.add_error("username", str(exc))
        else:
            if not typed:
                return _show_password(request, member, password, created=True)
            messages.success(request, f"User {member.username} added.")
            return redirect("clinics:users")
    return render(request, "clinics/user_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def user_edit(request: AuthedRequest, user_id: int) -> HttpResponse:
    member = actions.get_member_for_admin(request.user, user_id)
    initial = {k: getattr(member, k) for k in actions.USER_FIELDS}
    form = UserDetailsForm(_posted(request), initial={**initial, "role": member.profile.role})
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_user(Actor.of(request), member, form.cleaned_data)
        except actions.UserRuleError as exc:  # the only rules are about the role
            form.add_error("role", str(exc))
        else:
            messages.success(request, f"Details of {member.username} saved.")
            return redirect("clinics:users")
    context = {"form": form, "member": member, "is_self": member.pk == request.user.pk}
    return render(request, "clinics/user_edit.html", context)


@login_required
@require_POST
def user_set_active(request: AuthedRequest, user_id: int, active: bool) -> HttpResponse:
    member = actions.get_member_for_admin(request.user, user_id)
    try:
        actions.set_active(Actor.of(request), member, active)
    except actions.UserRuleError as exc:
        messages.error(request, str(exc))
    else:
        done = "reactivated: they can sign in again" if active else "deactivated"
        messages.success(request, f"{member.username} {done}.")
    return redirect("clinics:user_edit", member.pk)


@never_cache
@login_required
@require_POST
def user_reset_password(request: AuthedRequest, user_id: int) -> HttpResponse:
    member = actions.get_member_for_admin(request.user, user_id)
    try:
        password = actions.reset_password(Actor.of(request), member)
    except actions.UserRuleError as exc:
        messages.error(request, str(exc))
        return redirect("clinics:user_edit", member.pk)
    return _show_password(request, member, password, created=False)


def _posted(request: HttpRequest) -> Any:
    """The posted data, or ``None`` for an unbound form (an empty post still shows errors)."""
    return request.POST if request.method == "POST" else None


def _show_password(
    request: HttpRequest, member: User, password: str, created: bool
) -> HttpResponse:
    context = {"member": member, "password": password, "created": created}
    return render(request, "clinics/password_shown.html", context)


class PasswordChange(PasswordChangeView):
    """Django's own view (old password, new one twice, validators), saved and audited."""

    def form_valid(self, form: PasswordChangeForm) -> HttpResponse:
        password = form.cleaned_data["new_password1"]
        actions.change_password(Actor.of(self.request), form.user, password)
        update_session_auth_hash(self.request, form.user)  # stay signed in here
        return HttpResponseRedirect(self.get_success_url())


CONTACT_FIELDS = ("phone", "email", "opening_hours", "after_hours_phone", "emergency_number")


@login_required
@require_http_methods(["GET", "POST"])
def clinic_settings(request: AuthedRequest) -> HttpResponse:
    """The clinic admin's page of the clinic's contact details (shown to patients)."""
    from .forms import ClinicContactForm

    clinic = require_admin(request.user).clinic
    initial = {k: getattr(clinic, k) for k in CONTACT_FIELDS}
    initial["emergency_number"] = clinic.emergency_phone
    form = ClinicContactForm(_posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        changed = [k for k in CONTACT_FIELDS if form.cleaned_data[k] != getattr(clinic, k)]
        for key in CONTACT_FIELDS:
            setattr(clinic, key, form.cleaned_data[key])
        clinic.save(update_fields=list(CONTACT_FIELDS))
        record(Actor.of(request), "clinic.contact", clinic=clinic, obj=clinic, changed=changed)
        messages.success(request, "Contact details saved: patients see them on their programme.")
        return redirect("clinics:settings")
    status = 400 if request.method == "POST" else 200
    return render(request, "clinics/settings.html", {"form": form, "clinic": clinic}, status=status)
