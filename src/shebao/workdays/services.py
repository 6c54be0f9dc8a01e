"""Writes to the holiday table: load a year, set or clear one day, confirm a year.

Each records a ledger event (the table decides every statutory deadline, so its changes are
auditable) under the office of the staff member who made it, or the given office.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from shebao.ledger.services import record_event

from .models import CalendarDay, CalendarYear
from .selectors import default_days


class CalendarEditRefused(Exception):
    """The change would break the table (a date outside its year, an unknown kind)."""


def calendar_year_load(*, year: int, office, actor=None) -> CalendarYear:
    """Store a year from chinese-calendar (published) or as provisional statutory dates.
    A year already stored is left as it is (staff edits are never overwritten)."""
    with transaction.atomic():
        existing = CalendarYear.objects.filter(year=year).first()
        if existing is not None:
            return existing
        status, days = default_days(year)
        entry = CalendarYear.objects.create(
            year=year,
            status=status,
            source="chinese-calendar" if status == CalendarYear.Status.OFFICIAL else "statutory",
        )
        CalendarDay.objects.bulk_create(
            CalendarDay(date=d.date, year=entry, kind=d.kind, name=d.name) for d in days
        )
        record_event(
            office=office,
            kind="calendar.year_loaded",
            data={"year": year, "status": status, "days": len(days)},
            actor=actor,
        )
        return entry


def calendar_day_set(
    *, day: dt.date, kind: str | None, name: str = "", office, actor=None
) -> CalendarYear:
    """Mark `day` a holiday or a working day in lieu (kind None: an ordinary day again).
    Editing a confirmed year makes it unconfirmed again until staff confirm it."""
    if kind not in {None, *CalendarDay.Kind.values}:
        raise CalendarEditRefused(f"unknown kind {kind!r}")
    with transaction.atomic():
        entry = calendar_year_load(year=day.year, office=office, actor=actor)
        entry = CalendarYear.objects.select_for_update().get(pk=entry.pk)
        CalendarDay.objects.filter(date=day).delete()
        if kind is not None:
            CalendarDay.objects.create(date=day, year=entry, kind=kind, name=name[:40])
        if entry.status == CalendarYear.Status.CONFIRMED:
            entry.status = CalendarYear.Status.PROVISIONAL
            entry.confirmed_by, entry.confirmed_at = None, None
            entry.save(update_fields=["status", "confirmed_by", "confirmed_at"])
        record_event(
            office=office,
            kind="calendar.day_set",
            data={"date": day, "kind": kind or "ordinary", "name": name[:40]},
            actor=actor,
        )
        return entry


def calendar_year_confirm(*, year: int, source: str, office, actor=None) -> CalendarYear:
    """Staff confirm that the table now holds the State Council's schedule for `year`."""
    with transaction.atomic():
        entry = calendar_year_load(year=year, office=office, actor=actor)
        entry = CalendarYear.objects.select_for_update().get(pk=entry.pk)
        entry.status = CalendarYear.Status.CONFIRMED
        entry.source = source[:200]
        entry.confirmed_by, entry.confirmed_at = actor, timezone.now()
        entry.save()
        record_event(
            office=office,
            kind="calendar.year_confirmed",
            data={"year": year, "source": source[:200]},
            actor=actor,
        )
        return entry
