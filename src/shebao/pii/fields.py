"""A model field that stores one personal value encrypted, with a blind-index column beside it.

`EncryptedTextField` holds the ciphertext; the model declares the companion index and masked
columns explicitly, and `protect()` fills all three at once, so no write path can forget one.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models

from .blind_index import blind_index
from .keyring import keyring


class EncryptedTextField(models.TextField):
    """Ciphertext of a personal value of one ``kind`` (bound in as associated data).

    Read it with `reveal()`; it is never decrypted implicitly.
    """

    description = "AES-GCM encrypted text"

    def __init__(self, *args, kind: str, **kwargs) -> None:
        self.kind = kind
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["kind"] = self.kind
        return name, path, args, kwargs


@dataclass(frozen=True)
class Protected:
    ciphertext: str
    index: str
    masked: str


def protect(kind: str, value: str, *, masked: str) -> Protected:
    """Encrypt ``value`` bound to ``kind`` and compute its blind index."""
    return Protected(
        ciphertext=keyring().encrypt(value, context=kind),
        index=blind_index(kind, value),
        masked=masked,
    )


def reveal(kind: str, ciphertext: str) -> str:
    """Decrypt a stored value. Callers that show it unmasked must record why (break-glass)."""
    return keyring().decrypt(ciphertext, context=kind)
