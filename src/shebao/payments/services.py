"""Writes for contribution payment by flexible workers (灵活就业人员缴费).

- `payment_order_create`: one order per submitted form (the idempotency key), its month
  lines computed by the rules engine, and the gateway started. A double click makes one order.
- `payment_notice_receive`: a gateway's signed notice (回调). The order moves pending → paid
  or failed once, by a conditional update under a row lock; a replayed or duplicated notice is
  acknowledged and changes nothing. On "paid" the months become paid through
  `contributions.services.contribution_months_pay` (all or nothing) and a paid line is unique
  per (person, insurance type, month): a second order for a month already paid is *refused*
  (拒绝入账) and refunded, never paid twice. A receipt (缴费凭证) is issued and the person gets
  an inbox message and an SMS.
- `payment_order_refresh`: a status query to the gateway for an order still pending (the
  bank's notice timed out), settling it the same way.
- `sandbox_bank_finish`: the sandbox bank's page — the payer's outcome, and the bank's notice
  posted to us as a real bank's server would.

Every write records its ledger event in its own transaction.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import secrets
import uuid
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from shebao.applications.services import inbox_send
from shebao.contributions.services import MonthPayment, MonthsNotDue, contribution_months_pay
from shebao.ledger.services import record_event

from . import gateway as gateways
from .models import PaymentLine, PaymentOrder, Receipt
from .quotes import NothingToPay, month_payments, payment_options, percent

logger = logging.getLogger(__name__)

S = PaymentOrder.Status
REF_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I: read out over the phone


class PaymentInputError(ValueError):
    """A choice that cannot be paid; ``field`` names the form field it concerns."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


class NoticeRejected(Exception):
    """A notice that is not from our gateway (bad signature) or about no order of ours."""


def _new_ref(now) -> str:
    return "P" + now.strftime("%Y%m%d") + "".join(secrets.choice(REF_ALPHABET) for _ in range(6))


def _months_text(months) -> str:
    return "、".join(f"{m:%Y-%m}" for m in months)


def parse_ratio(value) -> Decimal | None:
    try:
        ratio = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        return None
    return ratio if ratio.is_finite() else None


def payment_order_create(
    *,
    person,
    months: list[dt.date],
    base_ratio,
    method: str,
    idempotency_key,
    channel: str = PaymentOrder.Channel.WEB,
    actor=None,
) -> tuple[PaymentOrder, bool]:
    """Create the payment order for the months and base chosen and start the gateway;
    (order, created). The same idempotency key from the same person returns the first order.
    Raises `PaymentInputError` for a month not due, a base outside the allowed range or not
    offered, or an unknown payment method."""
    key = uuid.UUID(str(idempotency_key))
    existing = PaymentOrder.objects.filter(person=person, idempotency_key=key).first()
    if existing is not None:
        return existing, False
    try:
        options = payment_options(person)
    except NothingToPay:
        raise PaymentInputError("months", _("Nothing is due for you to pay now.")) from None
    if not months:
        raise PaymentInputError("months", _("Choose at least one month to pay."))
    unknown = sorted(set(months) - set(options.months))
    if unknown:
        raise PaymentInputError(
            "months",
            _("%(months)s is not a month you owe. Choose from the months due.")
            % {"months": _months_text(unknown)},
        )
    ratio = parse_ratio(base_ratio)
    if ratio is None or not (options.lowest <= ratio <= options.highest):
        raise PaymentInputError(
            "base_ratio",
            _("Choose a base between %(low)s %% and %(high)s %% of the average wage.")
            % {"low": percent(options.lowest), "high": percent(options.highest)},
        )
    if options.choice(ratio) is None:
        raise PaymentInputError("base_ratio", _("Choose one of the bases offered."))
    if method not in PaymentOrder.Method.values:
        raise PaymentInputError("method", _("Choose how to pay."))
    lines = month_payments([d for d in options.dues if d.month in months], ratio)
    total = sum((m.individual_amount for m in lines), Decimal("0.00"))
    gateway = gateways.current_gateway()
    now = timezone.now()
    with transaction.atomic():
        try:
            with transaction.atomic():
                order = PaymentOrder.objects.create(
                    ref=_new_ref(now),
                    person=person,
                    idempotency_key=key,
                    base_ratio=ratio,
                    method=method,
                    channel=channel,
                    total=total,
                    gateway=gateway.name,
                    created_at=now,
                )
        except IntegrityError:  # the same form, sent twice at the same moment
            return PaymentOrder.objects.get(person=person, idempotency_key=key), False
        PaymentLine.objects.bulk_create(
            [
                PaymentLine(
                    order=order,
                    person=person,
                    insurance_type=m.insurance_type,
                    month=m.month,
                    base=m.base,
                    amount=m.individual_amount,
                    account_credit=m.account_credit,
                    rule_version=m.rule_version,
                )
                for m in lines
            ]
        )
        started = gateway.start(order_ref=order.ref, amount=total, method=method)
        order.gateway_ref, order.pay_url = started.gateway_ref, started.redirect_url
        order.save(update_fields=["gateway_ref", "pay_url"])
        record_event(
            office=person.office,
            kind="payment.order_created",
            data={
                "ref": order.ref,
                "months": [f"{m.month:%Y-%m}" for m in lines],
                "base_ratio": ratio,
                "total": total,
                "method": method,
                "channel": channel,
                "gateway": gateway.name,
            },
            subject=person,
            actor=actor,
        )
    return order, True


