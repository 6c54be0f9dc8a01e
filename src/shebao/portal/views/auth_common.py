"""What the sign-in and confirmation pages share: the code step (type the code, or ask for a new
one), the sign-in pause for wrong codes (django-axes), JSON for the passkey script, and the
relying party of the host in use.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.signals import user_login_failed
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from shebao.accounts.selectors import one_time_code_pending, passkey_rp_id
from shebao.accounts.services import (
    CodeRejected,
    CodeThrottled,
    one_time_code_resend,
    sign_in_failures_clear,
)

from ..forms_auth import CodeForm

# --- Sign-in pause (django-axes) ----------------------------------------------------------------
# Wrong codes count like wrong passwords, under an opaque key (the purpose and the number's blind
# index), so the lockout table never holds a number. Five wrong tries pause for 15 minutes.


def _credentials(key: str) -> dict:
    return {"username": key}


def is_paused(request, key: str) -> bool:
    return AxesProxyHandler.is_locked(request, _credentials(key))


def paused_response(request, key: str) -> HttpResponse:
    return get_lockout_response(request, None, _credentials(key))


def count_wrong_guess(request, key: str) -> None:
    """Tell axes about a wrong code, as Django's authenticate() does for a wrong password. When it
    is the last allowed try, axes marks the request and its middleware answers with the pause
    page."""
    user_login_failed.send(sender=__name__, credentials=_credentials(key), request=request)


# --- The code step ------------------------------------------------------------------------------


@dataclass(frozen=True)
class CodeStep:
    """One page that waits for a code: which purpose, where its id lives in the session, where to
    start again, whether wrong codes count towards the sign-in pause, and how it is worded."""

    purpose: str
    session_key: str
    start_url: str
    title: str
    submit: str
    lockout: bool = False
    template: str = "portal/auth/code_page.html"


@dataclass(frozen=True)
class Confirmed:
    value: Any


def code_step(
    request, step: CodeStep, confirm: Callable[[int, str], Any], *, user=None, extra=None
) -> Confirmed | HttpResponse:
    """Run the code page: GET shows it; POST ``resend`` sends a new code; POST ``code`` checks it
    with ``confirm(code_id, code)``. Returns `Confirmed` with what ``confirm`` returned, or the
    response to send (the page again, with the reason in plain words)."""
    pending = one_time_code_pending(
        code_id=request.session.get(step.session_key), purpose=step.purpose, user=user
    )
    if pending is None:
        messages.info(request, _("Please ask for a code first."))
        return redirect(step.start_url)
    form = CodeForm()
    status = 200
    resend_error = ""
    if request.method == "POST" and "resend" in request.POST:
        try:
            sent = one_time_code_resend(code_id=pending.code_id, purpose=step.purpose, user=user)
        except (CodeThrottled, CodeRejected) as exc:
            resend_error = exc.message
            status = 429 if isinstance(exc, CodeThrottled) else 400
        else:
            request.session[step.session_key] = sent.code_id
            messages.success(
                request,
                _("A new code is on its way to %(phone)s. The old code no longer works.")
                % {"phone": sent.phone_masked},
            )
            return redirect(request.path)
    elif request.method == "POST":
        form = CodeForm(request.POST)
        lock_key = pending.lock_key
        if step.lockout and is_paused(request, lock_key):
            return paused_response(request, lock_key)
        if form.is_valid():
            try:
                value = confirm(pending.code_id, form.cleaned_data["code"])
            except CodeRejected as exc:
                if step.lockout and exc.counts_as_guess:
                    count_wrong_guess(request, lock_key)
                form.add_error("code", exc.message)
            else:
                request.session.pop(step.session_key, None)
                if step.lockout:
                    sign_in_failures_clear(key=lock_key)
                return Confirmed(value)
        status = 400
    context = {
        "step": step,
        "form": form,
        "pending": pending,
        "resend_error": resend_error,
        "demo": settings.DEMO,
    }
    return render(request, step.template, {**context, **(extra or {})}, status=status)


# --- Passkeys over JSON -------------------------------------------------------------------------


def relying_party(request) -> tuple[str, str]:
    """(rp id, origin) for the host the person is using: ``localhost`` in the demo."""
    host = request.get_host()
    return passkey_rp_id(host), f"{request.scheme}://{host}"


def json_body(request) -> dict:
    try:
        data = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError):
        return {}
    return data if isinstance(data, dict) else {}


def json_error(message: str, status: int = 400, **extra) -> JsonResponse:
    return JsonResponse({"error": message, **extra}, status=status)


def json_options(options_json: str) -> HttpResponse:
    """WebAuthn options, already JSON (py_webauthn encodes the binary fields as base64url)."""
    return HttpResponse(options_json, content_type="application/json")
