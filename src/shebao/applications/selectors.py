"""Reads of applications: a person's own, one with its history, the inbox, and the office's
review queue (sorted by deadline)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils import timezone

from . import workflow

# Staff figures (经办效能) and escalated cases are computed in figures.py, read through here.
from .figures import Figures, Report, escalated_cases, figures_report  # noqa: F401
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


STAFF_OPEN = [S.SUBMITTED, S.AUTO_REVIEW, S.WAITING_REVIEW, S.PENDING_CHECK, S.APPROVED]


def cases_in_reach(
    user, *, service: str | None = None, status: str | None = None, mine: bool = False
) -> QuerySet[Application]:
    """Applications of the offices the staff member may see, the nearest deadline first.
    Without a status: those the office must still act on."""
    from shebao.regions.selectors import offices_in_reach

    found = Application.objects.filter(office_id__in=offices_in_reach(user))
    found = found.filter(status=status) if status else found.filter(status__in=STAFF_OPEN)
    if service:
        found = found.filter(service=service)
    if mine:
        found = found.filter(assignee=user)
    return found.select_related("person", "assignee", "office").order_by("due_date", "submitted_at")


def case_in_reach(user, pk: int) -> Application | None:
    """One application if the staff member's reach covers its office (else None: not found)."""
    from shebao.regions.selectors import offices_in_reach

    return (
        Application.objects.filter(pk=pk, office_id__in=offices_in_reach(user))
        .select_related("person", "subject", "assignee", "office")
        .first()
    )


def decisions_of(application: Application) -> list:
    return list(application.decisions.select_related("prepared_by", "checked_by"))


def decision_waiting(application: Application):
    return application.decisions.filter(check_state="waiting").select_related("prepared_by").first()


def earlier_applications(application: Application) -> list[Application]:
    return list(
        Application.objects.filter(person=application.person)
        .exclude(pk=application.pk)
        .order_by("-submitted_at")[:20]
    )


def deadline_state(application: Application, *, today) -> str:
    """ "overdue" past the due date, "warning" once 80 % of the working days are used, else
    "ok" (closed applications: "closed")."""
    from shebao.workdays.selectors import work_calendar

    if application.status in workflow.CLOSED:
        return "closed"
    if today > application.due_date:
        return "overdue"
    start = timezone.localtime(application.submitted_at).date()
    calendar = work_calendar(start.year, application.due_date.year)
    total = calendar.working_days_between(start, application.due_date)
    used = calendar.working_days_between(start, today)
    return "warning" if total and used * 5 >= total * 4 else "ok"


def staff_events_in(office_ids: list[int], *, limit: int = 200) -> list[ApplicationEvent]:
    """What staff did to the applications of these offices, newest first (the audit trail)."""
    return list(
        ApplicationEvent.objects.filter(application__office_id__in=office_ids, actor__kind="staff")
        .select_related("application", "actor")
        .order_by("-at", "-pk")[:limit]
    )


def application_by_id(pk: int):
    """One application by its id, with the people it is by and about (None if gone)."""
    return Application.objects.select_related("person", "subject", "office").filter(pk=pk).first()


def applications_submitted_before(moment) -> list:
    """Applications still submitted (not yet picked up by the automated review) since before
    ``moment``, oldest first."""
    return list(
        Application.objects.filter(status=Application.Status.SUBMITTED, updated_at__lt=moment)
        .select_related("person", "subject", "office")
        .order_by("updated_at")[:500]
    )
