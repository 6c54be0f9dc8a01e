"""Scheduled appointment work: the reminder the day before (预约提醒).

Beat runs it every hour in office hours (see config/celery.py); each booking is reminded once
whatever the number of runs, so a booking made in the afternoon for tomorrow is still reminded.
"""

from __future__ import annotations

import datetime as dt

from celery import shared_task
from django.utils import timezone

from .services import booking_reminders_send


@shared_task(name="shebao.appointments.tasks.appointment_reminders_task", ignore_result=True)
def appointment_reminders_task() -> int:
    now = timezone.now()
    return booking_reminders_send(day=timezone.localdate(now) + dt.timedelta(days=1), now=now)
