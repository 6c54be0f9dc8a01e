"""In Chromium, in Chinese, standard and elder mode: 赵志刚 claims his pension, 陈强 his
unemployment benefit, 孙丽 the funeral grant and survivor benefits for her father — each from the
to-do link on home, signed in by SMS (a fresh second factor), no typing, two pages,
every page axe-clean, ending on the page with the application number."""

import re

import pytest

from shebao.applications.models import Application

from .journeys import Journey, sign_in_with_sms

pytestmark = pytest.mark.browser

CASES = [
    ("赵志刚", "申领养老金", "pension_claim", ["5640.69", "计发基数"]),
    ("陈强", "申领失业保险金", "unemployment_claim", ["1800.00", "2026-10-15", "2028-09"]),
    ("孙丽", "申领丧葬补助金和抚恤金", "survivor_claim", ["孙德明", "6000.00", "60000.00", "暂定"]),
]


@pytest.mark.parametrize("elder", [False, True], ids=["standard", "elder"])
@pytest.mark.parametrize("name,link,service,figures", CASES, ids=[c[0] for c in CASES])
def test_a_claim_from_home_to_its_application_number(
    page, demo_city, name, link, service, figures, elder
):
    sign_in_with_sms(page, name)
    journey = Journey(page, elder=elder)
    journey.start()
    journey.follow(page.get_by_role("link", name=link).first)
    assert not page.url.endswith("/confirm/")  # the SMS sign-in is the fresh second factor
    main = page.inner_text("main")
    for figure in figures:
        assert figure in main, (figure, main)
    assert "符合全部条件" in main
    journey.click(page.get_by_label("发放到这个账户"))
    if service == "unemployment_claim":
        journey.click(page.get_by_label("我是非因本人意愿中断就业，并且正在找工作。"))
    journey.follow(page.get_by_role("button", name="提交申领"))
    assert page.get_by_role("heading", level=1).inner_text() == "申领已提交"
    application = Application.objects.get(service=service, person__name=name)
    assert application.ref in page.inner_text("main")
    assert re.search(r"/claims/sent/\w+/$", page.url)
    journey.done(max_pages=2, max_typed=0)
