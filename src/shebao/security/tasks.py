"""Scheduled housekeeping of security monitoring (config/celery.py runs it daily)."""

from celery import shared_task

from .services import observations_purge


@shared_task(name="shebao.security.tasks.observations_purge_task", ignore_result=True)
def observations_purge_task() -> int:
    return observations_purge()
