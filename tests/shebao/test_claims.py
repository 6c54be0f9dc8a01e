"""Benefit claims (待遇申领) pre-filled from the records, filed as applications: the amounts are
the rules engine's to the fen, the conditions carry their numbers, a relative's claim is only
for the relative's family, a double click files one, and a returned claim keeps its data."""

import datetime as dt
import json
import uuid
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from shebao.accounts.services import second_factor_record
from shebao.applications.models import Application
from shebao.applications.selectors import review_queue
from shebao.applications.services import application_transition
from shebao.benefits.selectors import (
    pension_claim,
    pension_estimate,
    survivor_claim,
    unemployment_claim,
)
from shebao.demo.personas import PERSONAS
from shebao.demo.seed import seed_city
from shebao.pii.fields import reveal
from shebao.registry.selectors import person_by_resident_id
from shebao_rules import survivor as survivor_rules
from shebao_rules import unemployment as unemployment_rules

from .auth_helpers import english

TODAY = dt.date(2026, 11, 28)
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def city(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        seed_city(persons=8, today=TODAY)
        yield {p.name: person_by_resident_id(p.resident_id) for p in PERSONAS}
        from django.core.management import call_command

        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture(autouse=True)
def today(monkeypatch):
    """The pages read today's date; the demo city is as of 2026-11-28."""
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: TODAY)


def signed_in(client, person, *, fresh=True):
    client.force_login(person.account)
    english(client)
    if fresh:
        session = client.session
        second_factor_record(session=session, method="sms")
        session.save()
    return client


def send(client, url, **fields):
    data = {"idempotency_key": uuid.uuid4().hex, "bank_confirmed": "yes", **fields}
    return client.post(url, data)


# -- pension --------------------------------------------------------------------------------


def test_zhao_pension_claim_is_the_estimate_to_the_fen_with_his_years_and_age(city):
    zhao = city["赵志刚"]
    claim = pension_claim(zhao, as_of=TODAY)
    estimate = pension_estimate(zhao, as_of=TODAY)
    assert claim.eligible
    for part in ("basic", "account", "transitional", "extra", "total"):
        assert claim.amount(part) == estimate.components[part]
    assert claim.amount("total") == Decimal("5640.69")
    assert claim.rule_version == estimate.rule_version == "pension/2025.1"
    assert "pension.base" in claim.assumed  # 2026's pension base is not published
    years = next(c for c in claim.conditions if c.code == "minimum_years")
    assert years.values["minimum_months"] == 180  # 15 years for 2026 retirements
    assert years.values["total_months"] == 370 + 94 + 1
    age = next(c for c in claim.conditions if c.code == "retirement_age")
    assert age.values["statutory_month"] == dt.date(2026, 12, 1)


def test_zhao_sees_his_pension_and_files_it_into_the_review_queue(client, city):
    zhao = city["赵志刚"]
    signed_in(client, zhao)
    page = client.get(reverse("portal:claim-pension"))
    html = page.content.decode()
    assert page.status_code == 200
    assert "5,640.69" in html and "pension/2025.1" in html and "pension.base" in html
    assert zhao.bank_account_masked in html and "Send the claim" in html
    response = send(client, reverse("portal:claim-pension"))
    application = Application.objects.get(person=zhao, service="pension_claim")
    assert response.status_code == 302
    assert response.url == reverse("portal:claim-sent", args=[application.ref])
    assert application.ref in client.get(response.url).content.decode()
    queued = review_queue(zhao.office, service="pension_claim").get(person=zhao)
    assert queued.pk == application.pk
    assert queued.figures["amounts"]["total"] == "5640.69"
    assert queued.figures["rule_version"] == "pension/2025.1"
    assert "pension.base" in queued.figures["assumed_parameters"]
    codes = {c["code"]: c for c in queued.payload["conditions"]}
    assert codes["minimum_years"]["met"] and codes["minimum_years"]["values"]["minimum_months"]
    assert queued.payload["payout_account"]["account_masked"] == zhao.bank_account_masked
    stored = json.dumps([queued.payload, queued.figures], ensure_ascii=False)
    assert reveal("bank_account", zhao.bank_account_enc) not in stored
    assert reveal("resident_id", zhao.id_number_enc) not in stored


def test_a_double_click_files_one_and_a_new_form_shows_the_one_in_progress(client, city):
    zhao = city["赵志刚"]
    signed_in(client, zhao)
    key = uuid.uuid4().hex
    url = reverse("portal:claim-pension")
    first = client.post(url, {"idempotency_key": key, "bank_confirmed": "yes"})
    second = client.post(url, {"idempotency_key": key, "bank_confirmed": "yes"})
    other = send(client, url)  # a fresh form while the first is open
    assert first.url == second.url == other.url
    assert Application.objects.filter(person=zhao, service="pension_claim").count() == 1
    page = client.get(url).content.decode()
    assert "is in progress" in page and "Send the claim" not in page


