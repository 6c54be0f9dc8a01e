"""The sandbox's ledger is sequenced like the real one (beat runs this beside sequence_outbox)."""

import threading

from celery import shared_task
from django.db import DatabaseError

from . import active, configured

_running = threading.Lock()


@shared_task(name="shebao.training.tasks.training_sequence_outbox", ignore_result=True)
def training_sequence_outbox() -> int:
    if not configured() or not _running.acquire(blocking=False):
        return 0
    try:
        from shebao.ledger.sequencer import sequence_all

        with active():
            try:
                return sequence_all()
            except DatabaseError:
                return 0  # sandbox not prepared yet (no tables)
    finally:
        _running.release()
