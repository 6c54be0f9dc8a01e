"""Display preferences: elder mode (长辈版), remembered for the account and the device."""

from __future__ import annotations

from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from shebao.accounts.services import user_set_elder_mode

from ..display import ELDER_COOKIE


@require_POST
def elder_mode(request):
    on = request.POST.get("on") == "1"
    if request.user.is_authenticated:
        user_set_elder_mode(user=request.user, on=on)
    target = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    response = redirect(target)
    response.set_cookie(
        ELDER_COOKIE,
        "1" if on else "0",
        max_age=5 * 365 * 24 * 3600,
        samesite="Lax",
        httponly=True,
        secure=request.is_secure(),
    )
    return response
