"""Writes for counter appointments (在线预约): open counters and slots, book, reschedule, cancel,
check in, and send the reminder the day before.

Every write runs in `transaction.atomic()` and records its ledger event there. A slot's count
only moves by a conditional UPDATE (``booked < capacity``) whose row count says whether the
place was taken: on PostgreSQL the row lock makes concurrent UPDATEs re-read the count, on
SQLite the write transactions run one after another; either way a slot never over-fills.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from shebao.applications.services import inbox_send
from shebao.ledger.services import record_event
from shebao.workdays.selectors import work_calendar

from .catalogue import BY_CODE, service_name
from .models import Booking, Counter, CounterService, Slot

B = Booking.Status
ACTIVE = (B.BOOKED, B.CHECKED_IN)
CODE_ATTEMPTS = 8


class BookingRefused(Exception):
    """A booking action that cannot be done: `reason` is a stable word for programs, `message`
    what the person reads (in their language)."""

    reason = "refused"
    message = gettext_lazy("This booking cannot be made or changed.")


class SlotFull(BookingRefused):
    reason = "full"
    message = gettext_lazy("This time has just been fully booked. Please pick another time.")


class SlotNotBookable(BookingRefused):
    """Unknown slot, a time already past, not a working day, or not for this service."""

    reason = "not_bookable"
    message = gettext_lazy("This time can no longer be booked. Please pick another time.")


class AlreadyBooked(BookingRefused):
    reason = "already_booked"
    message = gettext_lazy("You have already booked this time.")

    def __init__(self, booking: Booking) -> None:
        super().__init__(f"already booked: {booking.pk}")
        self.booking = booking


class NotChangeable(BookingRefused):
    """Cancelled, checked in or past: the booking can no longer be changed."""

    reason = "not_changeable"
    message = gettext_lazy("This booking can no longer be changed.")


class BookingNotFound(BookingRefused):
    reason = "not_found"
    message = gettext_lazy("There is no booking with this check-in code today.")


def slot_starts_at(slot: Slot) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(slot.day, slot.start))


# ---------------------------------------------------------------- counters and slots (office)


def counter_create(*, office, number: int, name: str, services: Iterable[str], actor=None):
    """A counter (窗口) of `office` handling `services` (codes of the bookable services)."""
    codes = sorted(set(services))
    unknown = [c for c in codes if c not in BY_CODE]
    if unknown:
        raise ValueError(f"not bookable services: {unknown}")
    with transaction.atomic():
        counter = Counter.objects.create(office=office, number=number, name=name)
        CounterService.objects.bulk_create(
            [CounterService(counter=counter, service=c) for c in codes]
        )
        record_event(
            office=office,
            kind="appointment.counter_opened",
            data={"counter": counter.pk, "number": number, "services": codes},
            actor=actor,
        )
        return counter


def slots_open(
    *,
    counter: Counter,
    days: Iterable[dt.date],
    times: Iterable[tuple[dt.time, dt.time]],
    capacity: int,
    actor=None,
) -> int:
    """Open slots at `counter` on those of `days` that are working days (工作日) by the holiday
    table; a slot that exists already is kept as it is. Returns how many were opened."""
    days = sorted(set(days))
    times = list(times)
    if not days or not times:
        return 0
    if capacity < 1:
        raise ValueError("a slot takes at least one person")
    calendar = work_calendar(days[0].year, days[-1].year)
    existing = set(Slot.objects.filter(counter=counter, day__in=days).values_list("day", "start"))
    rows = [
        Slot(
            counter=counter,
            office_id=counter.office_id,
            day=day,
            start=start,
            end=end,
            capacity=capacity,
        )
        for day in days
        if calendar.is_working_day(day)
        for start, end in times
        if (day, start) not in existing
    ]
    with transaction.atomic():
        Slot.objects.bulk_create(rows)
        if rows:
            record_event(
                office=counter.office,
                kind="appointment.slots_opened",
                data={
                    "counter": counter.pk,
                    "first_day": rows[0].day.isoformat(),
                    "last_day": rows[-1].day.isoformat(),
                    "slots": len(rows),
                    "capacity": capacity,
                },
                actor=actor,
            )
    return len(rows)


# ---------------------------------------------------------------- the person's bookings


def booking_create(
    *,
    person,
    slot_id: int,
    service: str,
    idempotency_key: str,
    actor=None,
    now: dt.datetime | None = None,
) -> tuple[Booking, bool]:
    """Book a place in a slot; (booking, created). The same key from the same person returns
    the first booking unchanged (a double click books once). Raises `SlotFull` when the last
    place went to someone else, `AlreadyBooked` when the person holds this slot already,
    `SlotNotBookable` for a slot that is past, closed or not for the service."""
    now = now or timezone.now()
    key = idempotency_key[:64]
    existing = Booking.objects.filter(person=person, idempotency_key=key).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            slot = _bookable_slot(slot_id, service, now)
            _refuse_if_held(person, slot)
            if not _take_place(slot):
                raise SlotFull(f"slot {slot.pk} is full")
            booking = _create_with_code(person=person, slot=slot, service=service, key=key, now=now)
            record_event(
                office=slot.office,
                kind="appointment.booked",
                data=_event_data(booking, slot),
                subject=person,
                actor=actor,
            )
            _tell(booking, slot, "booked")
            return booking, True
    except IntegrityError:
        # A request with the same key, or for the same slot, won the race: that one stands.
        existing = Booking.objects.filter(person=person, idempotency_key=key).first()
        if existing is not None:
            return existing, False
        held = Booking.objects.filter(person=person, slot_id=slot_id, status__in=ACTIVE).first()
        if held is not None:
            raise AlreadyBooked(held) from None
        raise


def booking_reschedule(
    *, booking: Booking, slot_id: int, actor=None, now: dt.datetime | None = None
) -> Booking:
    """Move a booking to another slot in one transaction: the new place is taken first, then
    the old one given back; if the new slot is full nothing changes. Moving to the slot it is
    in already (a double click) changes nothing."""
    now = now or timezone.now()
    with transaction.atomic():
        current = Booking.objects.select_for_update().select_related("slot").get(pk=booking.pk)
        if current.slot_id == slot_id and current.status == B.BOOKED:
            return current
        _refuse_if_closed(current, now)
        old_slot = current.slot
        slot = _bookable_slot(slot_id, current.service, now)
        _refuse_if_held(current.person, slot)
        if not _take_place(slot):
            raise SlotFull(f"slot {slot.pk} is full")
        _give_back_place(old_slot)
        moved_day = (old_slot.day, old_slot.office_id) != (slot.day, slot.office_id)
        current.slot = slot
        current.office_id = slot.office_id
        current.day = slot.day
        current.changed_at = now
        current.reminded_at = None  # a new day gets its own reminder
        if moved_day:
            _save_with_new_code(current)
        else:
            current.save(update_fields=["slot", "office", "day", "changed_at", "reminded_at"])
        data = _event_data(current, slot)
        data["from_slot"] = old_slot.pk
        record_event(
            office=slot.office,
            kind="appointment.rescheduled",
            data=data,
            subject=current.person,
            actor=actor,
        )
        _tell(current, slot, "rescheduled")
        return current


def booking_cancel(*, booking: Booking, actor=None, now: dt.datetime | None = None) -> Booking:
    """Cancel a booking before its time and give its place back. Cancelling a cancelled
    booking again (a double click) changes nothing."""
    now = now or timezone.now()
    with transaction.atomic():
        current = Booking.objects.select_for_update().select_related("slot").get(pk=booking.pk)
        if current.status == B.CANCELLED:
            return current
        _refuse_if_closed(current, now)
        current.status = B.CANCELLED
        current.changed_at = now
        current.save(update_fields=["status", "changed_at"])
        _give_back_place(current.slot)
        record_event(
            office=current.slot.office,
            kind="appointment.cancelled",
            data=_event_data(current, current.slot),
            subject=current.person,
            actor=actor,
        )
        _tell(current, current.slot, "cancelled")
        return current


def booking_check_in(*, office, code: str, actor=None, now: dt.datetime | None = None) -> Booking:
    """At the office on the day: the person reads out the check-in code (取号码) and the clerk
    or the kiosk checks them in. A second check-in of the same booking changes nothing."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    with transaction.atomic():
        current = (
            Booking.objects.select_for_update()
            .select_related("slot")
            .filter(office=office, day=today, code=code.strip())
            .first()
        )
        if current is None:
            raise BookingNotFound(code)
        if current.status == B.CHECKED_IN:
            return current
        if current.status != B.BOOKED:
            raise NotChangeable(current.status)
        current.status = B.CHECKED_IN
        current.checked_in_at = now
        current.changed_at = now
        current.save(update_fields=["status", "checked_in_at", "changed_at"])
        record_event(
            office=office,
            kind="appointment.checked_in",
            data=_event_data(current, current.slot),
            subject=current.person,
            actor=actor,
        )
        return current


