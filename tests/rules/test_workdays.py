"""Working-day arithmetic over a holiday table, and the provisional holidays of a new year."""

import datetime as dt

import chinese_calendar
import pytest

from shebao_rules.errors import InputError
from shebao_rules.workdays import WorkCalendar, official_days, provisional_days

D = dt.date


def _published(year):
    return WorkCalendar.of(
        official_days(chinese_calendar.holidays, chinese_calendar.workdays, year)
    )


def test_five_working_days_from_2026_09_29_end_on_2026_10_12():
    # 09-30 is day 1; 10-01..10-07 National Day; 10-08, 10-09; 10-10 (Saturday, worked in lieu)
    # is day 4; 10-11 is a Sunday; 10-12 is day 5.
    cal = _published(2026)
    assert cal.add_working_days(D(2026, 9, 29), 5) == D(2026, 10, 12)
    assert cal.is_working_day(D(2026, 10, 10)) and not cal.is_working_day(D(2026, 10, 5))


def test_without_the_table_the_same_limit_would_end_earlier():
    assert WorkCalendar().add_working_days(D(2026, 9, 29), 5) == D(2026, 10, 6)


def test_working_days_between_counts_what_add_working_days_adds():
    cal = _published(2026)
    start = D(2026, 9, 29)
    for n in range(0, 30):
        assert cal.working_days_between(start, cal.add_working_days(start, n)) == n


def test_2027_provisional_holidays_fall_on_the_statutory_and_lunar_dates():
    days = {d.date: d.name for d in provisional_days(2027, qingming=D(2027, 4, 5))}
    assert len(days) == 13  # 全国年节及纪念日放假办法 (2025): 13 statutory days
    assert days[D(2027, 2, 5)] == "Spring Festival"  # 除夕 (lunar new year 2027-02-06)
    assert {D(2027, 2, 6), D(2027, 2, 7), D(2027, 2, 8)} <= set(days)
    assert days[D(2027, 6, 9)] == "Dragon Boat Festival"  # lunar 5-5
    assert days[D(2027, 9, 15)] == "Mid-autumn Festival"  # lunar 8-15
    assert days[D(2027, 4, 5)] == "Tomb-sweeping Day"
    assert {D(2027, 5, 1), D(2027, 5, 2), D(2027, 10, 1), D(2027, 10, 3), D(2027, 1, 1)} <= set(
        days
    )


def test_a_qingming_outside_april_of_the_year_is_refused():
    with pytest.raises(InputError) as refused:
        provisional_days(2027, qingming=D(2026, 4, 5))
    assert refused.value.field == "qingming"


def test_the_published_2026_spring_festival_differs_from_the_provisional_rule():
    # The State Council's schedule adds bridge days and make-up Saturdays the statutory rule
    # alone does not know: why a provisional year must be confirmed by staff.
    published = _published(2026)
    provisional = WorkCalendar.of(provisional_days(2026, qingming=D(2026, 4, 5)))
    assert published.holidays - provisional.holidays
    assert published.workdays and not provisional.workdays
