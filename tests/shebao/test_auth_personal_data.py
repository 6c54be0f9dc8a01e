"""After every way of signing in and confirming, no table, session, log or address holds a phone
number or ID number in clear: not the SMS outbox, the codes, the user table, the lockout records
nor the ledger."""

import logging

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.urls import reverse

from shebao.accounts.models import OneTimeCode, Passkey, User
from shebao.ledger.models import LedgerEvent
from shebao.messaging.models import SmsMessage

from .auth_helpers import PASSWORD, age_codes, last_code, make_citizen

pytestmark = pytest.mark.django_db
PHONE = "13912345678"
NEW_PHONE = "13698765432"


def _everything(client, rid):
    """Sign in by code (with wrong tries up to the pause), reset the password, change the phone."""
    visited = []

    def post(name, data):
        response = client.post(reverse(name), data)
        visited.append(response.get("Location", ""))
        visited.append(response.wsgi_request.get_full_path())
        return response

    post("portal:sign-in-sms", {"phone": PHONE})
    for _ in range(5):
        post("portal:sign-in-sms-code", {"code": "000000" if last_code(PHONE) != "000000" else "1"})
    post("portal:password-reset", {"resident_id": rid, "phone": PHONE})
    post("portal:password-reset-code", {"code": last_code(PHONE)})
    post("portal:password-reset-new", {"new_password": "Lao-Wang-1948!", "new_password_again": "x"})
    post(
        "portal:password-reset-new",
        {"new_password": "Lao-Wang-1948!", "new_password_again": "Lao-Wang-1948!"},
    )
    for _ in range(5):
        post("portal:sign-in", {"username": rid, "password": "wrong-pass"})
    age_codes()
    post("portal:password-reset", {"resident_id": rid, "phone": PHONE})
    post("portal:password-reset-code", {"code": last_code(PHONE)})
    post(
        "portal:password-reset-new",
        {"new_password": PASSWORD + "!", "new_password_again": PASSWORD + "!"},
    )
    post("portal:sign-in", {"username": rid, "password": PASSWORD + "!"})
    post("portal:step-up", {"send": "1"})
    post("portal:step-up", {"code": last_code(PHONE)})
    post("portal:my-details-phone", {"new_phone": NEW_PHONE})
    post("portal:my-details-phone-code", {"code": last_code(NEW_PHONE)})
    return visited


def test_no_table_session_log_or_address_holds_a_phone_or_id_number_in_clear(
    client, office, caplog
):
    rid, _, _ = make_citizen(office, phone=PHONE)
    caplog.set_level(logging.DEBUG)
    visited = _everything(client, rid)
    secrets = [PHONE, NEW_PHONE, rid]
    # The flow really went everywhere: codes sent, a pause recorded, sign-ins logged, the
    # number changed.
    from shebao.pii.blind_index import blind_index
    from shebao.registry.models import Person

    assert SmsMessage.objects.count() >= 5 and AccessAttempt.objects.exists()
    assert AccessLog.objects.exists()
    assert Person.objects.get().phone_bidx == blind_index("mobile", NEW_PHONE)
    tables = {
        "sms outbox": SmsMessage,
        "one-time codes": OneTimeCode,
        "passkeys": Passkey,
        "users": User,
        "lockouts": AccessAttempt,
        "access log": AccessLog,
        "failure log": AccessFailureLog,
        "ledger": LedgerEvent,
    }
    for name, model in tables.items():
        dump = str(list(model.objects.values()))
        for secret in secrets:
            assert secret not in dump, f"{name} holds {secret}"
    for session in Session.objects.all():
        data = str(SessionStore().decode(session.session_data))
        assert not any(secret in data for secret in secrets)
    assert not any(secret in url for url in visited for secret in secrets)
    assert not any(secret in caplog.text for secret in secrets)


def test_the_outbox_keeps_the_number_and_text_encrypted_and_the_number_masked(client, office):
    make_citizen(office, phone=PHONE)
    client.post(reverse("portal:sign-in-sms"), {"phone": PHONE})
    message = SmsMessage.objects.get()
    assert message.phone_masked == "139****5678"
    assert message.phone_enc.startswith("v1.") and message.body_enc.startswith("v1.")
    assert last_code(PHONE) not in message.body_enc