def booking_reminders_send(*, day: dt.date, now: dt.datetime | None = None) -> int:
    """Remind each person booked on `day` (inbox and SMS), once: the booking is marked in the
    same transaction by a conditional UPDATE, so a second run — or two workers at once — skip
    it. Returns how many reminders were sent."""
    now = now or timezone.now()
    sent = 0
    ids = list(
        Booking.objects.filter(day=day, status=B.BOOKED, reminded_at__isnull=True).values_list(
            "pk", flat=True
        )
    )
    for pk in ids:
        with transaction.atomic():
            claimed = Booking.objects.filter(
                pk=pk, status=B.BOOKED, reminded_at__isnull=True
            ).update(reminded_at=now)
            if not claimed:
                continue
            booking = Booking.objects.select_related(
                "person", "slot", "slot__counter", "office"
            ).get(pk=pk)
            record_event(
                office=booking.office,
                kind="appointment.reminded",
                data=_event_data(booking, booking.slot),
                subject=booking.person,
            )
            _tell(booking, booking.slot, "reminder")
            sent += 1
    return sent


# ---------------------------------------------------------------- helpers


def _bookable_slot(slot_id: int, service: str, now: dt.datetime) -> Slot:
    slot = Slot.objects.select_related("counter", "office").filter(pk=slot_id).first()
    if slot is None or service not in BY_CODE:
        raise SlotNotBookable(f"slot {slot_id}")
    if not CounterService.objects.filter(counter_id=slot.counter_id, service=service).exists():
        raise SlotNotBookable(f"slot {slot_id} is not for {service}")
    if slot_starts_at(slot) <= now:
        raise SlotNotBookable(f"slot {slot_id} has begun")
    if not work_calendar(slot.day.year).is_working_day(slot.day):
        raise SlotNotBookable(f"slot {slot_id} is on a day the office is closed")
    return slot


