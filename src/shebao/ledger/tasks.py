"""Scheduled ledger work (Celery beat runs it every second; see config/celery.py)."""

import threading

from celery import shared_task

from .sequencer import sequence_all

# Beat fires every second, but a run after a burst of writes can take longer. Runs must not
# overlap inside one worker: on SQLite (the embedded default) a second sequencer would wait for
# the first one's write lock and fail. Across worker processes on PostgreSQL the sequencer's
# row lock (select_for_update on the office's key) already serialises them.
_running = threading.Lock()


@shared_task(name="shebao.ledger.tasks.sequence_outbox", ignore_result=True)
def sequence_outbox() -> int:
    if not _running.acquire(blocking=False):
        return 0  # the run in progress will pick these events up
    try:
        return sequence_all()
    finally:
        _running.release()
