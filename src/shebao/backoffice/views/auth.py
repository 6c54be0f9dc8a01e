"""Staff sign-in (经办人员登录): username and password, then always a TOTP code."""

from __future__ import annotations

import time

from django.contrib.auth import authenticate, login, logout
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import devices_for_user, match_token
from django_otp import login as otp_login

from shebao.accounts.selectors import staff_for_second_step
from shebao.ops.ratelimit import rate_limit
from shebao.security.middleware import frozen_message
from shebao.security.selectors import user_freeze

from ..access import is_staff_session
from ..forms import StaffSignInForm, TotpForm

PENDING = "backoffice.pending"
PENDING_SECONDS = 300
MAX_CODE_TRIES = 5
BACKEND = "django.contrib.auth.backends.ModelBackend"


@require_http_methods(["GET", "POST"])
@rate_limit("staff-sign-in")
def sign_in(request):
    if is_staff_session(request):
        return redirect("backoffice:queue")
    form = StaffSignInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = authenticate(
            request,
            username=form.cleaned_data["username"].strip(),
            password=form.cleaned_data["password"],
        )
        if user is not None and getattr(user, "kind", "") == "staff" and user_freeze(user):
            form.add_error(None, frozen_message())  # the password was right: say why, no more
            return render(request, "backoffice/sign_in.html", {"form": form}, status=403)
        if user is not None and getattr(user, "kind", "") == "staff":
            request.session.cycle_key()
            request.session[PENDING] = {"id": user.pk, "at": time.time(), "tries": 0}
            return redirect("backoffice:sign-in-code")
        form.add_error(None, _("The username or the password is not right."))
    status = 400 if request.method == "POST" else 200
    return render(request, "backoffice/sign_in.html", {"form": form}, status=status)


@require_http_methods(["GET", "POST"])
@rate_limit("staff-sign-in")
def sign_in_code(request):
    pending = request.session.get(PENDING) or {}
    user = staff_for_second_step(user_id=pending.get("id"))
    if user is None or time.time() - pending.get("at", 0) > PENDING_SECONDS:
        request.session.pop(PENDING, None)
        return redirect("backoffice:sign-in")
    form = TotpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not any(d.verify_is_allowed()[0] for d in devices_for_user(user)):
            # django-otp pauses a device after a wrong code (1 s, 2 s, 4 s …).
            form.add_error("code", _("Too many wrong codes just now. Wait a few seconds."))
            return render(request, "backoffice/sign_in_code.html", {"form": form}, status=429)
        device = match_token(user, form.cleaned_data["code"].strip())
        if device is not None:
            request.session.pop(PENDING, None)
            login(request, user, backend=BACKEND)  # rotates the session key
            otp_login(request, device)
            return redirect("backoffice:queue")
        pending["tries"] = pending.get("tries", 0) + 1
        if pending["tries"] >= MAX_CODE_TRIES:
            request.session.pop(PENDING, None)
            return redirect("backoffice:sign-in")
        request.session[PENDING] = pending
        form.add_error("code", _("That code is not right. Use the newest code in the app."))
    status = 400 if request.method == "POST" else 200
    return render(request, "backoffice/sign_in_code.html", {"form": form}, status=status)


@require_POST
def sign_out(request):
    logout(request)
    return redirect("backoffice:sign-in")
