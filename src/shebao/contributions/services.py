"""Writes for enrolments, contribution records and the personal account."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from shebao.bulk_insert import insert_rows
from shebao.ledger.services import record_event, record_events_bulk

from .models import AccountYear, ContributionRecord, DeemedPeriod, Enrolment


@dataclass(frozen=True)
class EnrolmentInput:
    person: object
    insurance_type: str
    participation: str
    region_code: str
    start_month: dt.date
    office: object = None
    employer: object = None
    end_month: dt.date | None = None
    status: str = Enrolment.Status.ACTIVE


def enrolments_open(items: Sequence[EnrolmentInput], *, office, actor=None) -> list[Enrolment]:
    """Enrol persons in insurance types (参保登记); one ledger event per enrolment.

    ``office`` is the office whose ledger records the events (the persons' own office).
    """
    with transaction.atomic():
        enrolments = Enrolment.objects.bulk_create(
            [
                Enrolment(
                    person=i.person,
                    insurance_type=i.insurance_type,
                    participation=i.participation,
                    region_code=i.region_code,
                    office=i.office,
                    employer=i.employer,
                    start_month=i.start_month,
                    end_month=i.end_month,
                    status=i.status,
                )
                for i in items
            ]
        )
        record_events_bulk(
            office=office,
            actor=actor,
            events=[
                (
                    "enrolment.opened",
                    {
                        "type": i.insurance_type,
                        "participation": i.participation,
                        "region": i.region_code,
                        "from": i.start_month,
                        "to": i.end_month,
                        "status": i.status,
                        "employer": i.employer.credit_code if i.employer else None,
                    },
                    i.person,
                )
                for i in items
            ],
        )
    return enrolments


def enrolment_open(item: EnrolmentInput, *, actor=None) -> Enrolment:
    """Enrol one person in one insurance type."""
    return enrolments_open([item], office=item.person.office, actor=actor)[0]


def deemed_periods_record(
    items: Sequence[tuple[object, dt.date, dt.date, str]], *, office
) -> list[DeemedPeriod]:
    """Record deemed contribution time (视同缴费) confirmed from personnel files:
    (person, first month, last month, source) each."""
    with transaction.atomic():
        periods = DeemedPeriod.objects.bulk_create(
            [
                DeemedPeriod(person=p, start_month=a, end_month=b, source=src)
                for p, a, b, src in items
            ]
        )
        record_events_bulk(
            office=office,
            events=[
                ("contribution.deemed_recorded", {"from": a, "to": b, "source": src}, p)
                for p, a, b, src in items
            ],
        )
    return periods


@dataclass(frozen=True)
class MonthRecord:
    enrolment_id: int
    insurance_type: str
    month: dt.date
    region_code: str
    base: Decimal
    employer_amount: Decimal
    individual_amount: Decimal
    account_credit: Decimal
    status: str
    source: str
    rule_version: str


_RECORD_COLUMNS = [
    "person_id",
    "enrolment_id",
    "insurance_type",
    "month",
    "region_code",
    "base",
    "employer_amount",
    "individual_amount",
    "account_credit",
    "status",
    "source",
    "rule_version",
]


def _digest(rows: Sequence[tuple]) -> str:
    h = hashlib.sha256()
    for row in rows:
        h.update("|".join(str(v) for v in row[1:]).encode())
        h.update(b"\n")
    return h.hexdigest()


def contribution_histories_import(
    batch: Sequence[tuple[object, Sequence[MonthRecord]]], *, office, source: str
) -> int:
    """Import monthly contribution histories (historical import, transfer in, the demo seed):
    (person, records) each, in one transaction and one COPY. Each person's ledger event carries
    the count and a digest of exactly what was written."""
    all_rows: list[tuple] = []
    events = []
    for person, records in batch:
        rows = [
            (
                person.pk,
                r.enrolment_id,
                r.insurance_type,
                r.month,
                r.region_code,
                r.base,
                r.employer_amount,
                r.individual_amount,
                r.account_credit,
                r.status,
                r.source,
                r.rule_version,
            )
            for r in records
        ]
        all_rows.extend(rows)
        events.append(
            (
                "contribution.history_imported",
                {"count": len(rows), "source": source, "sha256": _digest(rows)},
                person,
            )
        )
    with transaction.atomic():
        count = insert_rows(ContributionRecord, _RECORD_COLUMNS, all_rows)
        record_events_bulk(office=office, events=events)
    return count


@dataclass(frozen=True)
class AccountYearRow:
    year: int
    opening: Decimal
    credits: Decimal
    rate: Decimal
    rate_assumed: bool
    interest: Decimal
    closing: Decimal
    rule_version: str


_ACCOUNT_COLUMNS = [
    "person_id",
    "year",
    "opening",
    "credits",
    "rate",
    "rate_assumed",
    "interest",
    "closing",
    "rule_version",
]


def account_years_import(
    batch: Sequence[tuple[object, Sequence[AccountYearRow]]], *, office
) -> int:
    """Store computed personal-account years (个人账户 by year) for many persons."""
    rows = [
        (
            person.pk,
            y.year,
            y.opening,
            y.credits,
            y.rate,
            y.rate_assumed,
            y.interest,
            y.closing,
            y.rule_version,
        )
        for person, years in batch
        for y in years
    ]
    with transaction.atomic():
        count = insert_rows(AccountYear, _ACCOUNT_COLUMNS, rows)
        record_events_bulk(
            office=office,
            events=[
                (
                    "account.years_imported",
                    {"years": len(years), "closing": years[-1].closing if years else Decimal("0")},
                    person,
                )
                for person, years in batch
            ],
        )
    return count


# Contribution payment by flexible workers (灵活就业人员缴费).


@dataclass(frozen=True)
class MonthPayment:
    """One month due, paid at the base the person chose, with the amounts the rules gave."""

    insurance_type: str
    month: dt.date
    base: Decimal
    individual_amount: Decimal
    account_credit: Decimal
    rule_version: str


class MonthsNotDue(Exception):
    """Some months are no longer due (already paid, or never were): nothing was changed."""

    def __init__(self, months: Sequence[dt.date]):
        super().__init__(", ".join(f"{m:%Y-%m}" for m in months))
        self.months = list(months)


def contribution_months_pay(
    *, person, months: Sequence[MonthPayment], reference: str, actor=None
) -> int:
    """Mark months due (应缴未缴) as paid by the person at the base they chose; all or nothing.

    Each month changes only while it is still due (a conditional update, so two payments
    racing for one month cannot both mark it): if any month is no longer due, nothing changes
    and `MonthsNotDue` is raised. ``reference`` is the payment order's reference, kept in the
    ledger event so the payment and the records can be matched.
    """
    with transaction.atomic():
        not_due = []
        for m in months:
            changed = ContributionRecord.objects.filter(
                person=person,
                insurance_type=m.insurance_type,
                month=m.month,
                status=ContributionRecord.Status.ARREARS,
            ).update(
                status=ContributionRecord.Status.PAID,
                source=ContributionRecord.Source.FLEXIBLE,
                base=m.base,
                employer_amount=Decimal("0.00"),
                individual_amount=m.individual_amount,
                account_credit=m.account_credit,
                rule_version=m.rule_version,
            )
            if changed != 1:
                not_due.append(m.month)
        if not_due or not months:
            raise MonthsNotDue(not_due)
        record_event(
            office=person.office,
            kind="contribution.paid",
            data={
                "reference": reference,
                "months": [
                    {
                        "type": m.insurance_type,
                        "month": f"{m.month:%Y-%m}",
                        "base": m.base,
                        "amount": m.individual_amount,
                    }
                    for m in months
                ],
                "total": sum((m.individual_amount for m in months), Decimal("0.00")),
            },
            subject=person,
            actor=actor,
        )
    return len(months)
