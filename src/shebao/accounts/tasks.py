"""Scheduled housekeeping for sign-in (config/celery.py runs it daily)."""

from celery import shared_task

from .services import one_time_codes_purge


@shared_task(name="shebao.accounts.tasks.one_time_codes_purge_task", ignore_result=True)
def one_time_codes_purge_task() -> int:
    return one_time_codes_purge()
