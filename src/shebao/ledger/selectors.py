"""Reads of an office's transparency log (账本), as the public audit endpoints serve them.

Everything here reads only what the sequencer has integrated and signed: the tree size is the
size of the office's latest checkpoint (the sequencer stores nodes, leaf indices and the
checkpoint in one transaction, so the stored tree and the latest checkpoint always agree).
Proofs come from the stored complete-subtree nodes (`LogNode`): `shebao_tlog`'s plans say which
nodes a proof needs before anything is read, and one query fetches them together with the
latest checkpoint's size (on PostgreSQL; `StoredTree` is the same read as a `NodeStore`).

Bad requests (an index beyond the tree, a size larger than it, a consistency proof from size 0
or backwards) raise `LogRequestError` with a one-line reason a partner can act on.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db import connection
from django.db.models import Q

from shebao_tlog import NodeID, consistency_plan, inclusion_plan

from .models import Checkpoint, LedgerEvent, LogKey, LogNode


class LogRequestError(ValueError):
    """A proof or entry the log cannot give as asked; the message says why."""


@dataclass(frozen=True)
class LogHead:
    """The latest signed state of an office's log."""

    size: int
    root_hash: bytes
    signed_note: str


def log_head(office) -> LogHead | None:
    """The office's latest checkpoint, or None before the sequencer has signed any."""
    row = (
        Checkpoint.objects.filter(office=office)
        .order_by("-size")
        .values_list("size", "root_hash", "signed_note")
        .first()
    )
    if row is None:
        return None
    size, root, note = row
    return LogHead(size=size, root_hash=bytes(root), signed_note=note)


def log_size(office) -> int:
    """Number of entries covered by the office's latest checkpoint (0 before the first)."""
    head = log_head(office)
    return head.size if head else 0


def log_verifier_key(office) -> str | None:
    """The office's checkpoint verifier key in C2SP vkey form (public), or None if it has none."""
    return LogKey.objects.filter(office=office).values_list("vkey", flat=True).first()


def log_entry(office, index: int) -> bytes:
    """The exact bytes hashed as leaf ``index`` (canonical JSON, UTF-8)."""
    size = log_size(office)
    _check_index(index, size)
    body = (
        LedgerEvent.objects.filter(office=office, leaf_index=index)
        .values_list("body", flat=True)
        .first()
    )
    if body is None:  # integrated and signed, but the row is gone: `shebao ledger verify` says so
        raise LookupError(f"entry {index} of the log is not stored")
    return body.encode("utf-8")


class StoredTree:
    """`shebao_tlog.NodeStore` over an office's `LogNode` rows: one query per `get_nodes`."""

    def __init__(self, office, size: int) -> None:
        self.office = office
        self._size = size

    @property
    def size(self) -> int:
        return self._size

    def get_nodes(self, ids: Sequence[NodeID]) -> list[bytes]:
        if not ids:
            return []
        if connection.vendor == "postgresql":
            return _in_order(_signed_size_and_nodes(self.office, ids)[1], ids)
        return _in_order(_stored_nodes(self.office, ids), ids)


def _stored_nodes(office, ids: Sequence[NodeID]) -> dict:
    """{(level, index): hash} of those of ``ids`` that are stored (the ORM, one query)."""
    if not ids:
        return {}
    wanted = reduce(or_, (Q(level=i.level, index=i.index) for i in set(ids)))
    rows = LogNode.objects.filter(wanted, office=office).values_list("level", "index", "hash")
    return {(level, index): bytes(h) for level, index, h in rows}


