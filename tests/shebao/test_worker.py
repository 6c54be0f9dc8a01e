"""Background jobs run for real: the scheduled ledger job over the embedded filesystem broker
with beat (no server), and a task over Redis and RabbitMQ as in production."""

import os
import subprocess
import sys
import time

import pytest

from shebao.ledger.models import LedgerEvent
from shebao.ledger.tasks import sequence_outbox


def _pending() -> int:
    return LedgerEvent.objects.filter(leaf_index__isnull=True).count()


def _wait_until_sequenced(timeout: float = 30.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if _pending() == 0:
            return True
        time.sleep(0.3)
    return False


PENDING = (
    "from shebao.ledger.models import LedgerEvent; "
    "print(LedgerEvent.objects.filter(leaf_index__isnull=True).count())"
)
SETUP = (
    "from django.db import transaction; from shebao.regions.services import office_create; "
    "from shebao.ledger.services import record_event\n"
    "office = office_create(code='xinji', name='辛集', region_code='130181', "
    "province_code='130000', ledger_origin='xinji.test/ledger')\n"
    "with transaction.atomic(): record_event(office=office, kind='test.event', data={})"
)


def test_the_embedded_worker_runs_the_scheduled_ledger_job_without_any_server(tmp_path):
    """The embedded default end to end, in its own SQLite file and spool like a fresh demo."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"CELERY_BROKER_URL", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update({"SHEBAO_HOME": str(tmp_path), "DJANGO_SETTINGS_MODULE": "shebao.config.settings"})

    def shebao(*args):
        result = subprocess.run(
            [sys.executable, "-m", "shebao.cli", *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""

    shebao("migrate", "-v0")
    shebao("shell", "-c", SETUP)
    assert shebao("shell", "-c", PENDING) == "2"
    worker = subprocess.Popen(
        [sys.executable, "-m", "shebao.cli", "worker", "--beat"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while shebao("shell", "-c", PENDING) != "0":
            assert time.monotonic() < deadline, "beat did not run the sequencer within 60 s"
            time.sleep(0.5)
    finally:
        worker.terminate()
        worker.communicate(timeout=30)
    assert (tmp_path / "broker" / "queue").is_dir()
    assert (tmp_path / "broker" / "control" / "celery.exchange").exists()
    assert (tmp_path / "shebao.sqlite3").exists()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "url",
    ["redis://127.0.0.1:6379/14", "amqp://guest:guest@127.0.0.1:5672//"],
    ids=["redis", "rabbitmq"],
)
def test_a_task_sent_through_a_production_broker_is_run_by_a_worker(office, url):
    from celery import Celery
    from celery.contrib.testing.worker import start_worker

    # A fresh app per broker, configured like the real one: no connection pool shared between runs.
    broker_app = Celery("shebao-broker-test", broker=url)
    broker_app.conf.update(
        task_ignore_result=True,
        worker_hijack_root_logger=False,
        broker_connection_retry_on_startup=True,
    )
    broker_app.loader.import_default_modules()
    with broker_app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=3)  # fails loudly if the broker is down
    with start_worker(
        broker_app, pool="solo", perform_ping_check=False, loglevel="WARNING", shutdown_timeout=10
    ):
        broker_app.send_task(sequence_outbox.name)
        assert _wait_until_sequenced(), f"the worker on {url} did not run the task"
