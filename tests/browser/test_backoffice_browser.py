"""In Chromium: 陈强 claims unemployment benefit in the portal; a reviewer signs in to the back
office with password and authenticator code, finds the claim in the queue, prepares the
approval; the same reviewer cannot confirm it; the supervisor does; 陈强 sees it approved.
axe-core checks every back-office page."""

import pytest

from shebao.applications.models import Application
from shebao.demo.seed import DEMO_PASSWORD

from ..shebao.staff_helpers import current_code
from .conftest import axe_violations
from .journeys import sign_in_with_sms

pytestmark = pytest.mark.browser


def _file_claim(page):
    sign_in_with_sms(page, "陈强")
    page.get_by_role("link", name="申领失业保险金").first.click()
    page.get_by_label("发放到这个账户").click()
    page.get_by_label("我是非因本人意愿中断就业，并且正在找工作。").click()
    page.get_by_role("button", name="提交申领").click()
    return Application.objects.filter(service="unemployment_claim", person__name="陈强").get()


def _staff(browser, live_server, username):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.filter(user__username=username).update(last_t=-1)
    context = browser.new_context(base_url=live_server.url, locale="zh-CN")
    staff = context.new_page()
    staff.goto("/staff/")
    assert staff.get_by_role("heading", level=1).inner_text() == "经办人员登录"
    assert axe_violations(staff) == []
    staff.get_by_label("工号").fill(username)
    staff.get_by_label("密码").fill(DEMO_PASSWORD)
    staff.get_by_role("button", name="下一步").click()
    assert axe_violations(staff) == []
    staff.get_by_label("动态验证码").fill(current_code())
    staff.get_by_role("button", name="登录").click()
    assert staff.get_by_role("heading", level=1).inner_text() == "待办"
    return staff


def test_a_claim_goes_from_the_portal_through_maker_and_checker(
    page, browser, live_server, demo_city
):
    application = _file_claim(page)
    if application.status == "submitted":  # the automated review runs in the worker
        from shebao.applications.services import application_transition

        application_transition(application=application, to="waiting_review", role="system")

    reviewer = _staff(browser, live_server, "reviewer")
    assert axe_violations(reviewer) == []
    reviewer.get_by_role("link", name=application.ref).click()
    assert application.ref in reviewer.get_by_role("heading", level=1).inner_text()
    assert "1800.00" in reviewer.inner_text("main")
    assert axe_violations(reviewer) == []
    reviewer.get_by_label("理由（申请人会看到）").fill("符合领取条件，按月发放")
    reviewer.get_by_role("button", name="拟同意（待复核）").click()
    assert "待复核的审核意见" in reviewer.inner_text("main")
    assert reviewer.get_by_role("button", name="复核确认：同意").count() == 0  # not for the maker
    assert axe_violations(reviewer) == []

    supervisor = _staff(browser, live_server, "supervisor")
    supervisor.goto(f"/staff/cases/{application.pk}/")
    supervisor.get_by_role("button", name="复核确认：同意").click()
    assert "您的复核意见已记录" in supervisor.inner_text("main")
    application.refresh_from_db()
    assert application.status == "approved"

    page.goto(f"/applications/{application.ref}/")
    assert "审核通过" in page.inner_text("main") and "符合领取条件，按月发放" in page.inner_text(
        "main"
    )


@pytest.mark.django_db(transaction=True, databases=["default", "training"])  # training page
@pytest.mark.parametrize("username", ["supervisor", "auditor", "admin"])
def test_every_back_office_section_is_clean_for_axe(browser, live_server, demo_city, username):
    staff = _staff(browser, live_server, username)
    links = staff.locator("nav.staff-nav a")
    names = links.all_inner_texts()
    assert "待办" in names and len(names) >= 3
    for name in names:
        staff.locator("nav.staff-nav").get_by_role("link", name=name, exact=True).click()
        assert staff.get_by_role("heading", level=1).count() == 1, name
        assert axe_violations(staff) == [], name
        assert "无权操作" not in staff.inner_text("main"), name  # the nav offers only what works


def test_the_clerk_checks_a_person_in_by_the_code_they_read_out(
    browser, live_server, demo_city, monkeypatch
):
    import datetime as dt

    from django.utils import timezone

    from shebao.appointments import services
    from shebao.appointments.models import Booking
    from shebao.registry.models import Person

    booked_at = timezone.make_aware(dt.datetime(2026, 11, 30, 8, 0))
    on_the_day = timezone.make_aware(dt.datetime(2026, 12, 1, 8, 50))  # a Tuesday
    zhao = Person.objects.get(name="赵志刚")
    counter = services.counter_create(
        office=zhao.office, number=9, name="9号窗口 养老保险", services=["pension_claim"]
    )
    services.slots_open(
        counter=counter, days=[on_the_day.date()], times=[(dt.time(9), dt.time(9, 30))], capacity=1
    )
    booking, _ = services.booking_create(
        person=zhao,
        slot_id=counter.slots.get().pk,
        service="pension_claim",
        idempotency_key="browser",
        now=booked_at,
    )
    monkeypatch.setattr(timezone, "now", lambda: on_the_day)

    clerk = _staff(browser, live_server, "clerk")
    clerk.locator("nav.staff-nav").get_by_role("link", name="今日预约").click()
    assert "赵**" in clerk.inner_text("main") and booking.code not in clerk.inner_text("main")
    assert axe_violations(clerk) == []
    clerk.get_by_label("取号码").fill("12")
    clerk.get_by_role("button", name="签到").click()
    assert "请输入对方报出的4位取号码" in clerk.get_by_role("alert").inner_text()
    assert clerk.get_by_label("取号码").input_value() == "12"
    assert axe_violations(clerk) == []
    clerk.get_by_label("取号码").fill(booking.code)
    clerk.get_by_role("button", name="签到").click()
    assert "已签到：赵**，09:00，9号窗口 养老保险。" in clerk.inner_text("main")
    assert "已签到（08:50）" in clerk.inner_text("main")
    assert axe_violations(clerk) == []
    assert Booking.objects.get(pk=booking.pk).status == "checked_in"
