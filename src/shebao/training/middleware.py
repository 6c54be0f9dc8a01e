"""Runs a practising staff member's requests against the sandbox.

For a signed-in staff member whose second factor is verified and whose session has training on,
the rest of the request (views, forms, templates, on-commit hooks and the jobs they queue) runs
inside `training.active()`, with `request.user` replaced by the sandbox's copy of the account
(same primary key; role from the real account). The sign-in pages are left out: who someone is
gets decided against the real database. Place after django_otp's OTPMiddleware (and after the
messages middleware) in MIDDLEWARE.
"""

from __future__ import annotations

import functools

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _
from django_otp.middleware import is_verified

from . import SESSION_KEY, active, configured
from .selectors import training_user_for

# url names that decide who someone is: never in training
EXEMPT = frozenset(
    {"backoffice:sign-in", "backoffice:sign-in-code", "backoffice:sign-out", "set_language"}
)
HEADER = "X-Shebao-Training"


def _is_verified_staff(user) -> bool:
    return (
        user.is_authenticated
        and getattr(user, "kind", "") == "staff"
        and user.is_active
        and user.is_verified()
    )


async def _same(user):
    return user


def _exempt(path: str) -> bool:
    try:
        return resolve(path).view_name in EXEMPT
    except Resolver404:
        return False


class TrainingMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.session.get(SESSION_KEY) or _exempt(request.path_info):
            return self.get_response(request)
        user = request.user  # evaluated here: sign-in state comes from the real database
        if not _is_verified_staff(user) or not configured():
            return self.get_response(request)
        with active():
            copy = training_user_for(user)
            if copy is not None:
                copy.otp_device = getattr(user, "otp_device", None)
                copy.is_verified = functools.partial(is_verified, copy)
                request.user = copy
                request.auser = functools.partial(_same, copy)
                response = self.get_response(request)
                response[HEADER] = "1"
                return response
        # The sandbox lost this account (never prepared, or reset without it): back to real work.
        del request.session[SESSION_KEY]
        messages.warning(request, _("The practice database is not ready. Training mode is off."))
        return redirect("backoffice:training")
