"""Time limits (承诺时限): the due date counted on the holiday table, the 80 % warning, and the
escalation of overdue open cases to the supervisor (督办) — once each."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from shebao.applications import services
from shebao.applications.catalogue import BY_CODE
from shebao.applications.models import Application
from shebao.applications.selectors import deadline_state
from shebao.applications.tasks import escalate_overdue, escalate_overdue_task
from shebao.ledger.models import LedgerEvent
from shebao.workdays.selectors import deadline, is_provisional
from shebao.workdays.services import calendar_day_set, calendar_year_confirm

from . import factories
from .staff_city import build_staff_city
from .staff_helpers import staff_sign_in
from .test_figures import Clock, _staff

S = Application.Status
D = dt.date.fromisoformat


@pytest.fixture
def city(db):
    return build_staff_city()


@pytest.fixture
def five_days(monkeypatch):
    """A service with a 5-working-day limit (the catalogue has none that short)."""
    spec = dataclasses.replace(BY_CODE["unemployment_claim"], time_limit_days=5)
    monkeypatch.setitem(BY_CODE, "unemployment_claim", spec)


def test_a_case_filed_on_29_september_2026_is_due_on_12_october(city, five_days, monkeypatch):
    clock = Clock(monkeypatch)("2026-09-29")
    person = factories.person(city["xinji"], name="国庆某")
    case, _ = services.application_submit(
        person=person, service="unemployment_claim", payload={}, idempotency_key="oct"
    )
    # 09-30 is day 1; 10-01…10-07 National Day; 10-08, 10-09, 10-10 (worked in lieu), 10-12.
    assert case.due_date == D("2026-10-12") == deadline(D("2026-09-29"), 5)
    clock("2026-10-09")
    assert deadline_state(case, today=D("2026-10-08")) == "ok"
    assert deadline_state(case, today=D("2026-10-09")) == "ok"  # 3 of 5 working days used
    assert deadline_state(case, today=D("2026-10-10")) == "warning"  # 4 of 5: the 80 % mark
    assert deadline_state(case, today=D("2026-10-12")) == "warning"
    assert deadline_state(case, today=D("2026-10-13")) == "overdue"


def test_a_2027_deadline_follows_the_editable_table(city, five_days, monkeypatch):
    office, supervisor = city["xinji"], _staff("supervisor")
    assert is_provisional(D("2027-09-29"))
    # Provisional: only 10-01…10-03 (statutory dates), so day 5 is 10-07.
    assert deadline(D("2027-09-29"), 5) == D("2027-10-07")
    for day in ("2027-10-04", "2027-10-05", "2027-10-06", "2027-10-07"):
        calendar_day_set(day=D(day), kind="holiday", name="国庆节", office=office, actor=supervisor)
    for day in ("2027-09-26", "2027-10-09"):
        calendar_day_set(day=D(day), kind="workday", name="国庆节", office=office, actor=supervisor)
    assert deadline(D("2027-09-29"), 5) == D("2027-10-12")
    calendar_year_confirm(
        year=2027, source="国办发明电〔2026〕X号", office=office, actor=supervisor
    )
    assert not is_provisional(D("2027-09-29"))
    Clock(monkeypatch)("2027-09-29")
    person = factories.person(office, name="明年某")
    case, _ = services.application_submit(
        person=person, service="unemployment_claim", payload={}, idempotency_key="2027"
    )
    assert case.due_date == D("2027-10-12")
    assert deadline_state(case, today=D("2027-10-09")) == "ok"  # 3 of 5
    assert deadline_state(case, today=D("2027-10-11")) == "warning"
    assert deadline_state(case, today=D("2027-10-13")) == "overdue"


@pytest.fixture
def cases(city, monkeypatch):
    """unemployment_claim has 10 working days: filed 2026-11-02, due 2026-11-16."""
    clock = Clock(monkeypatch)
    xinji, jinzhou = city["xinji"], city["jinzhou"]
    made = {}

    def file(key, office, *, day="2026-11-02"):
        clock(day)
        person = factories.person(office, name="超期" + "甲乙丙丁戊己庚"[len(made)])
        case, _ = services.application_submit(
            person=person, service="unemployment_claim", payload={}, idempotency_key=key
        )
        clock(day, 11)
        made[key] = services.application_transition(
            application=case, to=S.WAITING_REVIEW, role="system"
        )
        return made[key]

    file("waiting", xinji)
    case = file("checking", xinji)
    clock("2026-11-05")
    services.application_decide(
        application=case, outcome="approve", reason="条件符合", actor=_staff("reviewer")
    )
    case = file("returned", xinji)
    services.application_transition(
        application=case, to=S.RETURNED, role="clerk", actor=_staff("clerk"), reason="请补充"
    )
    case = file("rejected", xinji)
    clock("2026-11-20")
    services.application_decide(
        application=case, outcome="reject", reason="不符合条件", actor=_staff("reviewer")
    )
    services.application_check(application=case, confirm=True, actor=_staff("supervisor"))
    file("fresh", xinji, day="2026-11-20")  # due 12-04
    file("jinzhou", jinzhou)
    monkeypatch.undo()
    assert made["waiting"].due_date == D("2026-11-16")
    return {key: case.pk for key, case in made.items()}


def _escalated():
    return set(
        Application.objects.filter(escalated_at__isnull=False).values_list(
            "idempotency_key", flat=True
        )
    )


def test_overdue_open_cases_are_escalated_once_and_only_they(cases):
    assert escalate_overdue(today=D("2026-11-16")) == 0  # the due day itself is still in time
    assert escalate_overdue(today=D("2026-11-17")) == 3
    # Waiting for review or for the second check: the office's to act. A returned case waits
    # for the applicant; a rejected one is closed; the fresh one is not due yet.
    assert _escalated() == {"waiting", "checking", "jinzhou"}
    first = dict(Application.objects.values_list("pk", "escalated_at"))
    assert escalate_overdue(today=D("2026-11-30")) == 0
    assert dict(Application.objects.values_list("pk", "escalated_at")) == first
    assert LedgerEvent.objects.filter(kind="application.escalated").count() == 3


def test_the_beat_task_uses_today(cases, monkeypatch):
    Clock(monkeypatch)("2026-11-29", 9)
    assert escalate_overdue_task() == 3
    assert escalate_overdue_task() == 0


def test_the_supervisor_sees_the_escalated_cases_of_the_office(client, cases):
    escalate_overdue(today=D("2026-11-17"))
    waiting = Application.objects.get(pk=cases["waiting"])
    jinzhou = Application.objects.get(pk=cases["jinzhou"])
    returned = Application.objects.get(pk=cases["returned"])
    staff_sign_in(client, "supervisor")
    page = client.get("/staff/escalated/").content.decode()
    assert waiting.ref in page and jinzhou.ref not in page and returned.ref not in page
    assert "督办" in page and "2026-11-16" in page and waiting.person.name not in page
    figures = client.get("/staff/figures/").content.decode()
    assert "2 件超期办件已提交科长督办" in figures
    client.logout()
    staff_sign_in(client, "supervisor2")
    page = client.get("/staff/escalated/").content.decode()
    assert jinzhou.ref in page and waiting.ref not in page
    client.logout()
    staff_sign_in(client, "clerk")
    assert client.get("/staff/escalated/").status_code == 403


def test_an_escalated_case_leaves_the_list_once_decided(client, cases):
    escalate_overdue(today=D("2026-11-17"))
    case = Application.objects.get(pk=cases["checking"])
    case = services.application_check(application=case, confirm=True, actor=_staff("supervisor"))
    staff_sign_in(client, "supervisor")
    assert case.ref in client.get("/staff/escalated/").content.decode()  # approved: not done
    services.application_transition(
        application=case, to=S.COMPLETED, role="clerk", actor=_staff("clerk")
    )
    page = client.get("/staff/escalated/").content.decode()
    assert case.ref not in page
    assert Application.objects.get(pk=cases["waiting"]).ref in page
