"""AES-256-GCM encryption of personal data with a key ring, so keys can be rotated.

Ciphertext format (ASCII, fits a text column): ``v1.<kid>.<base64url(nonce || ciphertext+tag)>``.
The key id travels with the value, so rows written under an old key stay readable after a new
key becomes active; `shebao pii rotate` re-encrypts them under the active key.
The field name is bound in as associated data: a value copied into another column fails to decrypt.
"""

from __future__ import annotations

import base64
import os
from dataclasses import dataclass
from functools import lru_cache

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

PREFIX = "v1"


class KeyringError(ValueError):
    """The key configuration is unusable, or a value cannot be decrypted."""


@dataclass(frozen=True)
class Keyring:
    active_kid: str
    keys: dict[str, bytes]

    @classmethod
    def parse(cls, spec: str) -> Keyring:
        """Parse ``kid:base64key[,kid:base64key...]``; the first key encrypts new values."""
        keys: dict[str, bytes] = {}
        order: list[str] = []
        for part in spec.split(","):
            part = part.strip()
            if not part:
                continue
            kid, sep, b64 = part.partition(":")
            if not sep or not kid.isalnum():
                raise KeyringError(
                    "each data key must look like 'kid:base64key' with an alphanumeric kid"
                )
            try:
                key = base64.b64decode(b64, validate=True)
            except ValueError as exc:
                raise KeyringError(f"data key {kid!r} is not valid base64") from exc
            if len(key) != 32:
                raise KeyringError(f"data key {kid!r} must be 32 bytes (AES-256)")
            keys[kid] = key
            order.append(kid)
        if not order:
            raise KeyringError("no data key configured")
        return cls(active_kid=order[0], keys=keys)

    def encrypt(self, plaintext: str, *, context: str) -> str:
        nonce = os.urandom(12)
        sealed = AESGCM(self.keys[self.active_kid]).encrypt(
            nonce, plaintext.encode("utf-8"), context.encode("utf-8")
        )
        blob = base64.urlsafe_b64encode(nonce + sealed).decode("ascii").rstrip("=")
        return f"{PREFIX}.{self.active_kid}.{blob}"

    def decrypt(self, token: str, *, context: str) -> str:
        try:
            prefix, kid, blob = token.split(".", 2)
        except ValueError as exc:
            raise KeyringError("not an encrypted value") from exc
        if prefix != PREFIX or kid not in self.keys:
            raise KeyringError(f"no key {kid!r} to decrypt this value")
        raw = base64.urlsafe_b64decode(blob + "=" * (-len(blob) % 4))
        try:
            plain = AESGCM(self.keys[kid]).decrypt(raw[:12], raw[12:], context.encode("utf-8"))
        except Exception as exc:  # cryptography raises InvalidTag without detail
            raise KeyringError("value failed authentication (wrong key or altered data)") from exc
        return plain.decode("utf-8")

    def needs_rotation(self, token: str) -> bool:
        return token.split(".", 2)[1] != self.active_kid


def generate_key_spec(kid: str = "k1") -> str:
    return f"{kid}:{base64.b64encode(AESGCM.generate_key(bit_length=256)).decode('ascii')}"


@lru_cache(maxsize=4)
def _keyring_for(spec: str) -> Keyring:
    return Keyring.parse(spec)


def keyring() -> Keyring:
    from django.conf import settings

    return _keyring_for(settings.SHEBAO_DATA_KEYS)
