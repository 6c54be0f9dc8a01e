"""Writes for sign-in identities."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from django.contrib.auth.password_validation import validate_password
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shebao.ledger.services import record_event
from shebao.messaging.services import sms_queue
from shebao.pii.blind_index import blind_index
from shebao.pii.fields import protect, reveal
from shebao.pii.masking import mask_phone
from shebao.registry.services import person_change_phone
from shebao.standards import validation

from . import codes, passkeys
from .backends import citizen_username
from .codes import CodeRejected, CodeThrottled  # noqa: F401  (raised to callers)
from .lockout import opaque_username
from .models import OneTimeCode, Passkey, User
from .passkeys import PasskeyRejected  # noqa: F401  (raised to callers)


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
    """Create a staff member; staff always have a TOTP device (second factor). The password must
    pass the password rules (``AUTH_PASSWORD_VALIDATORS``: ten characters or more for staff, not
    like the username, not common, not all digits); if not, Django's ``ValidationError`` with
    every reason, and nothing is created."""
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
        validate_password(password, user)
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


# --- One-time codes by SMS (短信验证码) -------------------------------------------------------

Purpose = OneTimeCode.Purpose
T = TypeVar("T")


@dataclass(frozen=True)
class CodeSent:
    """What the page needs after a code was asked for; nothing here is personal data."""

    code_id: int
    phone_masked: str


class SamePhone(ValueError):
    """The 'new' mobile number is the one already held."""


def _office_of(user: User):
    return user.office or user.person.office


def _citizens_with_phone(phone_bidx: str) -> list[User]:
    return list(
        User.objects.filter(kind=User.Kind.CITIZEN, is_active=True, person__phone_bidx=phone_bidx)
        .select_related("person__office")
        .order_by("pk")
    )


def _code_issue(
    *, purpose: str, phone: str, user: User | None, deliver_to: list[User], now: dt.datetime
) -> CodeSent:
    """Write a code and, when it goes to a real account, queue its text message and record the
    event. ``deliver_to`` empty: a number that matched no account gets a row (same answer, same
    rate limit, so nobody can probe which numbers are registered) but no message."""
    tel = protect("mobile", phone, masked=mask_phone(phone))
    codes.throttle_check(
        phone_bidx=tel.index, user_id=user.pk if user else None, purpose=purpose, now=now
    )
    code = codes.new_code()
    salt = codes.new_salt()
    # A row that is never sent gets a hash of something no one can type.
    hashed = code if deliver_to else codes.new_salt()
    with transaction.atomic():
        # Only the newest code for a number and purpose works; older ones expire now.
        OneTimeCode.objects.filter(
            phone_bidx=tel.index, purpose=purpose, used_at__isnull=True, expires_at__gt=now
        ).update(expires_at=now)
        row = OneTimeCode.objects.create(
            user=user,
            purpose=purpose,
            phone_bidx=tel.index,
            phone_masked=tel.masked,
            phone_enc=tel.ciphertext,
            salt=salt,
            code_hash=codes.code_hash(salt=salt, purpose=purpose, code=hashed),
            created_at=now,
            expires_at=now + codes.CODE_LIFETIME,
        )
        if deliver_to:
            sms_queue(phone=phone, body=codes.message_text(purpose, code), purpose=purpose)
            first = deliver_to[0]
            record_event(
                office=_office_of(first),
                kind="account.code_sent",
                data={"purpose": purpose},
                subject=first.person if len(deliver_to) == 1 and first.person_id else None,
            )
    return CodeSent(row.pk, tel.masked)


def sign_in_code_send(*, phone: str, now: dt.datetime | None = None) -> CodeSent:
    """Send a sign-in code to a mobile number (手机号+验证码登录). The answer is the same whether or
    not the number belongs to an account. Raises `validation.FieldError`, `CodeThrottled`."""
    phone = validation.mobile(phone)
    users = _citizens_with_phone(blind_index("mobile", phone))
    return _code_issue(
        purpose=Purpose.SIGN_IN, phone=phone, user=None, deliver_to=users, now=now or timezone.now()
    )


def password_reset_code_send(
    *, resident_id: str, phone: str, now: dt.datetime | None = None
) -> CodeSent:
    """Send a code for a new password (忘记密码), only when the mobile number is the one held for
    that ID number; otherwise answer alike and send nothing."""
    resident_id = validation.resident_id(resident_id)
    phone = validation.mobile(phone)
    user = (
        User.objects.filter(
            username=citizen_username(resident_id), kind=User.Kind.CITIZEN, is_active=True
        )
        .select_related("person__office")
        .first()
    )
    matches = (
        user is not None
        and user.person_id is not None
        and user.person.phone_bidx == blind_index("mobile", phone)
    )
    return _code_issue(
        purpose=Purpose.PASSWORD_RESET,
        phone=phone,
        user=user if matches else None,
        deliver_to=[user] if matches else [],
        now=now or timezone.now(),
    )


def step_up_code_send(*, user: User, now: dt.datetime | None = None) -> CodeSent:
    """Send a code to the signed-in person's own number, to confirm it is them (second factor)."""
    phone = reveal("mobile", user.person.phone_enc)
    return _code_issue(
        purpose=Purpose.STEP_UP,
        phone=phone,
        user=user,
        deliver_to=[user],
        now=now or timezone.now(),
    )


