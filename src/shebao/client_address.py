"""The client's network address, one rule for every part that keys on it: the sign-in lockouts
(django-axes, through ``AXES_CLIENT_IP_CALLABLE``), the rate limits (`shebao.ops.ratelimit`) and
security monitoring (`shebao.security`). Were they to disagree behind a reverse proxy, guessing
could be counted under one address and blocked under another.

Directly exposed (``SHEBAO_TRUSTED_PROXIES = 0``, the default) the address is ``REMOTE_ADDR``:
``X-Forwarded-For`` is then whatever the client wrote and is ignored. Behind N reverse proxies
that each append the address they saw to ``X-Forwarded-For`` (nginx's
``$proxy_add_x_forwarded_for``), set ``SHEBAO_TRUSTED_PROXIES = N``: the client is the N-th
entry from the right, the one the outermost trusted proxy wrote; entries further left came from
the client and are not believed. A header shorter than that, or an entry that is not an address,
falls back to ``REMOTE_ADDR``. The address is only ever used hashed or as a cache key hash.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The address the request came from, as this deployment's proxies report it ("" if none)."""
    remote = request.META.get("REMOTE_ADDR", "") or ""
    proxies = int(getattr(settings, "SHEBAO_TRUSTED_PROXIES", 0) or 0)
    if proxies <= 0:
        return remote
    forwarded = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    if len(forwarded) < proxies:
        return remote
    candidate = forwarded[-proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
