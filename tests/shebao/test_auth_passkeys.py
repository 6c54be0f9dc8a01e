"""Passkeys (fingerprint or face sign-in): adding one, signing in with it, and what is refused.
The browser ceremony itself is tested in tests/browser; here a software authenticator answers."""

import pytest
from django.test import Client
from django.urls import reverse

from shebao.accounts.models import Passkey
from shebao.ledger.models import LedgerEvent

from .auth_helpers import (
    PASSWORD,
    SoftAuthenticator,
    age_codes,
    english,
    last_code,
    make_citizen,
)

pytestmark = pytest.mark.django_db
PHONE = "13912345678"
JSON = {"content_type": "application/json", "HTTP_ACCEPT": "application/json"}


def _sign_in_with_password(client, rid):
    client.post(reverse("portal:sign-in"), {"username": rid, "password": PASSWORD})


def _confirm_by_sms(client, phone=PHONE):
    age_codes()
    client.post(reverse("portal:step-up"), {"send": "1"})
    client.post(reverse("portal:step-up"), {"code": last_code(phone)})


def _register(client, authenticator):
    options = client.post(reverse("portal:passkey-register-options"), **JSON).json()
    return client.post(reverse("portal:passkey-register"), authenticator.create(options), **JSON)


def _passkey_sign_in(client, authenticator, **kwargs):
    options = client.post(reverse("portal:passkey-sign-in-options"), **JSON).json()
    return client.post(
        reverse("portal:passkey-sign-in"), authenticator.get(options, **kwargs), **JSON
    )


@pytest.fixture
def registered(client, office):
    rid, person, user = make_citizen(office, phone=PHONE)
    _sign_in_with_password(client, rid)
    _confirm_by_sms(client)
    phone = SoftAuthenticator()
    response = _register(client, phone)
    assert response.status_code == 200, response.content
    client.post(reverse("portal:sign-out"))
    return phone, person, user


def test_a_registered_passkey_signs_in_and_counts_as_the_second_factor(registered):
    phone, person, _ = registered
    client = Client()
    response = _passkey_sign_in(client, phone)
    assert response.json() == {"redirect": reverse("portal:home")}
    assert client.get(reverse("portal:home")).context["person"] == person
    # Fingerprint or face on one's own phone is two factors: no extra code for my details.
    assert client.get(reverse("portal:my-details")).status_code == 200
    assert Passkey.objects.get().sign_count == 1


def test_registration_options_name_the_site_and_never_the_id_number(client, office):
    rid, person, _ = make_citizen(office, phone=PHONE)
    _sign_in_with_password(client, rid)
    _confirm_by_sms(client)
    options = client.post(reverse("portal:passkey-register-options"), **JSON).json()
    assert options["rp"]["id"] == "testserver"
    assert options["authenticatorSelection"]["userVerification"] == "required"
    assert options["authenticatorSelection"]["residentKey"] == "required"
    assert rid not in str(options) and options["user"]["name"] == person.id_number_masked


def test_a_copied_passkey_whose_counter_goes_back_is_refused(registered):
    phone, _, _ = registered
    assert _passkey_sign_in(Client(), phone).status_code == 200
    client = Client()
    english(client)
    response = _passkey_sign_in(client, phone, count_up=False)
    assert response.status_code == 400
    assert "could not be checked" in response.json()["error"]
    assert client.get(reverse("portal:home")).status_code == 302


def test_an_answer_made_for_another_site_is_refused(registered):
    phone, _, _ = registered
    phone.origin = "http://evil.example"
    assert _passkey_sign_in(Client(), phone).status_code == 400


def test_an_answer_cannot_be_replayed(registered):
    phone, _, _ = registered
    client = Client()
    options = client.post(reverse("portal:passkey-sign-in-options"), **JSON).json()
    answer = phone.get(options)
    assert client.post(reverse("portal:passkey-sign-in"), answer, **JSON).status_code == 200
    attacker = Client()
    attacker.post(reverse("portal:passkey-sign-in-options"), **JSON)
    assert attacker.post(reverse("portal:passkey-sign-in"), answer, **JSON).status_code == 400


def test_someone_elses_passkey_does_not_confirm_it_is_you(registered, office):
    phone, _, _ = registered
    rid, _, _ = make_citizen(office, phone="13700001111", name="张伟")
    client = Client()
    _sign_in_with_password(client, rid)
    options = client.post(reverse("portal:step-up-passkey-options"), **JSON).json()
    assert options["allowCredentials"] == []
    response = client.post(reverse("portal:step-up-passkey"), phone.get(options), **JSON)
    assert response.status_code == 400
    assert client.get(reverse("portal:my-details"))["Location"] == reverse("portal:step-up")


def test_ones_own_passkey_confirms_it_is_you_and_returns_to_the_page(registered):
    phone, person, _ = registered
    from shebao.pii.fields import reveal

    client = Client()
    rid = reveal("resident_id", person.id_number_enc)
    _sign_in_with_password(client, rid)
    client.get(reverse("portal:my-details"))  # sends to the confirmation page
    options = client.post(reverse("portal:step-up-passkey-options"), **JSON).json()
    response = client.post(reverse("portal:step-up-passkey"), phone.get(options), **JSON)
    assert response.json() == {"redirect": reverse("portal:my-details")}
    assert client.get(reverse("portal:my-details")).status_code == 200


def test_a_removed_passkey_no_longer_signs_in(registered):
    phone, person, user = registered
    from shebao.pii.fields import reveal

    client = Client()
    english(client)
    _passkey_sign_in(client, phone)
    passkey = Passkey.objects.get()
    response = client.post(reverse("portal:passkey-remove", args=[passkey.pk]))
    assert response["Location"] == reverse("portal:passkeys")
    assert not Passkey.objects.exists()
    client.post(reverse("portal:sign-out"))
    response = _passkey_sign_in(client, phone)
    assert response.status_code == 400 and "not set up here" in response.json()["error"]
    kinds = set(LedgerEvent.objects.values_list("kind", flat=True))
    assert {"account.passkey_added", "account.passkey_used", "account.passkey_removed"} <= kinds
    assert reveal("resident_id", person.id_number_enc) not in str(
        list(LedgerEvent.objects.values_list("body", flat=True))
    )


def test_one_cannot_remove_another_persons_passkey(registered, office):
    rid, _, _ = make_citizen(office, phone="13700001111", name="张伟")
    client = Client()
    _sign_in_with_password(client, rid)
    _confirm_by_sms(client, phone="13700001111")
    response = client.post(reverse("portal:passkey-remove", args=[Passkey.objects.get().pk]))
    assert response.status_code == 404 and Passkey.objects.count() == 1


def test_the_same_phone_is_not_set_up_twice(registered):
    phone, person, _ = registered
    from shebao.pii.fields import reveal

    client = Client()
    _sign_in_with_password(client, reveal("resident_id", person.id_number_enc))
    _confirm_by_sms(client)
    options = client.post(reverse("portal:passkey-register-options"), **JSON).json()
    excluded = [c["id"] for c in options["excludeCredentials"]]
    assert excluded == [Passkey.objects.get().credential_id]
    response = client.post(reverse("portal:passkey-register"), phone.create(options), **JSON)
    assert response.status_code == 400 and Passkey.objects.count() == 1