def phone_change_code_send(
    *, user: User, new_phone: str, now: dt.datetime | None = None
) -> CodeSent:
    """Start a change of mobile number (手机号变更): a code goes to the new number, which is held
    encrypted on the code until it is confirmed. Raises `SamePhone`, `CodeThrottled`."""
    new_phone = validation.mobile(new_phone)
    if user.person.phone_bidx == blind_index("mobile", new_phone):
        raise SamePhone(new_phone)
    return _code_issue(
        purpose=Purpose.PHONE_CHANGE,
        phone=new_phone,
        user=user,
        deliver_to=[user],
        now=now or timezone.now(),
    )


def one_time_code_resend(
    *, code_id: int, purpose: str, user: User | None = None, now: dt.datetime | None = None
) -> CodeSent:
    """Send a fresh code to the same number for the same purpose (the page's "Send a new code";
    the number is not asked again). Raises `CodeRejected('missing')`, `CodeThrottled`."""
    old = OneTimeCode.objects.filter(pk=code_id, purpose=purpose).select_related("user").first()
    if old is None or (user is not None and old.user_id != user.pk):
        raise CodeRejected("missing")
    phone = reveal("mobile", old.phone_enc)
    now = now or timezone.now()
    if purpose == Purpose.SIGN_IN:
        return sign_in_code_send(phone=phone, now=now)
    deliver_to = [old.user] if old.user is not None else []
    return _code_issue(purpose=purpose, phone=phone, user=old.user, deliver_to=deliver_to, now=now)


def _code_consume(
    *,
    code_id: int,
    purpose: str,
    code: str,
    now: dt.datetime | None,
    then: Callable[[OneTimeCode], T],
    user: User | None = None,
) -> T:
    """Check a typed code; on success mark it used and run ``then`` (the business write and its
    ledger event) in the same transaction. A wrong try is counted and committed before
    `CodeRejected` is raised, so the limit of tries holds."""
    now = now or timezone.now()
    failure: CodeRejected | None = None
    result: T | None = None
    with transaction.atomic():
        row = (
            OneTimeCode.objects.select_for_update()
            .filter(pk=code_id, purpose=purpose, used_at__isnull=True)
            .first()
        )
        if row is None or (user is not None and row.user_id != user.pk):
            failure = CodeRejected("missing")
        elif row.attempts >= codes.MAX_ATTEMPTS:
            failure = CodeRejected("used_up")
        elif now >= row.expires_at:
            failure = CodeRejected("expired")
        elif not codes.code_matches(row, code):
            row.attempts += 1
            row.save(update_fields=["attempts"])
            left = codes.MAX_ATTEMPTS - row.attempts
            failure = CodeRejected("wrong" if left else "used_up", tries_left=left, guess=True)
        else:
            row.used_at = now
            row.save(update_fields=["used_at"])
            result = then(row)
    if failure is not None:
        raise failure
    return result  # type: ignore[return-value]


