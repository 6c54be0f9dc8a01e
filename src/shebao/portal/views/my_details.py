"""My details (我的信息): what the office holds about the person, masked, and changing the
mobile number. Both need a fresh second factor: the page shows contact and bank data, and a new
number would redirect every future code."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from shebao.accounts.selectors import user_has_passkey
from shebao.accounts.services import (
    CodeThrottled,
    SamePhone,
    phone_change_code_send,
    phone_change_confirm,
)
from shebao.ops.ratelimit import code_page_limits, rate_limit

from ..forms_auth import PhoneChangeForm
from ..step_up import require_second_factor
from .auth_common import CodeStep, Confirmed, code_step

CODE_KEY = "portal.phone_change.code"

STEP = CodeStep(
    purpose="phone_change",
    session_key=CODE_KEY,
    start_url=reverse_lazy("portal:my-details-phone"),
    title=gettext_lazy("Confirm your new mobile number"),
    submit=gettext_lazy("Confirm the new number"),
)


@require_GET
@require_second_factor
def my_details(request):
    person = request.user.person
    if person is None:
        return render(request, "portal/no_person.html", status=403)
    return render(
        request,
        "portal/auth/my_details.html",
        {"person": person, "has_passkey": user_has_passkey(request.user)},
    )


@require_http_methods(["GET", "POST"])
@require_second_factor
@rate_limit("sms")
def phone_change(request):
    """Step 1: the new number; a code goes to it."""
    if request.user.person is None:
        return render(request, "portal/no_person.html", status=403)
    form = PhoneChangeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                sent = phone_change_code_send(
                    user=request.user, new_phone=form.cleaned_data["new_phone"]
                )
            except SamePhone:
                form.add_error(
                    "new_phone", _("This is already your mobile number. Nothing needs changing.")
                )
            except CodeThrottled as exc:
                form.add_error(None, exc.message)
                status = 429
            else:
                request.session[CODE_KEY] = sent.code_id
                return redirect("portal:my-details-phone-code")
    return render(
        request,
        "portal/auth/phone_change.html",
        {"form": form, "current": request.user.person.phone_masked, "demo": settings.DEMO},
        status=status,
    )


@require_http_methods(["GET", "POST"])
@require_second_factor
@code_page_limits
def phone_change_code(request):
    """Step 2: the code sent to the new number."""
    outcome = code_step(
        request,
        STEP,
        lambda code_id, code: phone_change_confirm(user=request.user, code_id=code_id, code=code),
        user=request.user,
        extra={"intro_phone_change": True},
    )
    if not isinstance(outcome, Confirmed):
        return outcome
    messages.success(
        request,
        _(
            "Your mobile number is now %(phone)s. We also sent a message to your old number to "
            "say so."
        )
        % {"phone": outcome.value},
    )
    return redirect("portal:my-details")
