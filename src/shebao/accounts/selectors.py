"""Reads for sign-in identities: pending codes, accounts behind a number, passkeys, and whether a
second factor is fresh."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from . import passkeys
from .codes import RESEND_AFTER, lock_key
from .models import OneTimeCode, Passkey, User

#: How long a confirmed second factor lets a person do sensitive things without asking again.
SECOND_FACTOR_WINDOW = dt.timedelta(minutes=10)
_SECOND_FACTOR_AT = "accounts.second_factor_at"  # written by services.second_factor_record


@dataclass(frozen=True)
class PendingCode:
    code_id: int
    phone_masked: str
    resend_in_seconds: int
    lock_key: str


def one_time_code_pending(
    *, code_id: int | None, purpose: str, user: User | None = None, now: dt.datetime | None = None
) -> PendingCode | None:
    """The code a page is waiting for (its id is kept in the session), or None."""
    if not code_id:
        return None
    row = OneTimeCode.objects.filter(pk=code_id, purpose=purpose, used_at__isnull=True).first()
    if row is None or (user is not None and row.user_id != user.pk):
        return None
    now = now or timezone.now()
    wait = int((row.created_at + RESEND_AFTER - now).total_seconds())
    return PendingCode(
        row.pk, row.phone_masked, max(0, wait), lock_key(purpose=purpose, phone_bidx=row.phone_bidx)
    )


@dataclass(frozen=True)
class AccountChoice:
    user_id: int
    name: str
    id_number_masked: str


def sign_in_choices(*, user_ids: list[int]) -> list[AccountChoice]:
    """The accounts a confirmed sign-in code may open (family members sharing one phone)."""
    users = (
        User.objects.filter(pk__in=user_ids, is_active=True, person__isnull=False)
        .select_related("person")
        .order_by("pk")
    )
    return [AccountChoice(u.pk, u.person.name, u.person.id_number_masked) for u in users]


def citizen_for_sign_in(*, user_id: int, allowed: list[int]) -> User | None:
    """The account chosen among those a confirmed code may open."""
    if user_id not in allowed:
        return None
    return User.objects.filter(pk=user_id, is_active=True, kind=User.Kind.CITIZEN).first()


def passkeys_of(user: User) -> list[Passkey]:
    return list(user.passkeys.order_by("created_at", "pk"))


def user_has_passkey(user: User) -> bool:
    return user.is_authenticated and user.passkeys.exists()


def passkey_rp_id(host: str) -> str:
    """The WebAuthn relying-party id for the host the person is using."""
    return passkeys.rp_id_for(host)


def passkey_registration_options(*, user: User, rp_id: str) -> passkeys.Ceremony:
    """Options for adding a passkey; the person's own passkeys are excluded so one phone is not
    set up twice."""
    person = user.person
    return passkeys.registration_ceremony(
        user_id=user.pk,
        user_name=person.id_number_masked,
        display_name=person.name,
        rp_id=rp_id,
        existing=list(user.passkeys.values_list("credential_id", flat=True)),
    )


def passkey_authentication_options(*, rp_id: str, user: User | None = None) -> passkeys.Ceremony:
    """Options for using a passkey: any of this site's (sign-in: the phone offers them) or only
    the person's own (confirming it is you)."""
    allowed = list(user.passkeys.values_list("credential_id", flat=True)) if user else None
    return passkeys.authentication_ceremony(rp_id=rp_id, allowed=allowed)


def second_factor_is_fresh(*, session, now: dt.datetime | None = None) -> bool:
    """Whether the person confirmed it is them with a second factor within the window."""
    at = session.get(_SECOND_FACTOR_AT)
    if not isinstance(at, int | float):
        return False
    age = (now or timezone.now()).timestamp() - at
    return 0 <= age <= SECOND_FACTOR_WINDOW.total_seconds()


def citizen_for_password_reset(*, user_id: int) -> User | None:
    """The account whose reset code was just confirmed."""
    return User.objects.filter(pk=user_id, is_active=True, kind=User.Kind.CITIZEN).first()


def staff_for_second_step(*, user_id) -> User | None:
    """The active staff member who passed the password step (None for anything else)."""
    if not user_id:
        return None
    return User.objects.filter(pk=user_id, kind=User.Kind.STAFF, is_active=True).first()


def staff_of_office(office, *, pk=None):
    """The office's active staff (a list), or one of them by primary key (None if not theirs)."""
    found = User.objects.filter(kind=User.Kind.STAFF, office=office, is_active=True)
    if pk is not None:
        return found.filter(pk=pk).first() if str(pk).isdigit() else None
    return list(found.order_by("username"))
