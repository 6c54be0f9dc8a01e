"""Signing staff in through the real two-step sign-in (password, then a TOTP code)."""

from __future__ import annotations

import base64

from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from shebao.demo.personas import DEMO_TOTP_BASE32
from shebao.demo.seed import DEMO_PASSWORD


def current_code() -> str:
    return f"{totp(base64.b32decode(DEMO_TOTP_BASE32)):06d}"


def staff_sign_in(client, username: str) -> None:
    """Both steps as a browser would send them. The device forgets its last used code first:
    a test signs the same person in more often than every 30 seconds."""
    TOTPDevice.objects.filter(user__username=username).update(last_t=-1)
    first = client.post("/staff/sign-in/", {"username": username, "password": DEMO_PASSWORD})
    assert first.status_code == 302 and first["Location"] == "/staff/sign-in/code/", first
    second = client.post("/staff/sign-in/code/", {"code": current_code()})
    assert second.status_code == 302 and second["Location"] == "/staff/", second
