"""Contribution payment for flexible workers (灵活就业人员缴费), through HTTP as 张伟 does it:
the amounts to the fen, one order per form, one payment per month whatever the notices do,
failure and timeout, the records, the receipt and its PDF, and refused inputs.

Pages are read in English (the language cookie) so the assertions read the msgids.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse

from shebao.accounts.services import second_factor_record
from shebao.applications.models import InboxMessage
from shebao.contributions.models import ContributionRecord
from shebao.demo.seed import seed_city
from shebao.ledger.models import LedgerEvent
from shebao.messaging.models import SmsMessage
from shebao.payments import gateway as gateways
from shebao.payments.models import PaymentLine, PaymentOrder, Receipt, SandboxTransaction
from shebao.payments.selectors import payment_options_for
from shebao.pii.fields import reveal
from shebao.registry.selectors import person_by_resident_id
from shebao_rules import contribution

from .test_certificates_pages import pdf_text

pytestmark = pytest.mark.django_db

ZHANG = "130181200006180030"  # 张伟: flexible worker at 60 %, 2026-11 due
LI = "132321196705150014"  # 李建国: an employee, nothing of his own to pay
NOV = dt.date(2026, 11, 1)


@pytest.fixture
def city(db):
    seed_city(persons=8, today=dt.date(2026, 11, 28))


@pytest.fixture
def zhang(city):
    return person_by_resident_id(ZHANG)


def _sign_in(client, person, *, fresh: bool = True):
    client.force_login(person.account)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    if fresh:
        session = client.session
        second_factor_record(session=session, method="sms")
        session.save()
    return client


@pytest.fixture
def signed_in(client, zhang):
    return _sign_in(client, zhang)


def _record(person, month=NOV):
    return ContributionRecord.objects.get(
        person=person, insurance_type="enterprise_pension", month=month
    )


def _form(client) -> dict:
    """What the pay page submits when the person just presses the button."""
    page = client.get(reverse("portal:pay")).content.decode()
    key = re.search(r'name="idempotency_key" value="([^"]+)"', page).group(1)
    data = {"idempotency_key": key, "months": [], "base_ratio": None, "method": None}
    for name, value in re.findall(
        r'<input type="(?:checkbox|radio)" name="(\w+)" value="([^"]+)"'
        r"[^>]* checked>",
        page,
    ):
        if name == "months":
            data["months"].append(value)
        else:
            data[name] = value
    return data


def _submit(client, data):
    return client.post(reverse("portal:pay"), data)


def _bank(client, response, outcome="success"):
    """At the sandbox bank the payer picks the outcome; back at the order."""
    assert "/pay/sandbox-bank/" in response["Location"]
    page = client.get(response["Location"])
    assert page.status_code == 200
    return client.post(response["Location"], {"outcome": outcome})


def _pay(client, data=None, outcome="success"):
    response = _submit(client, data or _form(client))
    back = _bank(client, response, outcome)
    return client.get(back["Location"], follow=True)


def _notice_for(order):
    txn = SandboxTransaction.objects.get(token=order.gateway_ref)
    return gateways.notice_for(
        gateway_ref=order.gateway_ref,
        order_ref=order.ref,
        outcome=gateways.SUCCEEDED,
        amount=order.total,
        txn=txn.txn,
    )


def _post_notice(client, notice, signature=None):
    return client.post(
        "/api/payments/notices/sandbox",
        data=notice.body,
        content_type="application/json",
        headers={gateways.SIGNATURE_HEADER: signature or notice.signature},
    )


# --- amounts ---------------------------------------------------------------------------------


def test_zhang_weis_november_costs_815_28_at_his_base_as_home_says_and_the_engine_computes(
    client, zhang
):
    options = payment_options_for(zhang)
    assert options.months == [NOV]
    assert options.default_ratio == Decimal("0.6")  # what he paid on in 2026-10
    engine = contribution.compute("hebei", 2026, "flexible", base_ratio="0.6")
    sixty = options.choice(Decimal("0.6"))
    assert sixty.total == engine.values["totals"]["individual"] == Decimal("815.28")
    assert sixty.lines[0].base == Decimal("4076.40")
    assert sixty.lines[0].account_credit == Decimal("326.11")
    assert options.recorded_total == Decimal("815.28")
    # Every base offered from 60 % to 300 % of 2026's 6,794 yuan, exact to the fen.
    assert [(c.percent, c.total) for c in options.choices] == [
        (60, Decimal("815.28")),
        (80, Decimal("1087.04")),
        (100, Decimal("1358.80")),
        (120, Decimal("1630.56")),
        (150, Decimal("2038.20")),
        (200, Decimal("2717.60")),
        (250, Decimal("3397.00")),
        (300, Decimal("4076.40")),
    ]
    assert (options.lowest, options.highest) == (Decimal("0.6"), Decimal("3.0"))

    _sign_in(client, zhang)
    home = client.get(reverse("portal:home")).content.decode()
    assert "Your contribution for 2026-11 is due: 815.28 yuan." in home
    assert f'href="{reverse("portal:pay")}"' in home
    page = client.get(reverse("portal:pay")).content.decode()
    assert "60 % of the average wage: base 4,076.40 yuan, 815.28 yuan a month" in page
    assert "No late charge applies: the rules hold none for flexible workers." in page
    assert zhang.bank_account_masked in page


def test_the_pay_page_needs_a_fresh_second_factor(client, zhang):
    _sign_in(client, zhang, fresh=False)
    assert client.get(reverse("portal:pay"))["Location"] == reverse("portal:step-up")


def test_someone_with_nothing_of_their_own_due_is_told_so(client, city):
    _sign_in(client, person_by_resident_id(LI))
    page = client.get(reverse("portal:pay"))
    assert page.status_code == 200
    assert "Nothing is due for you to pay now." in page.content.decode()


# --- the happy path --------------------------------------------------------------------------


def test_accepting_the_defaults_pays_november_updates_the_record_and_issues_a_receipt(
    signed_in, zhang
):
    data = _form(signed_in)
    assert data["months"] == ["2026-11"] and data["base_ratio"] == "0.6"
    assert data["method"] == "bank_card"
    response = _pay(signed_in, data)
    page = response.content.decode()
    receipt = Receipt.objects.get()
    assert response.redirect_chain[-1][0] == reverse("portal:pay-receipt", args=[receipt.number])
    assert re.fullmatch(r"JF\d{8}\d{8}", receipt.number)
    assert receipt.number in page and "815.28" in page and "4,076.40" in page
    assert "your contribution records are updated" in page

    record = _record(zhang)
    assert record.status == "paid" and record.source == "flexible"
    assert record.base == Decimal("4076.40") and record.individual_amount == Decimal("815.28")
    assert record.account_credit == Decimal("326.11") and record.rule_version
    order = PaymentOrder.objects.get()
    assert order.status == "paid" and order.total == Decimal("815.28")
    kinds = list(LedgerEvent.objects.values_list("kind", flat=True))
    assert kinds.count("contribution.paid") == 1 and kinds.count("payment.paid") == 1
    assert kinds.count("payment.order_created") == 1

    message = InboxMessage.objects.get(person=zhang)
    assert receipt.number in message.subject and "815.28" in message.body
    sms = reveal("sms_body", SmsMessage.objects.latest("id").body_enc)
    assert receipt.number in sms and "815.28" in sms and "2026-11" in sms

    pdf = signed_in.get(reverse("portal:pay-receipt-pdf", args=[receipt.number]))
    assert pdf["Content-Type"] == "application/pdf"
    assert ZHANG not in pdf["Content-Disposition"]
    text = pdf_text(pdf.content)
    for expected in ("缴费凭证", "张伟", receipt.number, "815.28", "4,076.40", "2026-11"):
        assert expected in text, expected
    assert ZHANG not in text and zhang.id_number_masked in text

    # Home no longer asks for it.
    home = signed_in.get(reverse("portal:home")).content.decode()
    assert "is due" not in home


def test_a_higher_base_is_recorded_at_its_exact_amount(signed_in, zhang):
    data = {**_form(signed_in), "base_ratio": "1.0", "method": "alipay"}
    _pay(signed_in, data)
    record = _record(zhang)
    assert (record.base, record.individual_amount) == (Decimal("6794.00"), Decimal("1358.80"))
    assert Receipt.objects.get().total == Decimal("1358.80")
    assert PaymentOrder.objects.get().method == "alipay"


# --- one order, one payment ------------------------------------------------------------------


def test_a_double_click_makes_one_order(signed_in):
    data = _form(signed_in)
    first, second = _submit(signed_in, data), _submit(signed_in, data)
    assert first["Location"] == second["Location"]
    assert PaymentOrder.objects.count() == 1 and PaymentLine.objects.count() == 1


def test_a_replayed_or_duplicated_notice_never_pays_twice(signed_in, zhang, client):
    _pay(signed_in)
    order = PaymentOrder.objects.get()
    notice = _notice_for(order)
    for _ in range(2):
        response = _post_notice(client, notice)
        assert response.status_code == 200 and response.json() == {"ok": True, "status": "paid"}
    assert Receipt.objects.count() == 1
    assert LedgerEvent.objects.filter(kind="contribution.paid").count() == 1
    assert InboxMessage.objects.filter(person=zhang).count() == 1


def test_a_notice_with_a_bad_signature_is_refused_and_changes_nothing(signed_in, zhang, client):
    _submit(signed_in, _form(signed_in))
    order = PaymentOrder.objects.get()
    SandboxTransaction.objects.filter(token=order.gateway_ref).update(state="succeeded")
    notice = _notice_for(order)
    response = _post_notice(client, notice, signature="0" * 64)
    assert response.status_code == 400
    forged = gateways.Notice(notice.body.replace(b'"succeeded"', b'"failed"'), notice.signature)
    assert _post_notice(client, forged).status_code == 400
    order.refresh_from_db()
    assert order.status == "pending" and _record(zhang).status == "arrears"


def test_two_orders_for_the_same_month_pay_it_once_and_the_second_is_refused_clearly(
    signed_in, zhang, django_capture_on_commit_callbacks
):
    first = _submit(signed_in, _form(signed_in))
    second = _submit(signed_in, _form(signed_in))  # a second tab, a new form
    assert first["Location"] != second["Location"]
    assert PaymentOrder.objects.count() == 2
    _bank(signed_in, first, "success")
    with django_capture_on_commit_callbacks(execute=True):  # the refund goes after the commit
        back = _bank(signed_in, second, "success")
    page = signed_in.get(back["Location"]).content.decode()
    assert "This payment was not applied" in page
    assert "2026-11 had already been paid by an earlier payment, so nothing was paid twice." in page
    a, b = PaymentOrder.objects.order_by("id")
    assert (a.status, b.status) == ("paid", "refused")
    assert SandboxTransaction.objects.get(token=b.gateway_ref).state == "refunded"
    assert PaymentLine.objects.filter(paid=True).count() == 1 and Receipt.objects.count() == 1
    assert _record(zhang).individual_amount == Decimal("815.28")
    assert LedgerEvent.objects.filter(kind="contribution.paid").count() == 1
    assert LedgerEvent.objects.filter(kind="payment.refused").count() == 1
    assert (
        "未入账：该月已缴" in InboxMessage.objects.latest("id").subject
    )  # in Chinese, as on paper


# --- failure and timeout ---------------------------------------------------------------------


def test_a_declined_payment_pays_nothing_and_the_person_tries_again_with_the_same_choices(
    signed_in, zhang
):
    data = {**_form(signed_in), "base_ratio": "1.5", "method": "wechat"}
    response = _pay(signed_in, data, outcome="failure")
    page = response.content.decode()
    assert "The payment did not go through" in page
    assert "Nothing was taken and your months are still due." in page
    assert _record(zhang).status == "arrears" and Receipt.objects.count() == 0
    assert PaymentOrder.objects.get().status == "failed"

    again = re.search(r'href="([^"]+\?again=[^"]+)"', page).group(1)
    retry = signed_in.get(again.replace("&amp;", "&")).content.decode()
    assert re.search(r'value="1.5" id="ratio-\d+" checked', retry)
    assert 'value="wechat" id="method-wechat" checked' in retry
    key = re.search(r'name="idempotency_key" value="([^"]+)"', retry).group(1)
    assert key != data["idempotency_key"]
    _pay(signed_in, {**data, "idempotency_key": key})
    assert _record(zhang).individual_amount == Decimal("2038.20")


def test_a_timeout_stays_pending_until_the_late_notice_arrives(signed_in, zhang):
    response = _submit(signed_in, _form(signed_in))
    bank = response["Location"]
    back = _bank(signed_in, response, outcome="timeout")
    page = signed_in.get(back["Location"]).content.decode()
    assert "We are confirming your payment with the bank." in page
    assert f'href="{back["Location"]}"' in page  # a plain link to look again
    again = signed_in.get(back["Location"]).content.decode()  # a status query: still processing
    assert "We are confirming your payment" in again
    assert _record(zhang).status == "arrears"

    signed_in.post(bank, {"outcome": "success"})  # the bank finishes and sends its notice
    final = signed_in.get(back["Location"], follow=True).content.decode()
    assert "Paid: your receipt" in final and _record(zhang).status == "paid"


def test_a_timeout_whose_notice_is_lost_is_settled_by_the_status_query(signed_in, zhang):
    response = _submit(signed_in, _form(signed_in))
    back = _bank(signed_in, response, outcome="timeout")
    signed_in.post(response["Location"], {"outcome": "lost"})
    assert PaymentOrder.objects.get().status == "pending"  # nobody told us yet
    final = signed_in.get(back["Location"], follow=True).content.decode()
    assert "Paid: your receipt" in final
    assert _record(zhang).status == "paid" and Receipt.objects.count() == 1


def test_a_lost_notice_is_settled_by_the_scheduled_recheck_without_the_person_looking(
    signed_in, zhang
):
    from django.utils import timezone

    from shebao.config.celery import app
    from shebao.payments.services import payment_orders_recheck

    response = _submit(signed_in, _form(signed_in))
    _bank(signed_in, response, outcome="timeout")
    now = timezone.now()
    assert payment_orders_recheck(now=now + dt.timedelta(minutes=3)) == 0  # still at the bank
    signed_in.post(response["Location"], {"outcome": "lost"})  # paid; the notice never comes
    assert payment_orders_recheck(now=now) == 0  # younger than two minutes: left to the payer
    assert PaymentOrder.objects.get().status == "pending"

    assert payment_orders_recheck(now=now + dt.timedelta(minutes=3)) == 1
    assert PaymentOrder.objects.get().status == "paid"
    assert _record(zhang).status == "paid" and Receipt.objects.count() == 1
    assert InboxMessage.objects.filter(person=zhang).count() == 1  # told, with the receipt
    assert payment_orders_recheck(now=now + dt.timedelta(minutes=9)) == 0  # nothing twice
    jobs = {job["task"]: job["schedule"] for job in app.conf.beat_schedule.values()}
    assert jobs["shebao.payments.tasks.payment_orders_recheck_task"] == 300.0


# --- refused inputs --------------------------------------------------------------------------


def test_a_base_outside_60_to_300_percent_is_refused_next_to_the_field_keeping_the_choices(
    signed_in, zhang
):
    data = {**_form(signed_in), "base_ratio": "0.5", "method": "alipay"}
    response = _submit(signed_in, data)
    assert response.status_code == 400
    page = response.content.decode()
    assert (
        '<p class="error" id="base-error">Choose a base between 60 % and 300 % of the average '
        "wage.</p>" in page
    )
    assert 'value="alipay" id="method-alipay" checked' in page
    assert 'value="2026-11" id="month-1" checked' in page
    assert re.search(r'name="idempotency_key" value="' + data["idempotency_key"], page)
    assert PaymentOrder.objects.count() == 0

    above = _submit(signed_in, {**data, "base_ratio": "3.5"})
    assert "Choose a base between 60 % and 300 %" in above.content.decode()
    off_list = _submit(signed_in, {**data, "base_ratio": "0.7"})
    assert "Choose one of the bases offered." in off_list.content.decode()
    assert PaymentOrder.objects.count() == 0


def test_a_month_not_due_is_refused_next_to_the_field(signed_in, zhang):
    data = {**_form(signed_in), "months": ["2026-05"], "base_ratio": "1.2"}
    response = _submit(signed_in, data)
    assert response.status_code == 400
    page = response.content.decode()
    assert (
        '<p class="error" id="months-error">2026-05 is not a month you owe. '
        "Choose from the months due.</p>" in page
    )
    assert re.search(r'value="1.2" id="ratio-\d+" checked', page)
    garbled = _submit(signed_in, {**data, "months": ["November"]})
    assert "Choose from the months due." in garbled.content.decode()
    assert PaymentOrder.objects.count() == 0 and _record(zhang).status == "arrears"


def test_another_persons_order_and_receipt_are_not_found(signed_in, zhang, client, city):
    _pay(signed_in)
    order, receipt = PaymentOrder.objects.get(), Receipt.objects.get()
    _sign_in(client, person_by_resident_id(LI))
    assert client.get(reverse("portal:pay-order", args=[order.ref])).status_code == 404
    assert client.get(reverse("portal:pay-receipt", args=[receipt.number])).status_code == 404
    assert client.get(reverse("portal:pay-receipt-pdf", args=[receipt.number])).status_code == 404
    assert client.get(f"/api/payments/orders/{order.ref}").status_code == 404


# --- the API ---------------------------------------------------------------------------------


def test_the_api_offers_the_choices_creates_one_order_per_key_and_gives_the_receipt(
    signed_in, zhang
):
    due = signed_in.get("/api/payments/due").json()
    assert due["due"] == [
        {
            "month": "2026-11",
            "insurance_type": "enterprise_pension",
            "amount_at_base_on_file": "815.28",
        }
    ]
    assert due["default_ratio"] == "0.6" and due["late_charge"] is None
    assert due["choices"][0]["total"] == "815.28" and due["choices"][-1]["total"] == "4076.40"
    assert [m["code"] for m in due["methods"]] == ["bank_card", "wechat", "alipay"]

    body = {
        "months": ["2026-11"],
        "base_ratio": "0.6",
        "method": "wechat",
        "idempotency_key": str(uuid.uuid4()),
    }
    created = signed_in.post("/api/payments/orders", body, content_type="application/json")
    assert created.status_code == 201
    again = signed_in.post("/api/payments/orders", body, content_type="application/json")
    assert again.status_code == 200 and again.json()["ref"] == created.json()["ref"]
    order = created.json()
    assert order["status"] == "pending" and order["total"] == "815.28"
    ref = order["ref"]
    assert signed_in.get(f"/api/payments/orders/{ref}/receipt").status_code == 404

    signed_in.post(order["pay_url"], {"outcome": "success"})
    status = signed_in.get(f"/api/payments/orders/{ref}").json()
    assert status["status"] == "paid" and status["receipt_number"]
    receipt = signed_in.get(f"/api/payments/orders/{ref}/receipt").json()
    assert receipt["number"] == status["receipt_number"] and receipt["total"] == "815.28"
    assert receipt["id_number_masked"] == zhang.id_number_masked
    assert ZHANG not in str(receipt)


def test_the_api_refuses_bad_inputs_by_field_and_wants_a_second_factor(client, zhang):
    _sign_in(client, zhang, fresh=False)
    body = {
        "months": ["2026-11"],
        "base_ratio": "0.6",
        "method": "bank_card",
        "idempotency_key": str(uuid.uuid4()),
    }
    refused = client.post("/api/payments/orders", body, content_type="application/json")
    assert refused.status_code == 403
    _sign_in(client, zhang)
    low = client.post(
        "/api/payments/orders", {**body, "base_ratio": "0.4"}, content_type="application/json"
    )
    assert low.status_code == 422 and low.json()["field"] == "base_ratio"
    month = client.post(
        "/api/payments/orders", {**body, "months": ["2025-01"]}, content_type="application/json"
    )
    assert month.status_code == 422 and month.json()["field"] == "months"
    method = client.post(
        "/api/payments/orders", {**body, "method": "cash"}, content_type="application/json"
    )
    assert method.status_code == 422 and method.json()["field"] == "method"
    assert PaymentOrder.objects.count() == 0
