"""Counter appointments (在线预约): counters (窗口), their time slots (时段) and bookings (预约).

A counter belongs to an office and handles a few services (`CounterService`). A slot is one
half hour at one counter on one working day, with a capacity and a running count of bookings;
the count is only ever moved by a conditional UPDATE in `services.py`, so it never exceeds the
capacity however many people press "book" at once (the check constraint is a last net).

A booking carries a short check-in code (取号码) the person reads out at the office: unique per
office and day, digits only. Bookings are never deleted: a cancelled one stays, with its times.
"""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class Counter(models.Model):
    office = models.ForeignKey("regions.Office", on_delete=models.PROTECT, related_name="+")
    number = models.PositiveSmallIntegerField(_("counter number"))
    name = models.CharField(_("counter"), max_length=40)  # e.g. "3号窗口 养老保险"

    class Meta:
        ordering = ["office", "number"]
        constraints = [
            models.UniqueConstraint(fields=["office", "number"], name="counter_number_per_office")
        ]

    def __str__(self) -> str:
        return self.name


class CounterService(models.Model):
    """A service a counter handles (a code of the service catalogue or a counter-only one)."""

    counter = models.ForeignKey(Counter, on_delete=models.CASCADE, related_name="services")
    service = models.CharField(max_length=32)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["counter", "service"], name="counter_service_once")
        ]


class Slot(models.Model):
    counter = models.ForeignKey(Counter, on_delete=models.PROTECT, related_name="slots")
    office = models.ForeignKey("regions.Office", on_delete=models.PROTECT, related_name="+")
    day = models.DateField()
    start = models.TimeField()
    end = models.TimeField()
    capacity = models.PositiveSmallIntegerField()
    booked = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["day", "start", "counter__number"]
        constraints = [
            models.UniqueConstraint(fields=["counter", "day", "start"], name="slot_once"),
            models.CheckConstraint(
                condition=Q(booked__gte=0) & Q(booked__lte=F("capacity")),
                name="slot_never_overfilled",
            ),
        ]
        indexes = [models.Index(fields=["office", "day"], name="slot_office_day")]

    def __str__(self) -> str:
        return f"{self.counter} {self.day} {self.start:%H:%M} {self.booked}/{self.capacity}"

    @property
    def free(self) -> int:
        return max(self.capacity - self.booked, 0)


class Booking(models.Model):
    class Status(models.TextChoices):
        BOOKED = "booked", _("Booked")
        CANCELLED = "cancelled", _("Cancelled")
        CHECKED_IN = "checked_in", _("Checked in")

    person = models.ForeignKey("registry.Person", on_delete=models.PROTECT, related_name="+")
    slot = models.ForeignKey(Slot, on_delete=models.PROTECT, related_name="bookings")
    service = models.CharField(max_length=32)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.BOOKED)
    # The slot's office and day, kept here so the check-in code is unique per office and day.
    office = models.ForeignKey("regions.Office", on_delete=models.PROTECT, related_name="+")
    day = models.DateField()
    code = models.CharField(_("check-in code"), max_length=8)
    # A fresh key per booking form: a double click or a retried request finds the first booking.
    idempotency_key = models.CharField(max_length=64)
    created_at = models.DateTimeField()
    changed_at = models.DateTimeField()
    checked_in_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["day", "slot__start"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "slot"],
                condition=Q(status__in=["booked", "checked_in"]),
                name="booking_one_active_per_person_slot",
            ),
            models.UniqueConstraint(fields=["office", "day", "code"], name="booking_code_per_day"),
            models.UniqueConstraint(
                fields=["person", "idempotency_key"], name="booking_once_per_key"
            ),
        ]
        indexes = [
            models.Index(fields=["person", "status"], name="booking_person"),
            models.Index(fields=["day", "status"], name="booking_day"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.day} {self.service} {self.status}"