def _record_confirmed(row: OneTimeCode, user: User) -> None:
    record_event(
        office=_office_of(user),
        kind="account.code_confirmed",
        data={"purpose": row.purpose},
        subject=user.person if user.person_id else None,
        actor=user,
    )


def sign_in_code_confirm(*, code_id: int, code: str, now: dt.datetime | None = None) -> list[User]:
    """Check a sign-in code; returns the accounts that hold this number (usually one; family
    members may share a phone, and then the person chooses). Raises `CodeRejected`."""

    def accounts(row: OneTimeCode) -> list[User]:
        users = _citizens_with_phone(row.phone_bidx)
        if users:
            record_event(
                office=_office_of(users[0]),
                kind="account.code_confirmed",
                data={"purpose": row.purpose, "accounts": len(users)},
                subject=users[0].person if len(users) == 1 else None,
            )
        return users

    return _code_consume(
        code_id=code_id, purpose=Purpose.SIGN_IN, code=code, now=now, then=accounts
    )


def password_reset_code_confirm(*, code_id: int, code: str, now: dt.datetime | None = None) -> User:
    """Check a code for a new password; returns the account whose password may now be set."""

    def account(row: OneTimeCode) -> User:
        if row.user is None:  # cannot happen with a matching code; kept as a guard
            raise CodeRejected("missing")
        _record_confirmed(row, row.user)
        return row.user

    return _code_consume(
        code_id=code_id, purpose=Purpose.PASSWORD_RESET, code=code, now=now, then=account
    )


def step_up_code_confirm(
    *, user: User, code_id: int, code: str, now: dt.datetime | None = None
) -> None:
    """Check the second-factor code sent to the signed-in person's own number."""
    _code_consume(
        code_id=code_id,
        purpose=Purpose.STEP_UP,
        code=code,
        now=now,
        user=user,
        then=lambda row: _record_confirmed(row, user),
    )


def phone_change_confirm(
    *, user: User, code_id: int, code: str, now: dt.datetime | None = None
) -> str:
    """Confirm a new mobile number with the code sent to it, change it on the person's record
    (one write path: `registry.services.person_change_phone`) and tell the old number. Returns
    the new number masked."""

    def change(row: OneTimeCode) -> str:
        person = user.person
        old_phone = reveal("mobile", person.phone_enc)
        person_change_phone(person=person, phone=reveal("mobile", row.phone_enc), actor=user)
        # Tell the old number too: if this was not the person, they hear of it at once.
        sms_queue(
            phone=old_phone,
            body=codes.phone_changed_notice(person.phone_masked),
            purpose="phone_changed",
        )
        return person.phone_masked

    return _code_consume(
        code_id=code_id, purpose=Purpose.PHONE_CHANGE, code=code, now=now, user=user, then=change
    )


def citizen_password_reset(*, user: User, password: str) -> User:
    """Set a new password after a confirmed reset code. Other signed-in sessions end (Django
    ties them to the password), and a sign-in pause from wrong passwords is lifted: the person
    has just proved who they are."""
    from axes.handlers.proxy import AxesProxyHandler

    with transaction.atomic():
        user.set_password(password)
        user.save(update_fields=["password"])
        record_event(
            office=_office_of(user),
            kind="account.password_reset",
            data={"by": "sms"},
            subject=user.person if user.person_id else None,
            actor=user,
        )
        if user.person_id:
            resident_id = reveal("resident_id", user.person.id_number_enc)
            AxesProxyHandler.reset_attempts(
                username=opaque_username(None, {"username": resident_id})
            )
    return user


def sign_in_failures_clear(*, key: str) -> None:
    """Forget wrong codes counted under ``key`` once the right one is typed, as django-axes does
    for passwords (AXES_RESET_ON_SUCCESS). Lockout bookkeeping, not a business change: no event."""
    from axes.handlers.proxy import AxesProxyHandler

    AxesProxyHandler.reset_attempts(username=opaque_username(None, {"username": key}))


