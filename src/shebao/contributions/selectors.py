"""Reads for enrolments, contribution records and the personal account."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Max

from .models import AccountYear, ContributionRecord, Enrolment


def contribution_history(person, *, insurance_type: str | None = None) -> list[ContributionRecord]:
    """A person's monthly records in month order: one indexed range read."""
    rows = ContributionRecord.objects.filter(person=person)
    if insurance_type:
        rows = rows.filter(insurance_type=insurance_type)
    return list(rows.order_by("insurance_type", "month"))


def enrolments_current(person) -> list[Enrolment]:
    """The latest enrolment per insurance type."""
    latest: dict[str, Enrolment] = {}
    for enrolment in Enrolment.objects.filter(person=person).order_by("start_month"):
        latest[enrolment.insurance_type] = enrolment
    return list(latest.values())


def last_paid_month(person, *, insurance_type: str):
    return ContributionRecord.objects.filter(
        person=person, insurance_type=insurance_type, status=ContributionRecord.Status.PAID
    ).aggregate(last=Max("month"))["last"]


@dataclass(frozen=True)
class AccountSummary:
    year: int
    closing: Decimal


def account_latest(person) -> AccountSummary | None:
    row = AccountYear.objects.filter(person=person).order_by("-year").first()
    return AccountSummary(year=row.year, closing=row.closing) if row else None


def account_years(person) -> list[AccountYear]:
    return list(AccountYear.objects.filter(person=person).order_by("year"))
