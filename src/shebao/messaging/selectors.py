"""Reads of the SMS outbox."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from shebao.pii.fields import reveal

from .models import SmsMessage


@dataclass(frozen=True)
class OutboxEntry:
    at: datetime
    phone_masked: str
    body: str
    status: str


def sms_outbox_recent(*, limit: int = 30) -> list[OutboxEntry]:
    """The newest messages with their text decrypted, for the demo outbox page only (the demo
    has no real phones; anywhere else the text of a code must never be shown)."""
    rows = SmsMessage.objects.order_by("-created_at", "-id")[:limit]
    return [
        OutboxEntry(
            at=row.created_at,
            phone_masked=row.phone_masked,
            body=reveal("sms_body", row.body_enc),
            status=row.get_status_display(),
        )
        for row in rows
    ]
