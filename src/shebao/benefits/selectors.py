"""Reads for pensions."""

from __future__ import annotations

from .models import PensionAward, PensionPayment


def pension_for(person) -> PensionAward | None:
    return PensionAward.objects.filter(person=person).first()


def pension_payments(award: PensionAward) -> list[PensionPayment]:
    return list(award.payments.order_by("month"))
