"""Writes for pension awards and payments."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.db import transaction

from shebao.bulk_insert import insert_rows
from shebao.ledger.services import record_event

from .models import PensionAward, PensionPayment


def pension_award_grant(*, person, office, start_month: dt.date, components: dict[str, Decimal],
                        rule_version: str, inputs: dict[str, Any], actor=None) -> PensionAward:
    """Grant a monthly pension; ``components`` has basic, account, transitional, extra, total."""
    with transaction.atomic():
        award = PensionAward.objects.create(
            person=person, office=office, start_month=start_month,
            basic=components["basic"], account=components["account"],
            transitional=components["transitional"], extra=components["extra"],
            monthly_amount=components["total"], rule_version=rule_version, inputs=inputs)
        record_event(office=office, kind="pension.granted", subject=person, actor=actor,
                     data={"from": start_month, "monthly": components["total"],
                           "rule_version": rule_version})
    return award


def pension_payments_import(*, award: PensionAward, payments: Sequence[tuple[dt.date, Decimal, dt.date]]) -> int:
    """Store a retiree's past monthly payments (month, amount, paid on)."""
    with transaction.atomic():
        count = insert_rows(PensionPayment, ["award_id", "month", "amount", "paid_on"],
                            [(award.pk, m, a, p) for m, a, p in payments])
        record_event(office=award.office, kind="pension.payments_imported", subject=award.person,
                     data={"count": count,
                           "total": sum((a for _, a, _ in payments), Decimal("0.00"))})
    return count


def pension_stop(*, award: PensionAward, from_month: dt.date, reason: str, actor=None) -> PensionAward:
    """Stop paying a pension from ``from_month`` (death, suspension)."""
    with transaction.atomic():
        award.status = PensionAward.Status.STOPPED
        award.stopped_month = from_month
        award.stop_reason = reason
        award.save(update_fields=["status", "stopped_month", "stop_reason"])
        record_event(office=award.office, kind="pension.stopped", subject=award.person, actor=actor,
                     data={"from": from_month, "reason": reason})
    return award
