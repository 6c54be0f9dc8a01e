"""The certificate page, its PDF, the public verification page and the record downloads,
through HTTP as a citizen (or a stranger) uses them.

Pages are read in English (the language cookie) so the assertions hold once the Chinese
translations are added.
"""

import csv
import datetime as dt
import io
import re
from collections import Counter
from decimal import Decimal
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.urls import reverse

from shebao.certificates import codes
from shebao.certificates.models import Certificate
from shebao.certificates.services import certificate_revoke
from shebao.contributions.models import ContributionRecord
from shebao.demo.seed import seed_city
from shebao.registry.selectors import person_by_resident_id

pytestmark = pytest.mark.django_db

LI = "132321196705150014"  # 李建国
WANG = "132321194803120020"  # 王秀兰


def pdf_text(content: bytes) -> str:
    """All text of a PDF, pages joined (pdfium reads the CID font's Unicode)."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(content)
    try:
        return "\n".join(page.get_textpage().get_text_bounded() for page in document)
    finally:
        document.close()


def pdf_qr_codes(content: bytes, *, scale: float = 2) -> list[str]:
    """Decode every QR code on the rendered pages: what a phone camera would read."""
    import pypdfium2 as pdfium
    import zxingcpp

    document = pdfium.PdfDocument(content)
    try:
        found = []
        for page in document:
            image = page.render(scale=scale).to_pil()
            found += [r.text for r in zxingcpp.read_barcodes(image) if r.format.name == "QRCode"]
        return found
    finally:
        document.close()


@pytest.fixture
def city(db):
    seed_city(persons=8, today=dt.date(2026, 11, 28))


@pytest.fixture
def li(city):
    return person_by_resident_id(LI)


@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def _sign_out(client) -> None:
    """Sign out; the test client forgets every cookie then, so English is chosen again."""
    client.logout()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def li_client(english, li):
    english.force_login(li.account)
    return english


def _issue(client) -> Certificate:
    response = client.post(reverse("portal:certificate-issue"))
    assert response.status_code == 302
    return Certificate.objects.latest("id")


def test_the_certificate_page_shows_what_it_will_contain_and_offers_to_issue(li_client):
    page = li_client.get(reverse("portal:certificate")).content.decode()
    assert "<h1>Insurance certificate</h1>" in page
    assert "李建国" in page and "1323**********0014" in page and LI not in page
    assert "1996-01 to 2026-10, 辛集市 (370 months)" in page
    assert "Deemed contribution period" in page and "114 months" in page
    assert "李**" in page  # the holder is told what strangers will see
    assert 'action="/certificate/issue/"' in page and "Issue certificate" in page
    assert "You have not issued a certificate yet." in page


def test_issuing_lists_the_certificate_with_its_code_and_a_download_link(li_client):
    response = li_client.post(reverse("portal:certificate-issue"), follow=True)
    certificate = Certificate.objects.get()
    page = response.content.decode()
    assert "Your certificate is ready" in page
    assert codes.display(certificate.code) in page
    assert reverse("portal:certificate-download", args=[certificate.code]) in page


def test_issuing_needs_a_post(li_client):
    assert li_client.get(reverse("portal:certificate-issue")).status_code == 405
    assert not Certificate.objects.exists()


def test_the_pdf_names_the_office_and_code_and_its_qr_code_leads_to_a_page_confirming_it(
    li_client,
):
    certificate = _issue(li_client)
    response = li_client.get(reverse("portal:certificate-download", args=[certificate.code]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert (
        response["Content-Disposition"]
        == f'attachment; filename="certificate-{certificate.code}.pdf"'
    )
    content = response.content
    assert content.startswith(b"%PDF")
    text = pdf_text(content)
    for expected in ("参保证明", "辛集市社会保险事业服务中心", "李建国", "1323**********0014"):
        assert expected in text
    assert codes.display(certificate.code) in text
    assert LI not in text

    (scanned,) = pdf_qr_codes(content)  # decoded from the rendered page, not assumed
    url = urlsplit(scanned)
    assert (url.scheme, url.netloc, url.path) == (
        "http",
        "testserver",
        f"/verify/{certificate.code}",
    )

    _sign_out(li_client)  # whoever scans it is a stranger
    page = li_client.get(url.path)
    assert page.status_code == 200
    html = page.content.decode()
    assert "<h1>Genuine certificate</h1>" in html
    assert "This certificate is genuine. It was issued by 辛集市社会保险事业服务中心 on" in html
    assert "electronic signature has been checked" in html
    fingerprint = " ".join(certificate.digest[i : i + 4] for i in range(0, 64, 4))
    assert fingerprint in html and fingerprint in text  # paper and page show the same


def test_the_verify_page_shows_only_the_masked_summary(li_client, li):
    certificate = _issue(li_client)
    _sign_out(li_client)
    html = li_client.get(reverse("portal:verify-code", args=[certificate.code])).content.decode()
    assert "李**" in html and "1323**********0014" in html
    assert "李建国" not in html and LI not in html
    assert "1996-01 to 2026-10, 辛集市 (370 months)" in html


def test_a_code_with_one_character_changed_is_reported_as_not_genuine(li_client):
    certificate = _issue(li_client)
    _sign_out(li_client)
    code = certificate.code
    changed = code[:7] + ("X" if code[7] != "X" else "Y") + code[8:]
    response = li_client.get(reverse("portal:verify-code", args=[changed]))
    html = response.content.decode()
    assert response.status_code == 404
    assert "<h1>Certificate not genuine</h1>" in html
    assert "This code is not valid, so the certificate is not genuine." in html
    assert "Genuine certificate" not in html and "李**" not in html


def test_an_unknown_code_is_reported_as_not_known_and_not_genuine(english, city):
    response = english.get(reverse("portal:verify-code", args=[codes.new_code()]))
    assert response.status_code == 404
    assert "This code is not known. The certificate is not genuine." in response.content.decode()


def test_a_revoked_certificate_says_when_and_why_and_can_no_longer_be_downloaded(li_client, li):
    certificate = _issue(li_client)
    certificate_revoke(
        certificate=certificate,
        actor=li.account,
        reason=Certificate.Reason.ISSUED_IN_ERROR,
        at=dt.datetime(2026, 12, 2, 1, 0, tzinfo=dt.UTC),
    )
    html = li_client.get(reverse("portal:verify-code", args=[certificate.code])).content.decode()
    assert "<h1>Certificate revoked</h1>" in html
    assert "This certificate was revoked on 2026-12-02 (It was issued in error)." in html
    assert "It is no longer valid." in html and "Genuine certificate" not in html
    download = li_client.get(reverse("portal:certificate-download", args=[certificate.code]))
    assert download.status_code == 302
    page = li_client.get(reverse("portal:certificate")).content.decode()
    assert "Revoked on 2026-12-02" in page
    assert reverse("portal:certificate-download", args=[certificate.code]) not in page


def test_another_person_cannot_download_someone_elses_certificate(li_client, english):
    certificate = _issue(li_client)
    url = reverse("portal:certificate-download", args=[certificate.code])
    _sign_out(english)
    english.force_login(person_by_resident_id(WANG).account)
    assert english.get(url).status_code == 404
    assert english.get(url.replace(certificate.code, certificate.code.lower())).status_code == 404
    _sign_out(english)
    anonymous = english.get(url)
    assert anonymous.status_code == 302 and "/sign-in/" in anonymous["Location"]


def test_the_verify_form_explains_a_typo_and_sends_a_good_code_to_its_page(li_client):
    certificate = _issue(li_client)
    _sign_out(li_client)
    assert li_client.get(reverse("portal:verify")).status_code == 200
    typed = codes.display(certificate.code).lower().replace("-", " ")
    response = li_client.get(reverse("portal:verify"), {"code": typed})
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:verify-code", args=[certificate.code])

    wrong = li_client.get(reverse("portal:verify"), {"code": "ABCD-EFGH-JKMN-PQR0"})
    html = wrong.content.decode()
    assert wrong.status_code == 400 and 'aria-invalid="true"' in html
    assert "Verification codes never contain “0”" in html
    assert 'value="ABCD-EFGH-JKMN-PQR0"' in html  # kept, to correct rather than retype


def test_the_verify_pages_are_public_and_not_cached(english, city):
    response = english.get(reverse("portal:verify-code", args=[codes.new_code()]))
    assert "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert english.get(reverse("portal:verify")).status_code == 200


def _expected_months(person):
    records = ContributionRecord.objects.filter(person=person)
    per_year = Counter((r.insurance_type, r.month.year) for r in records)
    paid = {}
    for r in records.filter(status="paid"):
        key = (r.insurance_type, r.month.year)
        employer, individual = paid.get(key, (Decimal(0), Decimal(0)))
        paid[key] = (employer + r.employer_amount, individual + r.individual_amount)
    return records.count(), per_year, paid


def test_the_records_csv_has_every_month_and_each_years_totals(li_client, li):
    response = li_client.get(reverse("portal:records-csv"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert re.fullmatch(
        r'attachment; filename="contribution-records-\d{8}\.csv"', response["Content-Disposition"]
    )
    assert response.content.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads it as UTF-8
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header, body = rows[0], rows[1:]
    assert header[1] == "年月 (Month)"
    months = [r for r in body if re.fullmatch(r"\d{4}-\d{2}", r[1])]
    totals = [r for r in body if "paid total" in r[1]]
    count, per_year, paid = _expected_months(li)
    assert len(months) == count == 1312
    assert len(totals) == len(per_year)
    assert all(r[5] == "已缴 (Paid)" for r in months)
    pension_2025 = next(
        r for r in totals if r[0].startswith("企业职工基本养老保险") and r[1].startswith("2025")
    )
    employer, individual = paid[("enterprise_pension", 2025)]
    assert (pension_2025[3], pension_2025[4]) == (f"{employer:.2f}", f"{individual:.2f}")
    assert pension_2025[5] == "12 个月 (12 months)"
    added: dict[tuple[str, str], tuple[Decimal, Decimal]] = {}
    for row in months:  # every yearly total adds up the paid months listed above it
        key = (row[0], row[1][:4])
        employer, individual = added.get(key, (Decimal(0), Decimal(0)))
        added[key] = (employer + Decimal(row[3]), individual + Decimal(row[4]))
    assert {(r[0], r[1][:4]): (Decimal(r[3]), Decimal(r[4])) for r in totals} == added
    text = response.content.decode("utf-8-sig")
    assert "李建国" not in text and LI not in text


def test_the_records_pdf_has_every_month_and_each_years_totals(li_client, li):
    response = li_client.get(reverse("portal:records-pdf"))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert re.fullmatch(
        r'attachment; filename="contribution-records-\d{8}\.pdf"', response["Content-Disposition"]
    )
    text = pdf_text(response.content)
    count, per_year, paid = _expected_months(li)
    months = re.findall(r"(?<![\d-])\d{4}-\d{2}(?![\d-])", text)
    assert len(months) == count == 1312
    assert text.count("已缴合计") == len(per_year)
    for employer, individual in paid.values():
        assert f"{employer:,.2f}" in text and f"{individual:,.2f}" in text
    assert "李建国" in text and LI not in text  # the holder's own document: name, masked ID


def test_record_downloads_need_sign_in(client, city):
    for name in ("portal:records-pdf", "portal:records-csv", "portal:certificate"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and "/sign-in/" in response["Location"]


def test_the_certificate_page_reads_the_database_a_bounded_number_of_times(
    li_client, django_assert_max_num_queries
):
    for _ in range(3):
        _issue(li_client)
    # 13: one of them is security monitoring's check that the account is not frozen.
    with django_assert_max_num_queries(13):
        assert li_client.get(reverse("portal:certificate")).status_code == 200
