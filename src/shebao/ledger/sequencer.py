"""The sequencer: gives outboxed events their leaf index and signs a new checkpoint.

Per office, in one transaction: lock the office's key row (one sequencer at a time per log),
take the pending events in outbox order, hash each body as an RFC 6962 leaf, store the
complete-subtree nodes they complete, mark the events with their index and sign a checkpoint
of the new size. The design of Trillian's and Tessera's sequencers, on the platform's database.

A batch costs a fixed number of statements, whatever its size: one read of the pending events,
the tree state (the right border, at most log2(n) nodes) read once, the new hashes computed in
memory (``CompactRange``), the new nodes written with COPY (``shebao.bulk_insert``), the events
marked with one UPDATE joined to their ids in order (PostgreSQL; SQLite runs one prepared UPDATE
over the rows) and one checkpoint signed. See ``benchmarks/ledger_append.py`` for the rate.
"""

from __future__ import annotations

from django.db import connection, transaction
from django.utils import timezone

from shebao.bulk_insert import insert_rows
from shebao.pii.fields import protect, reveal
from shebao_tlog import Checkpoint as CheckpointBody
from shebao_tlog import CompactRange, Signer, frontier_ids, leaf_hash, sign_checkpoint

from .models import Checkpoint, LedgerEvent, LogKey, LogNode

BATCH = 20_000
_NODE_COLUMNS = ["office_id", "level", "index", "hash"]


def log_key_for(office) -> LogKey:
    """The office's signing key, created on first use (its origin names it)."""
    key = LogKey.objects.filter(office=office).first()
    if key is None:
        signer = Signer.generate(office.ledger_origin)
        secret = protect("ledger-skey", signer.skey, masked="")
        key, _ = LogKey.objects.get_or_create(
            office=office, defaults={"vkey": signer.verifier.vkey, "skey_enc": secret.ciphertext}
        )
    return key


def signer_for(key: LogKey) -> Signer:
    return Signer.from_skey(reveal("ledger-skey", key.skey_enc))


def tree_size(office) -> int:
    latest = Checkpoint.objects.filter(office=office).order_by("-size").first()
    return latest.size if latest else 0


def _frontier(office, size: int) -> list[bytes]:
    ids = frontier_ids(size)
    if not ids:
        return []
    rows = {
        (n.level, n.index): bytes(n.hash)
        for n in LogNode.objects.filter(
            office=office, level__in={i.level for i in ids}, index__in={i.index for i in ids}
        )
    }
    return [rows[(i.level, i.index)] for i in ids]


def _mark_sequenced(event_ids: list[int], first_index: int, now) -> None:
    """Give the events (in this order) leaf indices first_index, first_index + 1, ..."""
    table = connection.ops.quote_name(LedgerEvent._meta.db_table)
    now = connection.ops.adapt_datetimefield_value(now)  # as the ORM stores it
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"UPDATE {table} AS e SET leaf_index = %s + v.n - 1, sequenced_at = %s"
                " FROM unnest(%s::bigint[]) WITH ORDINALITY AS v(id, n) WHERE e.id = v.id",
                [first_index, now, event_ids],
            )
        else:
            cursor.executemany(
                f"UPDATE {table} SET leaf_index = %s, sequenced_at = %s WHERE id = %s",
                [(first_index + i, now, event_id) for i, event_id in enumerate(event_ids)],
            )
        if cursor.rowcount not in (-1, len(event_ids)):  # rolls the whole batch back
            raise RuntimeError(f"marked {cursor.rowcount} events sequenced, not {len(event_ids)}")


def sequence_office(office, *, batch: int = BATCH) -> int:
    """Sequence up to ``batch`` pending events of one office; returns how many."""
    log_key_for(office)
    with transaction.atomic():
        key = LogKey.objects.select_for_update().get(office=office)
        pending = list(
            LedgerEvent.objects.filter(office=office, leaf_index__isnull=True)
            .order_by("id")
            .values_list("id", "body")[:batch]
        )
        if not pending:
            return 0
        size = tree_size(office)
        tree = CompactRange(size, _frontier(office, size))
        nodes = tree.extend(leaf_hash(body.encode("utf-8")) for _, body in pending)
        insert_rows(LogNode, _NODE_COLUMNS, ((office.pk, lvl, idx, h) for lvl, idx, h in nodes))
        _mark_sequenced([event_id for event_id, _ in pending], size, timezone.now())
        root = tree.root()
        body = CheckpointBody(origin=office.ledger_origin, size=tree.size, root_hash=root)
        Checkpoint.objects.create(
            office=office,
            size=tree.size,
            root_hash=root,
            signed_note=sign_checkpoint(body, [signer_for(key)]),
        )
    return len(pending)


def sequence_all(*, batch: int = BATCH) -> int:
    """Sequence every office's pending events (the scheduled job)."""
    from shebao.regions.selectors import offices_all

    total = 0
    for office in offices_all():
        while True:
            done = sequence_office(office, batch=batch)
            total += done
            if done < batch:
                break
    return total
