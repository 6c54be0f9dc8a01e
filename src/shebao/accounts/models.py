from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


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