def payment_notice_receive(*, body: bytes, signature: str) -> tuple[PaymentOrder, bool]:
    """Take a gateway's signed notice; (order, changed). A notice already taken into account
    (replayed, duplicated, or arriving after a status query settled the order) changes nothing.
    Raises `NoticeRejected` for a bad signature, a malformed body or an unknown order."""
    if not gateways.signature_valid(body, signature):
        raise NoticeRejected("signature")
    try:
        notice = json.loads(body)
        gateway_ref, outcome = str(notice["gateway_ref"]), notice["outcome"]
        amount, txn = Decimal(notice["amount"]), str(notice.get("txn", ""))[:48]
    except (ValueError, KeyError, TypeError, InvalidOperation):
        raise NoticeRejected("body") from None
    if outcome not in (gateways.SUCCEEDED, gateways.FAILED):
        raise NoticeRejected("outcome")
    return _settle(gateway_ref=gateway_ref, outcome=outcome, txn=txn, amount=amount)


def payment_order_refresh(*, order: PaymentOrder) -> tuple[PaymentOrder, bool]:
    """Ask the gateway about an order still pending (its notice did not come); settle it if
    the bank has an answer. (order, changed)."""
    if order.status != S.PENDING or not order.gateway_ref:
        return order, False
    gateway = gateways.gateway_named(order.gateway)
    status = gateway.query(gateway_ref=order.gateway_ref) if gateway else None
    if status is None or status.state not in (gateways.SUCCEEDED, gateways.FAILED):
        return order, False
    return _settle(
        gateway_ref=order.gateway_ref,
        outcome=status.state,
        txn=status.txn,
        amount=status.amount if status.amount is not None else order.total,
    )


# An order is left to the payer at the bank this long before the scheduled re-check asks the
# bank about it; the payer's own return to the order page asks at once.
RECHECK_AFTER = dt.timedelta(minutes=2)


def payment_orders_recheck(*, now: dt.datetime | None = None, limit: int = 500) -> int:
    """Ask the bank about every order still pending (its notice lost or late) that is older than
    `RECHECK_AFTER`, and settle those it has an answer for — so a payment is confirmed, with
    its receipt, message and paid months, even if the person never looks again. Run every few
    minutes by beat (config/celery.py). The number of orders settled."""
    cutoff = (now or timezone.now()) - RECHECK_AFTER
    pending = PaymentOrder.objects.filter(
        status=S.PENDING, gateway_ref__isnull=False, created_at__lt=cutoff
    ).order_by("created_at")[:limit]
    settled = 0
    for order in pending:
        try:
            _order, changed = payment_order_refresh(order=order)
        except NoticeRejected as exc:  # the bank's answer does not fit the order: staff look
            logger.warning("payment order %s not settled by the re-check: %s", order.ref, exc)
            continue
        settled += changed
    return settled


def sandbox_bank_finish(*, token: str, outcome: str, notify: bool = True) -> str | None:
    """The sandbox bank's page: the payer's outcome; the bank's notice, if any, is delivered
    to `payment_notice_receive` as the bank's server would post it. The order's reference,
    or None for an unknown or already finished transaction."""
    sandbox = gateways.GATEWAYS["sandbox"]
    row = sandbox.transaction(token)
    if row is None:
        return None
    notice = sandbox.payer_chooses(token=token, outcome=outcome, notify=notify)
    if notice is not None:
        payment_notice_receive(body=notice.body, signature=notice.signature)
    return row.order_ref


