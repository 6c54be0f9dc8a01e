"""Scheduled ledger work (Celery beat runs it every second; see config/celery.py)."""

from celery import shared_task

from .sequencer import sequence_all


@shared_task(name="shebao.ledger.tasks.sequence_outbox", ignore_result=True)
def sequence_outbox() -> int:
    return sequence_all()