def _refuse_if_held(person, slot: Slot) -> None:
    held = Booking.objects.filter(person=person, slot=slot, status__in=ACTIVE).first()
    if held is not None:
        raise AlreadyBooked(held)


def _refuse_if_closed(booking: Booking, now: dt.datetime) -> None:
    if booking.status != B.BOOKED or slot_starts_at(booking.slot) <= now:
        raise NotChangeable(f"booking {booking.pk} is {booking.status}")


def _take_place(slot: Slot) -> bool:
    """One place in the slot, if one is free: True when taken (the UPDATE matched the row)."""
    return bool(
        Slot.objects.filter(pk=slot.pk, booked__lt=F("capacity")).update(booked=F("booked") + 1)
    )


def _give_back_place(slot: Slot) -> None:
    Slot.objects.filter(pk=slot.pk, booked__gt=0).update(booked=F("booked") - 1)


def _new_code() -> str:
    # Four digits, no leading zero: easy to read out and to type at a kiosk.
    return str(1000 + secrets.randbelow(9000))


def _free_code(office_id: int, day: dt.date) -> str:
    for _attempt in range(CODE_ATTEMPTS * 4):
        code = _new_code()
        if not Booking.objects.filter(office_id=office_id, day=day, code=code).exists():
            return code
    raise RuntimeError("no free check-in code for the day")


