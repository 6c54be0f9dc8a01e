"""RFC 6962 §2.1 Merkle tree hashing (also RFC 9162 §2.1.1) with SHA-256.

Leaf and interior nodes get different one-byte prefixes so a leaf can never be
passed off as an interior node (second-preimage protection).
"""

from __future__ import annotations

from collections.abc import Sequence
from hashlib import sha256

HASH_SIZE = 32
LEAF_PREFIX = b"\x00"
NODE_PREFIX = b"\x01"
#: MTH({}) — the root hash of the empty tree, SHA-256 of the empty string.
EMPTY_ROOT = sha256(b"").digest()


def leaf_hash(data: bytes) -> bytes:
    """Return the RFC 6962 leaf hash SHA-256(0x00 || data) of one log entry."""
    return sha256(LEAF_PREFIX + data).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    """Return the RFC 6962 interior node hash SHA-256(0x01 || left || right)."""
    return sha256(NODE_PREFIX + left + right).digest()


def largest_power_of_two_below(n: int) -> int:
    """Return k, the largest power of two with k < n (RFC 6962's split point); n must be > 1."""
    if n < 2:
        raise ValueError(f"no power of two below {n} splits a tree")
    return 1 << ((n - 1).bit_length() - 1)


def root_from_leaf_hashes(leaf_hashes: Sequence[bytes]) -> bytes:
    """Return MTH(D[n]) for the given leaf hashes, straight from the RFC 6962 definition.

    O(n) hashing; use a ``tree.MemoryTree`` or ``tree.CompactRange`` when the leaves
    arrive one by one.
    """
    if not leaf_hashes:
        return EMPTY_ROOT

    def mth(lo: int, hi: int) -> bytes:
        if hi - lo == 1:
            return leaf_hashes[lo]
        k = largest_power_of_two_below(hi - lo)
        return node_hash(mth(lo, lo + k), mth(lo + k, hi))

    return mth(0, len(leaf_hashes))
