"""Take the documentation screenshots from a running demo (`scripts/demo`), both modes.

    .venv/bin/python scripts/screenshots.py [http://localhost:8000]

Writes docs/screenshots/*.png: 李建国 in standard mode, 王秀兰 in elder mode (长辈版), and a
phone-width sign-in with a mistyped ID number.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run"]
PASSWORD = "Shebao@2026"


def sign_in(page, base: str, resident_id: str) -> None:
    page.goto(f"{base}/sign-in/")
    page.get_by_label("身份证号码").fill(resident_id)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()


def main(base: str) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
        page = browser.new_page(viewport={"width": 1000, "height": 800})
        sign_in(page, base, "132321196705150014")  # 李建国, standard mode
        shots = {"home": "/", "contributions": "/contributions/", "account": "/account/",
                 "estimate": "/estimate/", "certificate": "/certificate/"}
        for name, path in shots.items():
            page.goto(base + path)
            page.screenshot(path=OUT / f"{name}.png", full_page=name != "contributions")
        page.close()
        elder = browser.new_page(viewport={"width": 1000, "height": 900})
        sign_in(elder, base, "132321194803120020")  # 王秀兰, elder mode remembered
        elder.screenshot(path=OUT / "home-elder.png", full_page=True)
        elder.goto(base + "/contributions/")
        elder.screenshot(path=OUT / "contributions-elder.png")
        elder.close()
        phone = browser.new_page(viewport={"width": 360, "height": 740})
        phone.goto(f"{base}/sign-in/")
        phone.get_by_label("身份证号码").fill("132321196705150015")
        phone.get_by_label("密码").fill("x")
        phone.get_by_role("button", name="登录").click()
        phone.screenshot(path=OUT / "sign-in-error-phone.png", full_page=True)
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://localhost:8000")
