"""Counter appointments: book, reschedule, cancel and check in through the services; a slot
never over-fills, a person holds a slot once, a double click books once, slots only on working
days (provisional years marked), and the reminder the day before goes out once."""

import datetime as dt

import pytest
from django.utils import timezone

from shebao.applications.models import InboxMessage
from shebao.appointments import selectors, services
from shebao.appointments.models import Booking, Slot
from shebao.appointments.tasks import appointment_reminders_task
from shebao.ledger.models import LedgerEvent
from shebao.messaging.models import SmsMessage
from shebao.pii.fields import reveal

from . import factories

pytestmark = pytest.mark.django_db(transaction=True)
B = Booking.Status
TUE = dt.date(2026, 12, 1)
NOW = timezone.make_aware(dt.datetime(2026, 11, 30, 8, 0))  # Monday morning
NINE = (dt.time(9, 0), dt.time(9, 30))
TEN = (dt.time(10, 0), dt.time(10, 30))


@pytest.fixture
def counter(office):
    return services.counter_create(
        office=office, number=1, name="1号窗口 养老保险", services=["pension_claim", "transfer"]
    )


def _slots(counter, *, days=(TUE,), times=(NINE, TEN), capacity=2):
    services.slots_open(counter=counter, days=days, times=times, capacity=capacity)
    return list(Slot.objects.filter(counter=counter).order_by("day", "start"))


def _book(person, slot, key="k1", service="pension_claim"):
    return services.booking_create(
        person=person, slot_id=slot.pk, service=service, idempotency_key=key, now=NOW
    )


def test_booking_takes_a_place_gives_a_code_and_tells_the_person(office, counter):
    nine, _ten = _slots(counter)
    person = factories.person(office)
    booking, created = _book(person, nine)
    assert created and booking.status == B.BOOKED
    assert len(booking.code) == 4 and booking.code.isdigit()
    nine.refresh_from_db()
    assert nine.booked == 1 and nine.free == 1
    assert LedgerEvent.objects.filter(kind="appointment.booked").count() == 1
    message = InboxMessage.objects.get(person=person)
    assert booking.code in message.body and "2026-12-01" in message.body and "09:00" in message.body
    sms = SmsMessage.objects.get(purpose="notice")
    assert booking.code in reveal("sms_body", sms.body_enc)
    [view] = selectors.bookings_of(person, now=NOW)
    assert view.changeable and view.counter_name == "1号窗口 养老保险" and not view.provisional


def test_a_double_click_books_once_and_a_person_holds_a_slot_once(office, counter):
    nine, _ten = _slots(counter)
    person = factories.person(office)
    first, _ = _book(person, nine, key="same")
    again, created = _book(person, nine, key="same")
    assert again.pk == first.pk and not created
    with pytest.raises(services.AlreadyBooked):  # a second form, same slot
        _book(person, nine, key="other")
    nine.refresh_from_db()
    assert nine.booked == 1 and Booking.objects.count() == 1


def test_a_full_slot_refuses_and_changes_nothing(office, counter):
    nine, _ten = _slots(counter, capacity=2)
    a, b, c = (factories.person(office) for _ in range(3))
    _book(a, nine)
    _book(b, nine)
    with pytest.raises(services.SlotFull):
        _book(c, nine)
    nine.refresh_from_db()
    assert nine.booked == 2
    assert not Booking.objects.filter(person=c).exists()
    assert LedgerEvent.objects.filter(kind="appointment.booked").count() == 2
    choices = selectors.slots_for_day(office=office, service="pension_claim", day=TUE, now=NOW)
    assert [(c.slot.start, c.full) for c in choices] == [(NINE[0], True), (TEN[0], False)]
    free = selectors.slots_free(
        office=office, service="pension_claim", first=TUE, last=TUE, now=NOW
    )
    assert [c.slot.start for c in free] == [TEN[0]]


def test_slots_only_for_the_counters_services_and_not_once_begun(office, counter):
    nine, _ten = _slots(counter)
    person = factories.person(office)
    with pytest.raises(services.SlotNotBookable):  # this counter does not do unemployment
        _book(person, nine, service="unemployment_claim")
    late = timezone.make_aware(dt.datetime(2026, 12, 1, 9, 5))
    with pytest.raises(services.SlotNotBookable):
        services.booking_create(
            person=person, slot_id=nine.pk, service="pension_claim", idempotency_key="x", now=late
        )
    assert [
        c.slot.start
        for c in selectors.slots_for_day(office=office, service="pension_claim", day=TUE, now=late)
    ] == [TEN[0]]


def test_reschedule_moves_the_place_atomically(office, counter):
    nine, ten = _slots(counter, capacity=1)
    person, other = factories.person(office), factories.person(office)
    booking, _ = _book(person, nine)
    moved = services.booking_reschedule(booking=booking, slot_id=ten.pk, now=NOW)
    nine.refresh_from_db(), ten.refresh_from_db()
    assert moved.slot_id == ten.pk and (nine.booked, ten.booked) == (0, 1)
    assert moved.code == booking.code  # same office and day: the code stays
    again = services.booking_reschedule(booking=moved, slot_id=ten.pk, now=NOW)  # double click
    assert again.slot_id == ten.pk and Slot.objects.get(pk=ten.pk).booked == 1
    # The other person takes nine; moving back there is refused and nothing changes.
    _book(other, nine, key="o")
    with pytest.raises(services.SlotFull):
        services.booking_reschedule(booking=moved, slot_id=nine.pk, now=NOW)
    nine.refresh_from_db(), ten.refresh_from_db()
    assert (nine.booked, ten.booked) == (1, 1)
    assert Booking.objects.get(pk=booking.pk).slot_id == ten.pk
    assert LedgerEvent.objects.filter(kind="appointment.rescheduled").count() == 1


