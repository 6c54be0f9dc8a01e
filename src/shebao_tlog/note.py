"""C2SP signed notes with Ed25519 keys (https://c2sp.org/signed-note, golang.org/x/mod/sumdb/note).

A signed note is UTF-8 text ending in a newline, a blank line, then signature lines
``— <key name> <base64(4-byte key ID || signature)>`` (U+2014 em dash, space). The
key ID is the first 4 bytes of SHA-256(key name || 0x0A || 0x01 || public key).

Key strings are those of golang.org/x/mod/sumdb/note:

* verifier key (public, "vkey"): ``<name>+<8 hex key ID>+<base64(0x01 || 32-byte public key)>``
* signer key (secret): ``PRIVATE+KEY+<name>+<8 hex key ID>+<base64(0x01 || 32-byte Ed25519 seed)>``

Verification follows the C2SP rules: signatures by unknown keys are ignored, a
signature by a known key must verify or the whole note is rejected, and at least
one known key must have signed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from hashlib import sha256

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)

from .encoding import b64decode_canonical, b64encode
from .errors import NoteError

ALG_ED25519 = 0x01
SIGNATURE_PREFIX = "\u2014 "  # em dash, space
#: Upper bound on signature lines, as in golang.org/x/mod/sumdb/note (C2SP asks for >= 16),
#: so a hostile note cannot make us verify forever.
MAX_SIGNATURES = 100
_PRIVATE_KEY_PREFIX = "PRIVATE+KEY+"
_KEY_ID_HEX = re.compile(r"[0-9a-f]{8}")
_FORBIDDEN_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f]")


def key_id(name: str, public_key: bytes, algorithm: int = ALG_ED25519) -> int:
    """Return the C2SP key ID: SHA-256(name || 0x0A || algorithm || public key)[:4], big-endian."""
    digest = sha256(name.encode("utf-8") + b"\n" + bytes([algorithm]) + public_key).digest()
    return int.from_bytes(digest[:4], "big")


def is_valid_key_name(name: str) -> bool:
    """Key names are non-empty, without Unicode spaces, ``+`` or control characters."""
    return (
        bool(name)
        and "+" not in name
        and not any(c.isspace() for c in name)
        and not _FORBIDDEN_CONTROL.search(name)
        and _encodable(name)
    )


@dataclass(frozen=True)
class Verifier:
    """A public Ed25519 note key: who signed (name, key ID) and how to check it."""

    name: str
    public_key: bytes
    key_id: int = field(init=False)

    def __post_init__(self) -> None:
        if not is_valid_key_name(self.name):
            raise NoteError(f"invalid key name {self.name!r}")
        if len(self.public_key) != 32:
            raise NoteError(f"Ed25519 public key is {len(self.public_key)} bytes, want 32")
        object.__setattr__(self, "key_id", key_id(self.name, self.public_key))

    @classmethod
    def from_vkey(cls, vkey: str) -> Verifier:
        """Parse a verifier key string ``<name>+<key ID hex>+<base64(0x01 || public key)>``."""
        name, hex_id, key = _split_key(vkey, "verifier key")
        if len(key) != 33 or key[0] != ALG_ED25519:
            raise NoteError("verifier key is not an Ed25519 key (0x01 || 32 bytes)")
        verifier = cls(name, key[1:])
        if f"{verifier.key_id:08x}" != hex_id:
            raise NoteError(f"verifier key ID {hex_id} does not match its name and public key")
        return verifier

    @property
    def vkey(self) -> str:
        """The verifier key string to publish."""
        return f"{self.name}+{self.key_id:08x}+{b64encode(bytes([ALG_ED25519]) + self.public_key)}"

    def verify(self, message: bytes, signature: bytes) -> bool:
        """True when ``signature`` is this key's Ed25519 signature of ``message``."""
        try:
            Ed25519PublicKey.from_public_bytes(self.public_key).verify(signature, message)
        except (InvalidSignature, ValueError):
            return False
        return True


