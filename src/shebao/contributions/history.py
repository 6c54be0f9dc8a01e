"""A person's contribution history arranged for reading: years, months, gaps (断缴), totals.

One arrangement serves the records page (every month up to a given month, gaps included) and
the record downloads, PDF and CSV (`History.recorded`: the months on record only). Totals are
kept apart for months paid and months due (应缴未缴): adding a due amount to what was paid
would overstate what the person has contributed.

Pure functions over plain rows, so the arithmetic is tested without a database.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from .statements import PAID, ZERO, next_month, type_key


@dataclass(frozen=True)
class Row:
    insurance_type: str
    month: dt.date
    base: Decimal
    employer_amount: Decimal
    individual_amount: Decimal
    status: str  # paid | arrears (anything but paid is due)
    region_code: str

    @property
    def paid(self) -> bool:
        return self.status == PAID


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
    def rows(self) -> list[Row]:
        """The months on record (paid or due), in calendar order; gaps left out."""
        return [m.row for m in self.months if m.row is not None]

    @property
    def paid_rows(self) -> list[Row]:
        return [r for r in self.rows if r.paid]

    @property
    def due_rows(self) -> list[Row]:
        return [r for r in self.rows if not r.paid]

    @property
    def paid_months(self) -> int:
        return len(self.paid_rows)

    @property
    def due_months(self) -> int:
        return len(self.due_rows)

    @property
    def gap_months(self) -> int:
        return sum(1 for m in self.months if m.gap)

    @property
    def average_base(self) -> Decimal:
        """The average base of the months paid."""
        paid = self.paid_rows
        if not paid:
            return ZERO
        return (sum((r.base for r in paid), ZERO) / len(paid)).quantize(Decimal("0.01"))

    @property
    def employer_paid(self) -> Decimal:
        return sum((r.employer_amount for r in self.paid_rows), ZERO)

    @property
    def individual_paid(self) -> Decimal:
        return sum((r.individual_amount for r in self.paid_rows), ZERO)

    @property
    def employer_due(self) -> Decimal:
        return sum((r.employer_amount for r in self.due_rows), ZERO)

    @property
    def individual_due(self) -> Decimal:
        return sum((r.individual_amount for r in self.due_rows), ZERO)


@dataclass
class History:
    insurance_type: str
    years: list[Year]

    @property
    def recorded(self) -> History:
        """The same history with only the months on record (as the record downloads list
        them): gap months left out, and years without any month on record."""
        years = [Year(y.year, [m for m in y.months if not m.gap]) for y in self.years]
        return History(self.insurance_type, [y for y in years if y.months])

    @property
    def months(self) -> int:
        """Months on record, paid or due; gaps are not counted."""
        return sum(len(y.rows) for y in self.years)

    @property
    def paid_months(self) -> int:
        return sum(y.paid_months for y in self.years)

    @property
    def due_months(self) -> int:
        return sum(y.due_months for y in self.years)

    @property
    def gap_months(self) -> int:
        return sum(y.gap_months for y in self.years)

    @property
    def individual_paid(self) -> Decimal:
        return sum((y.individual_paid for y in self.years), ZERO)

    @property
    def employer_paid(self) -> Decimal:
        return sum((y.employer_paid for y in self.years), ZERO)


def arrange(rows: Iterable[Row], *, insurance_type: str, until: dt.date | None = None) -> History:
    """Months from the first record to ``until`` (or the last record, if later or ``until`` is
    None), in year order; a month with no record between them is a gap (断缴)."""
    by_month = {r.month: r for r in rows if r.insurance_type == insurance_type}
    if not by_month:
        return History(insurance_type, [])
    month, last = min(by_month), max(by_month)
    if until is not None:
        last = max(last, until)
    years: dict[int, Year] = {}
    while month <= last:
        years.setdefault(month.year, Year(month.year)).months.append(
            MonthLine(month, by_month.get(month))
        )
        month = next_month(month)
    return History(insurance_type, list(years.values()))


def arrange_all(rows: Iterable[Row], *, until: dt.date | None = None) -> list[History]:
    """`arrange` for every insurance type in ``rows``, in the dictionary's order of types."""
    by_type: dict[str, list[Row]] = {}
    for row in rows:
        by_type.setdefault(row.insurance_type, []).append(row)
    return [
        arrange(by_type[t], insurance_type=t, until=until)
        for t in sorted(by_type, key=lambda t: (type_key(t), t))
    ]
