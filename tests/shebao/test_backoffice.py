"""The back office as staff meet it: two-factor sign-in, the queue of their office only, the
case page with the person's data masked, maker-checker on pension decisions, break-glass."""

import datetime as dt

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from shebao.applications import services
from shebao.applications.models import Application
from shebao.demo.personas import PERSONAS
from shebao.demo.seed import DEMO_PASSWORD, seed_city
from shebao.registry.models import IdentifierReveal
from shebao.registry.selectors import person_by_resident_id

from .staff_helpers import current_code, staff_sign_in

pytestmark = pytest.mark.django_db(transaction=True)
S = Application.Status
ZHAO = next(p for p in PERSONAS if p.name == "赵志刚")


@pytest.fixture
def city(transactional_db):
    seed_city(persons=8, today=dt.date(2026, 11, 28))


@pytest.fixture
def claim(city):
    person = person_by_resident_id(ZHAO.resident_id)
    application, _ = services.application_submit(
        person=person,
        service="pension_claim",
        payload={"bank_account": person.bank_account_masked},
        figures={"monthly_pension": "5640.69", "rule_version": "pension/2025.1"},
        idempotency_key="t",
    )
    return services.application_transition(
        application=application, to=S.WAITING_REVIEW, role="system"
    )


def test_staff_sign_in_always_needs_the_authenticator_code(client, city):
    client.post("/staff/sign-in/", {"username": "reviewer", "password": DEMO_PASSWORD})
    assert client.get("/staff/").status_code == 302  # the password alone opens nothing
    wrong = "000000" if current_code() != "000000" else "111111"
    refused = client.post("/staff/sign-in/code/", {"code": wrong})
    assert refused.status_code == 400 and "验证码不对" in refused.content.decode()
    paused = client.post("/staff/sign-in/code/", {"code": current_code()})
    assert paused.status_code == 429 and "请等几秒" in paused.content.decode()
    TOTPDevice.objects.update(throttling_failure_count=0, throttling_failure_timestamp=None)
    right = client.post("/staff/sign-in/code/", {"code": current_code()})
    assert right["Location"] == "/staff/"
    assert "待办" in client.get("/staff/").content.decode()


def test_a_wrong_password_says_so_and_keeps_the_username(client, city):
    response = client.post("/staff/sign-in/", {"username": "reviewer", "password": "nope-nope"})
    assert response.status_code == 400
    assert 'value="reviewer"' in response.content.decode()


def test_citizens_never_reach_staff_pages_and_strangers_are_sent_to_sign_in(client, city):
    assert client.get("/staff/")["Location"] == "/staff/sign-in/"
    client.force_login(person_by_resident_id(ZHAO.resident_id).account)
    assert client.get("/staff/").status_code == 404
    assert client.get("/staff/cases/1/").status_code == 404


def test_the_queue_shows_the_office_cases_masked_and_other_offices_get_not_found(client, claim):
    staff_sign_in(client, "reviewer")
    page = client.get("/staff/").content.decode()
    assert claim.ref in page and "赵**" in page and "赵志刚" not in page
    assert ZHAO.resident_id not in page
    client.logout()
    staff_sign_in(client, "reviewer2")  # works in 晋州
    assert claim.ref not in client.get("/staff/").content.decode()
    assert client.get(f"/staff/cases/{claim.pk}/").status_code == 404
    assert client.post(f"/staff/cases/{claim.pk}/act/", {"action": "claim"}).status_code == 404


def test_the_preparer_cannot_confirm_a_pension_decision_a_second_person_can(client, claim):
    staff_sign_in(client, "reviewer")
    client.post(f"/staff/cases/{claim.pk}/act/", {"action": "approve", "reason": "条件符合"})
    assert Application.objects.get(pk=claim.pk).status == S.PENDING_CHECK
    page = client.post(
        f"/staff/cases/{claim.pk}/act/", {"action": "confirm"}, follow=True
    ).content.decode()
    assert Application.objects.get(pk=claim.pk).status == S.PENDING_CHECK
    assert "由您准备" in page or "You prepared this decision" in page
    client.logout()
    staff_sign_in(client, "supervisor")
    client.post(f"/staff/cases/{claim.pk}/act/", {"action": "confirm"})
    assert Application.objects.get(pk=claim.pk).status == S.APPROVED


