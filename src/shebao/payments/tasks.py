"""Scheduled payment work: asking the bank about orders still pending (config/celery.py runs it
every five minutes); settling twice is impossible, so extra runs are harmless."""

from __future__ import annotations

from celery import shared_task

from .services import payment_orders_recheck


@shared_task(name="shebao.payments.tasks.payment_orders_recheck_task", ignore_result=True)
def payment_orders_recheck_task() -> int:
    return payment_orders_recheck()
