"""Reads of an office's transparency log (账本), as the public audit endpoints serve them.

Everything here reads only what the sequencer has integrated and signed: the tree size is the
size of the office's latest checkpoint (the sequencer stores nodes, leaf indices and the
checkpoint in one transaction, so the stored tree and the latest checkpoint always agree).
Proofs come from the stored complete-subtree nodes (`LogNode`): `shebao_tlog`'s plans say which
nodes a proof needs before anything is read, and `StoredTree` fetches them in one query.

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
        if connection.vendor == "postgresql":  # one indexed join, no ORM compile per proof
            with connection.cursor() as cursor:
                cursor.execute(
                    'SELECT n.level, n."index", n.hash FROM ledger_lognode n'
                    " JOIN unnest(%s::smallint[], %s::bigint[]) AS w(level, idx)"
                    ' ON n.level = w.level AND n."index" = w.idx WHERE n.office_id = %s',
                    [[i.level for i in ids], [i.index for i in ids], self.office.pk],
                )
                rows = cursor.fetchall()
        else:
            wanted = reduce(or_, (Q(level=i.level, index=i.index) for i in set(ids)))
            rows = LogNode.objects.filter(wanted, office=self.office).values_list(
                "level", "index", "hash"
            )
        found = {(level, index): bytes(h) for level, index, h in rows}
        try:
            return [found[(i.level, i.index)] for i in ids]
        except KeyError as exc:
            raise LookupError(f"node {exc.args[0]} of the log is not stored") from None


def log_inclusion_proof(office, *, index: int, size: int) -> list[bytes]:
    """RFC 6962 inclusion proof of leaf ``index`` in the tree of the first ``size`` entries."""
    current = log_size(office)
    _check_tree_size(size, current, "size")
    if size == 0:
        raise LogRequestError("the empty tree has no entries to prove")
    _check_index(index, size)
    plan = inclusion_plan(index, size)
    return plan.assemble(StoredTree(office, current).get_nodes(plan.ids))


def log_consistency_proof(office, *, old: int, new: int) -> list[bytes]:
    """RFC 6962 consistency proof from the tree of ``old`` entries to that of ``new``."""
    current = log_size(office)
    _check_tree_size(new, current, "new")
    _check_tree_size(old, current, "old")
    if old > new:
        raise LogRequestError(f"old size {old} is larger than new size {new}")
    if old == 0:
        raise LogRequestError(
            "a consistency proof from the empty tree proves nothing; use old >= 1"
        )
    plan = consistency_plan(old, new)
    return plan.assemble(StoredTree(office, current).get_nodes(plan.ids))


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
