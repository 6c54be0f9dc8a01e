"""Today's appointments at the counter (/staff/appointments/): the day's bookings with names
masked and no codes; checking a person in by the code they read out, once; refusals next to
the field with what was typed kept; another office's code is not found."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from shebao.appointments import services
from shebao.appointments.models import Booking
from shebao.ledger.models import LedgerEvent

from . import factories
from .staff_city import build_staff_city
from .staff_helpers import staff_sign_in

pytestmark = pytest.mark.django_db
BOOKED_AT = timezone.make_aware(dt.datetime(2026, 11, 30, 8, 0))  # Monday
TUESDAY_0850 = timezone.make_aware(dt.datetime(2026, 12, 1, 8, 50))
NINE = (dt.time(9, 0), dt.time(9, 30))
TEN = (dt.time(10, 0), dt.time(10, 30))


@pytest.fixture
def day(monkeypatch):
    """Tuesday 1 December 2026, 08:50: the bookings below are today's."""
    city = build_staff_city()
    xinji, jinzhou = city["xinji"], city["jinzhou"]
    counter = services.counter_create(
        office=xinji, number=2, name="2号窗口 养老保险", services=["pension_claim"]
    )
    services.slots_open(counter=counter, days=[TUESDAY_0850.date()], times=[NINE, TEN], capacity=3)
    slots = {s.start: s for s in counter.slots.all()}
    bookings = []
    for name, start, key in (("赵德胜", NINE[0], "a"), ("钱美玲", TEN[0], "b")):
        person = factories.person(xinji, name=name)
        booking, _ = services.booking_create(
            person=person,
            slot_id=slots[start].pk,
            service="pension_claim",
            idempotency_key=key,
            now=BOOKED_AT,
        )
        bookings.append(booking)
    other = services.counter_create(office=jinzhou, number=1, name="1号窗口", services=["transfer"])
    services.slots_open(counter=other, days=[TUESDAY_0850.date()], times=[NINE], capacity=1)
    elsewhere, _ = services.booking_create(
        person=factories.person(jinzhou, name="孙晋州"),
        slot_id=other.slots.get().pk,
        service="transfer",
        idempotency_key="c",
        now=BOOKED_AT,
    )
    # Codes are unique per office and day, so two offices may draw the same: fix them apart.
    for booking, code in zip((*bookings, elsewhere), ("1234", "5678", "9999"), strict=True):
        Booking.objects.filter(pk=booking.pk).update(code=code)
        booking.code = code
    monkeypatch.setattr(timezone, "now", lambda: TUESDAY_0850)
    return bookings, elsewhere


def test_the_clerk_sees_todays_bookings_masked_and_without_codes(day):
    bookings, elsewhere = day
    clerk = Client()
    staff_sign_in(clerk, "clerk")
    page = clerk.get("/staff/appointments/").content.decode()
    assert "2026-12-01" in page and "2 个预约" in page
    assert "09:00–09:30" in page and "10:00–10:30" in page and "2号窗口 养老保险" in page
    assert "赵**" in page and "钱**" in page and "赵德胜" not in page
    assert all(b.code not in page for b in bookings)  # the code is what the person proves
    assert "孙" not in page  # another office's booking


def test_checking_in_by_code_once_recorded_with_the_clerk(day, monkeypatch):
    bookings, _elsewhere = day
    clerk = Client()
    staff_sign_in(clerk, "clerk")
    done = clerk.post("/staff/appointments/", {"code": f" {bookings[0].code} "}, follow=True)
    page = done.content.decode()
    assert "已签到：赵**，09:00，2号窗口 养老保险。" in page
    assert "已签到（08:50）" in page  # the day's list says when
    assert Booking.objects.get(pk=bookings[0].pk).status == "checked_in"
    event = LedgerEvent.objects.filter(kind="appointment.checked_in").get()
    assert '"actor"' in event.body and "赵德胜" not in event.body
    later = TUESDAY_0850 + dt.timedelta(minutes=15)
    monkeypatch.setattr(timezone, "now", lambda: later)
    again = clerk.post("/staff/appointments/", {"code": bookings[0].code}, follow=True)
    assert "已于 08:50 签到：赵**" in again.content.decode()
    assert LedgerEvent.objects.filter(kind="appointment.checked_in").count() == 1


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("12a4", "请输入对方报出的4位取号码"),
        ("", "请输入对方报出的4位取号码"),
        ("999", "请输入对方报出的4位取号码"),
    ],
)
def test_a_malformed_code_is_refused_next_to_the_field_and_kept(day, typed, message):
    clerk = Client()
    staff_sign_in(clerk, "clerk")
    response = clerk.post("/staff/appointments/", {"code": typed})
    page = response.content.decode()
    assert response.status_code == 400 and message in page and 'aria-invalid="true"' in page
    assert f'name="code" value="{typed}"' in page
    assert not Booking.objects.filter(status="checked_in").exists()


def test_another_offices_code_or_a_cancelled_booking_is_not_checked_in(day):
    bookings, elsewhere = day
    clerk = Client()
    staff_sign_in(clerk, "clerk")
    response = clerk.post("/staff/appointments/", {"code": elsewhere.code})
    assert response.status_code == 400
    assert "今天没有这个取号码的预约" in response.content.decode()
    assert Booking.objects.get(pk=elsewhere.pk).status == "booked"
    services.booking_cancel(booking=bookings[1], now=BOOKED_AT)
    refused = clerk.post("/staff/appointments/", {"code": bookings[1].code})
    assert refused.status_code == 400 and "这个预约已不能更改" in refused.content.decode()
