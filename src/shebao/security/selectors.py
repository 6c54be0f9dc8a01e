"""Reads of security monitoring: the request's keys, freezes in force, the dashboard lists."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from shebao.client_address import client_address
from shebao.pii.blind_index import blind_index
from shebao.pii.masking import mask_name
from shebao.regions.selectors import offices_in_reach

from .keys import address_key
from .models import Alert, Freeze

DEVICE_COOKIE = "shebao_device"
_TOKEN = re.compile(r"^[0-9a-f]{32}$")


def client_address_key(request) -> str:
    """The keyed hash of the client address, by the one rule lockouts and rate limits use
    (`shebao.client_address`: REMOTE_ADDR unless trusted proxies are configured)."""
    return address_key(client_address(request) if request is not None else "")


def device_token_valid(token: str | None) -> bool:
    return bool(token) and bool(_TOKEN.match(token))


def device_key(request) -> str:
    """The keyed hash of the browser's device cookie (set by `middleware.FreezeMiddleware`)."""
    token = getattr(request, "security_device", "") or (
        request.COOKIES.get(DEVICE_COOKIE, "") if request is not None else ""
    )
    return blind_index("device", token) if device_token_valid(token) else ""


def user_freeze(user) -> Freeze | None:
    """The freeze in force on this account, if any."""
    if user is None or not getattr(user, "pk", None):
        return None
    return Freeze.objects.filter(user=user, released_at__isnull=True).first()


def address_blocked(key: str) -> bool:
    """Whether sign-in from this (hashed) client address is blocked now."""
    if not key:
        return False
    return (
        Freeze.objects.filter(address_key=key, user__isnull=True, released_at__isnull=True)
        .exclude(until__lte=timezone.now())
        .exists()
    )


@dataclass(frozen=True)
class Who:
    kind: str  # "staff", "citizen", "address"
    label: str  # staff username, masked name, or the first characters of the address key


def _who(user, address: str) -> Who:
    if user is None:
        return Who("address", address[:12])
    if user.kind == "staff":
        return Who("staff", user.username)
    person = getattr(user, "person", None)
    return Who("citizen", mask_name(person.name) if person else user.username[:12])


def _in_reach(user) -> Q:
    return Q(office__in=offices_in_reach(user)) | Q(office__isnull=True)


def alerts_for(user, *, limit: int = 200) -> list[tuple[Alert, Who]]:
    """Alerts in the staff member's reach (their offices', and addresses'), newest first."""
    rows = (
        Alert.objects.filter(_in_reach(user))
        .select_related("user__person", "acknowledged_by")
        .order_by("-created_at", "-pk")[:limit]
    )
    return [(a, _who(a.user, a.address_key)) for a in rows]


def unread_alert_count(user) -> int:
    return Alert.objects.filter(_in_reach(user), acknowledged_at__isnull=True).count()


def alert_in_reach(user, pk: int) -> Alert | None:
    return Alert.objects.filter(_in_reach(user), pk=pk).first()


def freezes_current(user) -> list[tuple[Freeze, Who]]:
    """Freezes in force in the staff member's reach (address blocks until their cool-down)."""
    now = timezone.now()
    rows = (
        Freeze.objects.filter(_in_reach(user), released_at__isnull=True)
        .exclude(until__lte=now)
        .select_related("user__person", "alert")
        .order_by("-created_at", "-pk")
    )
    return [(f, _who(f.user, f.address_key)) for f in rows]


def freezes_released(user, *, limit: int = 50) -> list[tuple[Freeze, Who]]:
    rows = (
        Freeze.objects.filter(_in_reach(user), released_at__isnull=False)
        .select_related("user__person", "released_by")
        .order_by("-released_at", "-pk")[:limit]
    )
    return [(f, _who(f.user, f.address_key)) for f in rows]


def frozen_user_ids(user) -> set[int]:
    """Accounts in the staff member's reach that are frozen now."""
    return set(
        Freeze.objects.filter(
            _in_reach(user), released_at__isnull=True, user__isnull=False
        ).values_list("user_id", flat=True)
    )


def freeze_in_reach(user, pk: int) -> Freeze | None:
    return Freeze.objects.filter(_in_reach(user), pk=pk).first()
