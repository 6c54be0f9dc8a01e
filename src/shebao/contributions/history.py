"""A person's contribution history arranged for reading: years, months, gaps (断缴), totals.

Pure functions over plain rows, so the arithmetic is tested without a database.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class Row:
    insurance_type: str
    month: dt.date
    base: Decimal
    employer_amount: Decimal
    individual_amount: Decimal
    status: str  # paid | arrears
    region_code: str


@dataclass
class MonthLine:
    month: dt.date
    row: Row | None  # None: a gap, no contribution for this month

    @property
    def gap(self) -> bool:
        return self.row is None


@dataclass
class Year:
    year: int
    months: list[MonthLine] = field(default_factory=list)

    @property
    def paid(self) -> list[Row]:
        return [m.row for m in self.months if m.row is not None and m.row.status == "paid"]

    @property
    def paid_months(self) -> int:
        return len(self.paid)

    @property
    def due_months(self) -> int:
        return sum(1 for m in self.months if m.row is not None and m.row.status != "paid")

    @property
    def gap_months(self) -> int:
        return sum(1 for m in self.months if m.gap)

    @property
    def average_base(self) -> Decimal:
        paid = self.paid
        if not paid:
            return ZERO
        return (sum((r.base for r in paid), ZERO) / len(paid)).quantize(Decimal("0.01"))

    @property
    def employer_total(self) -> Decimal:
        return sum((r.employer_amount for r in self.paid), ZERO)

    @property
    def individual_total(self) -> Decimal:
        return sum((r.individual_amount for r in self.paid), ZERO)


@dataclass
class History:
    insurance_type: str
    years: list[Year]

    @property
    def paid_months(self) -> int:
        return sum(y.paid_months for y in self.years)

    @property
    def gap_months(self) -> int:
        return sum(y.gap_months for y in self.years)

    @property
    def individual_total(self) -> Decimal:
        return sum((y.individual_total for y in self.years), ZERO)

    @property
    def employer_total(self) -> Decimal:
        return sum((y.employer_total for y in self.years), ZERO)


def _next(month: dt.date) -> dt.date:
    return dt.date(month.year + (month.month == 12), month.month % 12 + 1, 1)


def arrange(rows: Iterable[Row], *, insurance_type: str, until: dt.date) -> History:
    """Months from the first record to ``until`` (or the last record, if later), in year order;
    a month with no record between them is a gap (断缴)."""
    by_month = {r.month: r for r in rows if r.insurance_type == insurance_type}
    if not by_month:
        return History(insurance_type, [])
    month, last = min(by_month), max(max(by_month), until)
    years: dict[int, Year] = {}
    while month <= last:
        years.setdefault(month.year, Year(month.year)).months.append(
            MonthLine(month, by_month.get(month))
        )
        month = _next(month)
    return History(insurance_type, list(years.values()))
