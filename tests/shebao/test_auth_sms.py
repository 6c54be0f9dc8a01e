"""Signing in with a mobile number and a code sent by text message."""

import datetime as dt

import pytest
from axes.models import AccessAttempt
from django.urls import reverse
from django.utils import timezone

from shebao.accounts.models import OneTimeCode
from shebao.ledger.models import LedgerEvent

from .auth_helpers import english, last_code, make_citizen, texts_to

pytestmark = pytest.mark.django_db
PHONE = "13912345678"


@pytest.fixture
def citizen(office):
    return make_citizen(office, phone=PHONE)


def _ask_for_code(client, phone=PHONE):
    return client.post(reverse("portal:sign-in-sms"), {"phone": phone})


def _type_code(client, code):
    return client.post(reverse("portal:sign-in-sms-code"), {"code": code})


def test_a_code_from_the_text_message_signs_the_person_in(
    client, citizen, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _ask_for_code(client)
    assert response["Location"] == reverse("portal:sign-in-sms-code")
    response = _type_code(client, last_code(PHONE))
    assert response.status_code == 302 and response["Location"] == reverse("portal:home")
    assert client.get(reverse("portal:home")).context["person"] == citizen[1]


def test_the_code_page_shows_the_number_masked_and_the_code_field_suits_phones(client, citizen):
    english(client)
    _ask_for_code(client)
    page = client.get(reverse("portal:sign-in-sms-code")).content.decode()
    assert "139****5678" in page and PHONE not in page
    assert 'autocomplete="one-time-code"' in page and 'inputmode="numeric"' in page
    assert "You can ask for a new code in" in page


def test_no_address_in_the_flow_carries_the_number(client, citizen):
    response = _ask_for_code(client)
    assert PHONE not in response["Location"]
    assert PHONE not in str(client.session.items())


def test_a_wrong_code_says_how_many_tries_are_left_and_keeps_what_was_typed(client, citizen):
    english(client)
    _ask_for_code(client)
    wrong = "000000" if last_code(PHONE) != "000000" else "111111"
    response = _type_code(client, wrong)
    page = response.content.decode()
    assert response.status_code == 400
    assert "That code is not right" in page and "4 more times" in page
    assert f'value="{wrong}"' in page


def test_a_code_with_spaces_or_full_width_digits_is_understood(client, citizen):
    _ask_for_code(client)
    code = last_code(PHONE)
    spaced = code[:3] + " " + "".join(chr(0xFF10 + int(c)) for c in code[3:])
    assert _type_code(client, spaced)["Location"] == reverse("portal:home")


def test_a_code_of_the_wrong_length_is_explained_without_counting_as_a_guess(client, citizen):
    english(client)
    _ask_for_code(client)
    page = _type_code(client, "1234").content.decode()
    assert "The code has 6 digits; you typed 4." in page
    assert OneTimeCode.objects.get().attempts == 0


def test_a_code_older_than_five_minutes_no_longer_works(client, citizen):
    english(client)
    _ask_for_code(client)
    code = last_code(PHONE)
    OneTimeCode.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    response = _type_code(client, code)
    assert response.status_code == 400
    assert "codes work for 5 minutes" in response.content.decode()
    assert not response.wsgi_request.user.is_authenticated


def test_a_new_code_replaces_the_old_one(client, citizen):
    english(client)
    _ask_for_code(client)
    first = last_code(PHONE)
    OneTimeCode.objects.update(created_at=timezone.now() - dt.timedelta(seconds=61))
    response = client.post(reverse("portal:sign-in-sms-code"), {"resend": "1"})
    assert response.status_code == 302
    second = last_code(PHONE)
    if first != second:
        assert "That code is not right" in _type_code(client, first).content.decode()
    assert _type_code(client, second)["Location"] == reverse("portal:home")


def test_only_one_code_a_minute_is_sent_and_the_wait_is_stated(client, citizen):
    english(client)
    _ask_for_code(client)
    response = client.post(reverse("portal:sign-in-sms-code"), {"resend": "1"})
    page = response.content.decode()
    assert response.status_code == 429
    assert "Please wait" in page and "seconds, then ask for a new one" in page
    assert texts_to(PHONE) == 1


def test_at_most_ten_codes_a_day_go_to_one_number(client, citizen):
    english(client)
    for _ in range(10):
        assert _ask_for_code(client).status_code == 302
        OneTimeCode.objects.update(created_at=timezone.now() - dt.timedelta(seconds=61))
    response = _ask_for_code(client)
    assert response.status_code == 429
    assert "try again tomorrow" in response.content.decode()
    assert f'value="{PHONE}"' in response.content.decode()  # nothing to retype tomorrow
    assert texts_to(PHONE) == 10


def test_five_wrong_codes_pause_sign_in_with_a_message_saying_what_to_do(client, citizen):
    english(client)
    _ask_for_code(client)
    right = last_code(PHONE)
    wrong = "000000" if right != "000000" else "111111"
    for _ in range(5):
        response = _type_code(client, wrong)
    assert response.status_code == 429
    assert "15 minutes" in response.content.decode() and "12333" in response.content.decode()
    # A new code does not lift the pause.
    OneTimeCode.objects.update(created_at=timezone.now() - dt.timedelta(seconds=61))
    client.post(reverse("portal:sign-in-sms-code"), {"resend": "1"})
    assert _type_code(client, last_code(PHONE)).status_code == 429
    attempt = AccessAttempt.objects.get()
    assert PHONE not in attempt.username and PHONE not in attempt.post_data


def test_an_unknown_number_gets_the_same_answer_and_no_message(client, citizen):
    response = _ask_for_code(client, "13700000000")
    assert response.status_code == 302
    assert texts_to("13700000000") == 0
    assert _type_code(client, "123456").status_code == 400


def test_family_members_sharing_a_phone_choose_whose_account(client, office):
    english(client)
    make_citizen(office, phone=PHONE, name="王秀兰")
    _, daughter, _ = make_citizen(office, phone=PHONE, name="孙丽")
    _ask_for_code(client)
    response = _type_code(client, last_code(PHONE))
    assert response["Location"] == reverse("portal:sign-in-sms-choose")
    page = client.get(response["Location"]).content.decode()
    assert "王秀兰" in page and "孙丽" in page
    choice = client.get(reverse("portal:sign-in-sms-choose")).context["form"]
    user_id = next(v for v, label in choice.fields["account"].choices if "孙丽" in label)
    response = client.post(reverse("portal:sign-in-sms-choose"), {"account": user_id})
    assert response["Location"] == reverse("portal:home")
    assert client.get(reverse("portal:home")).context["person"] == daughter


def test_sending_and_confirming_a_code_are_in_the_ledger_without_the_number(client, citizen):
    _ask_for_code(client)
    _type_code(client, last_code(PHONE))
    events = LedgerEvent.objects.filter(kind__startswith="account.code_")
    assert sorted(e.kind for e in events) == ["account.code_confirmed", "account.code_sent"]
    assert all(PHONE not in e.body and "5678" not in e.body for e in events)


def test_the_code_page_without_a_code_sends_people_to_step_one(client):
    response = client.get(reverse("portal:sign-in-sms-code"))
    assert response.status_code == 302 and response["Location"] == reverse("portal:sign-in-sms")


def test_a_mistyped_number_is_explained_and_kept(client, citizen):
    english(client)
    response = _ask_for_code(client, "1391234567")
    page = response.content.decode()
    assert response.status_code == 400
    assert "11 digits" in page and 'value="1391234567"' in page


def test_the_right_code_forgets_earlier_wrong_tries(client, citizen):
    _ask_for_code(client)
    wrong = "000000" if last_code(PHONE) != "000000" else "111111"
    for _ in range(4):
        _type_code(client, wrong)
    assert AccessAttempt.objects.get().failures_since_start == 4
    _type_code(client, last_code(PHONE))
    assert not AccessAttempt.objects.exists()


def test_codes_from_before_yesterday_are_purged(citizen):
    from shebao.accounts.services import one_time_codes_purge, sign_in_code_send

    sign_in_code_send(phone=PHONE, now=timezone.now() - dt.timedelta(days=3))
    sign_in_code_send(phone=PHONE)
    assert one_time_codes_purge() == 1 and OneTimeCode.objects.count() == 1
