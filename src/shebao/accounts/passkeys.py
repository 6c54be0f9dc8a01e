"""WebAuthn (passkeys) through py_webauthn: the ceremony options and their verification.

The relying party id is the host name the person uses (``localhost`` in the demo, which browsers
accept without HTTPS); ``SHEBAO_PASSKEY_RP_ID`` may pin it in production. The user handle given
to the authenticator is a keyed hash of the account id: stable, and meaningless to anyone else.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from django.conf import settings
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from webauthn import (
    generate_authentication_options,
    generate_registration_options,
    options_to_json,
    verify_authentication_response,
    verify_registration_response,
)
from webauthn.helpers import base64url_to_bytes, bytes_to_base64url
from webauthn.helpers.exceptions import WebAuthnException
from webauthn.helpers.structs import (
    AuthenticatorSelectionCriteria,
    AuthenticatorTransport,
    PublicKeyCredentialDescriptor,
    ResidentKeyRequirement,
    UserVerificationRequirement,
)

TIMEOUT_MS = 120_000  # older people need time to find the fingerprint sensor


class PasskeyRejected(Exception):
    """The passkey answer could not be checked; the message says what to do."""

    def __init__(self, message: str | None = None) -> None:
        super().__init__(
            message
            or _(
                "Your fingerprint or face could not be checked. Please try again, or sign in "
                "another way."
            )
        )

    @property
    def message(self) -> str:
        return str(self.args[0])


@dataclass(frozen=True)
class Ceremony:
    """Options to hand to the browser (JSON) and the challenge to keep in the session."""

    options_json: str
    challenge: str  # base64url


def rp_id_for(host: str) -> str:
    configured = getattr(settings, "SHEBAO_PASSKEY_RP_ID", "") or ""
    if configured:
        return configured
    # get_host() is validated against ALLOWED_HOSTS; drop the port.
    if host.startswith("["):
        return host.split("]")[0] + "]"
    return host.rsplit(":", 1)[0] if ":" in host else host


def user_handle(user_id: int) -> bytes:
    return salted_hmac("shebao.accounts.passkey-user-handle", str(user_id)).digest()


def registration_ceremony(
    *, user_id: int, user_name: str, display_name: str, rp_id: str, existing: list[str]
) -> Ceremony:
    options = generate_registration_options(
        rp_id=rp_id,
        rp_name=str(_("Social Insurance Online")),
        user_id=user_handle(user_id),
        user_name=user_name,
        user_display_name=display_name,
        timeout=TIMEOUT_MS,
        # Discoverable, so signing in needs no typing at all; verified, so it is a second factor.
        authenticator_selection=AuthenticatorSelectionCriteria(
            resident_key=ResidentKeyRequirement.REQUIRED,
            user_verification=UserVerificationRequirement.REQUIRED,
        ),
        exclude_credentials=[
            PublicKeyCredentialDescriptor(id=base64url_to_bytes(c)) for c in existing
        ],
    )
    return Ceremony(options_to_json(options), bytes_to_base64url(options.challenge))


def authentication_ceremony(*, rp_id: str, allowed: list[str] | None = None) -> Ceremony:
    options = generate_authentication_options(
        rp_id=rp_id,
        timeout=TIMEOUT_MS,
        allow_credentials=[
            PublicKeyCredentialDescriptor(id=base64url_to_bytes(c)) for c in (allowed or [])
        ],
        user_verification=UserVerificationRequirement.REQUIRED,
    )
    return Ceremony(options_to_json(options), bytes_to_base64url(options.challenge))


@dataclass(frozen=True)
class NewCredential:
    credential_id: str
    public_key: bytes
    sign_count: int
    transports: str
    backed_up: bool


def verify_new(*, credential: dict, challenge: str, rp_id: str, origin: str) -> NewCredential:
    try:
        verified = verify_registration_response(
            credential=credential,
            expected_challenge=base64url_to_bytes(challenge),
            expected_rp_id=rp_id,
            expected_origin=origin,
            require_user_verification=True,
        )
    except (WebAuthnException, ValueError, KeyError, TypeError) as exc:
        raise PasskeyRejected() from exc
    transports = (credential.get("response") or {}).get("transports") or []
    known = {t.value for t in AuthenticatorTransport}
    return NewCredential(
        credential_id=bytes_to_base64url(verified.credential_id),
        public_key=verified.credential_public_key,
        sign_count=verified.sign_count,
        transports=",".join(t for t in transports if t in known),
        backed_up=verified.credential_backed_up,
    )


def credential_id_of(credential: dict) -> str:
    raw = credential.get("rawId") or credential.get("id") or ""
    if not isinstance(raw, str) or not raw:
        raise PasskeyRejected()
    return raw


def user_handle_of(credential: dict) -> bytes | None:
    handle = (credential.get("response") or {}).get("userHandle")
    return base64url_to_bytes(handle) if handle else None


def verify_use(
    *,
    credential: dict,
    challenge: str,
    rp_id: str,
    origin: str,
    public_key: bytes,
    sign_count: int,
) -> int:
    """Check a passkey's signature; returns its new sign count."""
    try:
        verified = verify_authentication_response(
            credential=credential,
            expected_challenge=base64url_to_bytes(challenge),
            expected_rp_id=rp_id,
            expected_origin=origin,
            credential_public_key=public_key,
            credential_current_sign_count=sign_count,
            require_user_verification=True,
        )
    except (WebAuthnException, ValueError, KeyError, TypeError) as exc:
        raise PasskeyRejected() from exc
    return verified.new_sign_count


def parse(body: bytes | str) -> dict:
    try:
        data = json.loads(body)
    except (ValueError, TypeError) as exc:
        raise PasskeyRejected() from exc
    if not isinstance(data, dict):
        raise PasskeyRejected()
    return data
