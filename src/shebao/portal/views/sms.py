"""Signing in with a mobile number and a code sent by text message (手机号+短信验证码登录).

Step 1 takes the number and sends a code; step 2 takes the code. The number never enters an
address or the session: the session holds only the id of the code row.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib.auth import login
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from shebao.accounts.selectors import citizen_for_sign_in, sign_in_choices
from shebao.accounts.services import (
    CodeThrottled,
    second_factor_record,
    sign_in_code_confirm,
    sign_in_code_send,
)
from shebao.ops.ratelimit import code_page_limits, rate_limit

from ..forms_auth import AccountChoiceForm, MobileForm
from .auth_common import CodeStep, Confirmed, code_step

CODE_KEY = "portal.sms.code"
CHOICES_KEY = "portal.sms.accounts"
CHOICE_SECONDS = 5 * 60
# Passwordless sign-in: Django's own backend loads the user on later requests.
BACKEND = "django.contrib.auth.backends.ModelBackend"

STEP = CodeStep(
    purpose="sign_in",
    session_key=CODE_KEY,
    start_url=reverse_lazy("portal:sign-in-sms"),
    title=_("Enter the code"),
    submit=_("Sign in"),
    lockout=True,
)


@require_http_methods(["GET", "POST"])
@rate_limit("sms")
def sms_start(request):
    """Step 1: the mobile number."""
    if request.user.is_authenticated:
        return redirect("portal:home")
    form = MobileForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                sent = sign_in_code_send(phone=form.cleaned_data["phone"])
            except CodeThrottled as exc:
                form.add_error(None, exc.message)
                status = 429
            else:
                request.session[CODE_KEY] = sent.code_id
                return redirect("portal:sign-in-sms-code")
    return render(
        request, "portal/auth/sms_start.html", {"form": form, "demo": settings.DEMO}, status=status
    )


@require_http_methods(["GET", "POST"])
@code_page_limits
def sms_code(request):
    """Step 2: the code. One account opens at once; several (a shared phone) ask whose."""
    if request.user.is_authenticated:
        return redirect("portal:home")
    outcome = code_step(
        request,
        STEP,
        lambda code_id, code: sign_in_code_confirm(code_id=code_id, code=code),
        extra={"intro_sign_in": True},
    )
    if not isinstance(outcome, Confirmed):
        return outcome
    users = outcome.value
    if len(users) == 1:
        login(request, users[0], backend=BACKEND)
        # The code just proved the phone, the same factor a step-up would ask for.
        second_factor_record(session=request.session, method="sms")
        return redirect("portal:home")
    request.session[CHOICES_KEY] = {"ids": [u.pk for u in users], "at": time.time()}
    return redirect("portal:sign-in-sms-choose")


@require_http_methods(["GET", "POST"])
def sms_choose(request):
    """Several people share this phone: choose whose account to open."""
    pending = request.session.get(CHOICES_KEY) or {}
    # The confirmed code opens the choice for as long as a code would have lasted.
    if not pending or time.time() - pending.get("at", 0) > CHOICE_SECONDS:
        request.session.pop(CHOICES_KEY, None)
        return redirect("portal:sign-in-sms")
    allowed = pending["ids"]
    choices = sign_in_choices(user_ids=allowed)
    form = AccountChoiceForm(choices, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = citizen_for_sign_in(user_id=form.cleaned_data["account"], allowed=allowed)
        if user is not None:
            request.session.pop(CHOICES_KEY, None)
            login(request, user, backend=BACKEND)
            second_factor_record(session=request.session, method="sms")
            return redirect("portal:home")
    return render(
        request,
        "portal/auth/sms_choose.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )
