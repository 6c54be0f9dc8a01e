"""Reads of applications: a person's own, one with its history, the inbox, and the office's
review queue (sorted by deadline)."""

from __future__ import annotations

from django.db.models import QuerySet

from . import workflow
from .models import Application, ApplicationEvent, InboxMessage

S = Application.Status


def applications_of(person) -> list[Application]:
    return list(Application.objects.filter(person=person).order_by("-submitted_at", "-pk"))


def application_of(person, ref: str) -> Application | None:
    """The person's own application with this number, or None (someone else's is not found)."""
    return Application.objects.filter(person=person, ref=ref).first()


def applications_returned(person) -> list[Application]:
    return list(Application.objects.filter(person=person, status=S.RETURNED).order_by("due_date"))


def application_to_fix(person, ref: str, service: str) -> Application | None:
    """The person's application of `service` that was returned for correction."""
    return Application.objects.filter(
        person=person, ref=ref, service=service, status=S.RETURNED
    ).first()


def open_application(person, service: str, subject=None) -> Application | None:
    """An application of this service still in progress (so a second one is not filed)."""
    found = Application.objects.filter(person=person, service=service, status__in=workflow.OPEN)
    if subject is not None:
        found = found.filter(subject=subject)
    return found.order_by("-submitted_at").first()


def application_events(application: Application) -> list[ApplicationEvent]:
    return list(application.events.all())


def inbox(person, *, limit: int = 50) -> list[InboxMessage]:
    return list(InboxMessage.objects.filter(person=person).select_related("application")[:limit])


def inbox_unread_count(person) -> int:
    return InboxMessage.objects.filter(person=person, read_at__isnull=True).count()


def review_queue(office, *, service: str | None = None) -> QuerySet[Application]:
    """Open applications the office must act on, the nearest deadline first."""
    found = Application.objects.filter(
        office=office, status__in=[S.SUBMITTED, S.AUTO_REVIEW, S.WAITING_REVIEW]
    )
    if service:
        found = found.filter(service=service)
    return found.select_related("person", "subject").order_by("due_date", "submitted_at")
