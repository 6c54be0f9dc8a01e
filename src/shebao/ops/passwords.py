"""Password rules beyond Django's (口令强度): staff accounts need a longer password.

Citizens keep Django's minimum of 8 characters (NIST SP 800-63B's floor): many are older people,
guessing is already stopped by the per-account pause (django-axes) and the per-address limits
(`shebao.ops.ratelimit`), common and all-digit passwords are refused, and text-message codes and
passkeys are there for anyone who prefers no password. A staff account opens many people's
records, so its password must be at least 10 characters even though a TOTP code is always asked
too: a stolen staff password should not be one short step from a breach.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import ngettext


class StaffMinimumLengthValidator:
    def __init__(self, min_length: int = 10) -> None:
        self.min_length = min_length

    def validate(self, password: str, user=None) -> None:
        if getattr(user, "kind", "") != "staff" or len(password) >= self.min_length:
            return
        raise ValidationError(
            ngettext(
                "A staff password must be at least %(min_length)d character long.",
                "A staff password must be at least %(min_length)d characters long.",
                self.min_length,
            ),
            code="password_too_short",
            params={"min_length": self.min_length},
        )

    def get_help_text(self) -> str:
        return ngettext(
            "A staff password must be at least %(min_length)d character long.",
            "A staff password must be at least %(min_length)d characters long.",
            self.min_length,
        ) % {"min_length": self.min_length}
