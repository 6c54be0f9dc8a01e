"""Working days (工作日) and statutory holidays, as pure calculations over a holiday table.

The State Council publishes each year's schedule (放假安排): the holidays and the weekend days
that become working days (调休上班). The platform keeps that schedule as data; these functions
take it as input and never read a clock or a database.

For a year whose schedule is not yet published, `provisional_days` gives the statutory holidays
of the 《全国年节及纪念日放假办法》 (as revised 2024-11-12, in force 2025-01-01) on their fixed and
lunar dates, without any weekend swap (that is the State Council's choice each year).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from lunardate import LunarDate

from .errors import InputError

HOLIDAY = "holiday"
WORKDAY = "workday"  # a weekend day worked in lieu (调休上班)


@dataclass(frozen=True)
class Day:
    date: dt.date
    kind: str  # HOLIDAY or WORKDAY
    name: str  # the festival, in English ("Spring Festival") as chinese-calendar names them


@dataclass(frozen=True)
class WorkCalendar:
    """Which dates are exceptions to "Monday to Friday". Dates absent from both are ordinary."""

    holidays: frozenset[dt.date] = field(default_factory=frozenset)
    workdays: frozenset[dt.date] = field(default_factory=frozenset)

    @classmethod
    def of(cls, days: Iterable[Day]) -> WorkCalendar:
        days = list(days)
        return cls(
            holidays=frozenset(d.date for d in days if d.kind == HOLIDAY),
            workdays=frozenset(d.date for d in days if d.kind == WORKDAY),
        )

    def is_working_day(self, day: dt.date) -> bool:
        if day in self.workdays:
            return True
        if day in self.holidays:
            return False
        return day.weekday() < 5

    def add_working_days(self, start: dt.date, count: int) -> dt.date:
        """The date `count` working days after `start` (the day of acceptance is not counted:
        a time limit of N working days runs from the next working day)."""
        if count < 0:
            raise InputError(
                "a time limit cannot be negative", field="count", message_zh="时限不能为负数"
            )
        day = start
        remaining = count
        while remaining:
            day += dt.timedelta(days=1)
            if self.is_working_day(day):
                remaining -= 1
        return day

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days after `start` up to and including `end` (0 when end <= start)."""
        count = 0
        day = start
        while day < end:
            day += dt.timedelta(days=1)
            if self.is_working_day(day):
                count += 1
        return count

    def next_working_days(self, start: dt.date, count: int) -> list[dt.date]:
        """The first `count` working days from `start` inclusive."""
        days: list[dt.date] = []
        day = start
        while len(days) < count:
            if self.is_working_day(day):
                days.append(day)
            day += dt.timedelta(days=1)
        return days


# The statutory holidays (全国年节及纪念日放假办法 第二条, 2025 revision): 13 days.
_FIXED = (
    ((1, 1), "New Year's Day"),
    ((5, 1), "Labour Day"),
    ((5, 2), "Labour Day"),
    ((10, 1), "National Day"),
    ((10, 2), "National Day"),
    ((10, 3), "National Day"),
)
_LUNAR = (
    ((1, 1), "Spring Festival"),
    ((1, 2), "Spring Festival"),
    ((1, 3), "Spring Festival"),
    ((5, 5), "Dragon Boat Festival"),
    ((8, 15), "Mid-autumn Festival"),
)


def provisional_days(year: int, *, qingming: dt.date) -> list[Day]:
    """The statutory holidays of `year` on their own dates, before the State Council's schedule.

    `qingming` is the date of the Qingming solar term (清明, April 4 or 5) in that year, which
    the caller takes from an astronomical table; the lunar festivals are converted here. New
    Year's Eve of the lunar calendar (除夕) is the day before the lunar new year.
    """
    if qingming.year != year or qingming.month != 4:
        raise InputError(
            f"Qingming of {year} must be a date in April {year}",
            field="qingming",
            message_zh=f"{year}年清明须在当年四月",
        )
    days = [Day(dt.date(year, m, d), HOLIDAY, name) for (m, d), name in _FIXED]
    new_year = LunarDate(year, 1, 1).to_solar_date()
    days.append(Day(new_year - dt.timedelta(days=1), HOLIDAY, "Spring Festival"))
    for (m, d), name in _LUNAR:
        days.append(Day(LunarDate(year, m, d).to_solar_date(), HOLIDAY, name))
    days.append(Day(qingming, HOLIDAY, "Tomb-sweeping Day"))
    return sorted(days, key=lambda d: d.date)


def official_days(holidays: Mapping[dt.date, str], workdays: Mapping[dt.date, str], year: int):
    """The published schedule of `year` from chinese-calendar's tables (holidays include the
    weekends inside a holiday block; workdays are the make-up working days)."""
    out = [Day(d, HOLIDAY, str(n)) for d, n in holidays.items() if d.year == year]
    out += [Day(d, WORKDAY, str(n)) for d, n in workdays.items() if d.year == year]
    return sorted(out, key=lambda d: d.date)
