"""The Content-Security-Policy in a real browser (issue 7): Chromium renders the citizen pages
(the contribution chart included), the sign-in pages, the staff pages with their charts, and the
API documentation, and reports no violation of the policy — nothing blocked, nothing inline that
the policy does not allow. The charts keep their colours (their ``<style>`` carries the nonce)."""

from __future__ import annotations

import pytest

from ..shebao.staff_helpers import current_code
from .journeys import sign_in_with_password

pytestmark = pytest.mark.browser

CITIZEN_PAGES = ("/", "/contributions/", "/account/", "/certificate/", "/estimate/", "/services/")
STAFF_PAGES = ("/staff/", "/staff/figures/", "/staff/audit/")


def _watch(page) -> list[str]:
    """Every console message and page error about the policy, as Chromium words them."""
    problems: list[str] = []
    page.on(
        "console",
        lambda message: (
            problems.append(message.text)
            if "Content Security Policy" in message.text
            or "Content-Security-Policy" in message.text
            else None
        ),
    )
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    return problems


def _visit(page, url: str) -> None:
    response = page.goto(url)
    assert response is not None and response.status == 200, url
    assert "script-src 'self'" in response.headers["content-security-policy"], url
    page.wait_for_load_state("load")


def _bar_colour(page) -> str:
    """The fill of the first bar of the first chart: pygal's stylesheet colours it; without the
    stylesheet it would be SVG's default black."""
    return page.evaluate(
        """() => {
            const bar = document.querySelector('svg.pygal-chart .color-0 rect, '
                + 'svg.pygal-chart .color-0 path');
            return bar ? getComputedStyle(bar).fill : 'no bar';
        }"""
    )


def test_citizen_pages_and_the_chart_break_no_rule_of_the_policy(page, demo_city):
    problems = _watch(page)
    for url in ("/sign-in/", "/sign-in/sms/"):
        _visit(page, url)
    sign_in_with_password(page, "李建国")
    for url in CITIZEN_PAGES:
        _visit(page, url)
        if url == "/contributions/":
            assert _bar_colour(page) == "rgb(11, 79, 138)"  # the house blue, #0b4f8a
    assert problems == []


def test_staff_pages_with_charts_break_no_rule_of_the_policy(browser, live_server, demo_city):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from shebao.demo.seed import DEMO_PASSWORD

    TOTPDevice.objects.filter(user__username="supervisor").update(last_t=-1)
    context = browser.new_context(base_url=live_server.url, locale="zh-CN")
    staff = context.new_page()
    problems = _watch(staff)
    _visit(staff, "/staff/sign-in/")
    staff.get_by_label("工号").fill("supervisor")
    staff.get_by_label("密码").fill(DEMO_PASSWORD)
    staff.get_by_role("button", name="下一步").click()
    staff.get_by_label("动态验证码").fill(current_code())
    staff.get_by_role("button", name="登录").click()
    for url in STAFF_PAGES:
        _visit(staff, url)
        if url == "/staff/figures/":
            assert staff.locator("svg.pygal-chart").count() == 3
            assert _bar_colour(staff) == "rgb(11, 79, 138)"
    context.close()
    assert problems == []


def test_the_api_documentation_runs_under_the_policy(page, db):
    problems = _watch(page)
    _visit(page, "/api/docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=15000)  # drawn by its own script
    assert problems == []
