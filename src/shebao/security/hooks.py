"""Receivers of Django's sign-in signals, passing what happened to the monitoring services.

A signal here only reports an observation: the decisions are the rules' and the writes the
services' (`services.observe_sign_in_failure` / `observe_sign_in_success`).
"""

from __future__ import annotations

from . import selectors, services
from .keys import username_key


def sign_in_failed(sender, credentials=None, request=None, **kwargs) -> None:
    """A wrong password (``authenticate()`` found no account for what was typed)."""
    if request is None:
        return
    typed = str((credentials or {}).get("username") or "")
    services.observe_sign_in_failure(
        address_key=selectors.client_address_key(request),
        username_key=username_key(typed),
    )


def signed_in(sender, request=None, user=None, **kwargs) -> None:
    """Any completed sign-in (``login()``)."""
    if user is None:
        return
    services.observe_sign_in_success(
        user=user,
        device_key=selectors.device_key(request) if request is not None else "",
        address_key=selectors.client_address_key(request),
    )
