"""Background jobs run for real: the scheduled ledger job over the embedded filesystem broker
with beat (no server), and a task over Redis and RabbitMQ as in production."""

import os
import subprocess
import sys
import time

import pytest
from django.db import connection, transaction

from shebao.ledger.models import LedgerEvent
from shebao.ledger.services import record_event
from shebao.ledger.tasks import sequence_outbox


def _database_url() -> str:
    s = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{s['NAME']}"
    return f"postgres://{s['USER']}:{s['PASSWORD'] or ''}@{s['HOST']}:{s['PORT']}/{s['NAME']}"


def _pending() -> int:
    return LedgerEvent.objects.filter(leaf_index__isnull=True).count()


def _wait_until_sequenced(timeout: float = 30.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if _pending() == 0:
            return True
        time.sleep(0.3)
    return False


@pytest.mark.django_db(transaction=True)
def test_the_embedded_worker_runs_the_scheduled_ledger_job_without_any_server(office, tmp_path):
    with transaction.atomic():
        record_event(office=office, kind="test.event", data={})
    assert _pending() == 2
    env = {k: v for k, v in os.environ.items() if k != "CELERY_BROKER_URL"}
    env.update({"SHEBAO_HOME": str(tmp_path), "DATABASE_URL": _database_url(),
                "DJANGO_SETTINGS_MODULE": "shebao.config.settings"})
    worker = subprocess.Popen([sys.executable, "-m", "shebao.cli", "worker", "--beat"], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        assert _wait_until_sequenced(), "beat did not run the sequencer within 30 s"
    finally:
        worker.terminate()
        output = worker.communicate(timeout=30)[0].decode(errors="replace")
    assert (tmp_path / "broker" / "queue").is_dir(), output


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("url", ["redis://127.0.0.1:6379/14", "amqp://guest:guest@127.0.0.1:5672//"],
                         ids=["redis", "rabbitmq"])
def test_a_task_sent_through_a_production_broker_is_run_by_a_worker(office, url):
    from celery import Celery
    from celery.contrib.testing.worker import start_worker

    # A fresh app per broker, configured like the real one: no connection pool shared between runs.
    broker_app = Celery("shebao-broker-test", broker=url)
    broker_app.conf.update(task_ignore_result=True, worker_hijack_root_logger=False,
                           broker_connection_retry_on_startup=True)
    broker_app.loader.import_default_modules()
    with broker_app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=3)  # fails loudly if the broker is down
    with start_worker(broker_app, pool="solo", perform_ping_check=False, loglevel="WARNING",
                      shutdown_timeout=10):
        broker_app.send_task(sequence_outbox.name)
        assert _wait_until_sequenced(), f"the worker on {url} did not run the task"
