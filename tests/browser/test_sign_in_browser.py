"""Each persona signs in with ID number and password in Chromium and sees their own name."""

import pytest

from shebao.demo.personas import PERSONAS
from shebao.demo.seed import DEMO_PASSWORD

from .conftest import axe_violations

pytestmark = pytest.mark.browser


def _sign_in(page, resident_id, password=DEMO_PASSWORD):
    page.goto("/")
    page.get_by_label("身份证号码").fill(resident_id)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()


def test_every_persona_signs_in_and_sees_their_own_page(page, demo_city):
    for persona in PERSONAS:
        _sign_in(page, persona.resident_id)
        heading = page.get_by_role("heading", level=1)
        assert heading.inner_text() == "我的社保", persona.name
        assert f"{persona.name}，您好" in page.inner_text("main")
        assert persona.resident_id not in page.content()
        page.get_by_role("button", name="退出登录").click()
        assert page.get_by_role("heading", level=1).inner_text() == "登录"


def test_a_wrong_password_is_announced_and_the_id_number_kept(page, demo_city):
    persona = PERSONAS[1]
    _sign_in(page, persona.resident_id, password="wrong-password")
    alert = page.get_by_role("alert").first
    assert "身份证号码或密码不正确" in alert.inner_text()
    assert page.get_by_label("身份证号码").input_value() == persona.resident_id


def test_a_mistyped_id_number_says_which_digit_is_wrong(page, demo_city):
    _sign_in(page, "132321196705150015")
    assert "校验位" in page.get_by_role("alert").first.inner_text()


def test_sign_in_and_home_pages_have_no_axe_violations(page, demo_city):
    page.goto("/sign-in/")
    assert axe_violations(page) == []
    _sign_in(page, PERSONAS[0].resident_id)
    assert axe_violations(page) == []
    page.goto("/no-such-page/")
    assert axe_violations(page) == []


def test_english_is_one_click_away(page, demo_city):
    page.goto("/sign-in/")
    page.get_by_role("button", name="English").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Sign in"
    assert page.locator("html").get_attribute("lang") == "en"
