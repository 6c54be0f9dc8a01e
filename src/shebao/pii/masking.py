"""How personal identifiers are shown on screen: only enough to recognise one's own."""

from __future__ import annotations


def mask_resident_id(value: str) -> str:
    """``132321196705150014`` → ``1323**********0014`` (first 4 and last 4 kept)."""
    value = value.strip()
    if len(value) <= 8:
        return "*" * len(value)
    return value[:4] + "*" * (len(value) - 8) + value[-4:]


def mask_phone(value: str) -> str:
    """``13812345678`` → ``138****5678``."""
    value = value.strip()
    if len(value) < 7:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 7) + value[-4:]


def mask_bank_account(value: str) -> str:
    """Only the last four digits: ``**** 1234``."""
    digits = value.replace(" ", "")
    return "**** " + digits[-4:] if len(digits) > 4 else "*" * len(digits)


def mask_name(value: str) -> str:
    """``李建国`` → ``李**``; used where a stranger sees a record (certificate verification)."""
    return value[:1] + "*" * (len(value) - 1) if value else value


def mask_address(value: str) -> str:
    """A mailing address: the first six characters (province and city), the rest hidden:
    ``河北省辛集市教育路8号`` → ``河北省辛集市****``."""
    value = value.strip()
    return value[:6] + "****" if len(value) > 6 else "*" * len(value)
