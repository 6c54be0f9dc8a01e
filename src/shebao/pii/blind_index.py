"""Keyed blind indexes: find a person by ID number or phone without storing either in clear.

HMAC-SHA256 under SHEBAO_INDEX_KEY, with the kind of value bound in, over the normalised value.
The same function gives opaque lookup keys for lockout records and search queries.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from functools import lru_cache


@lru_cache(maxsize=4)
def _key(spec: str) -> bytes:
    key = base64.b64decode(spec, validate=True)
    if len(key) < 32:
        raise ValueError("SHEBAO_INDEX_KEY must be at least 32 bytes, base64-encoded")
    return key


def blind_index(kind: str, value: str) -> str:
    """Hex HMAC of ``value`` (normalised: stripped, upper-case) for the value kind ``kind``."""
    from django.conf import settings

    normalised = value.strip().upper()
    mac = hmac.new(
        _key(settings.SHEBAO_INDEX_KEY), f"{kind}\x1f{normalised}".encode(), hashlib.sha256
    )
    return mac.hexdigest()
