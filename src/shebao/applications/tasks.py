"""Scheduled application work: escalating overdue cases to the supervisor (督办).

A case the office must still act on (the queue's open statuses: not one waiting for the
applicant's correction or for the other office) whose time limit (承诺时限) has run out is marked
escalated once, through `services.application_escalate` (which records the ledger event). The
supervisors of its office find it at the top of their "escalated" list (督办) in the back
office; the 80 % warning before that is shown in the queue (`selectors.deadline_state`).

Beat runs it every hour in office hours (see config/celery.py); running it again escalates
nothing twice.
"""

from __future__ import annotations

import datetime as dt
import logging

from celery import shared_task
from django.utils import timezone

from .models import Application
from .selectors import STAFF_OPEN
from .services import application_escalate

log = logging.getLogger(__name__)


def overdue_unescalated(*, today: dt.date):
    """Open cases past their due date that were not escalated yet, the oldest deadline first."""
    return (
        Application.objects.filter(
            status__in=STAFF_OPEN, due_date__lt=today, escalated_at__isnull=True
        )
        .select_related("office", "person")
        .order_by("due_date", "pk")
    )


def escalate_overdue(*, today: dt.date, now: dt.datetime | None = None) -> int:
    """Escalate every overdue open case once; the number escalated by this run."""
    now = now or timezone.now()
    escalated = 0
    for application in list(overdue_unescalated(today=today)):
        escalated += application_escalate(application=application, now=now)
    if escalated:
        log.info("escalated overdue applications", extra={"count": escalated})
    return escalated


@shared_task(name="shebao.applications.tasks.escalate_overdue_task", ignore_result=True)
def escalate_overdue_task() -> int:
    now = timezone.now()
    return escalate_overdue(today=timezone.localdate(now), now=now)
