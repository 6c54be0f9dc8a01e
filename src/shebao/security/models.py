"""What security monitoring keeps: observations, alerts, freezes and the devices seen.

No personal data: a client address is kept only as a keyed hash (``address_key``,
`blind_index("ip", …)`), a typed username or a person opened as an opaque key
(``subject_key``), a device as a keyed hash of its random cookie.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from . import rules


class Observation(models.Model):
    """One thing seen on the sign-in or audit stream, counted by the rules in their windows."""

    class Kind(models.TextChoices):
        SIGN_IN_FAILED = "sign_in_failed", _("Wrong password")
        SIGN_IN = "sign_in", _("Signed in")
        CASE_OPEN = "case_open", _("Case page opened")
        REVEAL = "reveal", _("Full identifier shown")
        EXPORT = "export", _("Export")

    kind = models.CharField(max_length=16, choices=Kind.choices)
    at = models.DateTimeField()
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    address_key = models.CharField(max_length=64, blank=True)
    # The account typed (failures), the person opened (case pages), the device (sign-ins).
    subject_key = models.CharField(max_length=64, blank=True)
    # Case pages: the staff member had a case for this person (assigned to them, or acted on).
    related = models.BooleanField(default=False)
    rows = models.PositiveIntegerField(default=0)  # exports

    class Meta:
        indexes = [
            models.Index(fields=["kind", "address_key", "at"], name="sec_obs_address"),
            models.Index(fields=["kind", "user", "at"], name="sec_obs_user"),
        ]


class Severity(models.TextChoices):
    LOW = rules.LOW, _("Low")
    MEDIUM = rules.MEDIUM, _("Medium")
    HIGH = rules.HIGH, _("High")
    CRITICAL = rules.CRITICAL, _("Critical")


class Rule(models.TextChoices):
    CREDENTIAL_STUFFING = rules.CREDENTIAL_STUFFING, _("Password guessing across many accounts")
    BULK_ACCESS = rules.BULK_ACCESS, _("Many people's records opened with no case")
    ODD_HOURS = rules.ODD_HOURS, _("Access at odd hours")
    BREAK_GLASS = rules.BREAK_GLASS, _("Many full identifiers shown")
    MASS_EXPORT = rules.MASS_EXPORT, _("Mass export")
    NEW_DEVICE = rules.NEW_DEVICE, _("Citizen signed in on a new device")
    MANUAL = rules.MANUAL, _("Frozen by a supervisor")


class Alert(models.Model):
    """A finding for the security dashboard; unread until someone acknowledges it."""

    rule = models.CharField(max_length=24, choices=Rule.choices)
    severity = models.CharField(max_length=8, choices=Severity.choices)
    # Who: a user (staff or citizen) or a client address; ``subject_key`` is the opaque key
    # ("user:<id>" or "address:<keyed hash>") that repeats are matched by.
    subject_key = models.CharField(max_length=80)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    address_key = models.CharField(max_length=64, blank=True)
    # The office whose supervisors see it; empty (an address) is seen by every office.
    office = models.ForeignKey(
        "regions.Office", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    detail = models.JSONField(default=dict)  # the counts the rule judged
    reason = models.CharField(max_length=300)
    created_at = models.DateTimeField()
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["rule", "subject_key", "created_at"], name="sec_alert_key")]


class Freeze(models.Model):
    """An account frozen, or a client address blocked from signing in, until released.

    Staff and citizen freezes last until a supervisor releases them; an address block also
    ends by itself at ``until`` (the cool-down)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    address_key = models.CharField(max_length=64, blank=True)
    office = models.ForeignKey(
        "regions.Office", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    rule = models.CharField(max_length=24, choices=Rule.choices)
    reason = models.CharField(max_length=300)
    alert = models.ForeignKey(Alert, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    until = models.DateTimeField(null=True, blank=True)
    released_at = models.DateTimeField(null=True, blank=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    release_reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["user", "released_at"], name="sec_freeze_user"),
            models.Index(fields=["address_key", "released_at"], name="sec_freeze_address"),
        ]


class KnownDevice(models.Model):
    """A device (a browser's random device cookie, kept as a keyed hash) an account signed in
    from."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    device_key = models.CharField(max_length=64)
    first_seen = models.DateTimeField()
    last_seen = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "device_key"], name="sec_device_once")
        ]
