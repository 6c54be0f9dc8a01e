"""``require_second_factor``: pages that move money or change identity, phone or bank data ask
the person to confirm it is them (a code by SMS, or a passkey) unless they did so in the last
minutes, then bring them back where they were going.
"""

from __future__ import annotations

from functools import wraps
from urllib.parse import urlsplit

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from shebao.accounts.selectors import second_factor_is_fresh

NEXT_KEY = "portal.step_up.next"


def safe_next(request, target: str | None, default: str = "portal:home") -> str:
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse(default)


def remember_next(request) -> None:
    """Where to go after confirming. Kept in the session rather than the address, so no query
    string carries it and nobody can send a person a link that redirects elsewhere."""
    if request.method == "GET":
        target = request.get_full_path()
    else:
        # A form sent after the confirmation ran out: back to the page it was sent from (the
        # person fills it in again; nothing personal is kept in the session meanwhile).
        referer = urlsplit(request.headers.get("Referer", ""))
        target = ""
        if referer.netloc == request.get_host():
            target = referer.path + (f"?{referer.query}" if referer.query else "")
    request.session[NEXT_KEY] = safe_next(request, target)


def require_second_factor(view):
    """Let the view run only for a signed-in person whose second factor is fresh."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if second_factor_is_fresh(session=request.session):
            return view(request, *args, **kwargs)
        remember_next(request)
        message = _("For your safety, please confirm it is you first.")
        if "application/json" in request.headers.get("Accept", ""):
            return JsonResponse(
                {"error": message, "redirect": reverse("portal:step-up")}, status=403
            )
        if request.method != "GET":
            messages.info(request, message)
        return redirect("portal:step-up")

    return wrapped
