"""Reads for enrolments, contribution records and the personal account."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Max

# History is the arranged-history type the reads below return; other apps name it from here.
from .history import History as History
from .models import AccountYear, ContributionRecord, Enrolment


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


def contribution_rows(person) -> list:
    """Every contribution record of a person as plain rows: one query, for any history length."""
    from .history import Row

    return [
        Row(*values)
        for values in ContributionRecord.objects.filter(person=person)
        .order_by("insurance_type", "month")
        .values_list(
            "insurance_type",
            "month",
            "base",
            "employer_amount",
            "individual_amount",
            "status",
            "region_code",
        )
    ]


def contribution_histories(person, *, until=None) -> dict:
    """Per insurance type (dictionary order), the arranged `history.History`: years, months,
    gaps up to ``until`` (None: up to the last record) and yearly totals, paid and due apart.
    The records page shows it whole; the record downloads (PDF, CSV) show its ``recorded``."""
    from .history import arrange_all

    return {h.insurance_type: h for h in arrange_all(contribution_rows(person), until=until)}


def deemed_months(person) -> int:
    from .models import DeemedPeriod

    total = 0
    for start, end in DeemedPeriod.objects.filter(person=person).values_list(
        "start_month", "end_month"
    ):
        total += (end.year - start.year) * 12 + end.month - start.month + 1
    return total


def arrears(person) -> list[ContributionRecord]:
    """Months due and not yet paid (应缴未缴), oldest first."""
    return list(
        ContributionRecord.objects.filter(
            person=person, status=ContributionRecord.Status.ARREARS
        ).order_by("month", "insurance_type")
    )


# Insured periods and deemed time: the certificate (参保证明).
# The arranging is pure (`statements.py`); each selector is one indexed range read.


def insured_periods(person) -> list:
    """Per insurance type, the periods paid (split at gaps and region changes), months paid
    and due, the last paid month and the latest enrolment's status: a list of
    `statements.InsuranceSummary` in dictionary order."""
    from .statements import summarise_periods

    rows = (
        ContributionRecord.objects.filter(person=person)
        .order_by("insurance_type", "month")
        .values_list("insurance_type", "month", "status", "region_code")
    )
    statuses = {e.insurance_type: e.status for e in enrolments_current(person)}
    return summarise_periods(rows, statuses)


def deemed_periods(person) -> list:
    """Deemed contribution time (视同缴费年限) as `statements.DeemedSpan`, oldest first."""
    from .models import DeemedPeriod
    from .statements import DeemedSpan

    return [
        DeemedSpan(start, end)
        for start, end in DeemedPeriod.objects.filter(person=person)
        .order_by("start_month")
        .values_list("start_month", "end_month")
    ]


# Contribution payment by flexible workers (灵活就业人员缴费): what is due and the last base.


def arrears_payable_by_person(person) -> list[ContributionRecord]:
    """Months due and not yet paid (应缴未缴) that the person pays in themselves as a flexible
    worker (灵活就业), oldest first; an employer's arrears are the employer's to pay."""
    return list(
        ContributionRecord.objects.filter(
            person=person,
            status=ContributionRecord.Status.ARREARS,
            source=ContributionRecord.Source.FLEXIBLE,
        ).order_by("month", "insurance_type")
    )


def flexible_last_paid(person, *, insurance_type: str) -> tuple | None:
    """(month, base) of the person's latest month paid as a flexible worker, or None: the base
    they chose last time, to offer again."""
    row = (
        ContributionRecord.objects.filter(
            person=person,
            insurance_type=insurance_type,
            status=ContributionRecord.Status.PAID,
            source=ContributionRecord.Source.FLEXIBLE,
        )
        .order_by("-month")
        .values_list("month", "base")
        .first()
    )
    return (row[0], row[1]) if row else None


def paid_months_untransferred(person, *, insurance_type: str) -> list[tuple]:
    """Every paid month not moved away by a transfer, oldest first, as (month, region code,
    base, account credit, individual amount, office id of its enrolment)."""
    return list(
        ContributionRecord.objects.filter(
            person=person, insurance_type=insurance_type, status=ContributionRecord.Status.PAID
        )
        .exclude(enrolment__status=Enrolment.Status.TRANSFERRED)
        .order_by("month")
        .values_list(
            "month",
            "region_code",
            "base",
            "account_credit",
            "individual_amount",
            "enrolment__office_id",
        )
    )


def enrolled_with(person, *, insurance_type: str, office_id) -> bool:
    """An active enrolment of this type with that office: the person pays there now."""
    return Enrolment.objects.filter(
        person=person,
        insurance_type=insurance_type,
        office_id=office_id,
        status=Enrolment.Status.ACTIVE,
    ).exists()
