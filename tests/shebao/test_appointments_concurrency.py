"""The concurrency proof: 20 people press "book" at the same moment for one slot with 5 places,
each a real HTTP POST to the running server from their own signed-in session. Exactly 5 get a
booking and 15 are told, clearly, that the time is full; the slot's count is 5. Run on SQLite
and on PostgreSQL (DATABASE_URL)."""

from __future__ import annotations

import datetime as dt
import http.client
import json
import secrets
import threading
from urllib.parse import urlencode, urlsplit

import pytest
from django.test import Client
from django.utils import timezone

from shebao.accounts.services import citizen_account_create
from shebao.appointments import services
from shebao.appointments.models import Booking, Slot
from shebao.ledger.models import LedgerEvent
from shebao.workdays.selectors import work_calendar

from . import factories

PEOPLE = 20
CAPACITY = 5
FULL_ZH = "这个时段刚刚约满，请另选一个时段"


@pytest.fixture
def slot(transactional_db, office):
    start = timezone.localdate() + dt.timedelta(days=1)
    [day] = work_calendar(start.year, start.year + 1).next_working_days(start, 1)
    counter = services.counter_create(
        office=office, number=3, name="3号窗口 社保卡", services=["social_security_card"]
    )
    services.slots_open(
        counter=counter, days=[day], times=[(dt.time(9, 0), dt.time(9, 30))], capacity=CAPACITY
    )
    return Slot.objects.get(counter=counter)


def _sessions(office, count: int) -> list[str]:
    """A signed-in session per person (the cookie a browser would hold after sign-in)."""
    cookies = []
    for _ in range(count):
        rid = factories.resident_id()
        person = factories.person(office, resident_id=rid)
        user = citizen_account_create(person=person, resident_id=rid)  # no password needed
        client = Client()
        client.force_login(user)
        cookies.append(client.cookies["sessionid"].value)
    return cookies


def _all_at_once(url: str, requests: list[tuple[str, str, dict[str, str]]]):
    """Send each (path, body, headers) POST from its own thread, released together."""
    host = urlsplit(url)
    barrier = threading.Barrier(len(requests))
    results: list[tuple[int, str] | None] = [None] * len(requests)

    def send(i: int, path: str, body: str, headers: dict[str, str]) -> None:
        connection = http.client.HTTPConnection(host.hostname, host.port, timeout=60)
        try:
            barrier.wait(timeout=30)
            connection.request("POST", path, body=body.encode(), headers=headers)
            response = connection.getresponse()
            results[i] = (response.status, response.read().decode())
        finally:
            connection.close()

    threads = [
        threading.Thread(target=send, args=(i, *request)) for i, request in enumerate(requests)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def _headers(session: str, csrf: str, content_type: str) -> dict[str, str]:
    return {
        "Cookie": f"sessionid={session}; csrftoken={csrf}",
        "X-CSRFToken": csrf,
        "Content-Type": content_type,
        "Accept-Language": "zh-CN",
    }


def _assert_five_booked(slot: Slot) -> None:
    slot.refresh_from_db()
    assert slot.booked == CAPACITY
    assert Booking.objects.filter(slot=slot, status="booked").count() == CAPACITY
    assert LedgerEvent.objects.filter(kind="appointment.booked").count() == CAPACITY
    codes = set(Booking.objects.filter(slot=slot).values_list("code", flat=True))
    assert len(codes) == CAPACITY  # each its own check-in code


def test_twenty_people_through_the_api_get_five_bookings_and_fifteen_full(
    live_server, office, slot
):
    requests = []
    for session in _sessions(office, PEOPLE):
        csrf = secrets.token_hex(16)  # 32 characters, as Django's CSRF secret
        body = json.dumps(
            {"slot": slot.pk, "service": "social_security_card", "idempotency_key": csrf}
        )
        requests.append(
            ("/api/appointments/bookings", body, _headers(session, csrf, "application/json"))
        )
    results = _all_at_once(live_server.url, requests)
    statuses = sorted(status for status, _body in results)
    assert statuses == [201] * CAPACITY + [409] * (PEOPLE - CAPACITY), results
    for status, body in results:
        answer = json.loads(body)
        if status == 201:
            assert len(answer["check_in_code"]) == 4 and answer["status"] == "booked"
        else:
            assert answer == {"detail": FULL_ZH, "reason": "full"}
    _assert_five_booked(slot)


def test_twenty_people_through_the_booking_page_get_five_bookings_and_fifteen_full(
    live_server, office, slot
):
    requests = []
    for session in _sessions(office, PEOPLE):
        csrf = secrets.token_hex(16)
        form = {
            "service": "social_security_card",
            "office": office.code,
            "slot": slot.pk,
            "day": slot.day.isoformat(),
            "key": csrf,
            "csrfmiddlewaretoken": csrf,
        }
        requests.append(
            (
                "/appointments/confirm/",
                urlencode(form),
                _headers(session, csrf, "application/x-www-form-urlencoded"),
            )
        )
    results = _all_at_once(live_server.url, requests)
    statuses = sorted(status for status, _body in results)
    assert statuses == [302] * CAPACITY + [409] * (PEOPLE - CAPACITY), results
    for status, body in results:
        if status == 409:
            assert FULL_ZH in body  # shown on the day's times, choices kept
            assert 'name="service" value="social_security_card"' in body
    _assert_five_booked(slot)
