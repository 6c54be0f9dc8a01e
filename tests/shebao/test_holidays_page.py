"""The holiday table for staff (/staff/holidays/): a year with its status, its holidays and
make-up working days; adding, changing and clearing a day and confirming the year go through
`workdays.services` (ledger events) and change the deadlines at once."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from shebao.ledger.models import LedgerEvent
from shebao.workdays.selectors import deadline, is_provisional

from .staff_city import build_staff_city
from .staff_helpers import staff_sign_in

D = dt.date.fromisoformat
URL = "/staff/holidays/"
NOTICE = "国务院办公厅关于2027年部分节假日安排的通知（国办发明电〔2026〕7号）"


@pytest.fixture
def supervisor(client, db):
    build_staff_city()
    staff_sign_in(client, "supervisor")
    return client


def _set(client, day, kind, name="国庆节"):
    return client.post(
        URL,
        {"year": "2027", "action": "set", "day-date": day, "day-kind": kind, "day-name": name},
    )


def test_next_year_is_shown_by_default_and_marked_provisional(supervisor):
    page = supervisor.get(URL).content.decode()
    year = timezone.localdate().year + 1
    assert f"{year} 年节假日安排" in page
    page = supervisor.get(URL, {"year": "2027"}).content.decode()
    assert "临时安排" in page and "尚未确认" in page
    assert "2027-10-01" in page and "国庆节" in page and "星期五" in page
    assert "2027-10-09" not in page  # no make-up working day until staff enter one


def test_staff_enter_the_schedule_and_the_deadline_follows(supervisor):
    assert deadline(D("2027-09-29"), 5) == D("2027-10-07")
    for day in ("2027-10-04", "2027-10-05", "2027-10-06", "2027-10-07"):
        response = _set(supervisor, day, "holiday")
        assert response.status_code == 302 and response["Location"] == f"{URL}?year=2027"
    for day in ("2027-09-26", "2027-10-09"):
        assert _set(supervisor, day, "workday").status_code == 302
    page = supervisor.get(URL, {"year": "2027"}).content.decode()
    assert "2027-10-09" in page and "调休上班" in page and "2027-10-07" in page
    assert deadline(D("2027-09-29"), 5) == D("2027-10-12")
    # Clearing 10-07 makes it a working day again: day 5 moves one day earlier.
    cleared = supervisor.post(URL, {"year": "2027", "action": "clear", "date": "2027-10-07"})
    assert cleared.status_code == 302
    assert deadline(D("2027-09-29"), 5) == D("2027-10-11")
    assert LedgerEvent.objects.filter(kind="calendar.day_set").count() == 7


def test_mistakes_are_explained_next_to_the_field_and_nothing_is_lost(supervisor):
    response = _set(supervisor, "2027-10-08", "workday")  # a Friday
    page = response.content.decode()
    assert response.status_code == 400
    assert "调休上班日只能是星期六或星期日" in page and 'value="2027-10-08"' in page
    assert 'role="alert"' in page and 'value="国庆节"' in page
    response = _set(supervisor, "2028-01-01", "holiday", name="元旦")
    assert "这个日期不在 2027 年内" in response.content.decode()
    response = _set(supervisor, "2027-10-04", "holiday", name="")
    assert response.status_code == 400 and "请填写节日名称" in response.content.decode()
    assert not LedgerEvent.objects.filter(kind="calendar.day_set").exists()
    assert deadline(D("2027-09-29"), 5) == D("2027-10-07")


def test_confirming_the_year_needs_the_notice_and_a_later_edit_unconfirms_it(supervisor):
    short = supervisor.post(URL, {"year": "2027", "action": "confirm", "confirm-source": "通知"})
    assert short.status_code == 400 and "请填写通知的完整标题和文号" in short.content.decode()
    assert is_provisional(D("2027-01-01"))
    done = supervisor.post(URL, {"year": "2027", "action": "confirm", "confirm-source": NOTICE})
    assert done.status_code == 302
    page = supervisor.get(URL, {"year": "2027"}).content.decode()
    assert "已由工作人员确认" in page and NOTICE in page and "supervisor" in page
    assert "尚未确认" not in page and not is_provisional(D("2027-01-01"))
    assert LedgerEvent.objects.filter(kind="calendar.year_confirmed").count() == 1
    _set(supervisor, "2027-10-04", "holiday")
    assert is_provisional(D("2027-01-01"))
    assert "尚未确认" in supervisor.get(URL, {"year": "2027"}).content.decode()


@pytest.mark.parametrize("username", ["clerk", "reviewer", "auditor", "reviewer2"])
def test_only_supervisors_and_administrators_edit_the_table(client, db, username):
    build_staff_city()
    staff_sign_in(client, username)
    assert client.get(URL).status_code == 403
    refused = client.post(
        URL, {"year": "2027", "action": "set", "day-date": "2027-10-04", "day-kind": "holiday"}
    )
    assert refused.status_code == 403
    assert not LedgerEvent.objects.filter(kind="calendar.day_set").exists()


def test_the_administrator_may_and_strangers_are_sent_to_sign_in(client, db):
    build_staff_city()
    assert client.get(URL)["Location"] == "/staff/sign-in/"
    staff_sign_in(client, "admin")
    assert client.get(URL, {"year": "2027"}).status_code == 200
