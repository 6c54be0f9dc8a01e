"""Helpers for the sign-in and second-factor tests (plain functions, not fixtures)."""

from __future__ import annotations

import re

from shebao.accounts.services import citizen_account_create
from shebao.messaging.models import SmsMessage
from shebao.pii.fields import reveal

from .factories import person as make_person
from .factories import resident_id

PASSWORD = "Shebao@2026"


def make_citizen(office, *, phone: str, name: str = "李建国"):
    """A person with a sign-in account; returns (ID number, person, user)."""
    rid = resident_id(region="132321", birth="19670515")
    person = make_person(office, resident_id=rid, name=name, phone=phone)
    user = citizen_account_create(person=person, resident_id=rid, password=PASSWORD)
    return rid, person, user


def english(client) -> None:
    """Pages in English (Chinese is the default), so assertions read the msgids."""
    client.cookies["django_language"] = "en"


def last_text(phone: str | None = None) -> str:
    """The newest text message in the outbox, decrypted (what the phone would show)."""
    rows = SmsMessage.objects.order_by("-id")
    if phone is not None:
        from shebao.pii.blind_index import blind_index

        rows = rows.filter(phone_bidx=blind_index("mobile", phone))
    return reveal("sms_body", rows.first().body_enc)


def last_code(phone: str | None = None) -> str:
    return re.search(r"(?<!\d)(\d{6})(?!\d)", last_text(phone)).group(1)


def age_codes(seconds: int = 61) -> None:
    """Make every code older, as if the person had waited (the one-a-minute rule)."""
    import datetime as dt

    from shebao.accounts.models import OneTimeCode

    for row in OneTimeCode.objects.all():
        row.created_at -= dt.timedelta(seconds=seconds)
        row.save(update_fields=["created_at"])


def texts_to(phone: str) -> int:
    from shebao.pii.blind_index import blind_index

    return SmsMessage.objects.filter(phone_bidx=blind_index("mobile", phone)).count()


class SoftAuthenticator:
    """A passkey authenticator in software (ES256, "none" attestation), so the server's checks can
    be tested without a browser: what a phone would answer to the options it is given."""

    def __init__(self, *, origin: str = "http://testserver", rp_id: str = "testserver") -> None:
        import os

        from cryptography.hazmat.primitives.asymmetric import ec

        self.origin, self.rp_id = origin, rp_id
        self.key = ec.generate_private_key(ec.SECP256R1())
        self.credential_id = os.urandom(16)
        self.sign_count = 0
        self.user_handle = b""

    @staticmethod
    def _b64(data: bytes) -> str:
        from webauthn.helpers import bytes_to_base64url

        return bytes_to_base64url(data)

    def _client_data(self, kind: str, challenge: str) -> bytes:
        import json

        return json.dumps(
            {"type": kind, "challenge": challenge, "origin": self.origin, "crossOrigin": False}
        ).encode()

    def _auth_data(self, flags: int, extra: bytes = b"") -> bytes:
        import hashlib

        rp_hash = hashlib.sha256(self.rp_id.encode()).digest()
        return rp_hash + bytes([flags]) + self.sign_count.to_bytes(4, "big") + extra

    def create(self, options: dict) -> dict:
        from webauthn.helpers import base64url_to_bytes
        from webauthn.helpers.encode_cbor import encode_cbor

        self.user_handle = base64url_to_bytes(options["user"]["id"])
        numbers = self.key.public_key().public_numbers()
        cose = encode_cbor(
            {
                1: 2,
                3: -7,
                -1: 1,
                -2: numbers.x.to_bytes(32, "big"),
                -3: numbers.y.to_bytes(32, "big"),
            }
        )
        attested = bytes(16) + len(self.credential_id).to_bytes(2, "big") + self.credential_id
        auth_data = self._auth_data(0x01 | 0x04 | 0x40, attested + cose)
        attestation = encode_cbor({"fmt": "none", "attStmt": {}, "authData": auth_data})
        client_data = self._client_data("webauthn.create", options["challenge"])
        return {
            "id": self._b64(self.credential_id),
            "rawId": self._b64(self.credential_id),
            "type": "public-key",
            "response": {
                "clientDataJSON": self._b64(client_data),
                "attestationObject": self._b64(attestation),
                "transports": ["internal"],
            },
            "clientExtensionResults": {},
        }

    def get(self, options: dict, *, count_up: bool = True) -> dict:
        import hashlib

        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.asymmetric import ec

        if count_up:
            self.sign_count += 1
        auth_data = self._auth_data(0x01 | 0x04)
        client_data = self._client_data("webauthn.get", options["challenge"])
        signature = self.key.sign(
            auth_data + hashlib.sha256(client_data).digest(), ec.ECDSA(hashes.SHA256())
        )
        return {
            "id": self._b64(self.credential_id),
            "rawId": self._b64(self.credential_id),
            "type": "public-key",
            "response": {
                "clientDataJSON": self._b64(client_data),
                "authenticatorData": self._b64(auth_data),
                "signature": self._b64(signature),
                "userHandle": self._b64(self.user_handle),
            },
            "clientExtensionResults": {},
        }
