"""Reads for contribution payment: the options (see `quotes.py`), a person's own orders and
receipts (someone else's reference reads as nothing), and the receipt PDF."""

from __future__ import annotations

from .models import PaymentOrder, Receipt
from .quotes import NothingToPay, Options, payment_options  # noqa: F401  (re-exported)


def payment_options_for(person, *, months=None) -> Options | None:
    """What the person may pay now, with every choice and its amount; None if nothing is due."""
    try:
        return payment_options(person, months=months)
    except NothingToPay:
        return None


def payment_methods() -> list[tuple[str, str]]:
    """(value, label) of each way to pay, in the order offered."""
    return list(PaymentOrder.Method.choices)


def order_of_person(person, ref: str) -> PaymentOrder | None:
    return (
        PaymentOrder.objects.filter(person=person, ref=ref)
        .select_related("receipt")
        .prefetch_related("lines")
        .first()
    )


def receipt_of_person(person, number: str) -> Receipt | None:
    return (
        Receipt.objects.filter(person=person, number=number)
        .select_related("order", "person", "person__office")
        .first()
    )


def orders_of_person(person, *, limit: int = 10) -> list[PaymentOrder]:
    return list(
        PaymentOrder.objects.filter(person=person)
        .select_related("receipt")
        .order_by("-created_at")[:limit]
    )


def gateway_exists(name: str) -> bool:
    from .gateway import gateway_named

    return gateway_named(name) is not None


def sandbox_transaction(token: str):
    """The sandbox bank's record behind its page (None if unknown)."""
    from .gateway import GATEWAYS

    return GATEWAYS["sandbox"].transaction(token)


def receipt_pdf(receipt: Receipt) -> bytes:
    from .pdf import receipt_pdf as render

    order = receipt.order
    return render(
        number=receipt.number,
        issued_at=receipt.issued_at,
        office_name=receipt.person.office.name,
        full_name=receipt.person.name,
        id_number_masked=receipt.person.id_number_masked,
        order_ref=order.ref,
        method_label=order.get_method_display(),
        lines=[
            (ln.month, ln.get_insurance_type_display(), ln.base, ln.amount)
            for ln in order.lines.all()
        ],
        total=receipt.total,
    )
