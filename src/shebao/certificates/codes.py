"""Verification codes (验证码) of certificates: unguessable, easy to read aloud and to type.

A code is 15 random characters and one check character from a 31-character alphabet without
look-alikes (no 0/O, 1/I/L): about 74 bits, so guessing a valid code online is hopeless. It
is shown in groups of four (``7KQM-3XWD-HT9P-AF2C``); typing accepts lower case, spaces,
hyphens and full-width characters from a Chinese input method.

The check character makes ``sum(value * 3**position) ≡ 0 (mod 31)``. 31 is prime and 3 is a
primitive root modulo 31, so all 16 position weights differ: every single wrong character and
every swap of two characters is caught before any lookup, and a typo is told apart from an
unknown code.
"""

from __future__ import annotations

import secrets
import unicodedata

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
LENGTH = 16
_MODULUS = len(ALPHABET)  # 31, prime
_BASE = 3  # a primitive root modulo 31
_VALUE = {c: i for i, c in enumerate(ALPHABET)}
_SEPARATORS = " -_.\u00a0\u3000"


class CodeError(ValueError):
    """A typed code cannot be a certificate's code; ``reason`` says why in a stable word."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason  # "empty" | "length" | "character" | "check"
        self.detail = detail


def _weighted_sum(code: str) -> int:
    # Weight 3**(distance from the end): the check character, last, has weight 1.
    n = len(code)
    return sum(_VALUE[c] * pow(_BASE, n - 1 - i, _MODULUS) for i, c in enumerate(code))


def check_character(body: str) -> str:
    """The character that completes ``body`` (15 characters) into a valid code."""
    total = _weighted_sum(body + ALPHABET[0])
    return ALPHABET[(-total) % _MODULUS]


def new_code() -> str:
    """A fresh random code from the operating system's CSPRNG."""
    body = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH - 1))
    return body + check_character(body)


def normalise(text: str) -> str:
    """Upper case, without separators; full-width characters become their ASCII forms."""
    text = unicodedata.normalize("NFKC", text or "")
    return "".join(c for c in text if c not in _SEPARATORS).upper()


def parse(text: str) -> str:
    """The canonical code for what was typed or scanned, or `CodeError` saying what is wrong."""
    code = normalise(text)
    if not code:
        raise CodeError("empty")
    wrong = [c for c in code if c not in _VALUE]
    if wrong:
        raise CodeError("character", wrong[0])
    if len(code) != LENGTH:
        raise CodeError("length", str(len(code)))
    if _weighted_sum(code) % _MODULUS:
        raise CodeError("check")
    return code


def display(code: str) -> str:
    """``7KQM3XWDHT9PAF2C`` → ``7KQM-3XWD-HT9P-AF2C``: groups of four to read and compare."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))
