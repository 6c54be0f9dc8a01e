"""Background delivery of text messages through a network gateway, with retries."""

from __future__ import annotations

from celery import shared_task

from .senders import DeliveryError
from .services import sms_deliver, sms_give_up, sms_outbox_purge


@shared_task(
    name="shebao.messaging.tasks.sms_deliver_task",
    bind=True,
    ignore_result=True,
    max_retries=5,
)
def sms_deliver_task(self, message_id: int) -> None:
    try:
        sms_deliver(message_id=message_id)
    except DeliveryError as exc:
        if self.request.retries >= self.max_retries:
            sms_give_up(message_id=message_id, reason=str(exc))
            return
        # 10 s, 20 s, 40 s ...: a code is worthless after 5 minutes, so do not wait longer.
        raise self.retry(countdown=10 * 2**self.request.retries) from None


@shared_task(name="shebao.messaging.tasks.sms_outbox_purge_task", ignore_result=True)
def sms_outbox_purge_task() -> int:
    return sms_outbox_purge()
