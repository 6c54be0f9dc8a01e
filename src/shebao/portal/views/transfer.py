"""Transfer of pension insurance between regions (关系转移接续): pick the other region, see what
moves and where the pension will be claimed, confirm and send; then follow the exchange.

No typing: the region is a choice (the regions where we hold contributions not transferred
yet come first, pre-selected), the direction a choice (pre-selected from whether the person
pays here now). Three pages: choose, what moves (with the send button), the application.
"""

from __future__ import annotations

import uuid

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from shebao.applications.selectors import application_of, application_to_fix
from shebao.transfers import selectors
from shebao.transfers.selectors import TransferRefused
from shebao.transfers.services import transfer_resubmit, transfer_submit

from ..access import person_or_403

SERVICE = selectors.SERVICE


class TransferChoiceForm(forms.Form):
    """The two choices. Their checks live in `transfers.selectors.transfer_preview`, shared with
    the API; a refusal is put next to the choice it names."""

    region = forms.CharField(label=gettext_lazy("The other region"), required=False)
    direction = forms.ChoiceField(
        label=gettext_lazy("Direction"),
        choices=selectors.DIRECTIONS,
        widget=forms.RadioSelect,
        required=False,
    )
    fix = forms.CharField(required=False, widget=forms.HiddenInput)
    idempotency_key = forms.CharField(required=False, widget=forms.HiddenInput)


def _start_page(request, person, form, *, choices, fix=None, status=200):
    return render(
        request,
        "portal/transfer/start.html",
        {
            "person": person,
            "form": form,
            "choices": choices,
            "chosen_region": form["region"].value() or choices.preselected,
            "fix": fix,
            "open_transfers": [
                a for a in selectors.open_transfers(person) if fix is None or a.pk != fix.pk
            ],
        },
        status=status,
    )


def _fix(request, person, ref):
    if not ref:
        return None
    application = application_to_fix(person, ref, SERVICE)
    if application is None:
        raise Http404
    return application


@login_required
@require_GET
def transfer(request):
    """Choose the other region and the direction (both pre-selected where we can tell)."""
    person, refusal = person_or_403(request)
    if refusal:
        return refusal
    today = timezone.localdate()
    fix = _fix(request, person, request.GET.get("fix", ""))
    choices = selectors.region_choices(person, as_of=today)
    initial = {"region": choices.preselected, "direction": choices.direction}
    if fix is not None:
        initial = {
            "region": fix.payload.get("region", ""),
            "direction": fix.payload.get("direction", choices.direction),
            "fix": fix.ref,
        }
    form = TransferChoiceForm(initial=initial)
    return _start_page(request, person, form, choices=choices, fix=fix)


@login_required
@require_http_methods(["GET", "POST"])
def transfer_preview(request):
    """What moves, the years and the claim place for the chosen region (GET); confirm and send
    (POST). A refused choice goes back to the choosing page with the message beside it."""
    person, refusal = person_or_403(request)
    if refusal:
        return refusal
    today = timezone.localdate()
    form = TransferChoiceForm(request.POST if request.method == "POST" else request.GET)
    form.is_valid()
    data = form.cleaned_data
    fix = _fix(request, person, data.get("fix", ""))
    region, direction = data.get("region", ""), data.get("direction", "")
    try:
        if request.method == "POST":
            return _send(request, person, form, fix=fix, today=today)
        reckoning = selectors.transfer_preview(
            person, region=region, direction=direction, as_of=today
        )
    except TransferRefused as exc:
        form.add_error(exc.field, exc.message)
        choices = selectors.region_choices(person, as_of=today)
        return _start_page(request, person, form, choices=choices, fix=fix, status=400)
    existing = selectors.open_transfer(person, region=region)
    if fix is not None and existing is not None and existing.pk == fix.pk:
        existing = None
    return render(
        request,
        "portal/transfer/preview.html",
        {
            "person": person,
            "r": reckoning,
            "region_name": selectors.place_name(region),
            "claim_name": selectors.place_name(reckoning.claim_region),
            "claim_words": selectors.claim_words(
                reckoning.claim_rule,
                claim=reckoning.claim_region,
                hukou=person.hukou_region_code,
            ),
            "office": person.office,
            "rate": selectors.pooled_rate_text(today),
            "existing": existing,
            "fix": fix,
            "key": uuid.uuid4().hex,
            "direction": direction,
            "region": region,
            "months_by_region": [
                (selectors.place_name(code), months)
                for code, months in reckoning.months_by_region.items()
            ],
        },
    )


def _send(request, person, form, *, fix, today):
    data = form.cleaned_data
    region, direction = data.get("region", ""), data.get("direction", "")
    if fix is not None:
        application = transfer_resubmit(
            person=person,
            application=fix,
            region=region,
            direction=direction,
            actor=request.user,
            as_of=today,
        )
        messages.success(request, _("Your corrected transfer application was sent again."))
        return redirect("portal:transfer-status", ref=application.ref)
    application, created = transfer_submit(
        person=person,
        region=region,
        direction=direction,
        idempotency_key=data.get("idempotency_key") or uuid.uuid4().hex,
        actor=request.user,
        as_of=today,
    )
    if created:
        messages.success(request, _("Your transfer application was sent."))
    else:
        messages.info(request, _("This transfer is already in progress; here is its application."))
    return redirect("portal:transfer-status", ref=application.ref)


@login_required
@require_GET
def transfer_status(request, ref: str):
    """One transfer application: its number, where it stands, every step and what moved."""
    person, refusal = person_or_403(request)
    if refusal:
        return refusal
    application = application_of(person, ref)
    if application is None or application.service != SERVICE:
        raise Http404
    transfer = selectors.transfer_for(application)
    return render(
        request,
        "portal/transfer/status.html",
        {
            "application": application,
            "transfer": transfer,
            "holder": selectors.status_holder(application),
            "rate": selectors.pooled_rate_text(application.submitted_at.date()),
            "steps": selectors.transfer_steps(application, transfer),
            "figures": application.figures,
        },
    )
