"""Writes for messages: queue an SMS (sent after the commit) and deliver a queued one.

The outbox is a delivery queue, not a business record: the action that decided to send (a code
issued, a number changed) records its own ledger event in its own transaction, so these writes
record none themselves.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from shebao.pii.fields import protect, reveal
from shebao.pii.masking import mask_phone

from .models import SmsMessage
from .senders import DeliveryError, Outgoing, current_sender


def sms_queue(*, phone: str, body: str, purpose: str) -> SmsMessage:
    """Put a text message in the outbox; it is handed to the sender once the caller's transaction
    commits (never from inside it: a rolled-back code must not reach a phone)."""
    tel = protect("mobile", phone, masked=mask_phone(phone))
    message = SmsMessage.objects.create(
        phone_enc=tel.ciphertext,
        phone_bidx=tel.index,
        phone_masked=tel.masked,
        body_enc=protect("sms_body", body, masked="").ciphertext,
        purpose=purpose,
    )
    transaction.on_commit(lambda: _dispatch(message.pk))
    return message


def _dispatch(message_id: int) -> None:
    if current_sender().needs_worker:
        from .tasks import sms_deliver_task

        sms_deliver_task.delay(message_id)
    else:
        sms_deliver(message_id=message_id)


def sms_deliver(*, message_id: int) -> SmsMessage:
    """Hand one queued message to the configured sender and record the outcome. Raises
    `DeliveryError` when a later try may succeed (the worker task retries on it)."""
    sender = current_sender()
    failure: DeliveryError | None = None
    with transaction.atomic():
        message = SmsMessage.objects.select_for_update().get(pk=message_id)
        if message.status in {SmsMessage.Status.SENT, SmsMessage.Status.KEPT}:
            return message  # delivered already: a retried task must not send twice
        outgoing = Outgoing(
            phone=reveal("mobile", message.phone_enc),
            phone_masked=message.phone_masked,
            body=reveal("sms_body", message.body_enc),
            reference=f"sms-{message.pk}",
        )
        message.attempts += 1
        message.sender = type(sender).__name__
        try:
            sent = sender.send(outgoing)
        except DeliveryError as exc:
            failure = exc
            message.last_error = str(exc)[:200]
            message.status = SmsMessage.Status.QUEUED if exc.retry else SmsMessage.Status.FAILED
        else:
            message.status = SmsMessage.Status.SENT if sent else SmsMessage.Status.KEPT
            message.sent_at = timezone.now()
            message.last_error = ""
        message.save(update_fields=["attempts", "sender", "last_error", "status", "sent_at"])
    # Raised after the commit, so the attempt count and the error are kept for the retry.
    if failure is not None and failure.retry:
        raise failure
    return message


def sms_give_up(*, message_id: int, reason: str) -> None:
    """Mark a message that could not be delivered after every retry."""
    SmsMessage.objects.filter(pk=message_id, status=SmsMessage.Status.QUEUED).update(
        status=SmsMessage.Status.FAILED, last_error=reason[:200]
    )


def sms_outbox_purge(*, older_than: dt.timedelta = dt.timedelta(days=7), now=None) -> int:
    """Delete old messages: codes in them are long dead, and keeping less personal data is safer."""
    cutoff = (now or timezone.now()) - older_than
    deleted, _ = SmsMessage.objects.filter(created_at__lt=cutoff).delete()
    return deleted
