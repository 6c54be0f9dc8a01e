"""The single way to record a business event: `record_event`, inside the write's transaction."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.utils import timezone

from shebao.bulk_insert import insert_rows
from shebao.pii.blind_index import blind_index

from . import canonical
from .models import LedgerEvent


class OutsideTransaction(RuntimeError):
    """An event was recorded outside the transaction of the change it describes."""


def pseudonym(kind: str, identifier: object) -> str:
    """Keyed hash standing for a person or account in the public log."""
    return blind_index(f"ledger-{kind}", str(identifier))


def record_event(
    *, office: Any, kind: str, data: dict[str, Any], subject: Any = None, actor: Any = None
) -> LedgerEvent:
    """Append an event to the outbox in the caller's transaction.

    ``subject``/``actor`` are model instances (person, user) and enter the entry only as keyed
    hashes. Refuses to run outside ``transaction.atomic()``: an event and its change commit together
    or not at all, so the log can never miss a change nor record one that did not happen.
    """
    if not connection.in_atomic_block:
        raise OutsideTransaction(f"record_event({kind!r}) must run inside the write's transaction")
    body = _body(office, kind, data, subject, actor, timezone.now().replace(microsecond=0))
    return LedgerEvent.objects.create(office=office, kind=kind, body=canonical.dumps(body))


def record_events_bulk(
    *, office: Any, events: list[tuple[str, dict[str, Any], Any]], actor: Any = None
) -> int:
    """Outbox many events at once (bulk writes); each tuple is (kind, data, subject).

    The rows go in with one COPY on PostgreSQL (one prepared INSERT elsewhere, see
    `shebao.bulk_insert`): a bulk business write of thousands of events then costs about what
    its own rows cost, which is what lets a province append ≥ 5,000 events a second
    (benchmarks/ledger_append.py)."""
    if not connection.in_atomic_block:
        raise OutsideTransaction("record_events_bulk must run inside the write's transaction")
    now = timezone.now()
    at = now.replace(microsecond=0)
    recorded_at = connection.ops.adapt_datetimefield_value(now)
    rows = (
        (
            office.pk,
            kind,
            canonical.dumps(_body(office, kind, data, subject, actor, at)),
            recorded_at,
        )
        for kind, data, subject in events
    )
    return insert_rows(LedgerEvent, ["office_id", "kind", "body", "recorded_at"], rows)


def _body(
    office: Any, kind: str, data: dict[str, Any], subject: Any, actor: Any, at: Any
) -> dict[str, Any]:
    body: dict[str, Any] = {"kind": kind, "office": office.code, "at": at, "data": data}
    if subject is not None:
        body["subject"] = pseudonym(type(subject).__name__.lower(), subject.pk)
    if actor is not None:
        body["actor"] = pseudonym("user", actor.pk)
    return body


# Exchange packages between offices (联系函 / 转移凭证): sealing and opening, see sealing.py.
from .packages import PackageRefused  # noqa: E402,F401
from .packages import digest as package_digest  # noqa: E402,F401
from .sealing import package_body, package_open, package_seal  # noqa: E402,F401
