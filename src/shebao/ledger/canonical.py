"""Canonical JSON for ledger entries: sorted keys, no spaces, UTF-8, no floats.

For the values we write (strings, integers, booleans, null, lists, objects) this is the JSON
Canonicalization Scheme of RFC 8785, so a partner re-serialising an entry gets the same bytes.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any


def _plain(value: Any) -> Any:
    if isinstance(value, float):
        raise TypeError("ledger entries carry no floats; pass Decimal or str")
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def dumps(value: dict[str, Any]) -> str:
    return json.dumps(_plain(value), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
