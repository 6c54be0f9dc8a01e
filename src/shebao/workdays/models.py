"""The holiday table (节假日安排): each year's holidays and make-up working days, as data staff
edit. chinese-calendar supplies the State Council's schedules it knows (up to 2026); a later
year starts provisional (statutory dates only) until staff enter and confirm the published one.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CalendarYear(models.Model):
    class Status(models.TextChoices):
        OFFICIAL = "official", _("Published schedule")
        PROVISIONAL = "provisional", _("Provisional (statutory dates only)")
        CONFIRMED = "confirmed", _("Confirmed by staff")

    year = models.PositiveSmallIntegerField(primary_key=True)
    status = models.CharField(max_length=12, choices=Status.choices)
    source = models.CharField(max_length=200, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.year} ({self.status})"


class CalendarDay(models.Model):
    """A date that is not what its weekday says: a holiday, or a weekend day worked in lieu."""

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("Holiday")
        WORKDAY = "workday", _("Working day in lieu")

    date = models.DateField(unique=True)
    year = models.ForeignKey(CalendarYear, on_delete=models.CASCADE, related_name="days")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    name = models.CharField(max_length=40)

    class Meta:
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date} {self.kind} {self.name}"