class Signer:
    """A secret Ed25519 note key. Its ``repr`` never shows the key."""

    def __init__(self, name: str, private_key: Ed25519PrivateKey) -> None:
        public = private_key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        self.verifier = Verifier(name, public)
        self._private_key = private_key

    @classmethod
    def generate(cls, name: str) -> Signer:
        """Create a new random key named ``name`` (for a log: its origin)."""
        return cls(name, Ed25519PrivateKey.generate())

    @classmethod
    def from_skey(cls, skey: str) -> Signer:
        """Parse ``PRIVATE+KEY+<name>+<key ID hex>+<base64(0x01 || seed)>``."""
        if not skey.startswith(_PRIVATE_KEY_PREFIX):
            raise NoteError("signer key does not start with PRIVATE+KEY+")
        name, hex_id, key = _split_key(skey[len(_PRIVATE_KEY_PREFIX) :], "signer key")
        if len(key) != 33 or key[0] != ALG_ED25519:
            raise NoteError("signer key is not an Ed25519 key (0x01 || 32-byte seed)")
        signer = cls(name, Ed25519PrivateKey.from_private_bytes(key[1:]))
        if f"{signer.key_id:08x}" != hex_id:
            raise NoteError(f"signer key ID {hex_id} does not match its name and public key")
        return signer

    @property
    def name(self) -> str:
        return self.verifier.name

    @property
    def key_id(self) -> int:
        return self.verifier.key_id

    @property
    def skey(self) -> str:
        """The secret key string; store it like a password."""
        seed = self._private_key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
        return (
            f"{_PRIVATE_KEY_PREFIX}{self.name}+{self.key_id:08x}+"
            f"{b64encode(bytes([ALG_ED25519]) + seed)}"
        )

    def sign(self, message: bytes) -> bytes:
        """Return the raw 64-byte Ed25519 signature of ``message``."""
        return self._private_key.sign(message)

    def __repr__(self) -> str:
        return f"Signer(name={self.name!r}, key_id={self.key_id:08x})"


@dataclass(frozen=True)
class Signature:
    """One signature line of a note; ``signature`` excludes the 4-byte key ID."""

    name: str
    key_id: int
    signature: bytes

    def line(self) -> str:
        """The signature line, newline included."""
        blob = self.key_id.to_bytes(4, "big") + self.signature
        return f"{SIGNATURE_PREFIX}{self.name} {b64encode(blob)}\n"


@dataclass(frozen=True)
class Note:
    """An opened note: its text (final newline included) and its signatures."""

    text: str
    signatures: tuple[Signature, ...]
    unverified_signatures: tuple[Signature, ...] = ()


def sign_note(text: str, signers: Sequence[Signer]) -> str:
    """Return ``text`` signed by every signer, as a signed note.

    ``text`` must end with a newline and contain no control characters but newlines.
    """
    if not isinstance(text, str) or not text.endswith("\n"):
        raise NoteError("note text must be a string ending in a newline")
    if _FORBIDDEN_CONTROL.search(text) or not _encodable(text):
        raise NoteError("note text must be valid UTF-8 without control characters")
    if not signers:
        raise NoteError("a note needs at least one signer")
    message = text.encode("utf-8")
    lines, seen = [], set()
    for signer in signers:
        if (signer.name, signer.key_id) in seen:
            raise NoteError(f"duplicate signer {signer.name}+{signer.key_id:08x}")
        seen.add((signer.name, signer.key_id))
        lines.append(Signature(signer.name, signer.key_id, signer.sign(message)).line())
    return text + "\n" + "".join(lines)