def test_a_clerk_may_return_but_not_decide_and_an_auditor_only_reads(client, claim):
    staff_sign_in(client, "clerk")
    refused = client.post(f"/staff/cases/{claim.pk}/act/", {"action": "approve", "reason": "好"})
    assert refused.status_code == 403
    client.post(
        f"/staff/cases/{claim.pk}/act/",
        {"action": "return", "reason": "请核对银行账户", "fields": ["bank_account"]},
    )
    returned = Application.objects.get(pk=claim.pk)
    assert (returned.status, returned.fields_to_fix) == (S.RETURNED, ["bank_account"])
    client.logout()
    staff_sign_in(client, "auditor")
    assert client.get(f"/staff/cases/{claim.pk}/").status_code == 200
    assert client.post(f"/staff/cases/{claim.pk}/act/", {"action": "claim"}).status_code == 403


def test_break_glass_shows_the_full_id_once_with_a_recorded_reason(client, claim):
    staff_sign_in(client, "reviewer")
    page = client.get(f"/staff/cases/{claim.pk}/").content.decode()
    assert ZHAO.resident_id not in page
    short = client.post(
        f"/staff/cases/{claim.pk}/reveal/", {"field": "resident_id", "reason": "看"}
    )
    assert short.status_code == 400 and ZHAO.resident_id not in short.content.decode()
    shown = client.post(
        f"/staff/cases/{claim.pk}/reveal/",
        {"field": "resident_id", "reason": "核对档案中的身份证号"},
    )
    assert ZHAO.resident_id in shown.content.decode()
    assert IdentifierReveal.objects.get().reason == "核对档案中的身份证号"
    assert ZHAO.resident_id not in client.get(f"/staff/cases/{claim.pk}/").content.decode()


def test_a_provincial_auditor_sees_every_office_of_the_province(client, claim):
    staff_sign_in(client, "province")
    assert claim.ref in client.get("/staff/").content.decode()
    assert client.get(f"/staff/cases/{claim.pk}/").status_code == 200
    assert client.post(f"/staff/cases/{claim.pk}/act/", {"action": "claim"}).status_code == 403


def test_the_staff_api_has_the_same_reach_roles_and_maker_checker(client, claim):
    assert client.get("/api/staff/cases").status_code == 401
    staff_sign_in(client, "reviewer2")
    assert claim.ref not in [r["ref"] for r in client.get("/api/staff/cases").json()]
    assert client.get(f"/api/staff/cases/{claim.pk}").status_code == 404
    client.logout()
    staff_sign_in(client, "clerk")
    rows = client.get("/api/staff/cases").json()
    (row,) = [r for r in rows if r["ref"] == claim.ref]
    assert row["applicant"] == "赵**" and row["id_number_masked"] == claim.person.id_number_masked
    denied = client.post(
        f"/api/staff/cases/{claim.pk}/actions",
        {"action": "approve", "reason": "好"},
        content_type="application/json",
    )
    assert denied.status_code == 403
    client.logout()
    staff_sign_in(client, "reviewer")
    prepared = client.post(
        f"/api/staff/cases/{claim.pk}/actions",
        {"action": "approve", "reason": "条件符合"},
        content_type="application/json",
    )
    assert prepared.status_code == 200 and prepared.json()["status"] == "pending_check"
    own = client.post(
        f"/api/staff/cases/{claim.pk}/actions",
        {"action": "confirm"},
        content_type="application/json",
    )
    assert own.status_code == 409 and "另一人复核" in own.json()["detail"]
    detail = client.get(f"/api/staff/cases/{claim.pk}").json()
    assert [e["to_status"] for e in detail["events"]][-1] == "pending_check"


def test_the_auditor_reads_each_break_glass_showing_with_its_reason(client, claim):
    staff_sign_in(client, "reviewer")
    client.post(
        f"/staff/cases/{claim.pk}/reveal/", {"field": "mobile", "reason": "电话核实本人意愿"}
    )
    client.post(f"/staff/cases/{claim.pk}/act/", {"action": "claim"})
    client.logout()
    staff_sign_in(client, "auditor")
    page = client.get("/staff/audit/").content.decode()
    assert "电话核实本人意愿" in page and claim.person.id_number_masked in page
    assert 'href="/staff/audit/"' in client.get("/staff/").content.decode()
    client.logout()
    staff_sign_in(client, "clerk")
    assert client.get("/staff/audit/").status_code == 403
    assert 'href="/staff/audit/"' not in client.get("/staff/").content.decode()
