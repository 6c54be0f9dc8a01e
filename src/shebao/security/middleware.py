"""Refuses every request of a frozen account and every sign-in from a blocked address, and
gives each browser a random device cookie (for "signed in on a new device").

Place after django_otp's OTPMiddleware and before the training middleware in MIDDLEWARE, so it
reads the real account from the real database:
``"shebao.security.middleware.FreezeMiddleware"``.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

from . import selectors

# Pages a frozen account may still use: leaving, and choosing the language of the refusal.
ALWAYS_OPEN = frozenset({"backoffice:sign-out", "portal:sign-out", "set_language"})
# Pages that decide who someone is: refused from a blocked address.
SIGN_IN = frozenset(
    {
        "portal:sign-in",
        "portal:sign-in-sms",
        "portal:sign-in-sms-code",
        "portal:sign-in-sms-choose",
        "portal:passkey-sign-in-options",
        "portal:passkey-sign-in",
        "portal:password-reset",
        "portal:password-reset-code",
        "portal:password-reset-new",
        "backoffice:sign-in",
        "backoffice:sign-in-code",
    }
)
DEVICE_COOKIE_AGE = 2 * 365 * 24 * 3600


def _view_name(path: str) -> str:
    try:
        return resolve(path).view_name
    except Resolver404:
        return ""


def frozen_message() -> str:
    return _("Your account is frozen. Please contact your section chief.")


def _refuse(request, *, staff: bool, message: str, status: int):
    if request.path_info.startswith("/api/"):
        return JsonResponse({"detail": message}, status=status)
    base = "backoffice/base.html" if staff else "portal/base.html"  # the look the person knows
    context = {"base": base, "message": message}
    return render(request, "security/refused.html", context, status=status)


class FreezeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = request.COOKIES.get(selectors.DEVICE_COOKIE, "")
        fresh = not selectors.device_token_valid(token)
        if fresh:
            token = secrets.token_hex(16)
        request.security_device = token
        response = self._check(request) or self.get_response(request)
        if fresh:
            response.set_cookie(
                selectors.DEVICE_COOKIE,
                token,
                max_age=DEVICE_COOKIE_AGE,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response

    def _check(self, request):
        name = _view_name(request.path_info)
        if name in ALWAYS_OPEN:
            return None
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and selectors.user_freeze(user):
            staff = getattr(user, "kind", "") == "staff"
            message = (
                frozen_message()
                if staff
                else _(
                    "For your safety, your account is paused. Please call 12333 or visit a "
                    "service counter with your ID card."
                )
            )
            return _refuse(request, staff=staff, message=message, status=403)
        if name in SIGN_IN and selectors.address_blocked(selectors.client_address_key(request)):
            return _refuse(
                request,
                staff=name.startswith("backoffice:"),
                message=_(
                    "Too many sign-in attempts for different accounts came from your network. "
                    "For everyone's safety, signing in from here is paused for an hour. Please "
                    "try again later, or call 12333."
                ),
                status=429,
            )
        return None
