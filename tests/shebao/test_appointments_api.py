"""The appointments API: the same services and checks as the pages — free slots, book (once per
key), 409 with a clear message when full, reschedule, cancel, and only one's own bookings."""

import datetime as dt

import pytest
from django.utils import timezone
from openapi_spec_validator import validate

from shebao.appointments import services
from shebao.appointments.models import Booking, Slot
from shebao.workdays.selectors import work_calendar

from . import factories
from .auth_helpers import make_citizen

pytestmark = pytest.mark.django_db(transaction=True)
URL = "/api/appointments"


@pytest.fixture
def day():
    start = timezone.localdate() + dt.timedelta(days=1)
    return work_calendar(start.year, start.year + 1).next_working_days(start, 1)[0]


@pytest.fixture
def slots(office, day):
    counter = services.counter_create(
        office=office, number=1, name="1号窗口 养老保险", services=["pension_claim"]
    )
    services.slots_open(
        counter=counter,
        days=[day],
        times=[(dt.time(9, 0), dt.time(9, 30)), (dt.time(9, 30), dt.time(10, 0))],
        capacity=1,
    )
    return list(Slot.objects.order_by("start"))


@pytest.fixture
def person(office, client):
    _rid, person, user = make_citizen(office, phone="13900002222")
    client.force_login(user)
    return person


def _book(client, slot, key="key-00000001"):
    return client.post(
        f"{URL}/bookings",
        {"slot": slot.pk, "service": "pension_claim", "idempotency_key": key},
        content_type="application/json",
    )


def test_list_book_reschedule_cancel(client, person, slots, day):
    free = client.get(
        f"{URL}/slots",
        {"office": "xinji", "service": "pension_claim", "first": day, "last": day},
    ).json()
    assert [(s["start"], s["free"], s["provisional"]) for s in free] == [
        ("09:00", 1, False),
        ("09:30", 1, False),
    ]
    booked = _book(client, slots[0])
    assert booked.status_code == 201
    answer = booked.json()
    assert answer["status"] == "booked" and len(answer["check_in_code"]) == 4
    again = _book(client, slots[0])  # the same key: the same booking
    assert again.status_code == 200 and again.json()["id"] == answer["id"]
    assert [b["id"] for b in client.get(f"{URL}/bookings").json()] == [answer["id"]]
    free = client.get(
        f"{URL}/slots",
        {"office": "xinji", "service": "pension_claim", "first": day, "last": day},
    ).json()
    assert [s["start"] for s in free] == ["09:30"]  # the full one is not offered
    moved = client.post(
        f"{URL}/bookings/{answer['id']}/reschedule",
        {"slot": slots[1].pk},
        content_type="application/json",
    )
    assert moved.status_code == 200 and moved.json()["start"] == "09:30"
    cancelled = client.post(f"{URL}/bookings/{answer['id']}/cancel")
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
    assert cancelled.json()["check_in_code"] == ""
    assert [s.booked for s in Slot.objects.order_by("start")] == [0, 0]


def test_a_full_slot_answers_409_with_a_clear_message(client, person, slots, office):
    services.booking_create(
        person=factories.person(office),
        slot_id=slots[0].pk,
        service="pension_claim",
        idempotency_key="other",
    )
    response = _book(client, slots[0])
    assert response.status_code == 409
    assert response.json() == {"detail": "这个时段刚刚约满，请另选一个时段", "reason": "full"}
    client.cookies["django_language"] = "en"
    english = _book(client, slots[0], key="key-00000002")
    assert english.json()["detail"] == (
        "This time has just been fully booked. Please pick another time."
    )
    mine, _ = services.booking_create(
        person=person, slot_id=slots[1].pk, service="pension_claim", idempotency_key="m"
    )
    refused = client.post(
        f"{URL}/bookings/{mine.pk}/reschedule",
        {"slot": slots[0].pk},
        content_type="application/json",
    )
    assert refused.status_code == 409 and refused.json()["reason"] == "full"
    assert Booking.objects.get(pk=mine.pk).slot_id == slots[1].pk


def test_wrong_service_is_refused_and_others_bookings_are_not_found(client, person, slots, office):
    wrong = client.post(
        f"{URL}/bookings",
        {"slot": slots[0].pk, "service": "unemployment_claim", "idempotency_key": "key-wrong1"},
        content_type="application/json",
    )
    assert wrong.status_code == 422 and wrong.json()["reason"] == "not_bookable"
    theirs, _ = services.booking_create(
        person=factories.person(office),
        slot_id=slots[0].pk,
        service="pension_claim",
        idempotency_key="t",
    )
    assert client.post(f"{URL}/bookings/{theirs.pk}/cancel").status_code == 404
    assert Booking.objects.get(pk=theirs.pk).status == "booked"
    assert client.get(f"{URL}/bookings").json() == []


def test_signed_out_is_refused_and_the_schema_is_valid(client, slots):
    assert client.get(f"{URL}/bookings").status_code == 401
    schema = client.get("/api/openapi.json").json()
    validate(schema)
    assert "/api/appointments/bookings/{booking_id}/reschedule" in schema["paths"]
