"""A second factor before changing identity, phone or bank data; changing the mobile number."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from shebao.accounts.models import OneTimeCode
from shebao.ledger.models import LedgerEvent
from shebao.pii.blind_index import blind_index
from shebao.pii.fields import reveal
from shebao.registry.models import Person

from .auth_helpers import PASSWORD, english, last_code, last_text, make_citizen, texts_to

pytestmark = pytest.mark.django_db
PHONE = "13912345678"
NEW_PHONE = "13698765432"


@pytest.fixture
def signed_in(client, office):
    rid, person, user = make_citizen(office, phone=PHONE)
    client.post(reverse("portal:sign-in"), {"username": rid, "password": PASSWORD})
    return person


def _confirm_by_sms(client):
    client.post(reverse("portal:step-up"), {"send": "1"})
    return client.post(reverse("portal:step-up"), {"code": last_code(PHONE)})


def test_my_details_first_asks_to_confirm_it_is_you_then_comes_back(client, signed_in):
    response = client.get(reverse("portal:my-details"))
    assert response["Location"] == reverse("portal:step-up")
    response = _confirm_by_sms(client)
    assert response["Location"] == reverse("portal:my-details")
    page = client.get(reverse("portal:my-details")).content.decode()
    assert "139****5678" in page and signed_in.bank_account_masked in page
    assert PHONE not in page


def test_changing_the_phone_needs_a_second_factor_before_anything_is_sent(client, signed_in):
    response = client.post(reverse("portal:my-details-phone"), {"new_phone": NEW_PHONE})
    assert response["Location"] == reverse("portal:step-up")
    assert texts_to(NEW_PHONE) == 0
    assert Person.objects.get().phone_bidx == blind_index("mobile", PHONE)


def test_the_new_number_is_confirmed_by_a_code_sent_to_it(client, signed_in):
    english(client)
    _confirm_by_sms(client)
    response = client.post(reverse("portal:my-details-phone"), {"new_phone": NEW_PHONE})
    assert response["Location"] == reverse("portal:my-details-phone-code")
    assert texts_to(NEW_PHONE) == 1
    response = client.post(reverse("portal:my-details-phone-code"), {"code": last_code(NEW_PHONE)})
    assert response["Location"] == reverse("portal:my-details")
    person = Person.objects.get()
    assert reveal("mobile", person.phone_enc) == NEW_PHONE
    assert person.phone_bidx == blind_index("mobile", NEW_PHONE)
    assert person.phone_masked == "136****5432"
    assert "136****5432" in last_text(PHONE)  # the old number hears of the change
    assert NEW_PHONE not in last_text(PHONE)
    event = LedgerEvent.objects.get(kind="person.phone_changed")
    assert NEW_PHONE not in event.body and PHONE not in event.body
    page = client.get(reverse("portal:my-details")).content.decode()
    assert "Your mobile number is now 136****5432" in page


def test_a_wrong_code_for_the_new_number_changes_nothing(client, signed_in):
    english(client)
    _confirm_by_sms(client)
    client.post(reverse("portal:my-details-phone"), {"new_phone": NEW_PHONE})
    wrong = "000000" if last_code(NEW_PHONE) != "000000" else "111111"
    response = client.post(reverse("portal:my-details-phone-code"), {"code": wrong})
    assert response.status_code == 400 and "That code is not right" in response.content.decode()
    assert Person.objects.get().phone_bidx == blind_index("mobile", PHONE)


def test_the_same_number_is_not_a_change(client, signed_in):
    english(client)
    _confirm_by_sms(client)
    response = client.post(reverse("portal:my-details-phone"), {"new_phone": PHONE})
    assert response.status_code == 400
    assert "This is already your mobile number" in response.content.decode()


def test_the_confirmation_lasts_ten_minutes(client, signed_in):
    _confirm_by_sms(client)
    assert client.get(reverse("portal:my-details")).status_code == 200
    session = client.session
    session["accounts.second_factor_at"] -= 11 * 60
    session.save()
    assert client.get(reverse("portal:my-details"))["Location"] == reverse("portal:step-up")


def test_a_code_for_another_purpose_does_not_confirm(client, signed_in, office):
    client.post(reverse("portal:step-up"), {"send": "1"})
    step_code = last_code(PHONE)
    OneTimeCode.objects.update(created_at=timezone.now() - dt.timedelta(seconds=61))
    # A sign-in code sent to the same number, typed on the confirmation page, is not accepted.
    from django.test import Client

    other = Client()
    other.post(reverse("portal:sign-in-sms"), {"phone": PHONE})
    sign_in_code = last_code(PHONE)
    if sign_in_code != step_code:
        response = client.post(reverse("portal:step-up"), {"code": sign_in_code})
        assert response.status_code == 400


def test_managing_passkeys_needs_a_second_factor(client, signed_in):
    assert client.get(reverse("portal:passkeys"))["Location"] == reverse("portal:step-up")
    response = client.post(
        reverse("portal:passkey-register-options"), HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 403 and response.json()["redirect"] == reverse("portal:step-up")


def test_the_confirmation_page_needs_sign_in(client):
    response = client.get(reverse("portal:step-up"))
    assert response.status_code == 302 and "/sign-in/" in response["Location"]


def test_keep_alive_renews_a_signed_in_session_and_refuses_others(client, signed_in):
    assert client.post(reverse("portal:keep-alive")).json() == {
        "signed_in": True,
        "seconds_left": 1800,
    }
    client.post(reverse("portal:sign-out"))
    assert client.post(reverse("portal:keep-alive")).status_code == 401


def test_signing_in_by_code_then_confirming_at_once_needs_no_wait(client, office):
    make_citizen(office, phone=PHONE)
    client.post(reverse("portal:sign-in-sms"), {"phone": PHONE})
    client.post(reverse("portal:sign-in-sms-code"), {"code": last_code(PHONE)})
    response = client.post(reverse("portal:step-up"), {"send": "1"})
    assert response["Location"] == reverse("portal:step-up")
    assert texts_to(PHONE) == 2


def test_a_code_sign_in_is_itself_the_confirmation_for_the_next_minutes(client, office):
    make_citizen(office, phone=PHONE)
    client.post(reverse("portal:sign-in-sms"), {"phone": PHONE})
    client.post(reverse("portal:sign-in-sms-code"), {"code": last_code(PHONE)})
    assert client.get(reverse("portal:my-details")).status_code == 200  # no second code asked
    assert texts_to(PHONE) == 1
    stale = timezone.now() + dt.timedelta(minutes=11)
    from shebao.accounts.selectors import second_factor_is_fresh

    assert not second_factor_is_fresh(session=client.session, now=stale)  # it lasts 10 minutes


def test_a_form_sent_after_the_confirmation_ran_out_returns_to_its_page(client, signed_in):
    response = client.post(
        reverse("portal:my-details-phone"),
        {"new_phone": NEW_PHONE},
        HTTP_REFERER="http://testserver/my-details/phone/",
    )
    assert response["Location"] == reverse("portal:step-up")
    assert _confirm_by_sms(client)["Location"] == reverse("portal:my-details-phone")


def test_a_foreign_referer_is_not_followed_after_confirming(client, signed_in):
    client.post(
        reverse("portal:my-details-phone"),
        {"new_phone": NEW_PHONE},
        HTTP_REFERER="https://evil.example/phish",
    )
    assert _confirm_by_sms(client)["Location"] == reverse("portal:home")