def open_note(message: str | bytes, verifiers: Sequence[Verifier]) -> Note:
    """Parse a signed note and verify it against the trusted ``verifiers``.

    Returns the note when at least one trusted key signed it and every signature by a
    trusted key verifies; raises ``NoteError`` otherwise.
    """
    raw = _message_bytes(message)
    # The text ends at the *last* blank line: texts may contain blank lines, signature
    # blocks never do.
    split = raw.rfind(b"\n\n")
    if split < 0:
        raise NoteError("malformed note: no blank line before the signatures")
    text, block = raw[: split + 1], raw[split + 2 :]
    if not block or not block.endswith(b"\n"):
        raise NoteError("malformed note: signature block is empty or does not end in a newline")
    lines = block[:-1].decode("utf-8").split("\n")
    if len(lines) > MAX_SIGNATURES:
        raise NoteError(f"malformed note: more than {MAX_SIGNATURES} signatures")

    verified: dict[tuple[str, int], Signature] = {}
    unverified: dict[Signature, None] = {}  # ordered set: repeated lines are dropped
    for line in lines:
        signature = _parse_signature_line(line)
        candidates = {
            v.public_key: v
            for v in verifiers
            if v.name == signature.name and v.key_id == signature.key_id
        }
        if not candidates:
            unverified[signature] = None
            continue
        key = f"{signature.name}+{signature.key_id:08x}"
        if len(candidates) > 1:
            raise NoteError(f"ambiguous key {key}: several trusted keys share its name and ID")
        if (signature.name, signature.key_id) in verified:
            continue
        (verifier,) = candidates.values()
        if not verifier.verify(text, signature.signature):
            raise NoteError(f"invalid signature for key {key}")
        verified[(signature.name, signature.key_id)] = signature
    if not verified:
        raise NoteError("note has no valid signature from a trusted key")
    return Note(text.decode("utf-8"), tuple(verified.values()), tuple(unverified))


def _parse_signature_line(line: str) -> Signature:
    if not line.startswith(SIGNATURE_PREFIX):
        raise NoteError(f"malformed note: signature line does not start with an em dash: {line!r}")
    name, space, encoded = line[len(SIGNATURE_PREFIX) :].partition(" ")
    if not space or not is_valid_key_name(name):
        raise NoteError(f"malformed note: bad key name in signature line {line!r}")
    try:
        blob = b64decode_canonical(encoded)
    except ValueError:
        raise NoteError(f"malformed note: signature of {name} is not canonical base64") from None
    if len(blob) < 5:
        raise NoteError(f"malformed note: signature of {name} is too short")
    return Signature(name, int.from_bytes(blob[:4], "big"), blob[4:])


def _message_bytes(message: str | bytes) -> bytes:
    if isinstance(message, str):
        if not _encodable(message):
            raise NoteError("malformed note: not valid UTF-8")
        raw, text = message.encode("utf-8"), message
    elif isinstance(message, bytes | bytearray | memoryview):
        raw = bytes(message)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise NoteError("malformed note: not valid UTF-8") from None
    else:
        raise NoteError(f"note must be str or bytes, got {type(message).__name__}")
    if _FORBIDDEN_CONTROL.search(text):
        raise NoteError("malformed note: contains control characters other than newline")
    return raw


def _split_key(key: str, what: str) -> tuple[str, str, bytes]:
    """Split ``<name>+<hex id>+<base64>`` (the base64 part may itself contain ``+``)."""
    parts = key.split("+", 2)
    if len(parts) != 3:
        raise NoteError(f"{what} is not <name>+<key ID>+<key>")
    name, hex_id, encoded = parts
    if not is_valid_key_name(name):
        raise NoteError(f"{what} has an invalid key name {name!r}")
    if not _KEY_ID_HEX.fullmatch(hex_id):
        raise NoteError(f"{what} ID {hex_id!r} is not 8 lowercase hex digits")
    try:
        return name, hex_id, b64decode_canonical(encoded)
    except ValueError:
        raise NoteError(f"{what} key part is not canonical base64") from None


def _encodable(text: str) -> bool:
    # A str may hold lone surrogates, which have no UTF-8 encoding.
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
