"""Reads for counter appointments: what can be booked where and when, and a person's bookings.

Slots are offered only on working days of the holiday table as it stands now (a day staff turned
into a holiday after the slots were opened is not offered), and only before they begin. A slot on
a day of a provisional year (the State Council has not yet published that year's schedule) is
marked, so the page can say so.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from shebao.pii.masking import mask_name
from shebao.regions.selectors import offices_all
from shebao.workdays.selectors import is_provisional, work_calendar

from .catalogue import BOOKABLE, BY_CODE, CounterServiceSpec, service_name
from .models import Booking, Slot
from .services import ACTIVE, slot_starts_at

# How far ahead a person may book, in working days (the demo opens slots this far).
BOOKING_HORIZON_DAYS = 10


@dataclass(frozen=True)
class SlotChoice:
    slot: Slot
    counter_name: str
    free: int
    provisional: bool

    @property
    def full(self) -> bool:
        return self.free <= 0

    @property
    def pk(self) -> int:
        return self.slot.pk


@dataclass(frozen=True)
class DayChoice:
    day: dt.date
    free: int  # free places that day, for the service
    provisional: bool


@dataclass(frozen=True)
class BookingView:
    booking: Booking
    service_name: str
    office_name: str
    counter_name: str
    starts_at: dt.datetime
    ends_at: dt.time
    provisional: bool
    changeable: bool  # booked and not begun: may be moved or cancelled


def bookable_services() -> tuple[CounterServiceSpec, ...]:
    return BOOKABLE


def bookable_service_name(code: str) -> str:
    return service_name(code)


def is_bookable_service(code: str) -> bool:
    return code in BY_CODE


def offices():
    """Offices that have at least one counter taking bookings."""
    with_counters = set(Slot.objects.values_list("office_id", flat=True).distinct())
    return [o for o in offices_all() if o.pk in with_counters]


def office_by_code(code: str):
    return next((o for o in offices() if o.code == code), None)


def _open_slots(*, office, service: str, first: dt.date, last: dt.date, now: dt.datetime):
    """Slots of `office` for `service` from `first` to `last`, not begun, on working days."""
    rows = (
        Slot.objects.filter(
            office=office,
            day__gte=first,
            day__lte=last,
            counter__services__service=service,
        )
        .filter(Q(day__gt=timezone.localdate(now)) | Q(start__gt=timezone.localtime(now).time()))
        .select_related("counter", "office")
        .order_by("day", "start", "counter__number")
    )
    rows = list(rows)
    if not rows:
        return []
    calendar = work_calendar(rows[0].day.year, rows[-1].day.year)
    return [s for s in rows if calendar.is_working_day(s.day) and slot_starts_at(s) > now]


def booking_days(*, office, service: str, now: dt.datetime | None = None) -> list[DayChoice]:
    """The working days with slots for `service` at `office` in the booking horizon, each with
    its free places (a day whose slots are all full shows 0)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    last = today + dt.timedelta(days=BOOKING_HORIZON_DAYS * 3)
    by_day: dict[dt.date, int] = {}
    for slot in _open_slots(office=office, service=service, first=today, last=last, now=now):
        by_day[slot.day] = by_day.get(slot.day, 0) + slot.free
    days = sorted(by_day)[:BOOKING_HORIZON_DAYS]
    marks: dict[int, bool] = {}
    return [DayChoice(d, by_day[d], _provisional(d, marks)) for d in days]


def slots_for_day(
    *, office, service: str, day: dt.date, now: dt.datetime | None = None
) -> list[SlotChoice]:
    """Every slot of the day for the service, full ones included (shown as full)."""
    now = now or timezone.now()
    provisional = is_provisional(day)
    return [
        SlotChoice(s, s.counter.name, s.free, provisional)
        for s in _open_slots(office=office, service=service, first=day, last=day, now=now)
    ]


def slots_free(
    *, office, service: str, first: dt.date, last: dt.date, now: dt.datetime | None = None
) -> list[SlotChoice]:
    """Slots with a free place in a date range (for the API)."""
    now = now or timezone.now()
    rows = _open_slots(office=office, service=service, first=first, last=last, now=now)
    marks: dict[int, bool] = {}
    return [
        SlotChoice(s, s.counter.name, s.free, _provisional(s.day, marks))
        for s in rows
        if s.free > 0
    ]


