"""Opaque keys for what monitoring counts: never an address, a username or an ID number."""

from __future__ import annotations

from shebao.pii.blind_index import blind_index


def address_key(address: str) -> str:
    """The keyed hash a client address is kept as (never the address itself)."""
    return blind_index("ip", address) if address else ""


def username_key(typed: str) -> str:
    """The opaque key of a typed username or ID number (as the lockout records have it)."""
    return blind_index("signin", typed)[:32] if typed else ""
