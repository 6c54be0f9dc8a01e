"""API operations for benefit claims (待遇申领): the pre-filled claim (conditions, amounts, rule
version, assumed parameters, masked payout account) and sending it, per claim type, with the
same checks as the portal. Sending confirms a payout account, so it needs a second factor
confirmed in this session within the last minutes."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema
from ninja.responses import Status
from ninja.security import django_auth

from shebao.accounts.selectors import second_factor_is_fresh
from shebao.benefits.selectors import claim_for, survivor_relatives
from shebao.benefits.services import ClaimRefused, benefit_claim_file

from .access import person_or_403
from .schemas import ErrorOut

router = Router(tags=["claims"], auth=django_auth)

KINDS = {
    "pension": "pension_claim",
    "unemployment": "unemployment_claim",
    "survivor": "survivor_claim",
}


class ConditionOut(Schema):
    code: str
    met: bool
    text: str
    values: dict[str, Any]


class AmountOut(Schema):
    code: str
    label: str
    value: str
    money: bool


class ClaimOut(Schema):
    service: str
    eligible: bool
    can_send: bool
    conditions: list[ConditionOut]
    amounts: list[AmountOut]
    rule_version: str
    assumed_parameters: list[str]
    provisional: bool
    advice: str
    bank_name: str
    bank_account_masked: str
    deceased_ref: str | None = None
    deceased_name: str | None = None
    open_application: str | None = None


class RelativeOut(Schema):
    ref: str
    name: str


class ClaimIn(Schema):
    idempotency_key: str
    bank_confirmed: bool
    declared: bool | None = None
    note: str = ""
    fix_ref: str | None = None


class SentOut(Schema):
    ref: str
    status: str
    created: bool
    due_date: str


class RefusedOut(Schema):
    detail: str
    field: str


def _out(claim, person) -> dict:
    from shebao.applications.selectors import open_application

    payload = claim.payload()
    person_open = open_application(person, claim.service, claim.subject)
    return {
        "service": claim.service,
        "eligible": claim.eligible,
        "can_send": claim.can_send,
        "conditions": payload["conditions"],
        "amounts": [
            {"code": a.code, "label": a.label, "value": str(a.value), "money": a.money}
            for a in claim.amounts
        ],
        "rule_version": claim.rule_version,
        "assumed_parameters": claim.assumed,
        "provisional": claim.provisional,
        "advice": claim.advice,
        "bank_name": claim.bank_name,
        "bank_account_masked": claim.bank_account_masked,
        "deceased_ref": str(claim.subject.ref) if claim.subject else None,
        "deceased_name": claim.subject.name if claim.subject else None,
        "open_application": person_open.ref if person_open else None,
    }


def _get(request, kind: str, ref: str | None = None):
    person, refusal = person_or_403(request)
    if refusal:
        return refusal
    claim = claim_for(KINDS[kind], person, as_of=timezone.localdate(), subject_ref=ref)
    if claim is None:
        return Status(404, {"detail": "not found"})
    return Status(200, _out(claim, person))


def _send(request, kind: str, body: ClaimIn, ref: str | None = None):
    person, refusal = person_or_403(request)
    if refusal:
        return refusal
    if not second_factor_is_fresh(session=request.session):
        return Status(403, {"detail": "confirm it is you with a second factor first"})
    if not body.idempotency_key.strip():
        return Status(422, {"detail": "idempotency_key is required", "field": "idempotency_key"})
    try:
        application, created = benefit_claim_file(
            person=person,
            service=KINDS[kind],
            as_of=timezone.localdate(),
            idempotency_key=body.idempotency_key.strip(),
            subject_ref=ref,
            note=body.note,
            bank_confirmed=body.bank_confirmed,
            declared=(bool(body.declared) if kind == "unemployment" else None),
            fix_ref=body.fix_ref,
            channel="api",
            actor=request.user,
        )
    except LookupError:
        return Status(404, {"detail": "not found"})
    except ClaimRefused as refused:
        return Status(422, {"detail": refused.message, "field": refused.field})
    return Status(
        201 if created else 200,
        {
            "ref": application.ref,
            "status": application.status,
            "created": created,
            "due_date": application.due_date.isoformat(),
        },
    )


@router.get("/pension", response={200: ClaimOut, 403: ErrorOut, 404: ErrorOut})
def pension_get(request: HttpRequest):
    """The pension claim, pre-filled: conditions with their numbers and the amounts."""
    return _get(request, "pension")


@router.post("/pension", response={200: SentOut, 201: SentOut, 403: ErrorOut, 422: RefusedOut})
def pension_send(request: HttpRequest, body: ClaimIn):
    """Send the pension claim (201 filed; 200 the same or an open application given back)."""
    return _send(request, "pension", body)


@router.get("/unemployment", response={200: ClaimOut, 403: ErrorOut, 404: ErrorOut})
def unemployment_get(request: HttpRequest):
    """The unemployment benefit claim, pre-filled."""
    return _get(request, "unemployment")


@router.post("/unemployment", response={200: SentOut, 201: SentOut, 403: ErrorOut, 422: RefusedOut})
def unemployment_send(request: HttpRequest, body: ClaimIn):
    """Send the unemployment claim; ``declared`` (the job ended not by one's own choice)."""
    return _send(request, "unemployment", body)


@router.get("/survivor", response={200: list[RelativeOut], 403: ErrorOut})
def survivor_list(request: HttpRequest):
    """Deceased relatives the person may claim the funeral grant and survivor benefits for."""
    person, refusal = person_or_403(request)
    if refusal:
        return refusal
    return Status(
        200,
        [
            {"ref": str(p.ref), "name": p.name}
            for p in survivor_relatives(person, as_of=timezone.localdate())
        ],
    )


@router.get("/survivor/{ref}", response={200: ClaimOut, 403: ErrorOut, 404: ErrorOut})
def survivor_get(request: HttpRequest, ref: str):
    """The survivor claim for one deceased relative (404 for anyone else)."""
    return _get(request, "survivor", ref)


@router.post(
    "/survivor/{ref}",
    response={200: SentOut, 201: SentOut, 403: ErrorOut, 404: ErrorOut, 422: RefusedOut},
)
def survivor_send(request: HttpRequest, ref: str, body: ClaimIn):
    """Send the survivor claim for one deceased relative."""
    return _send(request, "survivor", body, ref)
