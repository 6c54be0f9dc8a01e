"""API operations for transfers between regions (关系转移接续): the region choices, what a
transfer would move (preview) and filing one — the same selectors, checks and services as the
portal's pages. A refused choice answers 400 with the message and the field it concerns."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema
from ninja.responses import Status
from ninja.security import django_auth

from shebao.transfers import selectors
from shebao.transfers.selectors import TransferRefused
from shebao.transfers.services import transfer_submit

from .access import person_or_403
from .schemas import ErrorOut

router = Router(tags=["transfers"])


class FieldErrorOut(Schema):
    detail: str
    field: str


class RegionOut(Schema):
    code: str
    name: str


class ChoicesOut(Schema):
    held: list[RegionOut]
    preselected: str
    direction: str


class YearOut(Schema):
    year: int
    months: int
    bases: str
    pooled: str
    counted: bool


class PreviewOut(Schema):
    direction: str
    region: str
    region_name: str
    first_month: str
    last_month: str
    months: int
    account: str
    pooled: str
    total: str
    years: list[YearOut]
    claim_region: str
    claim_region_name: str
    claim_rule: int
    claim_explained: str
    rule_version: str
    claim_rule_version: str
    account_rule_version: str
    data_version: str
    assumed: list[str]
    sources: list[dict]


class SubmitIn(Schema):
    region: str
    direction: str
    idempotency_key: str


class SubmitOut(Schema):
    ref: str
    status: str
    created: bool
    figures: dict


def _preview_out(person, reckoning) -> dict:
    return {
        **reckoning.figures(),
        "region_name": selectors.place_name(reckoning.region),
        "years": [
            {**y, "bases": str(y["bases"]), "pooled": str(y["pooled"])} for y in reckoning.years
        ],
        "claim_region_name": selectors.place_name(reckoning.claim_region),
        "claim_explained": selectors.claim_words(
            reckoning.claim_rule, claim=reckoning.claim_region, hukou=person.hukou_region_code
        ),
        "sources": reckoning.sources,
    }


@router.get("/choices", response={200: ChoicesOut, 403: ErrorOut}, auth=django_auth)
def choices(request: HttpRequest):
    """Regions with contributions not transferred yet (the first pre-selected) and the
    direction pre-selected for the person."""
    person, refusal = person_or_403(request)
    if refusal:
        return refusal
    found = selectors.region_choices(person, as_of=timezone.localdate())
    return Status(
        200,
        {
            "held": [{"code": c, "name": n} for c, n in found.held],
            "preselected": found.preselected,
            "direction": found.direction,
        },
    )


@router.get(
    "/preview", response={200: PreviewOut, 400: FieldErrorOut, 403: ErrorOut}, auth=django_auth
)
def preview(request: HttpRequest, region: str, direction: str = ""):
    """What moves (personal account, pooled 12 %), the years and the claim place, with the
    rule versions and sources; `direction` defaults to the one pre-selected for the person."""
    person, refusal = person_or_403(request)
    if refusal:
        return refusal
    today = timezone.localdate()
    direction = direction or selectors.region_choices(person, as_of=today).direction
    try:
        reckoning = selectors.transfer_preview(
            person, region=region, direction=direction, as_of=today
        )
    except TransferRefused as exc:
        return Status(400, {"detail": exc.message, "field": exc.field})
    return Status(200, _preview_out(person, reckoning))


@router.post(
    "",
    response={200: SubmitOut, 201: SubmitOut, 400: FieldErrorOut, 403: ErrorOut},
    auth=django_auth,
)
def submit(request: HttpRequest, payload: SubmitIn):
    """File the transfer: 201 when filed; 200 with the application already filed when the same
    key is sent again or a transfer with this region is already in progress."""
    person, refusal = person_or_403(request)
    if refusal:
        return refusal
    if not payload.idempotency_key.strip():
        return Status(400, {"detail": "idempotency_key is required", "field": "idempotency_key"})
    try:
        application, created = transfer_submit(
            person=person,
            region=payload.region,
            direction=payload.direction,
            idempotency_key=payload.idempotency_key,
            channel="api",
            actor=request.user,
            as_of=timezone.localdate(),
        )
    except TransferRefused as exc:
        return Status(400, {"detail": exc.message, "field": exc.field})
    return Status(
        201 if created else 200,
        {
            "ref": application.ref,
            "status": application.status,
            "created": created,
            "figures": application.figures,
        },
    )