def one_time_codes_purge(*, now: dt.datetime | None = None) -> int:
    """Delete codes from before yesterday: they are dead, and only the rate limit (one day) ever
    looks back that far. Housekeeping of dead secrets, not a business change: no event."""
    cutoff = (now or timezone.now()) - dt.timedelta(days=2)
    deleted, _rows = OneTimeCode.objects.filter(created_at__lt=cutoff).delete()
    return deleted


# --- Second factor (step-up) state in the session -----------------------------------------------

SECOND_FACTOR_AT = "accounts.second_factor_at"
SECOND_FACTOR_METHOD = "accounts.second_factor_method"


def second_factor_record(*, session, method: str, now: dt.datetime | None = None) -> None:
    """Remember in the session that the person just proved it is them with a second factor
    (``sms`` or ``passkey``); `selectors.second_factor_is_fresh` reads it."""
    session[SECOND_FACTOR_AT] = (now or timezone.now()).timestamp()
    session[SECOND_FACTOR_METHOD] = method


# --- Passkeys (WebAuthn) ----------------------------------------------------------------------


def passkey_register(
    *, user: User, credential: dict, challenge: str, rp_id: str, origin: str
) -> Passkey:
    """Keep a new passkey for the signed-in citizen after checking the browser's answer."""
    if user.person_id is None:
        raise PasskeyRejected()
    new = passkeys.verify_new(
        credential=credential, challenge=challenge, rp_id=rp_id, origin=origin
    )
    with transaction.atomic():
        if Passkey.objects.filter(credential_id=new.credential_id).exists():
            raise PasskeyRejected(
                _("This phone is already set up for fingerprint or face sign-in.")
            )
        passkey = Passkey.objects.create(
            user=user,
            credential_id=new.credential_id,
            public_key=new.public_key,
            sign_count=new.sign_count,
            transports=new.transports,
            backed_up=new.backed_up,
        )
        record_event(
            office=_office_of(user),
            kind="account.passkey_added",
            data={"passkey": passkey.pk},
            subject=user.person,
            actor=user,
        )
    return passkey


def passkey_verify(
    *,
    credential: dict,
    challenge: str,
    rp_id: str,
    origin: str,
    purpose: str,
    user: User | None = None,
) -> User:
    """Check a passkey answer (sign-in, or confirming it is you when ``user`` is given); returns
    its account and keeps the authenticator's new sign count. Raises `PasskeyRejected`."""
    credential_id = passkeys.credential_id_of(credential)
    passkey = (
        Passkey.objects.select_related("user__person__office")
        .filter(credential_id=credential_id)
        .first()
    )
    if passkey is None:
        raise PasskeyRejected(
            _(
                "This fingerprint or face sign-in is not set up here (it may have been removed). "
                "Please sign in another way."
            )
        )
    if not passkey.user.is_active or (user is not None and passkey.user_id != user.pk):
        raise PasskeyRejected()
    handle = passkeys.user_handle_of(credential)
    if handle is not None and handle != passkeys.user_handle(passkey.user_id):
        raise PasskeyRejected()
    new_count = passkeys.verify_use(
        credential=credential,
        challenge=challenge,
        rp_id=rp_id,
        origin=origin,
        public_key=bytes(passkey.public_key),
        sign_count=passkey.sign_count,
    )
    with transaction.atomic():
        Passkey.objects.filter(pk=passkey.pk).update(
            sign_count=new_count, last_used_at=timezone.now()
        )
        record_event(
            office=_office_of(passkey.user),
            kind="account.passkey_used",
            data={"purpose": purpose, "passkey": passkey.pk},
            subject=passkey.user.person if passkey.user.person_id else None,
            actor=passkey.user,
        )
    return passkey.user


def passkey_remove(*, user: User, passkey_id: int) -> bool:
    """Remove one of the citizen's own passkeys; False when they have no such passkey."""
    with transaction.atomic():
        deleted, _rows = Passkey.objects.filter(pk=passkey_id, user=user).delete()
        if not deleted:
            return False
        record_event(
            office=_office_of(user),
            kind="account.passkey_removed",
            data={"passkey": passkey_id},
            subject=user.person if user.person_id else None,
            actor=user,
        )
    return True
