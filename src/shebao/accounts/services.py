"""Writes for sign-in identities."""

from __future__ import annotations

from django.db import transaction

from shebao.ledger.services import record_event

from .backends import citizen_username
from .models import User


def citizen_account_create(
    *, person, resident_id: str, password: str | None = None, password_hash: str | None = None
) -> User:
    """Open the citizen's sign-in. Give ``password`` or an already computed ``password_hash``
    (bulk seeding hashes one shared demo password once)."""
    with transaction.atomic():
        user = User(
            username=citizen_username(resident_id),
            kind=User.Kind.CITIZEN,
            person=person,
            first_name="",
        )
        if password_hash:
            user.password = password_hash
        else:
            user.set_password(password)
        user.save()
        record_event(office=person.office, kind="account.citizen_opened", data={}, subject=person)
    return user


def staff_account_create(
    *,
    username: str,
    office,
    role: str,
    password: str,
    totp_secret_hex: str | None = None,
    superuser: bool = False,
) -> User:
    """Create a staff member; staff always have a TOTP device (second factor)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    with transaction.atomic():
        user = User(
            username=username,
            kind=User.Kind.STAFF,
            office=office,
            role=role,
            is_staff=True,
            is_superuser=superuser,
        )
        user.set_password(password)
        user.save()
        TOTPDevice.objects.create(
            user=user,
            name="authenticator",
            confirmed=True,
            **({"key": totp_secret_hex} if totp_secret_hex else {}),
        )
        record_event(office=office, kind="account.staff_created", data={"role": role}, actor=user)
    return user


def user_set_elder_mode(*, user: User, on: bool) -> User:
    """Remember the elder-mode (长辈版) display choice for this account."""
    with transaction.atomic():
        user.elder_mode = on
        user.save(update_fields=["elder_mode"])
        office = user.office or (user.person.office if user.person_id else None)
        if office is not None:
            record_event(
                office=office, kind="account.display_changed", data={"elder_mode": on}, actor=user
            )
    return user
