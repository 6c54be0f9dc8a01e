"""Staff figures (R29): the five figures counted exactly on a small set built through the real
services, the dashboard and both exports, and who may see which offices."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from shebao.applications import services
from shebao.applications.figures import HandledCase, summarise
from shebao.applications.models import Application
from shebao.regions.selectors import office_by_code
from shebao_rules.workdays import WorkCalendar

from . import factories
from .staff_city import JINZHOU, XINJI, build_staff_city
from .staff_helpers import staff_sign_in

S = Application.Status
ZONE = timezone.get_fixed_timezone(8 * 60)
D = Decimal
PERIOD = {"start": "2026-01-01", "end": "2026-11-28"}


def at(day: str, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(dt.date.fromisoformat(day), dt.time(hour), tzinfo=ZONE)


class Clock:
    """Services stamp `timezone.now()`; the test sets it to build a history."""

    def __init__(self, monkeypatch):
        self.now = at("2026-01-05")
        monkeypatch.setattr(timezone, "now", lambda: self.now)

    def __call__(self, day: str, hour: int = 10) -> Clock:
        self.now = at(day, hour)
        return self


def test_figures_are_pure_arithmetic_over_handled_cases():
    plain = WorkCalendar()  # Monday to Friday only

    def case(pk, *, channel="web", submitted, decided, approved=True, returned=False):
        return HandledCase(
            pk, 1, "o", 7, "r", channel, dt.date.fromisoformat(submitted),
            dt.date.fromisoformat(decided), 5, approved, returned,
        )  # fmt: skip

    figures = summarise(
        [
            case(1, submitted="2026-03-02", decided="2026-03-02"),  # 0 days, on time, right
            case(2, submitted="2026-03-02", decided="2026-03-10", returned=True),  # 6 days, late
            case(3, channel="counter", submitted="2026-03-06", decided="2026-03-13"),  # 5 days
            case(4, channel="api", submitted="2026-03-02", decided="2026-03-04", approved=False),
        ],
        calendar=plain,
    )
    assert (figures.handled, figures.working_days) == (4, 13)
    assert figures.average_days == D("3.3")  # 13 / 4 = 3.25, half up
    assert (figures.on_time, figures.on_time_rate) == (3, D("75.0"))
    assert (figures.first_time_right, figures.first_time_right_rate) == (2, D("50.0"))
    assert (figures.online, figures.online_share) == (3, D("75.0"))
    empty = summarise([], calendar=plain)
    assert empty.handled == 0 and empty.average_days is None and empty.on_time_rate is None


@pytest.fixture
def city(db):
    return build_staff_city()


def _people(office_code: str, count: int):
    office = office_by_code(office_code)
    return [factories.person(office, name="申请人甲乙丙丁戊"[n] + "某") for n in range(count)]


def _staff(username):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username=username)


def _file(clock, person, *, day, key, channel="web", service="unemployment_claim"):
    clock(day)
    application, _ = services.application_submit(
        person=person, service=service, payload={}, idempotency_key=key, channel=channel
    )
    clock(day, 11)
    return services.application_transition(
        application=application, to=S.WAITING_REVIEW, role="system"
    )


def _decide(clock, application, *, preparer, checker, prepared, checked, outcome="approve"):
    clock(prepared, 14)
    application = services.application_decide(
        application=application, outcome=outcome, reason="依规定办理", actor=_staff(preparer)
    )
    clock(checked, 15)
    return services.application_check(application=application, confirm=True, actor=_staff(checker))


@pytest.fixture
def history(city, monkeypatch):
    """Three xinji cases decided in 2026, one still open, one decided in 2025; one jinzhou case.

    A  web,     filed 03-02, decided (checked) 03-05: 3 working days, due 03-16 — on time, right
    B  counter, filed 03-02, returned 03-03, sent again 03-09, decided 03-24: 11 working days
       from 03-09, due 03-23 — late, not first time right, not online
    C  api,     filed 04-01, rejected 04-07 (04-04…06 Qingming): 3 working days — on time
    """
    clock = Clock(monkeypatch)
    a, b, c, d, e = _people("xinji", 5)
    (g,) = _people("jinzhou", 1)
    case_a = _file(clock, a, day="2026-03-02", key="a")
    _decide(clock, case_a, preparer="reviewer", checker="supervisor", prepared="2026-03-04",
            checked="2026-03-05")  # fmt: skip
    case_b = _file(clock, b, day="2026-03-02", key="b", channel="counter")
    clock("2026-03-03")
    services.application_transition(
        application=case_b, to=S.RETURNED, role="reviewer", actor=_staff("reviewer"),
        reason="请补充材料", fields_to_fix=["bank_account"],
    )  # fmt: skip
    clock("2026-03-09")
    case_b = services.application_resubmit(application=case_b, payload={}, figures=None, actor=None)
    clock("2026-03-09", 11)
    case_b = services.application_transition(application=case_b, to=S.WAITING_REVIEW, role="system")
    _decide(clock, case_b, preparer="supervisor", checker="reviewer", prepared="2026-03-24",
            checked="2026-03-24")  # fmt: skip
    case_c = _file(clock, c, day="2026-04-01", key="c", channel="api")
    _decide(clock, case_c, preparer="reviewer", checker="supervisor", prepared="2026-04-03",
            checked="2026-04-07", outcome="reject")  # fmt: skip
    _file(clock, d, day="2026-05-06", key="d")  # still open
    case_e = _file(clock, e, day="2025-12-01", key="e")
    _decide(clock, case_e, preparer="reviewer", checker="supervisor", prepared="2025-12-02",
            checked="2025-12-03")  # fmt: skip
    case_g = _file(clock, g, day="2026-06-01", key="g")
    _decide(clock, case_g, preparer="reviewer2", checker="supervisor2", prepared="2026-06-02",
            checked="2026-06-03")  # fmt: skip
    monkeypatch.undo()


def _report(office_codes, start="2026-01-01", end="2026-11-28"):
    from shebao.applications.figures import figures_report

    return figures_report(
        office_ids=[office_by_code(c).pk for c in office_codes],
        start=dt.date.fromisoformat(start),
        end=dt.date.fromisoformat(end),
    )


def test_the_figures_of_a_small_history_are_exact(history):
    report = _report(["xinji"])
    total = report.total
    assert total.handled == 3  # A, B, C; D is open and E was decided in 2025
    assert total.working_days == 3 + 11 + 3
    assert total.average_days == D("5.7")
    assert (total.on_time, total.on_time_rate) == (2, D("66.7"))
    assert (total.first_time_right, total.first_time_right_rate) == (1, D("33.3"))
    assert (total.online, total.online_share) == (2, D("66.7"))
    people = {f.label: f for f in report.by_person}
    assert set(people) == {"reviewer", "supervisor"}  # credited to the preparer
    reviewer, supervisor = people["reviewer"], people["supervisor"]
    assert (reviewer.handled, reviewer.average_days, reviewer.on_time_rate) == (2, D("3.0"), D(100))
    assert (reviewer.first_time_right_rate, reviewer.online_share) == (D(50), D(100))
    assert (supervisor.handled, supervisor.average_days, supervisor.on_time_rate) == (
        1,
        D("11.0"),
        D(0),
    )
    assert (supervisor.first_time_right_rate, supervisor.online_share) == (D(0), D(0))
    # The period bounds are dates, both days included.
    assert _report(["xinji"], start="2026-03-05", end="2026-03-24").total.handled == 2
    assert _report(["xinji"], start="2026-03-06", end="2026-03-23").total.handled == 0
    assert _report(["xinji"], start="2025-01-01", end="2025-12-31").total.handled == 1
    both = _report(["xinji", "jinzhou"])
    assert [(f.label, f.handled) for f in both.by_office] == [
        (XINJI, 3),
        (JINZHOU, 1),
    ]


def test_the_dashboard_shows_charts_and_tables_of_the_office(client, history):
    staff_sign_in(client, "supervisor")
    response = client.get("/staff/figures/")
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count("<svg") == 3 and "<script" not in page
    assert "员工效能统计" in page or "经办效能统计" in page
    assert XINJI in page and "晋州" not in page
    assert "5.7" in page and "66.7" in page and "33.3" in page
    assert 'value="2026-01-01"' in page  # this year by default


def test_a_bad_period_is_explained_next_to_the_field_and_kept(client, history):
    staff_sign_in(client, "supervisor")
    response = client.get("/staff/figures/", {"start": "2026-06-01", "end": "2026-05-01"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "结束日期不能早于开始日期" in page and 'value="2026-06-01"' in page
    assert "<svg" not in page


def test_both_exports_hold_the_same_figures(client, history):
    staff_sign_in(client, "supervisor")
    response = client.get("/staff/figures/export.csv", PERIOD)
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["层级", "经办机构或人员", "办结件数"]
    by_label = {(r[0], r[1]): r[2:] for r in rows[1:]}
    assert by_label[("合计", "您可查看的全部经办机构")] == [
        "3", "5.7", "66.7", "33.3", "66.7", "2", "1", "2",
    ]  # fmt: skip
    assert by_label[("经办人员", "supervisor")] == ["1", "11.0", "0.0", "0.0", "0.0", "0", "0", "0"]
    assert ("经办机构", XINJI) in by_label and len(rows) == 1 + 1 + 1 + 2

    response = client.get("/staff/figures/export.xlsx", PERIOD)
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][:3] == ("统计期间", "2026-01-01", "2026-11-28")
    assert values[1][2] == "办结件数"
    table = {(r[0], r[1]): r[2:] for r in values[2:]}
    assert table[("经办机构", XINJI)] == (3, 5.7, 66.7, 33.3, 66.7, 2, 1, 2)
    assert table[("经办人员", "reviewer")] == (2, 3.0, 100.0, 50.0, 100.0, 2, 1, 2)


@pytest.mark.parametrize(
    "username, sees, hidden",
    [
        ("supervisor", [XINJI], ["晋州"]),
        ("supervisor2", [JINZHOU], [XINJI]),
        ("auditor", [XINJI], ["晋州"]),
        ("province", [XINJI, JINZHOU], []),
    ],
)
def test_staff_see_the_offices_in_their_reach_only(client, history, username, sees, hidden):
    staff_sign_in(client, username)
    for url in ("/staff/figures/", "/staff/figures/export.csv"):
        response = client.get(url, PERIOD)
        text = response.content.decode("utf-8-sig")
        assert response.status_code == 200
        for name in sees:
            assert name in text
        for name in hidden:
            assert name not in text


@pytest.mark.parametrize("username", ["clerk", "reviewer", "reviewer2"])
def test_clerks_and_reviewers_may_not_see_the_figures(client, history, username):
    staff_sign_in(client, username)
    for url in ("/staff/figures/", "/staff/figures/export.csv", "/staff/figures/export.xlsx"):
        assert client.get(url).status_code == 403


def test_citizens_get_not_found_and_strangers_the_sign_in(client, history):
    assert client.get("/staff/figures/")["Location"] == "/staff/sign-in/"
    from shebao.accounts.services import citizen_account_create

    number = factories.resident_id()
    citizen = factories.person(office_by_code("xinji"), name="王某某", resident_id=number)
    account = citizen_account_create(person=citizen, resident_id=number, password="Citizen@2026x")
    client.force_login(account)
    assert client.get("/staff/figures/").status_code == 404
    assert client.get("/staff/figures/export.xlsx").status_code == 404
