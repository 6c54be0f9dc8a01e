"""Demo data for appointments: counters (窗口) for the demo offices, the services each handles,
and half-hour slots on the next working days from the seed's "today".

Kept small (the seed runs in tests): three counters per office, ten working days.
"""

from __future__ import annotations

import datetime as dt

from shebao.workdays.selectors import work_calendar

from .services import counter_create, slots_open

DAYS = 10
# Mornings 9:00–11:30 and afternoons 14:00–16:30, in half hours (the last one starts at 16:00).
STARTS = ("09:00", "09:30", "10:00", "10:30", "11:00", "14:00", "14:30", "15:00", "15:30", "16:00")
TIMES = [
    (start, (dt.datetime.combine(dt.date(2000, 1, 1), start) + dt.timedelta(minutes=30)).time())
    for start in (dt.time.fromisoformat(s) for s in STARTS)
]

# (number, name, services, capacity per slot)
COUNTERS = (
    (
        1,
        "1号窗口 养老保险",
        ("pension_claim", "transfer", "survivor_claim", "records_correction"),
        3,
    ),
    (2, "2号窗口 失业与缴费", ("unemployment_claim", "contribution_payment", "certificate"), 2),
    (3, "3号窗口 社保卡", ("social_security_card", "certificate", "records_correction"), 5),
)


def seed_appointments(*, offices: dict, today) -> None:
    """Counters for each demo office and slots for the next working days from `today`."""
    days = work_calendar(today.year, today.year + 1).next_working_days(today, DAYS)
    for office in (offices[code] for code in ("xinji", "jinzhou") if code in offices):
        for number, name, services, capacity in COUNTERS:
            counter = counter_create(office=office, number=number, name=name, services=services)
            slots_open(counter=counter, days=days, times=TIMES, capacity=capacity)