def _settle(*, gateway_ref: str, outcome: str, txn: str, amount: Decimal):
    with transaction.atomic():
        order = (
            PaymentOrder.objects.select_for_update()
            .select_related("person", "person__office")
            .filter(gateway_ref=gateway_ref)
            .first()
        )
        if order is None:
            raise NoticeRejected("order")
        if order.status != S.PENDING:
            return order, False  # a repeated notice: acknowledged, nothing changes
        if amount != order.total:
            raise NoticeRejected("amount")
        now = timezone.now()
        new = S.PAID if outcome == gateways.SUCCEEDED else S.FAILED
        claimed = PaymentOrder.objects.filter(pk=order.pk, status=S.PENDING).update(
            status=new, gateway_txn=txn, settled_at=now
        )
        if not claimed:
            return PaymentOrder.objects.get(pk=order.pk), False
        order.status, order.gateway_txn, order.settled_at = new, txn, now
        if new == S.FAILED:
            _failed(order)
        else:
            _paid(order, now)
    return order, True


def _failed(order: PaymentOrder) -> None:
    order.problem = "declined"
    order.save(update_fields=["problem"])
    record_event(
        office=order.person.office,
        kind="payment.failed",
        data={"ref": order.ref, "total": order.total, "reason": "declined"},
        subject=order.person,
    )


def _paid(order: PaymentOrder, now) -> None:
    lines = list(order.lines.all())
    months = [ln.month for ln in lines]
    try:
        with transaction.atomic():
            contribution_months_pay(
                person=order.person,
                months=[
                    MonthPayment(
                        insurance_type=ln.insurance_type,
                        month=ln.month,
                        base=ln.base,
                        individual_amount=ln.amount,
                        account_credit=ln.account_credit,
                        rule_version=ln.rule_version,
                    )
                    for ln in lines
                ],
                reference=order.ref,
            )
            PaymentLine.objects.filter(order=order).update(paid=True)
    except (MonthsNotDue, IntegrityError):
        _refused(order, months)
        return
    receipt = Receipt.objects.create(
        order=order,
        person=order.person,
        number=f"JF{now:%Y%m%d}{order.pk:08d}",
        issued_at=now,
        total=order.total,
    )
    record_event(
        office=order.person.office,
        kind="payment.paid",
        data={
            "ref": order.ref,
            "receipt": receipt.number,
            "months": [f"{m:%Y-%m}" for m in months],
            "total": order.total,
            "method": order.method,
            "gateway": order.gateway,
        },
        subject=order.person,
    )
    with translation.override("zh-hans"):
        values = {
            "months": _months_text(months),
            "total": f"{order.total:.2f}",
            "number": receipt.number,
        }
        inbox_send(
            person=order.person,
            subject=_("Contribution paid: receipt %(number)s") % values,
            body=_(
                "We have received your contribution of %(total)s yuan for %(months)s. "
                "Your records are updated. Receipt number: %(number)s."
            )
            % values,
            sms=_(
                "[Social insurance] Your contribution of %(total)s yuan for %(months)s is "
                "paid. Receipt %(number)s."
            )
            % values,
        )


def _refused(order: PaymentOrder, months) -> None:
    """The bank took the money but the months were already paid by another order: nothing is
    booked, the money goes back."""
    order.status = S.REFUSED
    order.problem = "already_paid"
    order.save(update_fields=["status", "problem"])
    gateway = gateways.gateway_named(order.gateway)
    if gateway is not None:  # the bank is told once the refusal is committed
        ref, total = order.gateway_ref, order.total
        transaction.on_commit(lambda: gateway.refund(gateway_ref=ref, amount=total))
    record_event(
        office=order.person.office,
        kind="payment.refused",
        data={
            "ref": order.ref,
            "months": [f"{m:%Y-%m}" for m in months],
            "total": order.total,
            "reason": "already_paid",
        },
        subject=order.person,
    )
    with translation.override("zh-hans"):
        values = {"months": _months_text(months), "total": f"{order.total:.2f}", "ref": order.ref}
        inbox_send(
            person=order.person,
            subject=_("Payment %(ref)s not applied: already paid") % values,
            body=_(
                "%(months)s was already paid by an earlier payment, so payment %(ref)s was not "
                "applied. The %(total)s yuan goes back to where you paid from."
            )
            % values,
            sms=_(
                "[Social insurance] %(months)s was already paid; your payment of %(total)s yuan "
                "(%(ref)s) will be refunded."
            )
            % values,
        )
