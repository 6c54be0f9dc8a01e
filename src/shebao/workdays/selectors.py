"""Reads of the holiday table: the working-day calendar every time limit and slot uses.

A year the table does not hold yet is taken from chinese-calendar when it knows the year, else
computed provisionally from the statutory fixed and lunar dates (never stored by a read).
"""

from __future__ import annotations

import datetime as dt

import chinese_calendar

from shebao_rules.workdays import Day, WorkCalendar, official_days, provisional_days

from .models import CalendarDay, CalendarYear

PROVISIONAL = CalendarYear.Status.PROVISIONAL


def _known_to_library(year: int) -> bool:
    return any(d.year == year for d in chinese_calendar.holidays)


def qingming(year: int) -> dt.date:
    ((day, _name),) = chinese_calendar.get_solar_terms(dt.date(year, 4, 3), dt.date(year, 4, 6))
    return day


def default_days(year: int) -> tuple[str, list[Day]]:
    """(status, days) for a year not in the table: the library's schedule or provisional."""
    if _known_to_library(year):
        days = official_days(chinese_calendar.holidays, chinese_calendar.workdays, year)
        return CalendarYear.Status.OFFICIAL, days
    return PROVISIONAL, provisional_days(year, qingming=qingming(year))


def year_days(year: int) -> tuple[str, list[Day]]:
    stored = CalendarYear.objects.filter(year=year).first()
    if stored is None:
        return default_days(year)
    days = [Day(d.date, d.kind, d.name) for d in CalendarDay.objects.filter(year_id=year)]
    return stored.status, days


def work_calendar(first_year: int, last_year: int | None = None) -> WorkCalendar:
    """The calendar for the years from `first_year` to `last_year` (one year when omitted)."""
    days: list[Day] = []
    for year in range(first_year, (last_year or first_year) + 1):
        days += year_days(year)[1]
    return WorkCalendar.of(days)


def deadline(start: dt.date, working_days: int) -> dt.date:
    """The last day of a time limit of `working_days` working days from `start`."""
    # A limit of n working days spans at most n * 7 / 5 + 15 calendar days (holiday weeks).
    last = start + dt.timedelta(days=working_days * 7 // 5 + 16)
    return work_calendar(start.year, last.year).add_working_days(start, working_days)


def is_provisional(day: dt.date) -> bool:
    return year_days(day.year)[0] == PROVISIONAL


def calendar_years() -> list[CalendarYear]:
    return list(CalendarYear.objects.order_by("year"))
