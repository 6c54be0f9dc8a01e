"""Applications (办件): what a person asked the office for, where it stands, and every change.

The payload is what the person confirmed (pre-filled values included) and the figures the rules
engine computed with their rule version; identifiers appear in it only masked. An application is
never edited in place by a page: each change is a transition through `services.py`, which keeps
an `ApplicationEvent` and tells the person (in-app inbox and SMS).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Application(models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        AUTO_REVIEW = "auto_review", _("Automated review")
        WAITING_REVIEW = "waiting_review", _("Waiting for review")
        PENDING_CHECK = "pending_check", _("Decision waiting for a second check")
        RETURNED = "returned", _("Returned for correction")
        APPROVED = "approved", _("Approved")
        WITH_PARTNER = "with_partner", _("With the other office")
        REJECTED = "rejected", _("Rejected")
        COMPLETED = "completed", _("Completed")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Channel(models.TextChoices):
        WEB = "web", _("Online (web)")
        API = "api", _("Mobile app")
        COUNTER = "counter", _("Counter")

    ref = models.CharField(_("application number"), max_length=20, unique=True)
    service = models.CharField(_("service"), max_length=32, db_index=True)
    person = models.ForeignKey(
        "registry.Person", on_delete=models.PROTECT, related_name="applications"
    )
    # The person the application is about when it is not the applicant (a deceased parent).
    subject = models.ForeignKey(
        "registry.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    office = models.ForeignKey("regions.Office", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)
    channel = models.CharField(max_length=8, choices=Channel.choices, default=Channel.WEB)
    payload = models.JSONField(default=dict)
    figures = models.JSONField(default=dict)
    submitted_at = models.DateTimeField()
    due_date = models.DateField(_("due by"))
    updated_at = models.DateTimeField()
    return_note = models.TextField(blank=True)
    fields_to_fix = models.JSONField(default=list)
    # A form or app sends a fresh key with each new application; a second send of the same key
    # (double click, retried request) finds the first application instead of making another.
    idempotency_key = models.CharField(max_length=64)
    # The staff member working on it (认领/分派); None while it waits in the queue.
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # When it passed its deadline and went to the supervisor (督办).
    escalated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person", "idempotency_key"], name="application_once_per_key"
            )
        ]
        indexes = [
            models.Index(fields=["office", "status", "due_date"], name="application_queue"),
            models.Index(fields=["person", "submitted_at"], name="application_person"),
        ]

    def __str__(self) -> str:
        return f"{self.ref} {self.service} {self.status}"


class ApplicationEvent(models.Model):
    """One step in an application's history: who moved it from what to what, when and why."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField()
    from_status = models.CharField(max_length=16, blank=True)
    to_status = models.CharField(max_length=16)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_role = models.CharField(max_length=16)  # applicant, system, clerk, reviewer, partner …
    reason = models.TextField(blank=True)  # shown to the person, in plain words

    class Meta:
        ordering = ["at", "pk"]


class InboxMessage(models.Model):
    """A message to a person in the portal's inbox (站内信); SMS carries a short copy."""

    person = models.ForeignKey("registry.Person", on_delete=models.CASCADE, related_name="inbox")
    application = models.ForeignKey(
        Application, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    subject = models.CharField(max_length=120)
    body = models.TextField()
    created_at = models.DateTimeField()
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["person", "read_at"], name="inbox_unread")]


class Decision(models.Model):
    """A reviewer's decision, kept with the rule and model versions it rests on. For services
    under maker-checker (审核/复核) it takes effect only when a second person who is not the
    preparer confirms it; a checker may send it back instead."""

    class Outcome(models.TextChoices):
        APPROVE = "approve", _("Approve")
        REJECT = "reject", _("Reject")

    class Check(models.TextChoices):
        WAITING = "waiting", _("Waiting for the second check")
        CONFIRMED = "confirmed", _("Confirmed")
        SENT_BACK = "sent_back", _("Sent back")
        NOT_NEEDED = "not_needed", _("No second check needed")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="decisions")
    outcome = models.CharField(max_length=8, choices=Outcome.choices)
    reason = models.TextField()
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    prepared_at = models.DateTimeField()
    check_state = models.CharField(max_length=12, choices=Check.choices)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    checked_at = models.DateTimeField(null=True, blank=True)
    check_note = models.TextField(blank=True)
    # What the decision rested on: the rules engine and review versions of the figures.
    versions = models.JSONField(default=dict)

    class Meta:
        ordering = ["prepared_at", "pk"]