def slot_choice(*, slot_id: int, service: str, now: dt.datetime | None = None) -> SlotChoice | None:
    """One slot as offered for `service` (None when it is not bookable for it any more)."""
    now = now or timezone.now()
    slot = Slot.objects.select_related("counter", "office").filter(pk=slot_id).first()
    if slot is None:
        return None
    rows = _open_slots(office=slot.office, service=service, first=slot.day, last=slot.day, now=now)
    match = next((s for s in rows if s.pk == slot.pk), None)
    if match is None:
        return None
    return SlotChoice(match, match.counter.name, match.free, is_provisional(match.day))


def bookings_of(person, *, now: dt.datetime | None = None) -> list[BookingView]:
    """The person's bookings from today on (cancelled ones too, so they see what happened)."""
    now = now or timezone.now()
    rows = (
        Booking.objects.filter(person=person, day__gte=timezone.localdate(now))
        .select_related("slot", "slot__counter", "office")
        .order_by("day", "slot__start", "pk")
    )
    marks: dict[int, bool] = {}
    return [_view(b, now, marks) for b in rows]


def booking_of(person, booking_id: int, *, now: dt.datetime | None = None) -> BookingView | None:
    """One of the person's own bookings (someone else's is None, as if it did not exist)."""
    now = now or timezone.now()
    booking = (
        Booking.objects.filter(person=person, pk=booking_id)
        .select_related("slot", "slot__counter", "office")
        .first()
    )
    return _view(booking, now, {}) if booking else None


def active_booking_on(person, slot_id: int) -> Booking | None:
    return Booking.objects.filter(person=person, slot_id=slot_id, status__in=ACTIVE).first()


def _provisional(day: dt.date, marks: dict[int, bool]) -> bool:
    """Whether the day's year is provisional, asked once per year of a list."""
    if day.year not in marks:
        marks[day.year] = is_provisional(day)
    return marks[day.year]


def _view(booking: Booking, now: dt.datetime, marks: dict[int, bool]) -> BookingView:
    starts = slot_starts_at(booking.slot)
    return BookingView(
        booking=booking,
        service_name=service_name(booking.service),
        office_name=booking.office.name,
        counter_name=booking.slot.counter.name,
        starts_at=starts,
        ends_at=booking.slot.end,
        provisional=_provisional(booking.day, marks),
        changeable=booking.status == Booking.Status.BOOKED and starts > now,
    )


@dataclass(frozen=True)
class TimesChoice:
    """What the "pick a time" page shows: the days with slots, the chosen day and its slots."""

    days: list[DayChoice]
    day: DayChoice | None
    slots: list[SlotChoice]


def booking_times(
    *, office, service: str, day: dt.date | None = None, now: dt.datetime | None = None
) -> TimesChoice:
    """The days to choose from and the slots of `day` — or of the first day with a free place
    when `day` is not given or not on offer."""
    now = now or timezone.now()
    days = booking_days(office=office, service=service, now=now)
    chosen = next((d for d in days if d.day == day), None)
    if chosen is None:
        chosen = next((d for d in days if d.free > 0), days[0] if days else None)
    slots = slots_for_day(office=office, service=service, day=chosen.day, now=now) if chosen else []
    return TimesChoice(days=days, day=chosen, slots=slots)


@dataclass(frozen=True)
class CounterBooking:
    """One booking of the day as the counter staff see it: no ID number, the name masked, and
    no check-in code (the person reads it out; a list of codes would let anyone check in)."""

    booking: Booking
    starts: dt.time
    ends: dt.time
    counter_name: str
    service_name: str
    name_masked: str


def bookings_of_the_day(*, office, day: dt.date) -> list[CounterBooking]:
    """The office's bookings of ``day`` (booked and checked in), by time and counter."""
    rows = (
        Booking.objects.filter(office=office, day=day, status__in=ACTIVE)
        .select_related("slot__counter", "person")
        .order_by("slot__start", "slot__counter__number", "pk")
    )
    return [
        CounterBooking(
            booking=b,
            starts=b.slot.start,
            ends=b.slot.end,
            counter_name=b.slot.counter.name,
            service_name=service_name(b.service),
            name_masked=mask_name(b.person.name),
        )
        for b in rows
    ]
