"""The Celery app. Broker from CELERY_BROKER_URL; the embedded default is a filesystem spool."""

from __future__ import annotations

import os

from celery import Celery
from celery.schedules import crontab
from kombu.transport import TRANSPORT_ALIASES

# "filesystem://" uses our atomic writer (see config/broker.py for the race it closes).
TRANSPORT_ALIASES["filesystem"] = "shebao.config.broker:AtomicFilesystemTransport"

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shebao.config.settings")

app = Celery("shebao")
app.config_from_object("django.conf:settings", namespace="CELERY")


@app.on_configure.connect
def _configure_spool(sender: Celery, **_: object) -> None:
    from django.conf import settings

    sender.conf.broker_connection_retry_on_startup = True
    sender.conf.worker_hijack_root_logger = (
        False  # keep Django's JSON logging without personal data
    )
    sender.conf.task_ignore_result = True
    sender.conf.timezone = settings.TIME_ZONE
    if settings.CELERY_BROKER_URL.startswith("filesystem"):
        spool = settings.BROKER_SPOOL
        for sub in ("queue", "processed", "control"):
            (spool / sub).mkdir(parents=True, exist_ok=True)
        sender.conf.broker_transport_options = {
            "data_folder_in": str(spool / "queue"),
            "data_folder_out": str(spool / "queue"),
            "processed_folder": str(spool / "processed"),
            "control_folder": str(spool / "control"),  # else it lands in the working directory
            "store_processed": False,
        }
    sender.conf.beat_schedule = {
        "ledger-sequence": {"task": "shebao.ledger.tasks.sequence_outbox", "schedule": 1.0},
        "sms-outbox-purge": {
            "task": "shebao.messaging.tasks.sms_outbox_purge_task",
            "schedule": 86400.0,
        },
        # A contact letter whose on-commit hand-off was lost is answered on the next run;
        # answering twice is harmless.
        "transfers-partner-answer": {
            "task": "shebao.transfers.tasks.partner_answer_pending_task",
            "schedule": 30.0,
        },
        # Hourly in office hours, so a booking made late in the day for tomorrow is reminded
        # too; a booking is never reminded twice.
        "appointment-reminders": {
            "task": "shebao.appointments.tasks.appointment_reminders_task",
            "schedule": crontab(minute=5, hour="8-21"),
        },
        # Anything the on-commit hand-off missed is reviewed within a minute or two;
        # reviewing twice is harmless.
        "review-catch-up": {
            "task": "shebao.review.tasks.review_catch_up_task",
            "schedule": 60.0,
        },
        # Overdue open cases go to the supervisor (督办) once; hourly in office hours.
        "applications-escalate-overdue": {
            "task": "shebao.applications.tasks.escalate_overdue_task",
            "schedule": crontab(minute=10, hour="7-20"),
        },
        # The training sandbox's own ledger (does nothing while no sandbox is prepared).
        "training-ledger-sequence": {
            "task": "shebao.training.tasks.training_sequence_outbox",
            "schedule": 5.0,
        },
        "one-time-codes-purge": {
            "task": "shebao.accounts.tasks.one_time_codes_purge_task",
            "schedule": 86400.0,
        },
        # A payment whose bank notice was lost is settled within minutes, receipt and all,
        # even if the payer never opens the order again.
        "payments-recheck-pending": {
            "task": "shebao.payments.tasks.payment_orders_recheck_task",
            "schedule": 300.0,
        },
        "security-observations-purge": {
            "task": "shebao.security.tasks.observations_purge_task",
            "schedule": 86400.0,
        },
    }


app.autodiscover_tasks()
