"""Insured periods and deemed time, arranged from plain rows.

Pure functions over tuples read by `selectors.insured_periods` and `selectors.deemed_periods`,
so the grouping is tested without a database. The certificate (参保证明) reads these; nothing
here writes. The monthly records (the records page and the record downloads) are arranged in
`history.py`, which shares the month arithmetic and the order of insurance types below.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from shebao.standards.dictionary import InsuranceType

ZERO = Decimal("0.00")
PAID = "paid"
# The order every document lists insurance types in: the dictionary's own order.
TYPE_ORDER = [t.value for t in InsuranceType]


def months_between(start: dt.date, end: dt.date) -> int:
    """Months from ``start`` to ``end``, both included (1996-01 … 1996-12 is 12)."""
    return (end.year - start.year) * 12 + end.month - start.month + 1


def next_month(month: dt.date) -> dt.date:
    return dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)


def type_key(insurance_type: str) -> int:
    return TYPE_ORDER.index(insurance_type) if insurance_type in TYPE_ORDER else len(TYPE_ORDER)


@dataclass(frozen=True)
class InsuredPeriod:
    """A run of consecutive paid months of one insurance type in one region (参保缴费期间)."""

    start: dt.date
    end: dt.date
    months: int
    region_code: str


@dataclass(frozen=True)
class InsuranceSummary:
    """One insurance type (险种) of a person: where and when it was paid, and what is due."""

    insurance_type: str
    enrolment_status: str  # the latest enrolment's status code; "" when none is held
    periods: tuple[InsuredPeriod, ...]
    months_paid: int
    months_due: int
    last_paid: dt.date | None


def summarise_periods(
    rows: Iterable[tuple[str, dt.date, str, str]], enrolment_status: dict[str, str]
) -> list[InsuranceSummary]:
    """Group ``(insurance_type, month, status, region_code)`` rows into insured periods.

    A period is broken by a month without a paid record (a gap, 断缴, or a month due and not
    yet paid) and by a change of region, because a certificate must say where each stretch was
    paid. Types with an enrolment but no record yet are listed with no periods.
    """
    by_type: dict[str, list[tuple[dt.date, str, str]]] = {t: [] for t in enrolment_status}
    for insurance_type, month, status, region in rows:
        by_type.setdefault(insurance_type, []).append((month, status, region))
    summaries = []
    for insurance_type in sorted(by_type, key=type_key):
        months = sorted(by_type[insurance_type])
        periods: list[InsuredPeriod] = []
        run: list[tuple[dt.date, str]] = []  # (month, region) of the open run
        for month, status, region in months:
            if status != PAID:
                continue
            if run and (month != next_month(run[-1][0]) or region != run[-1][1]):
                periods.append(_period(run))
                run = []
            run.append((month, region))
        if run:
            periods.append(_period(run))
        paid = [m for m, s, _ in months if s == PAID]
        summaries.append(
            InsuranceSummary(
                insurance_type=insurance_type,
                enrolment_status=enrolment_status.get(insurance_type, ""),
                periods=tuple(periods),
                months_paid=len(paid),
                months_due=sum(1 for _, s, _ in months if s != PAID),
                last_paid=max(paid) if paid else None,
            )
        )
    return summaries


def _period(run: list[tuple[dt.date, str]]) -> InsuredPeriod:
    return InsuredPeriod(start=run[0][0], end=run[-1][0], months=len(run), region_code=run[0][1])


@dataclass(frozen=True)
class DeemedSpan:
    """Deemed contribution time (视同缴费年限) before contributions began."""

    start: dt.date
    end: dt.date

    @property
    def months(self) -> int:
        return months_between(self.start, self.end)
