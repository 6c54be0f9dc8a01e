"""Forgotten password: ID number and mobile number, a code by text message, a new password."""

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from shebao.ledger.models import LedgerEvent

from .auth_helpers import PASSWORD, english, last_code, make_citizen, texts_to

pytestmark = pytest.mark.django_db
PHONE = "13912345678"
NEW_PASSWORD = "Lao-Wang-1948!"


@pytest.fixture
def citizen(office):
    return make_citizen(office, phone=PHONE)


def _start(client, rid, phone=PHONE):
    return client.post(reverse("portal:password-reset"), {"resident_id": rid, "phone": phone})


def _code(client, code):
    return client.post(reverse("portal:password-reset-code"), {"code": code})


def _new(client, first, second=None):
    return client.post(
        reverse("portal:password-reset-new"),
        {"new_password": first, "new_password_again": second if second is not None else first},
    )


def _sign_in(client, rid, password):
    return client.post(reverse("portal:sign-in"), {"username": rid, "password": password})


def test_a_forgotten_password_is_replaced_after_a_code_by_text_message(client, citizen):
    rid, _, _ = citizen
    assert _start(client, rid)["Location"] == reverse("portal:password-reset-code")
    assert _code(client, last_code(PHONE))["Location"] == reverse("portal:password-reset-new")
    assert _new(client, NEW_PASSWORD)["Location"] == reverse("portal:sign-in")
    assert _sign_in(client, rid, PASSWORD).status_code == 400
    assert _sign_in(client, rid, NEW_PASSWORD)["Location"] == reverse("portal:home")
    event = LedgerEvent.objects.get(kind="account.password_reset")
    assert rid not in event.body and PHONE not in event.body


def test_a_number_that_is_not_the_one_held_gets_the_same_answer_and_no_code(client, citizen):
    rid, _, _ = citizen
    response = _start(client, rid, phone="13700000000")
    assert response["Location"] == reverse("portal:password-reset-code")
    assert texts_to("13700000000") == 0 and texts_to(PHONE) == 0
    english(client)
    page = client.get(reverse("portal:password-reset-code")).content.decode()
    assert "call 12333" in page


def test_a_weak_or_mismatched_new_password_is_explained(client, citizen):
    rid, _, _ = citizen
    english(client)
    _start(client, rid)
    _code(client, last_code(PHONE))
    page = _new(client, "12345678").content.decode()
    assert "too common" in page or "entirely numeric" in page
    page = _new(client, NEW_PASSWORD, NEW_PASSWORD + "x").content.decode()
    assert "The two passwords are not the same" in page


def test_the_new_password_step_needs_a_confirmed_code(client, citizen):
    rid, _, _ = citizen
    _start(client, rid)
    response = client.get(reverse("portal:password-reset-new"))
    assert response["Location"] == reverse("portal:password-reset")


def test_setting_a_new_password_lifts_a_pause_from_wrong_passwords(client, citizen):
    rid, _, _ = citizen
    for _ in range(5):
        _sign_in(client, rid, "wrong-pass")
    assert _sign_in(client, rid, PASSWORD).status_code == 429
    _start(client, rid)
    _code(client, last_code(PHONE))
    _new(client, NEW_PASSWORD)
    assert AccessAttempt.objects.count() == 0
    assert _sign_in(client, rid, NEW_PASSWORD)["Location"] == reverse("portal:home")


def test_a_new_password_ends_other_signed_in_sessions(client, citizen, django_user_model):
    from django.test import Client

    rid, _, _ = citizen
    other = Client()
    _sign_in(other, rid, PASSWORD)
    assert other.get(reverse("portal:home")).status_code == 200
    _start(client, rid)
    _code(client, last_code(PHONE))
    _new(client, NEW_PASSWORD)
    assert other.get(reverse("portal:home")).status_code == 302


def test_a_mistyped_id_number_is_explained_before_anything_is_sent(client, citizen):
    rid, _, _ = citizen
    typo = rid[:-1] + ("1" if rid[-1] != "1" else "2")
    response = _start(client, typo)
    assert response.status_code == 400 and "校验位" in response.content.decode()
    assert texts_to(PHONE) == 0
