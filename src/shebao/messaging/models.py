"""The SMS outbox: every text message the platform sends, kept so delivery can be retried and
(in the demo) read on a page instead of a phone.

A message holds a phone number and, for codes, a secret, so both are stored encrypted; the
phone also has a blind index (to count messages per number) and a masked copy (to show).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from shebao.pii.fields import EncryptedTextField


class SmsMessage(models.Model):
    """One text message in the outbox (短信发件箱)."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to be sent")
        SENT = "sent", _("Sent")
        KEPT = "kept", _("Kept in the outbox (demo, not sent)")
        FAILED = "failed", _("Could not be sent")

    phone_enc = EncryptedTextField(kind="mobile")
    phone_bidx = models.CharField(max_length=64, db_index=True)
    phone_masked = models.CharField(max_length=11)
    body_enc = EncryptedTextField(kind="sms_body")
    # What the message is for ("sign_in", "phone_changed", ...): lets operators see volumes per
    # purpose without decrypting anything.
    purpose = models.CharField(max_length=32)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    sender = models.CharField(max_length=100, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    # The gateway's error class and HTTP status only; never its body, which may echo the number.
    last_error = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["status", "id"], name="sms_pending")]
