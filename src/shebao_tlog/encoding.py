"""Strict text encodings shared by notes, checkpoints and the CLI.

Signed formats must have exactly one spelling per value: a decoder that accepted
several base64 or hex spellings of the same bytes would let a changed byte in a
signed note or key string still verify.
"""

from __future__ import annotations

import base64
import binascii
import re

_HEX = re.compile(r"(?:[0-9a-fA-F]{2})*")


def b64encode(data: bytes) -> str:
    """Standard base64 (RFC 4648 §4) with padding."""
    return base64.b64encode(data).decode("ascii")


def b64decode_canonical(text: str) -> bytes:
    """Decode padded standard base64, only in its canonical spelling; ``ValueError`` otherwise."""
    try:
        data = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise ValueError(f"not valid base64: {exc}") from None
    # b64decode tolerates non-zero padding bits, i.e. several spellings per value.
    if b64encode(data) != text:
        raise ValueError("not canonical base64")
    return data


def hex_decode(text: str) -> bytes:
    """Decode hex digits (either case, even length, nothing else); ``ValueError`` otherwise."""
    # bytes.fromhex also skips whitespace, which would hide a pasted-in line break.
    if not _HEX.fullmatch(text):
        raise ValueError("not an even number of hex digits")
    return bytes.fromhex(text)