def test_reschedule_to_another_day_draws_a_code_of_that_day(office, counter):
    wed = TUE + dt.timedelta(days=1)
    slots = _slots(counter, days=(TUE, wed), times=(NINE,))
    person = factories.person(office)
    booking, _ = _book(person, slots[0])
    moved = services.booking_reschedule(booking=booking, slot_id=slots[1].pk, now=NOW)
    assert moved.day == wed and len(moved.code) == 4
    assert Booking.objects.filter(office=office, day=wed, code=moved.code).count() == 1


def test_cancel_gives_the_place_back_once(office, counter):
    nine, _ten = _slots(counter, capacity=1)
    person, other = factories.person(office), factories.person(office)
    booking, _ = _book(person, nine)
    cancelled = services.booking_cancel(booking=booking, now=NOW)
    services.booking_cancel(booking=booking, now=NOW)  # double click: nothing more
    nine.refresh_from_db()
    assert cancelled.status == B.CANCELLED and nine.booked == 0
    assert LedgerEvent.objects.filter(kind="appointment.cancelled").count() == 1
    _book(other, nine, key="o")  # the place is free again
    with pytest.raises(services.NotChangeable):
        services.booking_reschedule(booking=cancelled, slot_id=nine.pk, now=NOW)
    # A cancelled booking does not stop the person booking the same slot again, if free.
    assert [v.booking.status for v in selectors.bookings_of(person, now=NOW)] == [B.CANCELLED]


def test_check_in_by_code_on_the_day(office, counter):
    nine, _ten = _slots(counter)
    person = factories.person(office)
    booking, _ = _book(person, nine)
    on_the_day = timezone.make_aware(dt.datetime(2026, 12, 1, 8, 50))
    with pytest.raises(services.BookingNotFound):  # the day before: not found for today
        services.booking_check_in(office=office, code=booking.code, now=NOW)
    checked = services.booking_check_in(office=office, code=booking.code, now=on_the_day)
    assert checked.status == B.CHECKED_IN and checked.checked_in_at == on_the_day
    assert services.booking_check_in(office=office, code=booking.code, now=on_the_day).pk == (
        booking.pk
    )
    with pytest.raises(services.NotChangeable):
        services.booking_cancel(booking=checked, now=on_the_day)
    assert LedgerEvent.objects.filter(kind="appointment.checked_in").count() == 1


def test_slots_open_only_on_working_days(office, counter):
    # 2026-10-01..08 is the National Day holiday; 2026-09-27 (Sunday) is not a working day.
    days = [dt.date(2026, 9, 30), dt.date(2026, 10, 1), dt.date(2026, 10, 5), dt.date(2026, 9, 27)]
    opened = services.slots_open(counter=counter, days=days, times=[NINE], capacity=2)
    assert opened == 1
    assert list(Slot.objects.values_list("day", flat=True)) == [dt.date(2026, 9, 30)]


def test_a_slot_in_a_provisional_year_is_marked(office, counter):
    # 2027's holiday schedule is not published yet: its slots are offered, marked provisional.
    jan = dt.date(2027, 1, 5)
    _slots(counter, days=(jan,), times=(NINE,))
    [choice] = selectors.slots_for_day(office=office, service="pension_claim", day=jan, now=NOW)
    assert choice.provisional
    [day] = selectors.booking_days(
        office=office,
        service="pension_claim",
        now=timezone.make_aware(dt.datetime(2027, 1, 4, 8, 0)),
    )
    assert day.day == jan and day.provisional
    [tue] = _slots(counter, days=(TUE,), times=(NINE,))[:1]
    assert not selectors.slots_for_day(office=office, service="pension_claim", day=TUE, now=NOW)[
        0
    ].provisional


def test_the_reminder_goes_once_to_tomorrows_bookings_only(office, counter):
    wed = TUE + dt.timedelta(days=1)
    slots = _slots(counter, days=(TUE, wed), times=(NINE,))
    tomorrow_person, later_person, cancelled_person = (factories.person(office) for _ in range(3))
    booking, _ = _book(tomorrow_person, slots[0])
    _book(later_person, slots[1])
    gone, _ = _book(cancelled_person, slots[0])
    services.booking_cancel(booking=gone, now=NOW)
    before = InboxMessage.objects.count(), SmsMessage.objects.count()
    assert services.booking_reminders_send(day=TUE, now=NOW) == 1
    assert services.booking_reminders_send(day=TUE, now=NOW) == 0  # never twice
    assert (InboxMessage.objects.count(), SmsMessage.objects.count()) == (
        before[0] + 1,
        before[1] + 1,
    )
    reminder = InboxMessage.objects.filter(person=tomorrow_person).first()
    assert booking.code in reminder.body and "09:00" in reminder.body
    assert Booking.objects.get(pk=booking.pk).reminded_at == NOW
    assert LedgerEvent.objects.filter(kind="appointment.reminded").count() == 1


def test_the_reminder_task_picks_tomorrow_by_the_clock(office, counter, monkeypatch):
    slots = _slots(counter, times=(NINE,))
    person = factories.person(office)
    _book(person, slots[0])
    monkeypatch.setattr(timezone, "now", lambda: NOW)  # Monday: tomorrow is TUE
    assert appointment_reminders_task() == 1
    assert appointment_reminders_task() == 0
