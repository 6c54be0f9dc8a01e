"""Benefit claims (待遇申领): the pension at retirement, unemployment benefit, and the funeral
grant and survivor benefits for a deceased relative.

One page per claim shows each condition with its numbers, the amounts with the rule version and
any assumed figure, and the payout account on file (masked) to confirm; the send button files an
application. Nothing needs typing (an optional note is the one field). The pages confirm a
payout account, so they ask for a fresh second factor.
"""

from __future__ import annotations

import uuid

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from shebao.applications.catalogue import BY_CODE
from shebao.applications.selectors import application_of, application_to_fix, open_application
from shebao.benefits.selectors import claim_for, survivor_relatives
from shebao.benefits.services import NOTE_MAX, ClaimRefused, benefit_claim_file

from ..access import person_or_403
from ..step_up import require_second_factor

CLAIM_SERVICES = ("pension_claim", "unemployment_claim", "survivor_claim")

# Names of the fields a reviewer may ask to correct, as the person reads them.
FIELD_WORDS = {
    "bank": _("Payout bank account"),
    "bank_account": _("Payout bank account"),
    "note": _("Your note"),
    "declaration": _("Your statement about how the job ended"),
}


@login_required
@require_second_factor
def pension(request):
    return _claim_page(request, "pension_claim")


@login_required
@require_second_factor
def unemployment(request):
    return _claim_page(request, "unemployment_claim")


@login_required
@require_second_factor
def survivor(request):
    """The deceased relatives the person may claim for; with one, that claim at once."""
    person, refusal = person_or_403(request)
    if refusal:
        return refusal
    relatives = survivor_relatives(person, as_of=timezone.localdate())
    if len(relatives) == 1 and request.method == "GET":
        return _claim_page(request, "survivor_claim", str(relatives[0].ref))
    return render(request, "portal/claims/choose.html", {"relatives": relatives})


@login_required
@require_second_factor
def survivor_for(request, ref):
    return _claim_page(request, "survivor_claim", str(ref))


@login_required
def sent(request, ref: str):
    """The application number and what happens next."""
    person, refusal = person_or_403(request)
    if refusal:
        return refusal
    application = application_of(person, ref)
    if application is None or application.service not in CLAIM_SERVICES:
        raise Http404
    return render(
        request,
        "portal/claims/sent.html",
        {"application": application, "service": BY_CODE[application.service]},
    )


def _claim_page(request, service: str, subject_ref: str | None = None):
    person, refusal = person_or_403(request)
    if refusal:
        return refusal
    today = timezone.localdate()
    claim = claim_for(service, person, as_of=today, subject_ref=subject_ref)
    if claim is None:  # not a deceased relative of this person: as if it did not exist
        raise Http404
    fix_ref = (request.POST if request.method == "POST" else request.GET).get("fix", "")
    fixing = application_to_fix(person, fix_ref, service) if fix_ref else None
    if fix_ref and (
        fixing is None or (claim.subject is not None and fixing.subject_id != claim.subject.pk)
    ):
        raise Http404
    earlier = fixing.payload if fixing else {}
    form = {
        "idempotency_key": uuid.uuid4().hex,
        "note": earlier.get("note", ""),
        "bank_confirmed": False,
        "declared": bool(earlier.get("declared_involuntary")),
    }
    errors: dict[str, str] = {}
    if request.method == "POST":
        form = {
            "idempotency_key": (request.POST.get("idempotency_key") or "")[:64] or uuid.uuid4().hex,
            "note": request.POST.get("note", ""),
            "bank_confirmed": request.POST.get("bank_confirmed") == "yes",
            "declared": request.POST.get("declared") == "yes",
        }
        try:
            application, _created = benefit_claim_file(
                person=person,
                service=service,
                as_of=today,
                idempotency_key=form["idempotency_key"],
                subject_ref=subject_ref,
                note=form["note"],
                bank_confirmed=form["bank_confirmed"],
                declared=form["declared"] if service == "unemployment_claim" else None,
                fix_ref=fix_ref or None,
                actor=request.user,
            )
        except ClaimRefused as refused:
            errors[refused.field] = refused.message
        else:
            return redirect("portal:claim-sent", ref=application.ref)
    in_progress = None if fixing else open_application(person, service, claim.subject)
    action = (
        reverse("portal:claim-survivor-for", args=[subject_ref])
        if service == "survivor_claim"
        else request.path
    )
    context = {
        "claim": claim,
        "service": BY_CODE[service],
        "form": form,
        "errors": errors,
        "note_max": NOTE_MAX,
        "fixing": fixing,
        "fix_fields": [
            str(FIELD_WORDS.get(f, f)) for f in (fixing.fields_to_fix if fixing else [])
        ],
        "in_progress": in_progress,
        "action": action,
        "asks_declaration": service == "unemployment_claim",
    }
    return render(request, "portal/claims/claim.html", context, status=400 if errors else 200)
