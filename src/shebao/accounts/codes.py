"""One-time codes: generation, keyed hashing, rate limits and the errors a person is shown.

A six-digit code has only a million values, so a plain hash in a leaked database would be
reversed in a second; the hash is keyed with the site's secret and a per-code salt instead.
"""

from __future__ import annotations

import datetime as dt
import secrets

from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import OneTimeCode

CODE_DIGITS = 6
CODE_LIFETIME = dt.timedelta(minutes=5)
MAX_ATTEMPTS = 5
RESEND_AFTER = dt.timedelta(seconds=60)
DAILY_LIMIT = 10


class CodeThrottled(Exception):
    """No new code now. ``wait_seconds`` says when to ask again (None: not before tomorrow)."""

    def __init__(self, *, wait_seconds: int | None) -> None:
        self.wait_seconds = wait_seconds
        super().__init__(self.message)

    @property
    def message(self) -> str:
        if self.wait_seconds is None:
            return _(
                "Ten codes have already been sent to this number today, which is the most we "
                "send in one day. Please try again tomorrow, or call 12333 for help."
            )
        return ngettext(
            "A code was sent a moment ago. Please wait %(seconds)d second, then ask for a new one.",
            "A code was sent a moment ago. Please wait %(seconds)d seconds, then ask for a new "
            "one.",
            self.wait_seconds,
        ) % {"seconds": self.wait_seconds}


class CodeRejected(Exception):
    """The typed code does not prove anything. ``reason`` is one of ``wrong``, ``expired``,
    ``used_up`` (too many wrong tries) or ``missing`` (no code was asked for)."""

    def __init__(self, reason: str, *, tries_left: int = 0, guess: bool = False) -> None:
        self.reason = reason
        self.tries_left = tries_left
        # A wrong code is a guess and counts towards the sign-in pause; a late one does not.
        self.counts_as_guess = guess
        super().__init__(self.message)

    @property
    def message(self) -> str:
        if self.reason == "wrong":
            return ngettext(
                "That code is not right. Please check the 6 digits in the text message and type "
                "them again. You can try %(n)d more time.",
                "That code is not right. Please check the 6 digits in the text message and type "
                "them again. You can try %(n)d more times.",
                self.tries_left,
            ) % {"n": self.tries_left}
        if self.reason == "expired":
            return _(
                "This code is too old: codes work for 5 minutes. Please press “Send a new code”."
            )
        if self.reason == "used_up":
            return _(
                "The code was typed wrongly too many times, so it no longer works. Please press "
                "“Send a new code”."
            )
        return _("Please ask for a code first.")


def lock_key(*, purpose: str, phone_bidx: str) -> str:
    """The opaque key under which wrong codes count towards the sign-in pause (django-axes)."""
    return f"{purpose}:{phone_bidx}"


def new_code() -> str:
    return f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"


def new_salt() -> str:
    return secrets.token_hex(16)


def code_hash(*, salt: str, purpose: str, code: str) -> str:
    return salted_hmac("shebao.accounts.one-time-code", f"{salt}:{purpose}:{code}").hexdigest()


def code_matches(row: OneTimeCode, code: str) -> bool:
    return constant_time_compare(
        row.code_hash, code_hash(salt=row.salt, purpose=row.purpose, code=code)
    )


def throttle_check(*, phone_bidx: str, user_id: int | None, purpose: str, now: dt.datetime) -> None:
    """At most one code a minute for one purpose, and ten a day, per number and per account.

    The minute is per purpose so that signing in by code and then confirming a change right away
    does not make the person wait. Per account as well as per number, because someone changing
    their number could otherwise have codes sent to any number of strangers' phones.
    """
    day_start = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    scope = Q(phone_bidx=phone_bidx)
    if user_id is not None:
        scope |= Q(user_id=user_id)
    today = OneTimeCode.objects.filter(scope, created_at__gte=day_start)
    if today.count() >= DAILY_LIMIT:
        raise CodeThrottled(wait_seconds=None)
    last = (
        today.filter(purpose=purpose)
        .order_by("-created_at")
        .values_list("created_at", flat=True)
        .first()
    )
    if last is not None and now - last < RESEND_AFTER:
        raise CodeThrottled(wait_seconds=max(1, int((last + RESEND_AFTER - now).total_seconds())))


def message_text(purpose: str, code: str) -> str:
    """The text message for a code. It names the purpose and warns against passing the code
    on (phone fraud in China very often asks for exactly this)."""
    texts = {
        OneTimeCode.Purpose.SIGN_IN: _(
            "[Social Insurance] Your sign-in code is %(code)s. It works for 5 minutes. Do not "
            "tell anyone this code: our staff will never ask for it."
        ),
        OneTimeCode.Purpose.PASSWORD_RESET: _(
            "[Social Insurance] Your code to set a new password is %(code)s. It works for 5 "
            "minutes. Do not tell anyone this code: our staff will never ask for it."
        ),
        OneTimeCode.Purpose.STEP_UP: _(
            "[Social Insurance] Your code to confirm it is you is %(code)s. It works for 5 "
            "minutes. Do not tell anyone this code: our staff will never ask for it."
        ),
        OneTimeCode.Purpose.PHONE_CHANGE: _(
            "[Social Insurance] Your code to make this your mobile number is %(code)s. It works "
            "for 5 minutes. Do not tell anyone this code: our staff will never ask for it."
        ),
    }
    return texts[purpose] % {"code": code}


def phone_changed_notice(new_masked: str) -> str:
    """Sent to the old number after a change, so a change the person did not make is noticed."""
    return _(
        "[Social Insurance] The mobile number on your social insurance account was changed to "
        "%(masked)s. If you did not do this, please call 12333 at once."
    ) % {"masked": new_masked}
