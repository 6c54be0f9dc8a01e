"""Confirming it is you (second factor, 二次验证) before sensitive changes: a code sent to one's
own number, or a passkey. `portal.step_up.require_second_factor` sends people here."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from shebao.accounts.selectors import (
    one_time_code_pending,
    passkey_authentication_options,
    user_has_passkey,
)
from shebao.accounts.services import (
    CodeThrottled,
    PasskeyRejected,
    passkey_verify,
    second_factor_record,
    step_up_code_confirm,
    step_up_code_send,
)
from shebao.ops.ratelimit import code_page_limits, rate_limit, too_many_json

from ..step_up import NEXT_KEY, safe_next
from .auth_common import (
    CodeStep,
    Confirmed,
    code_step,
    json_body,
    json_error,
    json_options,
    relying_party,
)

CODE_KEY = "portal.step_up.code"
CHALLENGE_KEY = "portal.step_up.challenge"

STEP = CodeStep(
    purpose="step_up",
    session_key=CODE_KEY,
    start_url=reverse_lazy("portal:step-up"),
    title=_("Confirm it is you"),
    submit=_("Confirm"),
    template="portal/auth/step_up.html",
)


def _done(request):
    return safe_next(request, request.session.pop(NEXT_KEY, None))


@login_required
@require_http_methods(["GET", "POST"])
@code_page_limits
def step_up(request):
    """Offer a code by SMS (and a passkey where the person has one); check the code."""
    if request.user.person is None:
        return render(request, "portal/no_person.html", status=403)
    context = {
        "phone_masked": request.user.person.phone_masked,
        "has_passkey": user_has_passkey(request.user),
        "demo": settings.DEMO,
    }
    if request.method == "POST" and "send" in request.POST:
        try:
            sent = step_up_code_send(user=request.user)
        except CodeThrottled as exc:
            context["send_error"] = exc.message
            return render(request, STEP.template, {"step": STEP, **context}, status=429)
        request.session[CODE_KEY] = sent.code_id
        return redirect("portal:step-up")
    pending = one_time_code_pending(
        code_id=request.session.get(CODE_KEY), purpose=STEP.purpose, user=request.user
    )
    if pending is None:
        return render(request, STEP.template, {"step": STEP, **context})
    outcome = code_step(
        request,
        STEP,
        lambda code_id, code: step_up_code_confirm(user=request.user, code_id=code_id, code=code),
        user=request.user,
        extra=context,
    )
    if not isinstance(outcome, Confirmed):
        return outcome
    second_factor_record(session=request.session, method="sms")
    return redirect(_done(request))


@login_required
@require_POST
@rate_limit("sign-in", refuse=too_many_json)
def step_up_passkey_options(request):
    """The passkey challenge for confirming it is you (only the person's own passkeys)."""
    rp_id, _origin = relying_party(request)
    ceremony = passkey_authentication_options(rp_id=rp_id, user=request.user)
    request.session[CHALLENGE_KEY] = ceremony.challenge
    return json_options(ceremony.options_json)


@login_required
@require_POST
@rate_limit("sign-in", refuse=too_many_json)
def step_up_passkey(request):
    """Check the passkey answer; on success go where the person was going."""
    challenge = request.session.pop(CHALLENGE_KEY, None)
    if not challenge:
        return json_error(str(PasskeyRejected().message))
    rp_id, origin = relying_party(request)
    try:
        passkey_verify(
            credential=json_body(request),
            challenge=challenge,
            rp_id=rp_id,
            origin=origin,
            purpose="step_up",
            user=request.user,
        )
    except PasskeyRejected as exc:
        return json_error(exc.message)
    second_factor_record(session=request.session, method="passkey")
    return JsonResponse({"redirect": _done(request)})
