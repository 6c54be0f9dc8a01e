"""Contribution payment for flexible workers (灵活就业人员缴费): the pay page, the order's
status, the receipt (缴费凭证) and its PDF, and the sandbox bank's page.

The pay page moves money, so it asks for a fresh second factor. Everything the office knows is
chosen already — every month due, the base paid on last time, the method used last time — so
accepting it is one click. Views parse, check access and call one service or selector.
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from shebao.payments import selectors
from shebao.payments.services import (
    PaymentInputError,
    parse_ratio,
    payment_order_create,
    payment_order_refresh,
    sandbox_bank_finish,
)

from ..access import person_or_403
from ..step_up import require_second_factor
from .certificate import attachment


def _month(text: str) -> dt.date | None:
    try:
        return dt.datetime.strptime(text.strip(), "%Y-%m").date()
    except (ValueError, AttributeError):
        return None


def _ratio_shown(options, ratio) -> str:
    """The offered choice equal to ``ratio`` as the form writes it ("1.50" is "1.5")."""
    match = options.choice(ratio) if ratio is not None else None
    return str(match.ratio) if match else ""


def _prefill(person, options, again: str | None) -> dict:
    """The choices shown selected: those of an earlier try (``?again=<ref>``), else every
    month due, the base paid on last time and the method used last time."""
    earlier = selectors.order_of_person(person, again) if again else None
    if earlier is not None:
        months = [ln.month for ln in earlier.lines.all() if ln.month in options.months]
        return {
            "months": months or options.months,
            "base_ratio": earlier.base_ratio
            if options.choice(earlier.base_ratio)
            else options.default_ratio,
            "method": earlier.method,
        }
    last = selectors.orders_of_person(person, limit=1)
    return {
        "months": options.months,
        "base_ratio": options.default_ratio,
        "method": last[0].method if last else "bank_card",
    }


def _look_up_own(request, lookup, key: str):
    """(person, what ``lookup(person, key)`` finds, None) for the signed-in person, or
    (None, None, a 403 page) for an account with no insured person. Someone else's order or
    receipt is not found (404), as if it did not exist."""
    person, refusal = person_or_403(request)
    if refusal:
        return None, None, refusal
    found = lookup(person, key)
    if found is None:
        raise Http404
    return person, found, None


@login_required
@require_second_factor
@require_http_methods(["GET", "POST"])
def pay(request):
    person, refusal = person_or_403(request)
    if refusal:
        return refusal
    options = selectors.payment_options_for(person)
    if options is None:
        return render(request, "portal/payments/nothing_due.html", {"person": person})
    errors: dict[str, str] = {}
    if request.method == "POST":
        months = [_month(v) for v in request.POST.getlist("months")]
        chosen = {
            "months": [m for m in months if m],
            "base_ratio": parse_ratio(request.POST.get("base_ratio", "")),
            "method": request.POST.get("method", ""),
        }
        key = request.POST.get("idempotency_key", "")
        try:
            key = str(uuid.UUID(key))
        except ValueError:
            key = str(uuid.uuid4())  # a form without its key still makes one order only once
        if any(m is None for m in months):
            errors["months"] = _("Choose from the months due.")
        else:
            try:
                order, _created = payment_order_create(
                    person=person,
                    months=chosen["months"],
                    base_ratio=request.POST.get("base_ratio", ""),
                    method=chosen["method"],
                    idempotency_key=key,
                    actor=request.user,
                )
            except PaymentInputError as exc:
                errors[exc.field] = exc.message
            else:
                if order.status == order.Status.PENDING and order.pay_url:
                    return redirect(order.pay_url)
                return redirect("portal:pay-order", ref=order.ref)
    else:
        chosen = _prefill(person, options, request.GET.get("again"))
        key = str(uuid.uuid4())
    if chosen["months"] and set(chosen["months"]) <= set(options.months):
        options = selectors.payment_options_for(person, months=chosen["months"])
    context = {
        "person": person,
        "options": options,
        "due_text": "、".join(f"{m:%Y-%m}" for m in options.months),
        "chosen": chosen,
        "chosen_ratio": _ratio_shown(options, chosen["base_ratio"]),
        "chosen_months": [f"{m:%Y-%m}" for m in chosen["months"]],
        "errors": errors,
        "key": key,
        "methods": selectors.payment_methods(),
    }
    return render(request, "portal/payments/pay.html", context, status=400 if errors else 200)


@never_cache
@login_required
@require_GET
def order(request, ref: str):
    """The order's outcome: paid (on to the receipt), not paid (try again), being confirmed
    (a status query on every visit; a plain link to look again), or refused (already paid)."""
    person, found, refusal = _look_up_own(request, selectors.order_of_person, ref)
    if refusal:
        return refusal
    found, _changed = payment_order_refresh(order=found)
    if found.status == found.Status.PAID:
        paid = selectors.order_of_person(person, ref)
        return redirect("portal:pay-receipt", number=paid.receipt.number)
    return render(
        request,
        "portal/payments/order.html",
        {"order": found, "lines": list(found.lines.all())},
    )


@login_required
@require_GET
def receipt(request, number: str):
    _person, found, refusal = _look_up_own(request, selectors.receipt_of_person, number)
    if refusal:
        return refusal
    return render(
        request,
        "portal/payments/receipt.html",
        {"receipt": found, "order": found.order, "lines": list(found.order.lines.all())},
    )


@login_required
@require_GET
def receipt_pdf(request, number: str):
    _person, found, refusal = _look_up_own(request, selectors.receipt_of_person, number)
    if refusal:
        return refusal
    pdf = selectors.receipt_pdf(found)
    return attachment(pdf, f"receipt-{found.number}.pdf", "application/pdf")


@never_cache
@require_http_methods(["GET", "POST"])
def sandbox_bank(request, token: str):
    """The sandbox bank (a stand-in for the bank card, WeChat Pay and Alipay pages): the payer
    — the demonstrator or tester — chooses the outcome, and is sent back to the order."""
    row = selectors.sandbox_transaction(token)
    if row is None:
        raise Http404
    if request.method == "POST":
        outcome = request.POST.get("outcome", "success")
        if outcome not in ("success", "failure", "timeout", "lost"):
            outcome = "success"
        if outcome == "lost":  # the bank settles, its notice is lost: only a query will tell
            sandbox_bank_finish(token=token, outcome="success", notify=False)
        else:
            sandbox_bank_finish(token=token, outcome=outcome)
        return redirect("portal:pay-order", ref=row.order_ref)
    return render(
        request,
        "portal/payments/sandbox_bank.html",
        {"txn": row, "method_label": dict(selectors.payment_methods()).get(row.method, "")},
    )
