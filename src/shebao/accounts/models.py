from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from shebao.pii.fields import EncryptedTextField


class User(AbstractUser):
    """A sign-in identity. A citizen's ``username`` is an opaque key (``c-<blind index>``), never
    the ID number, so the user table, sessions and lockout records hold no personal identifier."""

    class Kind(models.TextChoices):
        CITIZEN = "citizen", _("Insured person")
        STAFF = "staff", _("Staff")

    class Role(models.TextChoices):
        NONE = "", _("None")
        CLERK = "clerk", _("Window clerk")
        REVIEWER = "reviewer", _("Reviewer")
        SUPERVISOR = "supervisor", _("Supervisor")
        AUDITOR = "auditor", _("Auditor")
        ADMIN = "admin", _("Administrator")

    kind = models.CharField(max_length=8, choices=Kind.choices, default=Kind.CITIZEN)
    person = models.OneToOneField(
        "registry.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="account"
    )
    office = models.ForeignKey(
        "regions.Office", null=True, blank=True, on_delete=models.PROTECT, related_name="staff"
    )
    role = models.CharField(max_length=16, choices=Role.choices, blank=True, default="")
    elder_mode = models.BooleanField(
        _("elder mode (长辈版)"),
        default=False,
        help_text="Remembered display preference: large type, high contrast",
    )


class OneTimeCode(models.Model):
    """A one-time code (短信验证码) sent by text message.

    Only a keyed hash of the code is kept. ``phone_bidx`` is the blind index of the number it went
    to (for rate limits); ``user`` is the account it proves, or empty for a sign-in code (several
    family members may share one phone: the choice comes after the code) and for a number that
    matched no account (a row is still written so that the answer and the rate limit look the
    same either way, but no message is sent).
    """

    class Purpose(models.TextChoices):
        SIGN_IN = "sign_in", _("Sign in")
        PASSWORD_RESET = "password_reset", _("Set a new password")
        STEP_UP = "step_up", _("Confirm it is you")
        PHONE_CHANGE = "phone_change", _("Change mobile number")

    user = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    purpose = models.CharField(max_length=16, choices=Purpose.choices)
    phone_bidx = models.CharField(max_length=64)
    phone_masked = models.CharField(max_length=11)
    # The number it went to, encrypted: "send a new code" needs it without asking again, and for
    # a change of number it is the new number, held until its code is confirmed.
    phone_enc = EncryptedTextField(kind="mobile")
    salt = models.CharField(max_length=32)
    code_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["phone_bidx", "created_at"], name="otp_phone_time"),
            models.Index(fields=["user", "created_at"], name="otp_user_time"),
        ]


class Passkey(models.Model):
    """A passkey (通行密钥: the phone's fingerprint or face) registered to a citizen's account.

    ``credential_id`` is the authenticator's id for it (base64url); ``public_key`` is the COSE
    key that checks its signatures; ``sign_count`` rises with each use where the authenticator
    counts, so a cloned key shows itself.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="passkeys")
    credential_id = models.CharField(max_length=1400, unique=True)
    public_key = models.BinaryField()
    sign_count = models.PositiveBigIntegerField(default=0)
    transports = models.CharField(max_length=100, blank=True)
    backed_up = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
