"""In Chromium: 李建国 issues an insurance certificate and downloads it; its QR code, read off
the rendered PDF, opens the public page that confirms it; axe-core finds nothing on the pages.

The pages are read in English (one click on every page), so the steps hold once the Chinese
translations are added.
"""

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from shebao.demo.personas import PERSONAS
from shebao.demo.seed import DEMO_PASSWORD

from ..shebao.test_certificates_pages import pdf_qr_codes, pdf_text
from .conftest import axe_violations

pytestmark = pytest.mark.browser

LI = "132321196705150014"


def _persona(name):
    return next(p for p in PERSONAS if p.name == name)


def _sign_in_in_english(page, resident_id):
    page.goto("/sign-in/")
    page.get_by_role("button", name="English").click()
    page.get_by_label("ID number").fill(resident_id)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    assert page.get_by_role("heading", level=1).inner_text() == "My social insurance"


def _issue(page):
    page.goto("/certificate/")  # home will link here; the link is not ours to add
    assert page.get_by_role("heading", level=1).inner_text() == "Insurance certificate"
    page.get_by_role("button", name="Issue certificate").click()
    assert "Your certificate is ready" in page.get_by_role("status").inner_text()


def test_li_jianguo_issues_a_certificate_downloads_it_and_its_qr_code_confirms_it(
    page, demo_city, tmp_path
):
    _sign_in_in_english(page, LI)
    _issue(page)
    with page.expect_download() as waiting:
        page.get_by_role("link", name=re.compile(r"^Download PDF")).first.click()
    download = waiting.value
    assert re.fullmatch(r"certificate-[2-9A-Z]{16}\.pdf", download.suggested_filename)
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    content = Path(saved).read_bytes()
    assert "李建国" in pdf_text(content) and "参保证明" in pdf_text(content)

    (scanned,) = pdf_qr_codes(content)
    code = download.suggested_filename[len("certificate-") : -len(".pdf")]
    assert urlsplit(scanned).path == f"/verify/{code}"

    page.get_by_role("button", name="Sign out").click()  # whoever scans it is a stranger
    page.goto(scanned)
    assert page.get_by_role("heading", level=1).inner_text() == "Genuine certificate"
    main = page.inner_text("main")
    assert "This certificate is genuine. It was issued by 辛集市社会保险事业服务中心" in main
    assert "李**" in main and "李建国" not in main and LI not in page.content()


def test_the_certificate_and_verify_pages_have_no_axe_violations(page, demo_city):
    _sign_in_in_english(page, LI)
    _issue(page)
    assert axe_violations(page) == []
    code = page.locator(".certificates code").first.inner_text()
    page.get_by_role("button", name="Sign out").click()

    page.goto("/verify/")
    assert axe_violations(page) == []
    page.get_by_label("Verification code").fill(code.lower())
    page.get_by_role("button", name="Check", exact=True).click()
    assert page.get_by_role("heading", level=1).inner_text() == "Genuine certificate"
    assert axe_violations(page) == []

    page.goto("/verify/")
    page.get_by_label("Verification code").fill(code[:-1] + ("A" if code[-1] != "A" else "B"))
    page.get_by_role("button", name="Check", exact=True).click()
    assert page.get_by_label("Verification code").get_attribute("aria-invalid") == "true"
    assert axe_violations(page) == []

    raw = code.replace("-", "")
    page.goto(f"/verify/{raw[:-1]}{'Z' if raw[-1] != 'Z' else 'Y'}")
    assert page.get_by_role("heading", level=1).inner_text() == "Certificate not genuine"
    assert axe_violations(page) == []


def test_the_certificate_page_has_no_axe_violations_in_elder_mode(page, demo_city):
    _sign_in_in_english(page, _persona("王秀兰").resident_id)  # elder mode is on for her
    assert page.locator("body.elder").count() == 1
    _issue(page)
    assert axe_violations(page) == []