# Sizes and indices are uint64 on the wire; the database keeps them as signed 64-bit integers,
# so anything at or above 2**63 is beyond every log and never reaches a query.
_MAX_SIZE = 2**63 - 1
# One correlated lookup per wanted node: each is an index probe of `lognode_position` whatever
# the planner knows. (A join of the unnest with the nodes lets it pick a hash join that reads
# every node of the office when its statistics are missing or stale — seen at 5,000 entries
# before the first ANALYZE: 2 ms instead of 0.2, and linear in the log's size.)
_NODES_AND_SIZE = (
    "SELECT (SELECT c.size FROM {checkpoint} c WHERE c.office_id = %s"
    " ORDER BY c.size DESC LIMIT 1), w.level, w.idx,"
    " (SELECT n.hash FROM {node} n WHERE n.office_id = %s AND n.level = w.level"
    ' AND n."index" = w.idx)'
    " FROM unnest(%s::smallint[], %s::bigint[]) AS w(level, idx)"
)


def _signed_size_and_nodes(office, ids: Sequence[NodeID]) -> tuple[int, dict]:
    """The latest checkpoint's size and the stored nodes ``ids`` ({(level, index): hash}).

    On PostgreSQL one round trip (an indexed join; no ORM compile per proof), which is what
    keeps a proof under a millisecond at a million entries (benchmarks/ledger_append.py);
    elsewhere a query for each."""
    if connection.vendor != "postgresql" or not ids:
        return log_size(office), _stored_nodes(office, ids)
    sql = _NODES_AND_SIZE.format(checkpoint=Checkpoint._meta.db_table, node=LogNode._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(sql, [office.pk, office.pk, [i.level for i in ids], [i.index for i in ids]])
        rows = cursor.fetchall()
    size = rows[0][0] or 0
    return size, {(level, index): bytes(h) for _s, level, index, h in rows if h is not None}


def _in_order(found: dict, ids: Sequence[NodeID]) -> list[bytes]:
    try:
        return [found[(i.level, i.index)] for i in ids]
    except KeyError as exc:
        raise LookupError(f"node {exc.args[0]} of the log is not stored") from None


def _proof_if_signed(office, plan, size: int) -> tuple[list[bytes] | None, int]:
    """The proof of a well-formed request (``plan``, None if not) for a tree of ``size``, and
    the log's signed size: one query on PostgreSQL, the size check riding with the nodes. The
    proof is None when the request is malformed or beyond the log; the caller says why."""
    if plan is None:
        return None, log_size(office)
    current, found = _signed_size_and_nodes(office, plan.ids)
    if size > current:
        return None, current
    return plan.assemble(_in_order(found, plan.ids)), current


def log_inclusion_proof(office, *, index: int, size: int) -> list[bytes]:
    """RFC 6962 inclusion proof of leaf ``index`` in the tree of the first ``size`` entries."""
    plan = inclusion_plan(index, size) if 0 <= index < size <= _MAX_SIZE else None
    proof, current = _proof_if_signed(office, plan, size)
    if proof is not None:
        return proof
    _check_tree_size(size, current, "size")
    if size == 0:
        raise LogRequestError("the empty tree has no entries to prove")
    _check_index(index, size)
    raise AssertionError("unreachable: a well-formed request within the log was answered")


def log_consistency_proof(office, *, old: int, new: int) -> list[bytes]:
    """RFC 6962 consistency proof from the tree of ``old`` entries to that of ``new``."""
    plan = consistency_plan(old, new) if 0 < old <= new <= _MAX_SIZE else None
    proof, current = _proof_if_signed(office, plan, new)
    if proof is not None:
        return proof
    _check_tree_size(new, current, "new")
    _check_tree_size(old, current, "old")
    if old > new:
        raise LogRequestError(f"old size {old} is larger than new size {new}")
    raise LogRequestError("a consistency proof from the empty tree proves nothing; use old >= 1")


def _check_index(index: int, size: int) -> None:
    if index < 0:
        raise LogRequestError(f"index {index} is negative")
    if index >= size:
        raise LogRequestError(f"index {index} is not in a tree of size {size}")


def _check_tree_size(size: int, current: int, name: str) -> None:
    if size < 0:
        raise LogRequestError(f"{name} {size} is negative")
    if size > current:
        raise LogRequestError(
            f"{name} {size} is beyond the log's latest checkpoint (size {current})"
        )
