"""The citizen pages for everyone (WCAG 2.2 AA, axe-core) and for elders (长辈版 sizes).

王秀兰 (poor eyesight, elder mode remembered on her account) and 李建国 (standard mode) reach
every page from home; axe-core finds nothing on any of them in either mode; elder mode meets
the issue's measured sizes; no page scrolls sideways at 320 px or at 200 % text; every page
weighs at most 60 KB compressed.
"""

import gzip
import re
from pathlib import Path

import pytest

from shebao.demo.personas import PERSONAS
from shebao.demo.seed import DEMO_PASSWORD

from .conftest import axe_violations

pytestmark = pytest.mark.browser

# Home links, by the words on them (Chinese is the default language).
PAGES = (
    "/",
    "/contributions/",
    "/account/",
    "/certificate/",
    "/estimate/",
    "/guide/",
    "/services/",
    "/services/transfer/",
    "/applications/",
    "/inbox/",
)
HOME_LINKS = [
    "办事大厅",
    "我的办件",
    "缴费记录",
    "个人账户",
    "参保证明",
    "养老金测算",
    "消息",
    "我的信息",
    "办事指南",
]


def _persona(name):
    return next(p for p in PERSONAS if p.name == name)


def _sign_in(page, name):
    page.goto("/sign-in/")
    page.get_by_label("身份证号码").fill(_persona(name).resident_id)
    page.get_by_label("密码").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="登录").click()
    assert page.get_by_role("heading", level=1).inner_text() == "我的社保"


def _pages_from_home(page):
    """Follow each service link from home; yields the page after each click."""
    for words in HOME_LINKS:
        page.goto("/")
        page.locator("main").get_by_role("link", name=words, exact=True).click()
        yield words


ELDER_CHECKS = (Path(__file__).parent / "elder_checks.js").read_text(encoding="utf-8")


def test_wang_xiulan_in_elder_mode_reaches_every_page_large_and_clean(page, demo_city):
    _sign_in(page, "王秀兰")
    assert "elder" in page.locator("body").get_attribute("class")
    buttons = page.locator(".services .big-link")
    assert buttons.count() <= 6  # the home reduced to the most-used services
    assert page.evaluate(ELDER_CHECKS) == [], "home"
    assert axe_violations(page) == [], "home"
    for words in _pages_from_home(page):
        assert page.evaluate(ELDER_CHECKS) == [], words
        assert axe_violations(page) == [], words


def test_li_jianguo_in_standard_mode_reaches_every_page_and_axe_finds_nothing(page, demo_city):
    _sign_in(page, "李建国")
    assert "elder" not in (page.locator("body").get_attribute("class") or "")
    assert axe_violations(page) == [], "home"
    for words in _pages_from_home(page):
        assert axe_violations(page) == [], words


def test_elder_mode_is_one_switch_away_and_remembered(page, demo_city):
    _sign_in(page, "李建国")
    page.get_by_role("button", name="长辈版（大字）").click()
    assert "elder" in page.locator("body").get_attribute("class")
    page.get_by_role("button", name="退出登录").click()
    # The device remembers it: the sign-in pages are already large, and clean.
    for path in ("/sign-in/", "/sign-in/sms/", "/password/forgotten/", "/verify/", "/guide/"):
        page.goto(path)
        assert "elder" in page.locator("body").get_attribute("class"), path
        assert page.evaluate(ELDER_CHECKS) == [], path
        assert axe_violations(page) == [], path
    _sign_in(page, "李建国")
    assert "elder" in page.locator("body").get_attribute("class")  # and so does the account
    page.get_by_role("button", name="切换到标准版").click()
    assert "elder" not in (page.locator("body").get_attribute("class") or "")


def test_english_pages_have_no_axe_violations_in_either_mode(page, demo_city):
    _sign_in(page, "李建国")
    page.get_by_role("button", name="English").click()
    for mode in ("standard", "elder"):
        if mode == "elder":
            page.get_by_role("button", name="Elder mode (large text)").click()
        for path in PAGES:
            page.goto(path)
            assert page.locator("html").get_attribute("lang") == "en"
            assert axe_violations(page) == [], f"{mode} {path}"


@pytest.mark.parametrize("width,zoom", [(320, "100%"), (640, "200%")])
def test_no_page_scrolls_sideways(page, demo_city, width, zoom):
    _sign_in(page, "李建国")
    page.set_viewport_size({"width": width, "height": 800})
    for path in PAGES + ("/sign-in/", "/sign-in/sms/", "/verify/"):
        page.goto(path)
        page.evaluate(f"document.documentElement.style.fontSize = '{zoom}'")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} scrolls {overflow}px sideways at {width}px, text {zoom}"


def test_every_page_weighs_at_most_60_kb_compressed(page, demo_city, live_server):
    _sign_in(page, "李建国")
    for path in PAGES + ("/verify/",):
        page.goto(path)
        html = page.content().encode()
        total = len(gzip.compress(html))
        for href in re.findall(r'(?:href|src)="(/static/[^"]+)"', page.content()):
            body = page.request.get(live_server.url + href).body()
            total += len(gzip.compress(body))
        assert total <= 60 * 1024, f"{path}: {total} bytes compressed"


def test_keyboard_alone_reaches_the_contributions_with_a_visible_focus(page, demo_city):
    _sign_in(page, "李建国")
    page.keyboard.press("Tab")  # the skip link comes first
    assert page.evaluate("document.activeElement.className") == "skip"
    for _ in range(15):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.innerText") == "缴费记录":
            break
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("none", "")
    page.keyboard.press("Enter")
    assert page.get_by_role("heading", level=1).inner_text() == "缴费记录"
