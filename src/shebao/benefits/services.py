"""Writes for pension awards and payments."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction

from shebao.bulk_insert import insert_rows
from shebao.ledger.services import record_events_bulk

from .models import PensionAward, PensionPayment


@dataclass(frozen=True)
class AwardInput:
    """A pension decision: ``components`` has basic, account, transitional, extra and total;
    ``inputs`` are the calculation's inputs, kept so it can be recomputed."""

    person: Any
    start_month: dt.date
    components: dict[str, Decimal]
    rule_version: str
    inputs: dict[str, Any]


def pension_awards_grant(items: Sequence[AwardInput], *, office, actor=None) -> list[PensionAward]:
    """Grant monthly pensions (养老金核定); one ledger event each."""
    with transaction.atomic():
        awards = PensionAward.objects.bulk_create(
            [
                PensionAward(
                    person=i.person,
                    office=office,
                    start_month=i.start_month,
                    basic=i.components["basic"],
                    account=i.components["account"],
                    transitional=i.components["transitional"],
                    extra=i.components["extra"],
                    monthly_amount=i.components["total"],
                    rule_version=i.rule_version,
                    inputs=i.inputs,
                )
                for i in items
            ]
        )
        record_events_bulk(
            office=office,
            actor=actor,
            events=[
                (
                    "pension.granted",
                    {
                        "from": i.start_month,
                        "monthly": i.components["total"],
                        "rule_version": i.rule_version,
                    },
                    i.person,
                )
                for i in items
            ],
        )
    return awards


def pension_payments_import(
    batch: Sequence[tuple[PensionAward, Sequence[tuple[dt.date, Decimal, dt.date]]]], *, office
) -> int:
    """Store retirees' past monthly payments: (award, [(month, amount, paid on), …]) each."""
    with transaction.atomic():
        count = insert_rows(
            PensionPayment,
            ["award_id", "month", "amount", "paid_on"],
            [(award.pk, m, a, p) for award, payments in batch for m, a, p in payments],
        )
        record_events_bulk(
            office=office,
            events=[
                (
                    "pension.payments_imported",
                    {
                        "count": len(payments),
                        "total": sum((a for _, a, _ in payments), Decimal("0.00")),
                    },
                    award.person,
                )
                for award, payments in batch
            ],
        )
    return count


def pension_stop(
    *, award: PensionAward, from_month: dt.date, reason: str, actor=None
) -> PensionAward:
    """Stop paying a pension from ``from_month`` (after a death, a suspension)."""
    with transaction.atomic():
        award.status = PensionAward.Status.STOPPED
        award.stopped_month = from_month
        award.stop_reason = reason
        award.save(update_fields=["status", "stopped_month", "stop_reason"])
        record_events_bulk(
            office=award.office,
            actor=actor,
            events=[("pension.stopped", {"from": from_month, "reason": reason}, award.person)],
        )
    return award