def test_the_payout_account_must_be_confirmed_and_nothing_typed_is_lost(client, city):
    zhao = city["赵志刚"]
    signed_in(client, zhao)
    response = client.post(
        reverse("portal:claim-pension"),
        {"idempotency_key": uuid.uuid4().hex, "note": "上午联系我"},
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Please confirm that the payments go to this bank account." in html
    assert 'value="上午联系我"' in html and 'role="alert"' in html
    assert not Application.objects.filter(person=zhao).exists()


def test_a_person_far_from_retirement_is_told_why_and_gets_no_send_button(client, city):
    li = city["李建国"]
    claim = pension_claim(li, as_of=TODAY)
    assert not claim.eligible
    assert [c.code for c in claim.unmet] == ["retirement_age"]
    assert "2028-01" in claim.unmet[0].text
    signed_in(client, li)
    html = client.get(reverse("portal:claim-pension")).content.decode()
    assert "You cannot claim this online now." in html and "2028-01" in html
    assert "Send the claim" not in html and "Book a counter visit" in html
    refused = send(client, reverse("portal:claim-pension"))
    assert refused.status_code == 400 and "2028-01" in refused.content.decode()
    assert not Application.objects.filter(person=li).exists()


def test_a_pensioner_cannot_claim_a_pension_again(city):
    claim = pension_claim(city["王秀兰"], as_of=TODAY)
    assert not claim.eligible and claim.unmet[0].code == "not_drawing_pension"


def test_the_claim_pages_ask_for_a_fresh_second_factor(client, city):
    signed_in(client, city["赵志刚"], fresh=False)
    response = client.get(reverse("portal:claim-pension"))
    assert response.status_code == 302 and response.url == reverse("portal:step-up")


# -- unemployment ---------------------------------------------------------------------------


def test_chen_gets_24_months_at_the_rules_amount_from_his_registration_month(city):
    chen = city["陈强"]
    claim = unemployment_claim(chen, as_of=TODAY)
    expected = unemployment_rules.compute(
        "1985-09", "male", 145, "2026-10", region="xinji", allow_assumed=True
    )
    assert claim.eligible
    assert claim.amount("months") == expected.months == 24  # 145 months paid: 10 years or more
    assert claim.amount("monthly_amount") == expected.monthly_amount == Decimal("1800.00")
    assert (claim.amount("first_month"), claim.amount("last_month")) == ("2026-10", "2028-09")
    conditions = {c.code: c for c in claim.conditions}
    assert conditions["contribution_time"].values == {"months_paid": 145, "minimum_months": 12}
    assert conditions["registered_unemployed"].values["registered_on"] == dt.date(2026, 10, 15)
    assert claim.rule_version == "unemployment/2025.1"
    assert "unemployment.minimum_wage" in claim.assumed


def test_chen_must_state_the_job_ended_against_his_will_then_files(client, city):
    chen = city["陈强"]
    signed_in(client, chen)
    url = reverse("portal:claim-unemployment")
    html = client.get(url).content.decode()
    assert "1,800.00" in html and "2026-10-15" in html and "24" in html
    refused = send(client, url)
    assert refused.status_code == 400
    assert "Please confirm that your job ended not by your own choice." in refused.content.decode()
    send(client, url, declared="yes")
    queued = review_queue(chen.office, service="unemployment_claim").get(person=chen)
    assert queued.person == chen and queued.payload["declared_involuntary"] is True
    assert queued.figures["amounts"] == {
        "months": 24,
        "first_month": "2026-10",
        "last_month": "2028-09",
        "monthly_amount": "1800.00",
    }


def test_a_person_never_registered_unemployed_is_told_where_to_register(city):
    claim = unemployment_claim(city["赵志刚"], as_of=TODAY)
    assert not claim.eligible and claim.amounts == []
    assert "public employment service" in claim.advice


# -- survivor -------------------------------------------------------------------------------


def test_sun_li_sees_her_fathers_claim_with_the_hebei_amounts(client, city):
    sun_li, father = city["孙丽"], city["孙德明"]
    claim = survivor_claim(sun_li, str(father.ref), as_of=TODAY)
    assert claim.eligible and claim.subject == father
    expected = survivor_rules.compute(
        "hebei", "2026-10", 503, monthly_pension="684.97", allow_assumed=True
    )
    assert claim.amount("funeral_grant") == expected.funeral_grant == Decimal("6000.00")
    assert claim.amount("survivor_benefit") == expected.survivor_benefit == Decimal("60000.00")
    # 3531.87 at retirement less 321 months x 25.41 of account pension: nothing is left
    assert claim.amount("inherited_account") == Decimal("0.00")
    assert claim.assumed == ["survivor.average_pension"] and claim.provisional
    death = next(c for c in claim.conditions if c.code == "death_record")
    assert death.values["died_on"] == dt.date(2026, 10, 20)
    signed_in(client, sun_li)
    html = client.get(reverse("portal:claim-survivor")).content.decode()
    assert "孙德明" in html and "6,000.00" in html and "60,000.00" in html
    assert "provisional" in html and "survivor.average_pension" in html


def test_someone_who_is_not_a_relative_gets_404(client, city):
    father = city["孙德明"]
    assert survivor_claim(city["陈强"], str(father.ref), as_of=TODAY) is None
    signed_in(client, city["陈强"])
    url = reverse("portal:claim-survivor-for", args=[father.ref])
    assert client.get(url).status_code == 404
    assert send(client, url).status_code == 404
    assert (
        "We hold no death record" in client.get(reverse("portal:claim-survivor")).content.decode()
    )


def test_a_returned_survivor_claim_shows_the_note_keeps_the_data_and_goes_again(client, city):
    sun_li, father = city["孙丽"], city["孙德明"]
    signed_in(client, sun_li)
    url = reverse("portal:claim-survivor-for", args=[father.ref])
    send(client, url, note="请白天打电话")
    application = Application.objects.get(person=sun_li, service="survivor_claim")
    assert application.subject == father
    assert (
        review_queue(sun_li.office, service="survivor_claim")
        .get(person=sun_li)
        .figures["amounts"]["funeral_grant"]
        == "6000.00"
    )
    application_transition(application=application, to="waiting_review", role="system")
    application_transition(
        application=application,
        to="returned",
        role="reviewer",
        reason="请写明联系时间",
        fields_to_fix=["note"],
    )
    page = client.get(reverse("portal:claim-survivor") + f"?fix={application.ref}")
    html = page.content.decode()
    assert "请写明联系时间" in html and "Your note" in html and 'value="请白天打电话"' in html
    assert "Send again" in html
    response = send(client, url, note="工作日9点到17点", fix=application.ref)
    application.refresh_from_db()
    assert response.url == reverse("portal:claim-sent", args=[application.ref])
    assert application.status == "submitted" and application.payload["note"] == "工作日9点到17点"
    assert application.payload["deceased"]["name"] == "孙德明"
    assert application.figures["amounts"]["survivor_benefit"] == "60000.00"
    assert Application.objects.filter(person=sun_li).count() == 1
    assert client.get(url + f"?fix={application.ref}").status_code == 404  # no longer returned


# -- API ------------------------------------------------------------------------------------


def test_the_api_gives_the_prefilled_claim_and_files_it_once(client, city):
    chen = city["陈强"]
    signed_in(client, chen, fresh=False)
    got = client.get("/api/claims/unemployment").json()
    assert got["eligible"] and got["bank_account_masked"] == chen.bank_account_masked
    assert {a["code"]: a["value"] for a in got["amounts"]}["monthly_amount"] == "1800.00"
    body = {"idempotency_key": "app-1", "bank_confirmed": True, "declared": True}
    stale = client.post("/api/claims/unemployment", body, content_type="application/json")
    assert stale.status_code == 403
    signed_in(client, chen)
    first = client.post("/api/claims/unemployment", body, content_type="application/json")
    again = client.post("/api/claims/unemployment", body, content_type="application/json")
    assert first.status_code == 201 and again.status_code == 200
    assert first.json()["ref"] == again.json()["ref"]
    assert Application.objects.get(person=chen).channel == "api"


def test_the_api_refuses_with_the_reason_and_hides_other_families(client, city):
    signed_in(client, city["李建国"])
    refused = client.post(
        "/api/claims/pension",
        {"idempotency_key": "x", "bank_confirmed": True},
        content_type="application/json",
    )
    assert refused.status_code == 422 and refused.json()["field"] == "conditions"
    assert "2028-01" in refused.json()["detail"]
    father = city["孙德明"]
    assert client.get(f"/api/claims/survivor/{father.ref}").status_code == 404
    signed_in(client, city["孙丽"])
    assert client.get("/api/claims/survivor").json() == [{"ref": str(father.ref), "name": "孙德明"}]
    got = client.get(f"/api/claims/survivor/{father.ref}").json()
    assert got["provisional"] and got["assumed_parameters"] == ["survivor.average_pension"]