def _create_with_code(*, person, slot: Slot, service: str, key: str, now) -> Booking:
    """Create the booking with a code free on its day. Two bookings drawing the same code at
    once: the second's savepoint rolls back and it draws again."""
    for attempt in range(CODE_ATTEMPTS):
        code = _free_code(slot.office_id, slot.day)
        try:
            with transaction.atomic():
                return Booking.objects.create(
                    person=person,
                    slot=slot,
                    service=service,
                    status=B.BOOKED,
                    office_id=slot.office_id,
                    day=slot.day,
                    code=code,
                    idempotency_key=key,
                    created_at=now,
                    changed_at=now,
                )
        except IntegrityError:
            taken = Booking.objects.filter(office_id=slot.office_id, day=slot.day, code=code)
            if attempt + 1 < CODE_ATTEMPTS and taken.exists():
                continue
            raise
    raise RuntimeError("unreachable")


def _save_with_new_code(booking: Booking) -> None:
    for attempt in range(CODE_ATTEMPTS):
        booking.code = _free_code(booking.office_id, booking.day)
        try:
            with transaction.atomic():
                booking.save(
                    update_fields=["slot", "office", "day", "code", "changed_at", "reminded_at"]
                )
                return
        except IntegrityError:
            if attempt + 1 < CODE_ATTEMPTS:
                continue
            raise


def _event_data(booking: Booking, slot: Slot) -> dict:
    return {
        "booking": booking.pk,
        "slot": slot.pk,
        "counter": slot.counter_id,
        "service": booking.service,
        "day": slot.day.isoformat(),
        "start": slot.start.strftime("%H:%M"),
        "status": booking.status,
    }


def _tell(booking: Booking, slot: Slot, what: str) -> None:
    """Inbox now, SMS after the commit; in Chinese (the person's language on paper)."""
    with translation.override("zh-hans"):
        values = {
            "service": service_name(booking.service),
            "office": slot.office.name,
            "counter": slot.counter.name,
            "day": slot.day.strftime("%Y-%m-%d"),
            "time": slot.start.strftime("%H:%M"),
            "code": booking.code,
        }
        if what == "booked":
            subject = _("Counter visit booked: %(day)s %(time)s") % values
            body = (
                _(
                    "You booked %(service)s at %(office)s, %(counter)s, on %(day)s at %(time)s. "
                    "Your check-in code is %(code)s."
                )
                % values
            )
            sms = _(
                "[Social insurance] Booked %(day)s %(time)s, %(office)s. Check-in code %(code)s."
            )
        elif what == "rescheduled":
            subject = _("Counter visit moved: %(day)s %(time)s") % values
            body = (
                _(
                    "Your visit for %(service)s is now at %(office)s, %(counter)s, on %(day)s "
                    "at %(time)s. Your check-in code is %(code)s."
                )
                % values
            )
            sms = _(
                "[Social insurance] Moved to %(day)s %(time)s, %(office)s. Check-in code %(code)s."
            )
        elif what == "cancelled":
            subject = _("Counter visit cancelled: %(day)s %(time)s") % values
            body = _("Your visit for %(service)s on %(day)s at %(time)s is cancelled.") % values
            sms = ""
        else:
            subject = _("Reminder: counter visit tomorrow at %(time)s") % values
            body = (
                _(
                    "Tomorrow, %(day)s at %(time)s, you are booked for %(service)s at "
                    "%(office)s, %(counter)s. Your check-in code is %(code)s. Please bring "
                    "your identity card. If you cannot come, cancel online."
                )
                % values
            )
            sms = _(
                "[Social insurance] Reminder: tomorrow %(time)s, %(office)s, %(counter)s. "
                "Check-in code %(code)s."
            )
        inbox_send(
            person=booking.person,
            subject=subject,
            body=body,
            sms=(sms % values) if sms else "",
        )
