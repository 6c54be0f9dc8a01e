"""Merkle tree state, root computation and proof generation over stored complete subtrees.

Storage model (the one of Trillian, Tessera and transparency-dev/merkle's ``compact``
package): only hashes of *complete* subtrees are stored. Node ``(level, index)`` is
the root of the perfect subtree of ``2**level`` leaves starting at leaf
``index * 2**level``; level 0 holds the leaf hashes. Such a node never changes once
complete, so the store is append-only. Anything else a proof needs (the right border
of a tree whose size is not a power of two) is an "ephemeral" node rehashed from at
most log2(n) stored nodes.

Every proof and past root needs O(log n) node reads, and the node ids are known
before reading (``inclusion_plan``, ``consistency_plan``, ``frontier_ids``), so a
database-backed ``NodeStore`` can fetch them in one query.

Sequencing new entries: load ``CompactRange(size, store.get_nodes(frontier_ids(size)))``,
call ``extend(new_leaf_hashes)``, bulk-insert the ``Node`` rows it returns, and sign
a checkpoint with ``compact_range.root()``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple, Protocol

from .hashing import EMPTY_ROOT, HASH_SIZE, leaf_hash, node_hash


class NodeID(NamedTuple):
    """Address of a complete subtree: ``2**level`` leaves starting at leaf ``index * 2**level``."""

    level: int
    # Shadows tuple.index(); "index" is the name Trillian, Tessera and the node table use.
    index: int  # type: ignore[assignment]


class Node(NamedTuple):
    """A complete subtree and its hash: one row of the node table."""

    level: int
    index: int  # type: ignore[assignment]  # as in NodeID
    hash: bytes


class NodeStore(Protocol):
    """Read side of a log's node table, as proof generation needs it.

    ``size`` is the number of leaves whose complete-subtree nodes are all stored.
    ``get_nodes`` returns the hashes of the given complete subtrees in the given
    order and raises ``KeyError`` for a node that is not stored.
    """

    @property
    def size(self) -> int: ...

    def get_nodes(self, ids: Sequence[NodeID]) -> Sequence[bytes]: ...


def frontier_ids(size: int) -> list[NodeID]:
    """Return the complete subtrees covering leaves [0, size), left (largest) to right.

    One per set bit of ``size``; their hashes are the state needed to keep appending
    (``CompactRange``) and to compute the root of that size.
    """
    _check_size(size, "tree size")
    return _range_ids(0, size)


def fold_right(hashes: Sequence[bytes]) -> bytes:
    """Hash a left-to-right list of adjacent, decreasing complete subtrees into their root.

    RFC 6962's MTH splits at the largest power of two, so the left subtree is always
    complete and the root is ``node_hash(h0, node_hash(h1, ...))``.
    """
    if not hashes:
        return EMPTY_ROOT
    result = hashes[-1]
    for left in reversed(hashes[:-1]):
        result = node_hash(left, result)
    return result


@dataclass(frozen=True)
class ProofPlan:
    """Which stored nodes a proof needs, and how to turn their hashes into the proof.

    ``ids`` are fetched in order. If ``ephemeral`` is ``(begin, end)``, the hashes of
    ``ids[begin:end]`` are folded into one hash (an incomplete right-border subtree);
    every other fetched hash is a proof element as is. Proof elements are ordered
    from the leaf upwards, as RFC 6962 and RFC 9162 send them.
    """

    ids: tuple[NodeID, ...]
    ephemeral: tuple[int, int] | None = None

    def assemble(self, hashes: Sequence[bytes]) -> list[bytes]:
        """Return the proof from the hashes of ``ids`` (same order)."""
        if len(hashes) != len(self.ids):
            raise ValueError(f"expected {len(self.ids)} node hashes, got {len(hashes)}")
        proof = [bytes(h) for h in hashes]
        if self.ephemeral is None:
            return proof
        begin, end = self.ephemeral
        return proof[:begin] + [fold_right(proof[begin:end])] + proof[end:]


def inclusion_plan(index: int, size: int) -> ProofPlan:
    """Plan the RFC 6962 PATH(index, D[size]) inclusion proof; requires 0 <= index < size."""
    _check_size(size, "tree size")
    if not 0 <= index < size:
        raise ValueError(f"leaf index {index} is not in a tree of size {size}")
    return _path_plan(0, index, size, [])


def consistency_plan(old_size: int, new_size: int) -> ProofPlan:
    """Plan the RFC 6962 PROOF(old_size, D[new_size]) consistency proof; requires 0 < old <= new."""
    _check_size(old_size, "old tree size")
    _check_size(new_size, "new tree size")
    if old_size > new_size:
        raise ValueError(f"old tree size {old_size} is larger than new tree size {new_size}")
    if old_size == 0:
        # Verifiers (ours and transparency-dev/merkle) reject such proofs; say so here.
        raise ValueError("a consistency proof from the empty tree is meaningless")
    if old_size == new_size:
        return ProofPlan(ids=())
    # The proof is the inclusion path, in the new tree, of the old tree's last
    # complete subtree, prefixed by that subtree's hash unless it is the whole old
    # tree (old_size a power of two): the verifier already has that as the old root.
    level = (old_size & -old_size).bit_length() - 1
    index = (old_size - 1) >> level
    prefix = [NodeID(level, index)] if index else []
    return _path_plan(level, index, new_size, prefix)


def root_hash(store: NodeStore, size: int) -> bytes:
    """Return the root hash of the first ``size`` leaves of ``store`` (O(log n) reads)."""
    _check_readable(store, size)
    return fold_right(list(store.get_nodes(frontier_ids(size))))


def inclusion_proof(store: NodeStore, index: int, size: int) -> list[bytes]:
    """Return the inclusion proof of leaf ``index`` in the tree of the first ``size`` leaves."""
    plan = inclusion_plan(index, size)
    _check_readable(store, size)
    return plan.assemble(store.get_nodes(plan.ids))


def consistency_proof(store: NodeStore, old_size: int, new_size: int) -> list[bytes]:
    """Return the consistency proof from tree size ``old_size`` to ``new_size``."""
    plan = consistency_plan(old_size, new_size)
    _check_readable(store, new_size)
    return plan.assemble(store.get_nodes(plan.ids))


class CompactRange:
    """The right border of a tree: hashes of the complete subtrees covering [0, size).

    This is all the state an appender needs: each appended leaf completes the
    subtrees it closes, and the root is a fold of at most log2(n) hashes.
    """

    def __init__(self, size: int = 0, hashes: Sequence[bytes] = ()) -> None:
        _check_size(size, "tree size")
        if len(hashes) != size.bit_count():
            raise ValueError(
                f"a tree of size {size} has {size.bit_count()} frontier hashes, got {len(hashes)}"
            )
        self._size = size
        self._hashes = [_leaf_or_node(h, "frontier hash") for h in hashes]

    @property
    def size(self) -> int:
        """Number of leaves covered."""
        return self._size

    @property
    def hashes(self) -> tuple[bytes, ...]:
        """Hashes of ``frontier_ids(size)``, in that order."""
        return tuple(self._hashes)

    def append(self, leaf: bytes) -> list[Node]:
        """Append one leaf hash; return the nodes it completes, the leaf itself first."""
        current = _leaf_or_node(leaf, "leaf hash")
        index, level = self._size, 0
        completed = [Node(0, index, current)]
        # The top of the stack is the complete subtree immediately to the left at
        # the current level whenever the current index is odd (a right child).
        while index & 1:
            current = node_hash(self._hashes.pop(), current)
            level, index = level + 1, index >> 1
            completed.append(Node(level, index, current))
        self._hashes.append(current)
        self._size += 1
        return completed

    def extend(self, leaf_hashes: Iterable[bytes]) -> list[Node]:
        """Append leaf hashes in order; return every node they complete, in completion order."""
        completed: list[Node] = []
        for h in leaf_hashes:
            completed.extend(self.append(h))
        return completed

    def root(self) -> bytes:
        """Root hash of the tree of ``size`` leaves."""
        return fold_right(self._hashes)


def new_complete_nodes(
    start: int, leaf_hashes: Iterable[bytes], frontier: Sequence[bytes]
) -> list[Node]:
    """Return the complete-subtree nodes that appending ``leaf_hashes`` at ``start`` creates.

    ``frontier`` holds the hashes of ``frontier_ids(start)`` (the tree before the
    append). The result is exactly the node-table rows to insert for the new leaves,
    leaves included, in completion order. Use ``CompactRange`` directly when the new
    root is needed too.
    """
    return CompactRange(start, frontier).extend(leaf_hashes)


class MemoryTree:
    """An in-memory ``NodeStore`` that can also append: for tests, tools and benchmarks.

    Each level is one ``bytearray`` of 32-byte hashes, so a million leaves take about
    64 MB instead of the ~150 MB of a list of ``bytes`` objects.
    """

    def __init__(self) -> None:
        self._levels: list[bytearray] = []
        # Duplicates the stored right-border nodes so that an append never reads the
        # store back: O(1) amortized node hashes per leaf.
        self._compact = CompactRange()

    @property
    def size(self) -> int:
        """Number of leaves appended."""
        return self._compact.size

    def append(self, data: bytes) -> int:
        """Append an entry (hashed as an RFC 6962 leaf); return its leaf index."""
        return self.append_leaf_hash(leaf_hash(data))

    def append_leaf_hash(self, leaf: bytes) -> int:
        """Append an already computed leaf hash; return its leaf index."""
        index = self._compact.size
        for level, _, h in self._compact.append(leaf):
            if level == len(self._levels):
                self._levels.append(bytearray())
            # Nodes of one level complete in index order, so storing is an append.
            self._levels[level] += h
        return index

    def extend(self, entries: Iterable[bytes]) -> None:
        """Append several entries in order."""
        for data in entries:
            self.append(data)

    def get_nodes(self, ids: Sequence[NodeID]) -> list[bytes]:
        """Return stored complete-subtree hashes; ``KeyError`` for a node not (yet) complete."""
        result = []
        for level, index in ids:
            row = self._levels[level] if 0 <= level < len(self._levels) else b""
            offset = index * HASH_SIZE
            if index < 0 or offset + HASH_SIZE > len(row):
                raise KeyError(NodeID(level, index))
            result.append(bytes(row[offset : offset + HASH_SIZE]))
        return result

    def leaf_hash(self, index: int) -> bytes:
        """Return the leaf hash at ``index``."""
        return self.get_nodes([NodeID(0, index)])[0]

    def root(self, size: int | None = None) -> bytes:
        """Root hash at ``size`` (default: now); any past size is O(log n) reads."""
        if size is None or size == self.size:
            return self._compact.root()
        return root_hash(self, size)

    def inclusion_proof(self, index: int, size: int | None = None) -> list[bytes]:
        """Inclusion proof of leaf ``index`` in the tree of ``size`` (default: now)."""
        return inclusion_proof(self, index, self.size if size is None else size)

    def consistency_proof(self, old_size: int, new_size: int | None = None) -> list[bytes]:
        """Consistency proof from ``old_size`` to ``new_size`` (default: now)."""
        return consistency_proof(self, old_size, self.size if new_size is None else new_size)


def _path_plan(level: int, index: int, size: int, prefix: list[NodeID]) -> ProofPlan:
    """Plan the siblings on the way from node (level, index) up to the root of a tree of ``size``.

    At each level the sibling is either absent (it would start at or beyond ``size``:
    the node is a lone right-border child and RFC 6962 does not hash it with
    anything), complete (stored), or cut off by ``size`` (ephemeral, rebuilt from the
    complete subtrees covering [start, size)). Only one level can be cut off: above
    it the path itself runs along the right border, where siblings are left ones.
    """
    ids = list(prefix)
    ephemeral: tuple[int, int] | None = None
    while not (index == 0 and (1 << level) >= size):
        sibling = index ^ 1
        start = sibling << level
        if start >= size:
            pass
        elif start + (1 << level) <= size:
            ids.append(NodeID(level, sibling))
        else:
            covering = _range_ids(start, size)
            ephemeral = (len(ids), len(ids) + len(covering))
            ids.extend(covering)
        level, index = level + 1, index >> 1
    return ProofPlan(ids=tuple(ids), ephemeral=ephemeral)


def _range_ids(begin: int, end: int) -> list[NodeID]:
    """Complete subtrees covering [begin, end), largest first; ``begin`` must be aligned to them."""
    ids = []
    count = end - begin
    for level in reversed(range(count.bit_length())):
        if (count >> level) & 1:
            ids.append(NodeID(level, begin >> level))
            begin += 1 << level
    return ids


def _check_size(size: object, what: str) -> None:
    if not isinstance(size, int) or isinstance(size, bool) or size < 0:
        raise ValueError(f"{what} must be a non-negative integer, got {size!r}")


def _check_readable(store: NodeStore, size: int) -> None:
    _check_size(size, "tree size")
    if size > store.size:
        raise ValueError(f"tree size {size} is beyond the {store.size} leaves in the store")


def _leaf_or_node(value: bytes, what: str) -> bytes:
    if not isinstance(value, bytes | bytearray | memoryview) or len(value) != HASH_SIZE:
        raise ValueError(f"{what} must be {HASH_SIZE} bytes")
    return bytes(value)
