"""Forgotten password (忘记密码): ID number and mobile number, a code by text message, then a
new password. Nothing personal goes into the address or the session."""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from shebao.accounts.selectors import citizen_for_password_reset
from shebao.accounts.services import (
    CodeThrottled,
    citizen_password_reset,
    password_reset_code_confirm,
    password_reset_code_send,
)
from shebao.ops.ratelimit import code_page_limits, rate_limit

from ..forms_auth import NewPasswordForm, PasswordResetStartForm
from .auth_common import CodeStep, Confirmed, code_step

CODE_KEY = "portal.reset.code"
VERIFIED_KEY = "portal.reset.verified"  # {"user": pk, "at": epoch seconds}
VERIFIED_SECONDS = 10 * 60

STEP = CodeStep(
    purpose="password_reset",
    session_key=CODE_KEY,
    start_url=reverse_lazy("portal:password-reset"),
    title=gettext_lazy("Enter the code"),
    submit=gettext_lazy("Continue"),
    lockout=True,
)


@require_http_methods(["GET", "POST"])
@rate_limit("sms")
def reset_start(request):
    """Step 1: ID number and the mobile number we hold."""
    form = PasswordResetStartForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                sent = password_reset_code_send(
                    resident_id=form.cleaned_data["resident_id"], phone=form.cleaned_data["phone"]
                )
            except CodeThrottled as exc:
                form.add_error(None, exc.message)
                status = 429
            else:
                request.session[CODE_KEY] = sent.code_id
                return redirect("portal:password-reset-code")
    return render(
        request,
        "portal/auth/reset_start.html",
        {"form": form, "demo": settings.DEMO},
        status=status,
    )


@require_http_methods(["GET", "POST"])
@code_page_limits
def reset_code(request):
    """Step 2: the code proves the phone is theirs."""
    outcome = code_step(
        request,
        STEP,
        lambda code_id, code: password_reset_code_confirm(code_id=code_id, code=code),
        extra={"intro_reset": True},
    )
    if not isinstance(outcome, Confirmed):
        return outcome
    request.session[VERIFIED_KEY] = {"user": outcome.value.pk, "at": time.time()}
    return redirect("portal:password-reset-new")


@require_http_methods(["GET", "POST"])
def reset_new(request):
    """Step 3: the new password, twice."""
    verified = request.session.get(VERIFIED_KEY) or {}
    user = None
    if verified and time.time() - verified.get("at", 0) <= VERIFIED_SECONDS:
        user = citizen_for_password_reset(user_id=verified["user"])
    if user is None:
        if verified:
            messages.info(request, _("That took too long, so please start again."))
        request.session.pop(VERIFIED_KEY, None)
        return redirect("portal:password-reset")
    form = NewPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        citizen_password_reset(user=user, password=form.cleaned_data["new_password"])
        request.session.pop(VERIFIED_KEY, None)
        messages.success(
            request, _("Your new password is saved. Please sign in with your ID number and it.")
        )
        return redirect("portal:sign-in")
    return render(
        request,
        "portal/auth/reset_new.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )
