"""Walk a service journey in the browser as a person would, counting what the brief limits.

A `Journey` starts on home after sign-in and counts the pages it reaches (home itself not
counted) and the fields the person types (`type`; choices, confirmations and pre-filled values
are clicks, not typing). Every page it reaches is checked with axe-core, and in elder mode
with the elder size checks too. Use one Journey per mode:

    journey = Journey(page, elder=True)
    journey.start()                       # home, switched to the mode
    journey.follow(page.get_by_role("link", name="…"))
    journey.type(page.get_by_label("…"), "…")
    journey.follow(page.get_by_role("button", name="…"))
    journey.done(max_pages=4, max_typed=1)
"""

from __future__ import annotations

import re
from pathlib import Path

from shebao.demo.personas import PERSONAS
from shebao.demo.seed import DEMO_PASSWORD

from .conftest import axe_violations

ELDER_CHECKS = (Path(__file__).parent / "elder_checks.js").read_text(encoding="utf-8")


def persona(name: str):
    return next(p for p in PERSONAS if p.name == name)


def phone_of(name: str) -> str:
    from shebao.pii.fields import reveal
    from shebao.registry.models import Person

    return reveal("mobile", Person.objects.get(name=name).phone_enc)


def last_code(phone: str) -> str:
    from shebao.messaging.models import SmsMessage
    from shebao.pii.blind_index import blind_index
    from shebao.pii.fields import reveal

    message = SmsMessage.objects.filter(phone_bidx=blind_index("mobile", phone)).latest("id")
    return re.search(r"(?<!\d)(\d{6})(?!\d)", reveal("sms_body", message.body_enc)).group(1)


def sign_in_with_password(page, name: str) -> None:
    """Chinese pages: ID number and password (no fresh second factor)."""
    page.goto("/sign-in/")
    page.get_by_label("身份证号码").fill(persona(name).resident_id)
    page.get_by_label("密码").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="登录").click()
    assert page.get_by_role("heading", level=1).inner_text() == "我的社保"


def sign_in_with_sms(page, name: str) -> None:
    """Chinese pages: mobile number and a code by SMS — a second factor, fresh for the pages
    that move money."""
    phone = phone_of(name)
    page.goto("/sign-in/sms/")
    page.get_by_label("手机号码").fill(phone)
    page.get_by_role("button", name="发送验证码").click()
    page.get_by_label("短信验证码").fill(last_code(phone))
    page.get_by_role("button", name="登录").click()
    assert page.get_by_role("heading", level=1).inner_text() == "我的社保"


class Journey:
    def __init__(self, page, *, elder: bool = False) -> None:
        self.page = page
        self.elder = elder
        self.pages: list[str] = []
        self.typed = 0
        self.problems: list[str] = []

    def start(self) -> None:
        self.page.goto("/")
        body_class = self.page.locator("body").get_attribute("class") or ""
        if self.elder and "elder" not in body_class:
            self.page.get_by_role("button", name="长辈版（大字）").click()
        if not self.elder and "elder" in body_class:
            self.page.get_by_role("button", name="切换到标准版").click()
        self._check("home")

    def follow(self, locator) -> None:
        """Click a link or a button that leads to a new page."""
        locator.click()
        self.page.wait_for_load_state()
        self.pages.append(self.page.url)
        self._check(self.page.url)

    def click(self, locator) -> None:
        """A choice or a tick on the same page: not typing, not a page."""
        locator.click()

    def type(self, locator, text: str) -> None:
        locator.fill(text)
        self.typed += 1

    def check_here(self, label: str = "") -> None:
        """Check the current page again (after a same-page update)."""
        self._check(label or self.page.url)

    def _check(self, label: str) -> None:
        self.problems += [f"{label}: {v}" for v in axe_violations(self.page)]
        if self.elder:
            body_class = self.page.locator("body").get_attribute("class") or ""
            if "elder" not in body_class:
                self.problems.append(f"{label}: not in elder mode")
            self.problems += [f"{label}: {p}" for p in self.page.evaluate(ELDER_CHECKS)]

    def done(self, *, max_pages: int = 4, max_typed: int) -> None:
        assert self.problems == [], self.problems
        assert len(self.pages) <= max_pages, self.pages
        assert self.typed <= max_typed, self.typed
