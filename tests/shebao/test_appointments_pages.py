"""Counter appointment pages (Chinese first): start → times → confirm → done with the code;
a slot that filled meanwhile sends the person back to the day's times with their choices kept;
change and cancel ask first; someone else's booking is not found."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from shebao.appointments import services
from shebao.appointments.models import Booking, Slot
from shebao.workdays.selectors import work_calendar

from . import factories
from .auth_helpers import make_citizen

pytestmark = pytest.mark.django_db(transaction=True)
FULL_ZH = "这个时段刚刚约满，请另选一个时段"


@pytest.fixture
def days():
    start = timezone.localdate() + dt.timedelta(days=1)
    return work_calendar(start.year, start.year + 1).next_working_days(start, 2)


@pytest.fixture
def counter(office, days):
    counter = services.counter_create(
        office=office, number=2, name="2号窗口 失业与缴费", services=["unemployment_claim"]
    )
    services.slots_open(
        counter=counter,
        days=days,
        times=[(dt.time(9, 0), dt.time(9, 30)), (dt.time(9, 30), dt.time(10, 0))],
        capacity=1,
    )
    return counter


@pytest.fixture
def citizen(office, client):
    _rid, person, user = make_citizen(office, phone="13900001111")
    client.force_login(user)
    return person


def _slot(day, hour, minute):
    return Slot.objects.get(day=day, start=dt.time(hour, minute))


def test_book_in_four_pages_and_see_the_code(client, citizen, counter, office, days):
    page = client.get(reverse("portal:appointments")).content.decode()
    assert "预约窗口办理" in page and "您还没有预约" in page
    assert re.search(r'<option value="xinji" selected>', page)
    times = client.get(
        reverse("portal:appointment-times"),
        {"service": "unemployment_claim", "office": "xinji"},
    ).content.decode()
    nine = _slot(days[0], 9, 0)
    assert f'name="slot" value="{nine.pk}"' in times and "失业保险金申领" in times
    confirm = client.get(
        reverse("portal:appointment-confirm"),
        {"service": "unemployment_claim", "office": "xinji", "slot": nine.pk},
    ).content.decode()
    key = re.search(r'name="key" value="([0-9a-f]{32})"', confirm).group(1)
    assert "确认预约" in confirm or "预约这个时间" in confirm
    form = {
        "service": "unemployment_claim",
        "office": "xinji",
        "slot": nine.pk,
        "day": days[0].isoformat(),
        "key": key,
    }
    done = client.post(reverse("portal:appointment-confirm"), form, follow=True)
    booking = Booking.objects.get(person=citizen)
    assert done.redirect_chain[-1][0] == reverse("portal:appointment-detail", args=[booking.pk])
    assert booking.code in done.content.decode()
    again = client.post(reverse("portal:appointment-confirm"), form)  # double click
    assert again.status_code == 302 and Booking.objects.filter(person=citizen).count() == 1
    assert Slot.objects.get(pk=nine.pk).booked == 1
    listed = client.get(reverse("portal:appointments")).content.decode()
    assert booking.code in listed and "09:00" in listed


def test_a_slot_filled_meanwhile_keeps_the_choices(client, citizen, counter, office, days):
    nine = _slot(days[0], 9, 0)
    services.booking_create(
        person=factories.person(office),
        slot_id=nine.pk,
        service="unemployment_claim",
        idempotency_key="other",
    )
    response = client.post(
        reverse("portal:appointment-confirm"),
        {
            "service": "unemployment_claim",
            "office": "xinji",
            "slot": nine.pk,
            "day": days[0].isoformat(),
            "key": "k" * 32,
        },
    )
    page = response.content.decode()
    assert response.status_code == 409 and FULL_ZH in page
    assert 'name="service" value="unemployment_claim"' in page
    assert f'name="day" value="{days[0].isoformat()}"' in page
    assert f'name="slot" value="{nine.pk}"' not in page  # full: not offered
    assert f'name="slot" value="{_slot(days[0], 9, 30).pk}"' in page
    assert not Booking.objects.filter(person=citizen).exists()


def test_change_then_cancel_with_a_confirmation(client, citizen, counter, office, days):
    booking, _ = services.booking_create(
        person=citizen,
        slot_id=_slot(days[0], 9, 0).pk,
        service="unemployment_claim",
        idempotency_key="a",
    )
    other_day = _slot(days[1], 9, 30)
    page = client.get(reverse("portal:appointment-reschedule", args=[booking.pk])).content
    assert days[1].isoformat() in page.decode()
    confirm = client.get(
        reverse("portal:appointment-reschedule-confirm", args=[booking.pk]),
        {"slot": other_day.pk},
    )
    assert confirm.status_code == 200 and Booking.objects.get(pk=booking.pk).day == days[0]
    moved = client.post(
        reverse("portal:appointment-reschedule-confirm", args=[booking.pk]),
        {"slot": other_day.pk},
        follow=True,
    )
    booking.refresh_from_db()
    assert booking.slot_id == other_day.pk and booking.code in moved.content.decode()
    ask = client.get(reverse("portal:appointment-cancel", args=[booking.pk]))
    assert ask.status_code == 200 and Booking.objects.get(pk=booking.pk).status == "booked"
    done = client.post(reverse("portal:appointment-cancel", args=[booking.pk]), follow=True)
    assert done.redirect_chain[-1][0] == reverse("portal:appointments")
    assert Booking.objects.get(pk=booking.pk).status == "cancelled"
    assert Slot.objects.get(pk=other_day.pk).booked == 0


def test_someone_elses_booking_is_not_found(client, citizen, counter, office, days):
    theirs, _ = services.booking_create(
        person=factories.person(office),
        slot_id=_slot(days[0], 9, 0).pk,
        service="unemployment_claim",
        idempotency_key="t",
    )
    for name in ("appointment-detail", "appointment-cancel", "appointment-reschedule"):
        assert client.get(reverse(f"portal:{name}", args=[theirs.pk])).status_code == 404
    assert client.post(reverse("portal:appointment-cancel", args=[theirs.pk])).status_code == 404
    assert Booking.objects.get(pk=theirs.pk).status == "booked"


def test_the_pages_need_sign_in(client, counter):
    response = client.get(reverse("portal:appointments"))
    assert response.status_code == 302 and "sign-in" in response["Location"]


def test_a_slot_in_a_provisional_year_says_so(client, citizen, counter, office):
    # The next year's holiday schedule is not published: its slots are marked on the page.
    year = timezone.localdate().year + 1
    day = work_calendar(year).next_working_days(dt.date(year, 1, 5), 1)[0]
    services.slots_open(
        counter=counter, days=[day], times=[(dt.time(9, 0), dt.time(9, 30))], capacity=1
    )
    page = client.get(
        reverse("portal:appointment-confirm"),
        {"service": "unemployment_claim", "office": "xinji", "slot": _slot(day, 9, 0).pk},
    ).content.decode()
    assert "暂定——该年度的节假日安排尚未确定" in page
    ordinary = client.get(
        reverse("portal:appointment-confirm"),
        {"service": "unemployment_claim", "office": "xinji", "slot": Slot.objects.first().pk},
    )
    assert "暂定" not in ordinary.content.decode()
