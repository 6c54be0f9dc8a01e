"""API operations for contribution payment by flexible workers (灵活就业人员缴费), thin over the
same services and checks as the portal: what is due with every choice and its amount; create an
order (idempotency key; needs a second factor confirmed in this session, as the pay page);
the gateway's signed server-to-server notice; an order's status (a pending one is queried at
the gateway); the receipt.
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.http import HttpRequest
from django.urls import reverse
from ninja import Router, Schema
from ninja.responses import Status
from ninja.security import django_auth

from shebao.accounts.selectors import second_factor_is_fresh
from shebao.payments import selectors
from shebao.payments.services import (
    NoticeRejected,
    PaymentInputError,
    payment_notice_receive,
    payment_order_create,
    payment_order_refresh,
)

from .access import person_or_403
from .schemas import ErrorOut

router = Router(tags=["payments"])

SIGNATURE_HEADER = "X-Gateway-Signature"


class DueOut(Schema):
    month: str
    insurance_type: str
    amount_at_base_on_file: str


class MonthAmountOut(Schema):
    month: str
    insurance_type: str
    base: str
    amount: str
    rule_version: str


class ChoiceOut(Schema):
    base_ratio: str
    percent: int
    total: str
    months: list[MonthAmountOut]


class MethodOut(Schema):
    code: str
    label: str


class OptionsOut(Schema):
    due: list[DueOut]
    lowest_ratio: str
    highest_ratio: str
    default_ratio: str
    choices: list[ChoiceOut]
    late_charge: str | None
    methods: list[MethodOut]


class OrderIn(Schema):
    months: list[str]
    base_ratio: str
    method: str
    idempotency_key: str


class LineOut(Schema):
    month: str
    insurance_type: str
    base: str
    amount: str


class OrderOut(Schema):
    ref: str
    status: str
    status_label: str
    total: str
    base_ratio: str
    method: str
    lines: list[LineOut]
    pay_url: str | None
    receipt_number: str | None


class FieldErrorOut(Schema):
    detail: str
    field: str


class ReceiptOut(Schema):
    number: str
    issued_at: str
    order_ref: str
    payer: str
    id_number_masked: str
    total: str
    lines: list[LineOut]
    pdf_url: str


class NoticeOut(Schema):
    ok: bool
    status: str


def _order_out(order) -> dict:
    receipt = getattr(order, "receipt", None) if order.status == "paid" else None
    return {
        "ref": order.ref,
        "status": order.status,
        "status_label": str(order.get_status_display()),
        "total": f"{order.total:.2f}",
        "base_ratio": str(order.base_ratio),
        "method": order.method,
        "lines": [
            {
                "month": f"{ln.month:%Y-%m}",
                "insurance_type": ln.insurance_type,
                "base": f"{ln.base:.2f}",
                "amount": f"{ln.amount:.2f}",
            }
            for ln in order.lines.all()
        ],
        "pay_url": order.pay_url if order.status == "pending" else None,
        "receipt_number": receipt.number if receipt else None,
    }


@router.get("/due", response={200: OptionsOut, 403: ErrorOut, 404: ErrorOut}, auth=django_auth)
def due(request: HttpRequest):
    """The months due, the allowed base range, every base offered with its exact amounts (to
    the fen, by the rules engine), the base chosen last time, the late charge (none: the rules
    hold none for flexible workers) and the payment methods."""
    person, refusal = person_or_403(request)
    if refusal:
        return refusal
    options = selectors.payment_options_for(person)
    if options is None:
        return Status(404, {"detail": "nothing is due"})
    return Status(
        200,
        {
            "due": [
                {
                    "month": f"{d.month:%Y-%m}",
                    "insurance_type": d.insurance_type,
                    "amount_at_base_on_file": f"{d.recorded_amount:.2f}",
                }
                for d in options.dues
            ],
            "lowest_ratio": str(options.lowest),
            "highest_ratio": str(options.highest),
            "default_ratio": str(options.default_ratio),
            "choices": [
                {
                    "base_ratio": str(c.ratio),
                    "percent": c.percent,
                    "total": f"{c.total:.2f}",
                    "months": [
                        {
                            "month": f"{m.month:%Y-%m}",
                            "insurance_type": m.insurance_type,
                            "base": f"{m.base:.2f}",
                            "amount": f"{m.individual_amount:.2f}",
                            "rule_version": m.rule_version,
                        }
                        for m in c.lines
                    ],
                }
                for c in options.choices
            ],
            "late_charge": None,
            "methods": [{"code": v, "label": str(lbl)} for v, lbl in selectors.payment_methods()],
        },
    )


@router.post(
    "/orders",
    response={201: OrderOut, 200: OrderOut, 403: ErrorOut, 422: FieldErrorOut},
    auth=django_auth,
)
def create_order(request: HttpRequest, payload: OrderIn):
    """Create the order (one per idempotency key: sending it again returns the same order, 200)
    and get the address where the payer pays. Needs a fresh second factor."""
    person, refusal = person_or_403(request)
    if refusal:
        return refusal
    if not second_factor_is_fresh(session=request.session):
        return Status(403, {"detail": "confirm it is you with a second factor first"})
    try:
        key = str(uuid.UUID(payload.idempotency_key))
    except ValueError:
        return Status(422, {"detail": "idempotency_key must be a UUID", "field": "idempotency_key"})
    months = []
    for text in payload.months:
        try:
            year, month = (int(x) for x in text.split("-"))
            months.append(dt.date(year, month, 1))
        except ValueError:
            return Status(422, {"detail": f"{text!r} is not a month (YYYY-MM)", "field": "months"})
    try:
        order, created = payment_order_create(
            person=person,
            months=months,
            base_ratio=payload.base_ratio,
            method=payload.method,
            idempotency_key=key,
            channel="api",
            actor=request.user,
        )
    except PaymentInputError as refused:
        return Status(422, {"detail": refused.message, "field": refused.field})
    return Status(201 if created else 200, _order_out(order))


@router.post("/notices/{gateway}", response={200: NoticeOut, 400: ErrorOut})
def gateway_notice(request: HttpRequest, gateway: str):
    """The gateway's server-to-server notice of an outcome (no session): the raw JSON body,
    signed with HMAC-SHA256 in the X-Gateway-Signature header. A repeated notice is
    acknowledged and changes nothing."""
    if not selectors.gateway_exists(gateway):
        return Status(400, {"detail": "notice rejected: unknown gateway"})
    try:
        order, _changed = payment_notice_receive(
            body=request.body, signature=request.headers.get(SIGNATURE_HEADER, "")
        )
    except NoticeRejected as rejected:
        return Status(400, {"detail": f"notice rejected: {rejected}"})
    return Status(200, {"ok": True, "status": order.status})


@router.get(
    "/orders/{ref}", response={200: OrderOut, 403: ErrorOut, 404: ErrorOut}, auth=django_auth
)
def order_status(request: HttpRequest, ref: str):
    """An order's status; a pending one is first queried at the gateway."""
    person, refusal = person_or_403(request)
    if refusal:
        return refusal
    order = selectors.order_of_person(person, ref)
    if order is None:
        return Status(404, {"detail": "no such order"})
    payment_order_refresh(order=order)
    return Status(200, _order_out(selectors.order_of_person(person, ref)))


@router.get(
    "/orders/{ref}/receipt",
    response={200: ReceiptOut, 403: ErrorOut, 404: ErrorOut},
    auth=django_auth,
)
def order_receipt(request: HttpRequest, ref: str):
    """The receipt of a paid order (404 until it is paid), with the PDF's address."""
    person, refusal = person_or_403(request)
    if refusal:
        return refusal
    order = selectors.order_of_person(person, ref)
    receipt = getattr(order, "receipt", None) if order and order.status == "paid" else None
    if receipt is None:
        return Status(404, {"detail": "no receipt for this order"})
    out = _order_out(order)
    return Status(
        200,
        {
            "number": receipt.number,
            "issued_at": receipt.issued_at.isoformat(timespec="seconds"),
            "order_ref": order.ref,
            "payer": person.name,
            "id_number_masked": person.id_number_masked,
            "total": f"{receipt.total:.2f}",
            "lines": out["lines"],
            "pdf_url": reverse("portal:pay-receipt-pdf", args=[receipt.number]),
        },
    )
