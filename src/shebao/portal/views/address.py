"""Change of mailing address (通讯地址变更): one typed field, filed as an application that the
automated review approves when nothing needs a reviewer."""

from __future__ import annotations

import uuid

from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from shebao.applications.selectors import application_to_fix, open_application
from shebao.applications.services import application_resubmit, application_submit
from shebao.registry.services import (
    ADDRESS_MAX,
    ADDRESS_REFUSALS,
    AddressRefused,
    address_protect,
)

from ..access import person_or_403

SERVICE = "address_change"


class AddressForm(forms.Form):
    address = forms.CharField(
        label=_("New mailing address"),
        max_length=ADDRESS_MAX,
        help_text=_("For example: 河北省辛集市教育路8号3单元201室"),
        widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "street-address"}),
        error_messages={
            "required": ADDRESS_REFUSALS["too_short"],
            "max_length": ADDRESS_REFUSALS["too_long"],
        },
    )
    idempotency_key = forms.CharField(widget=forms.HiddenInput)

    def clean(self):
        cleaned = super().clean()
        if "address" in cleaned:
            try:
                cleaned["sealed"] = address_protect(cleaned["address"])
            except AddressRefused as refused:
                self.add_error("address", refused.message)
        return cleaned


@login_required
@require_http_methods(["GET", "POST"])
def address_change(request):
    person, refusal = person_or_403(request)
    if refusal:
        return refusal
    fixing = application_to_fix(person, request.GET.get("fix", ""), SERVICE)
    waiting = None if fixing else open_application(person, SERVICE)
    form = AddressForm(request.POST or None, initial={"idempotency_key": uuid.uuid4().hex})
    if request.method == "POST" and waiting is None and form.is_valid():
        payload = form.cleaned_data["sealed"]
        if fixing:
            application = application_resubmit(
                application=fixing, payload=payload, figures=None, actor=request.user
            )
        else:
            application, _created = application_submit(
                person=person,
                service=SERVICE,
                payload=payload,
                idempotency_key=form.cleaned_data["idempotency_key"],
                actor=request.user,
            )
        return redirect("portal:application", ref=application.ref)
    context = {"person": person, "form": form, "waiting": waiting, "fixing": fixing}
    status = 400 if request.method == "POST" else 200
    return render(request, "portal/address_change.html", context, status=status)
