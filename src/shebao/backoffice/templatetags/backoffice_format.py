"""Template filters of the back office."""

from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def flatten(data, prefix: str = "") -> list[tuple[str, str]]:
    """A nested JSON value as (path, text) rows for a two-column table."""
    rows: list[tuple[str, str]] = []
    if isinstance(data, dict):
        for key, value in data.items():
            if str(key).endswith("_enc"):
                continue  # ciphertext: the masked copy beside it is what staff read
            rows += flatten(value, f"{prefix}{key}.")
    elif isinstance(data, list) and any(isinstance(v, dict | list) for v in data):
        for i, value in enumerate(data):
            rows += flatten(value, f"{prefix}{i + 1}.")
    else:
        text = ", ".join(map(str, data)) if isinstance(data, list) else str(data)
        rows.append((prefix.rstrip("."), text))
    return rows
