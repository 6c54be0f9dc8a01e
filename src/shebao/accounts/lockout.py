"""What django-axes records for a failed sign-in: an opaque key, never the typed ID number."""

from __future__ import annotations

from shebao.pii.blind_index import blind_index


def opaque_username(request, credentials: dict | None) -> str | None:
    typed = (credentials or {}).get("username") or request.POST.get("username", "")
    return blind_index("signin", typed)[:32] if typed else None
