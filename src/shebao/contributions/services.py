"""Writes for enrolments, contribution records and the personal account."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from shebao.bulk_insert import insert_rows
from shebao.ledger.services import record_event

from .models import AccountYear, ContributionRecord, DeemedPeriod, Enrolment


def enrolment_open(*, person, insurance_type: str, participation: str, region_code: str,
                   start_month: dt.date, office=None, employer=None,
                   end_month: dt.date | None = None, status: str = Enrolment.Status.ACTIVE,
                   actor=None) -> Enrolment:
    """Enrol a person in one insurance type (参保登记) from ``start_month``."""
    with transaction.atomic():
        enrolment = Enrolment.objects.create(
            person=person, insurance_type=insurance_type, participation=participation,
            region_code=region_code, office=office, employer=employer,
            start_month=start_month, end_month=end_month, status=status)
        record_event(office=person.office, kind="enrolment.opened", subject=person, actor=actor,
                     data={"type": insurance_type, "participation": participation,
                           "region": region_code, "from": start_month, "to": end_month,
                           "employer": employer.credit_code if employer else None})
    return enrolment


def deemed_period_record(*, person, start_month: dt.date, end_month: dt.date, source: str) -> DeemedPeriod:
    """Record deemed contribution time (视同缴费) confirmed from the personnel file."""
    with transaction.atomic():
        period = DeemedPeriod.objects.create(person=person, start_month=start_month,
                                             end_month=end_month, source=source)
        record_event(office=person.office, kind="contribution.deemed_recorded", subject=person,
                     data={"from": start_month, "to": end_month, "source": source})
    return period


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


_RECORD_COLUMNS = ["person_id", "enrolment_id", "insurance_type", "month", "region_code", "base",
                   "employer_amount", "individual_amount", "account_credit", "status", "source",
                   "rule_version"]


def _digest(rows: Sequence[tuple]) -> str:
    h = hashlib.sha256()
    for row in rows:
        h.update("|".join(str(v) for v in row[1:]).encode())
        h.update(b"\n")
    return h.hexdigest()


def contribution_history_import(*, person, records: Sequence[MonthRecord], source: str) -> int:
    """Import a person's monthly contribution history in one go (historical import, transfer in,
    the demo seed). The ledger event carries the count and a digest of exactly what was written."""
    rows = [(person.pk, r.enrolment_id, r.insurance_type, r.month, r.region_code, r.base,
             r.employer_amount, r.individual_amount, r.account_credit, r.status, r.source,
             r.rule_version) for r in records]
    with transaction.atomic():
        count = insert_rows(ContributionRecord, _RECORD_COLUMNS, rows)
        record_event(office=person.office, kind="contribution.history_imported", subject=person,
                     data={"count": count, "source": source, "sha256": _digest(rows)})
    return count


def contribution_histories_import(batch: Sequence[tuple[object, Sequence[MonthRecord]]], *,
                                  office, source: str) -> int:
    """The same as `contribution_history_import` for many persons in one transaction and one COPY."""
    from shebao.ledger.services import record_events_bulk

    all_rows: list[tuple] = []
    events = []
    for person, records in batch:
        rows = [(person.pk, r.enrolment_id, r.insurance_type, r.month, r.region_code, r.base,
                 r.employer_amount, r.individual_amount, r.account_credit, r.status, r.source,
                 r.rule_version) for r in records]
        all_rows.extend(rows)
        events.append(("contribution.history_imported",
                       {"count": len(rows), "source": source, "sha256": _digest(rows)}, person))
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


_ACCOUNT_COLUMNS = ["person_id", "year", "opening", "credits", "rate", "rate_assumed",
                    "interest", "closing", "rule_version"]


def account_years_import(batch: Sequence[tuple[object, Sequence[AccountYearRow]]], *, office) -> int:
    """Store computed personal-account years (个人账户 by year) for many persons."""
    from shebao.ledger.services import record_events_bulk

    rows = [(person.pk, y.year, y.opening, y.credits, y.rate, y.rate_assumed, y.interest,
             y.closing, y.rule_version) for person, years in batch for y in years]
    with transaction.atomic():
        count = insert_rows(AccountYear, _ACCOUNT_COLUMNS, rows)
        record_events_bulk(office=office, events=[
            ("account.years_imported",
             {"years": len(years), "closing": years[-1].closing if years else Decimal("0")}, person)
            for person, years in batch])
    return count
