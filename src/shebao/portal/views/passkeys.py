"""Passkeys (fingerprint or face sign-in, 通行密钥): add one after signing in, list and remove
them, and sign in with one. The browser part is `static/portal/passkey.js`; without JavaScript
these pages still work and say so, and the other ways to sign in are untouched."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from shebao.accounts.selectors import (
    passkey_authentication_options,
    passkey_registration_options,
    passkeys_of,
)
from shebao.accounts.services import (
    PasskeyRejected,
    passkey_register,
    passkey_remove,
    passkey_verify,
    second_factor_record,
)
from shebao.ops.ratelimit import rate_limit, too_many_json

from ..step_up import require_second_factor
from .auth_common import json_body, json_error, json_options, relying_party

REGISTER_CHALLENGE = "portal.passkey.register"
SIGN_IN_CHALLENGE = "portal.passkey.sign_in"
BACKEND = "django.contrib.auth.backends.ModelBackend"


# Adding or removing a passkey changes how one proves who one is, so it needs a fresh second
# factor: otherwise a stolen password could be turned into a lasting fingerprint sign-in.


@require_GET
@require_second_factor
def passkey_list(request):
    if request.user.person is None:
        return render(request, "portal/no_person.html", status=403)
    return render(request, "portal/auth/passkeys.html", {"passkeys": passkeys_of(request.user)})


@require_POST
@require_second_factor
def passkey_register_options(request):
    if request.user.person is None:
        return json_error(PasskeyRejected().message, status=403)
    rp_id, _origin = relying_party(request)
    ceremony = passkey_registration_options(user=request.user, rp_id=rp_id)
    request.session[REGISTER_CHALLENGE] = ceremony.challenge
    return json_options(ceremony.options_json)


@require_POST
@require_second_factor
def passkey_register_finish(request):
    challenge = request.session.pop(REGISTER_CHALLENGE, None)
    if not challenge:
        return json_error(PasskeyRejected().message)
    rp_id, origin = relying_party(request)
    try:
        passkey_register(
            user=request.user,
            credential=json_body(request),
            challenge=challenge,
            rp_id=rp_id,
            origin=origin,
        )
    except PasskeyRejected as exc:
        return json_error(exc.message)
    messages.success(
        request,
        _(
            "Fingerprint or face sign-in is ready. Next time, press “Use fingerprint or face” on "
            "the sign-in page."
        ),
    )
    return JsonResponse({"redirect": reverse("portal:passkeys")})


@require_POST
@require_second_factor
def passkey_delete(request, pk: int):
    if not passkey_remove(user=request.user, passkey_id=pk):
        raise Http404  # not this person's passkey, or removed already
    messages.success(request, _("That fingerprint or face sign-in is removed."))
    return redirect("portal:passkeys")


@require_POST
@rate_limit("sign-in", refuse=too_many_json)
def passkey_sign_in_options(request):
    """The challenge for signing in: the phone offers the passkeys it holds for this site."""
    rp_id, _origin = relying_party(request)
    ceremony = passkey_authentication_options(rp_id=rp_id)
    request.session[SIGN_IN_CHALLENGE] = ceremony.challenge
    return json_options(ceremony.options_json)


@require_POST
@rate_limit("sign-in", refuse=too_many_json)
def passkey_sign_in(request):
    """Check the passkey answer and sign in. A passkey is the phone (something one has) unlocked
    by fingerprint or face (something one is): it counts as the second factor too."""
    challenge = request.session.pop(SIGN_IN_CHALLENGE, None)
    if not challenge:
        return json_error(PasskeyRejected().message)
    rp_id, origin = relying_party(request)
    try:
        user = passkey_verify(
            credential=json_body(request),
            challenge=challenge,
            rp_id=rp_id,
            origin=origin,
            purpose="sign_in",
        )
    except PasskeyRejected as exc:
        return json_error(exc.message)
    login(request, user, backend=BACKEND)
    second_factor_record(session=request.session, method="passkey")
    return JsonResponse({"redirect": reverse("portal:home")})
