"""Calendar months (年月): the unit every rule here counts in.

Rules speak of months, not days: a retirement month, the first month of unemployment
benefit, a parameter valid from 2019-05. `Month` is a small value type for them.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

_MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True, order=True, slots=True)
class Month:
    year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise ValueError(f"month out of range: {self.month}")
        if not 1 <= self.year <= 9999:
            raise ValueError(f"year out of range: {self.year}")

    @classmethod
    def parse(cls, text: str) -> Month:
        """Parse "YYYY-MM"; raises ValueError on anything else."""
        m = _MONTH_RE.match(text) if isinstance(text, str) else None
        if not m:
            raise ValueError(f"not a YYYY-MM month: {text!r}")
        return cls(int(m.group(1)), int(m.group(2)))

    @classmethod
    def from_index(cls, index: int) -> Month:
        """Inverse of `index`."""
        return cls(index // 12, index % 12 + 1)

    @property
    def index(self) -> int:
        """Months since year 0, so that differences are plain subtraction."""
        return self.year * 12 + self.month - 1

    def plus(self, months: int) -> Month:
        return Month.from_index(self.index + months)

    def minus(self, other: Month) -> int:
        """Whole months from `other` to self (positive when self is later)."""
        return self.index - other.index

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


def as_month(value: Month | _dt.date | str) -> Month:
    """A Month from a Month, a date or a "YYYY-MM" string."""
    if isinstance(value, Month):
        return value
    if isinstance(value, _dt.date):
        return Month(value.year, value.month)
    return Month.parse(value)


def age_text(months: int) -> dict[str, str]:
    """An age in months as words: {"en": "60 years 8 months", "zh": "60岁8个月"}."""
    years, rest = divmod(months, 12)
    en = f"{years} years" + (f" {rest} months" if rest else "")
    zh = f"{years}岁" + (f"{rest}个月" if rest else "")
    return {"en": en, "zh": zh}
