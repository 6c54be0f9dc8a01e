"""Browser tests: Playwright drives Debian's Chromium (/usr/bin/chromium) against a live server.

Playwright's own browser download does not work here, so the system Chromium is launched with
the flags this machine needs. If it is missing the tests fail with the install command.
"""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM):
        pytest.fail(f"{CHROMIUM} not found: apt-get install -y chromium fonts-noto-cjk")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="zh-CN")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def demo_city(transactional_db):
    from shebao.demo.seed import seed_city

    seed_city(persons=8, today=dt.date(2026, 11, 28))


def axe_violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes)" for v in results.response["violations"]
    ]
