"""In Chromium: the pages that refuse — a frozen citizen account, a frozen staff account, signing
in from a blocked address, too many tries in a short time, an account paused after wrong
passwords — each says in plain Chinese what happened and what to do, is announced (role="alert"),
and is clean for axe-core; the citizen's ones in standard and elder mode."""

import pytest
from django.core.cache import caches

from shebao.accounts.models import User
from shebao.security.keys import address_key
from shebao.security.services import freeze_address, freeze_user

from .journeys import Journey, persona, sign_in_with_password
from .test_backoffice_browser import _staff

pytestmark = pytest.mark.browser


def _alert(page) -> str:
    return page.get_by_role("alert").inner_text()


def _wrong_password(page, resident_id: str) -> None:
    page.goto("/sign-in/")
    page.get_by_label("身份证号码").fill(resident_id)
    page.get_by_label("密码").fill("not-the-password")
    page.get_by_role("button", name="登录").click()


@pytest.mark.parametrize(
    ("name", "elder"), [("李建国", False), ("王秀兰", True)], ids=["standard", "elder"]
)
def test_a_frozen_citizen_is_told_to_call_12333_or_come_with_an_id_card(
    page, demo_city, name, elder
):
    journey = Journey(page, elder=elder)  # 王秀兰's account keeps elder mode on
    journey.start()
    sign_in_with_password(page, name)
    freeze_user(user=User.objects.get(person__name=name), reason="批量访问异常")
    response = page.goto("/contributions/")
    assert response.status == 403
    assert page.get_by_role("heading", level=1).inner_text() == "暂时无法使用"
    assert "请拨打12333，或携带身份证到服务窗口办理" in _alert(page)
    journey.check_here("frozen citizen")
    assert journey.problems == []


@pytest.mark.parametrize("elder", [False, True], ids=["standard", "elder"])
def test_sign_in_from_a_blocked_address_says_it_is_paused_for_an_hour(page, demo_city, elder):
    journey = Journey(page, elder=elder)
    journey.start()
    freeze_address(address_key=address_key("127.0.0.1"), reason="撞库：50 个账户")
    response = page.goto("/sign-in/")
    assert response.status == 429
    assert "从这里登录已暂停一小时" in _alert(page)
    journey.check_here("blocked address")
    assert journey.problems == []


@pytest.mark.parametrize("elder", [False, True], ids=["standard", "elder"])
def test_too_many_tries_ask_to_wait_and_wrong_passwords_pause_the_account(
    page, demo_city, settings, elder
):
    caches["default"].clear()
    journey = Journey(page, elder=elder)
    journey.start()
    resident_id = persona("李建国").resident_id
    for _ in range(5):  # django-axes pauses the account after five wrong passwords
        _wrong_password(page, resident_id)
    assert page.get_by_role("heading", level=1).inner_text() == "登录已暂停"
    assert "登录暂停15分钟" in _alert(page)
    journey.check_here("account paused")

    settings.SHEBAO_RATE_LIMITS = {"sign-in": "1/min"}
    caches["default"].clear()
    for _ in range(2):
        _wrong_password(page, resident_id)
    assert page.get_by_role("heading", level=1).inner_text() == "请稍候再试"
    assert "操作过于频繁" in _alert(page)
    journey.check_here("too many tries")
    assert journey.problems == []


def test_a_frozen_staff_member_sees_the_staff_refusal_and_can_sign_out(
    browser, live_server, demo_city
):
    staff = _staff(browser, live_server, "reviewer")
    freeze_user(user=User.objects.get(username="reviewer"), reason="1 分钟内打开 100 人的记录")
    staff.goto("/staff/")
    assert "账户已被冻结，请联系科长" in _alert(staff)
    from .conftest import axe_violations

    assert axe_violations(staff) == []
    staff.get_by_role("button", name="退出登录").click()
    assert staff.get_by_role("heading", level=1).inner_text() == "经办人员登录"


def test_a_supervisor_freezes_an_account_from_an_alert_on_the_dashboard(
    browser, live_server, demo_city
):
    from shebao.security.models import Freeze
    from shebao.security.services import observe_reveal

    from .conftest import axe_violations

    clerk = User.objects.get(username="clerk")
    for _ in range(5):  # five full identifiers in an hour: an alert, no freeze by the rule
        observe_reveal(staff=clerk)
    supervisor = _staff(browser, live_server, "supervisor")
    supervisor.goto("/staff/security/")
    assert axe_violations(supervisor) == []
    supervisor.get_by_role("button", name="冻结该账户").click()  # no reason typed yet
    assert Freeze.objects.count() == 0  # the browser asks for the reason first (required)
    supervisor.get_by_label("冻结原因").fill("一小时内查看 5 个完整证件号，未说明用途")
    supervisor.get_by_role("button", name="冻结该账户").click()
    assert "账户已冻结，原因已记录。" in supervisor.inner_text("main")
    assert axe_violations(supervisor) == []
    freeze = Freeze.objects.get(user=clerk, released_at__isnull=True)
    assert freeze.rule == "manual" and freeze.created_by.username == "supervisor"
    assert "一小时内查看 5 个完整证件号" in supervisor.inner_text("main")
