"""In Chromium, in Chinese: 张伟 signs in by SMS (a fresh second factor), sees on home that
2026-11 is due, follows “去缴费”, accepts everything as chosen, pays at the sandbox bank and sees
his receipt — no typing, at most four pages after home, axe-clean (and the elder checks in elder
mode). Each mode runs on its own freshly seeded city, so 2026-11 is due in both.
"""

from __future__ import annotations

import re

import pytest

from .journeys import Journey, sign_in_with_sms

pytestmark = pytest.mark.browser


def _pay_with_the_defaults(page, *, elder: bool) -> None:
    sign_in_with_sms(page, "张伟")
    journey = Journey(page, elder=elder)
    journey.start()
    assert "2026-11" in page.get_by_role("region", name="现在要办").inner_text() or (
        "2026-11" in page.inner_text("main")
    )
    journey.follow(page.get_by_role("link", name="去缴费"))
    assert page.get_by_role("heading", level=1).inner_text() == "缴纳社会保险费"
    sixty = page.get_by_role(
        "radio", name=re.compile(r"^社平工资的 60%：基数 4,?076.40 元，每月 815.28 元")
    )
    assert sixty.is_checked()
    assert page.get_by_role("checkbox", name=re.compile(r"^2026-11")).is_checked()
    journey.follow(page.get_by_role("button", name="去支付"))
    assert page.get_by_role("heading", level=1).inner_text() == "模拟银行"
    assert "815.28" in page.inner_text("main")
    assert page.get_by_role("radio", name="付款成功").is_checked()
    journey.follow(page.get_by_role("button", name="确认付款"))
    assert page.get_by_role("heading", level=1).inner_text() == "缴费成功：您的缴费凭证"
    main = page.inner_text("main")
    assert "815.28" in main and "票据号码" in main and "JF" in main
    journey.done(max_pages=4, max_typed=0)


def test_zhang_wei_pays_november_with_the_defaults_in_standard_mode(page, demo_city):
    _pay_with_the_defaults(page, elder=False)


def test_zhang_wei_pays_november_with_the_defaults_in_elder_mode(page, demo_city):
    _pay_with_the_defaults(page, elder=True)
