"""Verification of Merkle inclusion and consistency proofs.

RFC 6962 §2.1.1–2.1.2 and RFC 9162 §2.1.3–2.1.4.

The algorithm is the one of transparency-dev/merkle ``proof.VerifyInclusion`` and
``proof.VerifyConsistency``: a proof is split into an "inner" part (hashes below the
point where the path to the leaf leaves the tree's right border) and a "border" part
(left-hand hashes along the right border). Its expected length is therefore known
before any hashing, so truncated or padded proofs are rejected up front.

All functions raise ``ProofError`` (or its subclass ``RootMismatchError``) with a
one-line reason; they return only when the proof holds. Unlike the Go reference,
every hash (leaf, roots and each proof element) must be exactly 32 bytes: a
wrong-length value is reported as malformed before any hashing.
"""

from __future__ import annotations

from collections.abc import Sequence

from .errors import ProofError, RootMismatchError
from .hashing import HASH_SIZE, node_hash

#: Tree sizes and indices are uint64 on the wire (RFC 9162, Go, Trillian); larger
#: values cannot come from a real log and are refused rather than silently hashed.
MAX_UINT64 = (1 << 64) - 1

HashLike = bytes | bytearray | memoryview


def verify_inclusion(
    *, leaf_hash: HashLike, index: int, size: int, proof: Sequence[HashLike], root: HashLike
) -> None:
    """Check that ``leaf_hash`` is leaf ``index`` (0-based) of the tree of ``size`` with ``root``.

    Raises ``ProofError`` when anything is malformed, ``RootMismatchError`` when the
    proof is well formed but leads to another root.
    """
    calculated = root_from_inclusion_proof(leaf_hash=leaf_hash, index=index, size=size, proof=proof)
    expected = _hash(root, "root")
    if calculated != expected:
        raise RootMismatchError(
            f"calculated root {calculated.hex()} does not match expected root {expected.hex()}"
        )


def root_from_inclusion_proof(
    *, leaf_hash: HashLike, index: int, size: int, proof: Sequence[HashLike]
) -> bytes:
    """Return the root implied by an inclusion proof (RFC 9162 §2.1.3.2), checking its shape."""
    _uint64(index, "index")
    _uint64(size, "tree size")
    if index >= size:
        raise ProofError(f"leaf index {index} is not in a tree of size {size}")
    leaf = _hash(leaf_hash, "leaf hash")
    inner, border = _decompose(index, size)
    # Count before looking at each element: a huge hostile proof costs nothing.
    if len(_sequence(proof)) != inner + border:
        raise ProofError(
            f"wrong proof length {len(proof)} for leaf {index} in a tree of size {size}, "
            f"want {inner + border}"
        )
    path = _hashes(proof)
    calculated = _chain_inner(leaf, path[:inner], index)
    return _chain_border_right(calculated, path[inner:])


def verify_consistency(
    *,
    old_size: int,
    new_size: int,
    old_root: HashLike,
    new_root: HashLike,
    proof: Sequence[HashLike],
) -> None:
    """Check that tree (``new_size``, ``new_root``) extends tree (``old_size``, ``old_root``).

    Requires 0 < old_size <= new_size: a proof from the empty tree proves nothing and
    is rejected, as in transparency-dev/merkle. Equal sizes need an empty proof and
    equal roots.
    """
    calculated = root_from_consistency_proof(
        old_size=old_size, new_size=new_size, old_root=old_root, proof=proof
    )
    expected = _hash(new_root, "new root")
    if calculated != expected:
        raise RootMismatchError(
            f"calculated new root {calculated.hex()} does not match expected new root "
            f"{expected.hex()}"
        )


def root_from_consistency_proof(
    *, old_size: int, new_size: int, old_root: HashLike, proof: Sequence[HashLike]
) -> bytes:
    """Return the new root implied by a consistency proof, once it reproduces ``old_root``.

    RFC 9162 §2.1.4.2, in the inner/border form of transparency-dev/merkle.
    """
    _uint64(old_size, "old tree size")
    _uint64(new_size, "new tree size")
    if new_size < old_size:
        raise ProofError(f"new tree size {new_size} is smaller than old tree size {old_size}")
    if old_size == 0:
        raise ProofError("a consistency proof from the empty tree is meaningless")
    old = _hash(old_root, "old root")
    if old_size == new_size:
        if _sequence(proof):
            raise ProofError(f"tree sizes are equal ({old_size}) but the proof is not empty")
        return old
    if not _sequence(proof):
        raise ProofError(f"empty proof between different tree sizes {old_size} and {new_size}")

    inner, border = _decompose(old_size - 1, new_size)
    # The old tree's last complete subtree has 2**shift leaves; the proof starts
    # above it. Its hash is the first proof element, unless the old tree *is* that
    # subtree (old_size a power of two), in which case the verifier already has it.
    shift = _trailing_zeros(old_size)
    inner -= shift
    start = 0 if old_size == 1 << shift else 1
    if len(proof) != start + inner + border:
        raise ProofError(
            f"wrong proof length {len(proof)} between tree sizes {old_size} and {new_size}, "
            f"want {start + inner + border}"
        )
    path = _hashes(proof)
    seed = old if start == 0 else path[0]
    path = path[start:]
    mask = (old_size - 1) >> shift

    # Only hashes to the left of the path belong to the old tree.
    calculated_old = _chain_inner_right(seed, path[:inner], mask)
    calculated_old = _chain_border_right(calculated_old, path[inner:])
    if calculated_old != old:
        raise RootMismatchError(
            f"calculated old root {calculated_old.hex()} does not match expected old root "
            f"{old.hex()}"
        )
    return _chain_border_right(_chain_inner(seed, path[:inner], mask), path[inner:])


def _decompose(index: int, size: int) -> tuple[int, int]:
    """Split the proof for leaf ``index`` in a tree of ``size`` into (inner, border) lengths.

    ``inner`` counts levels below the node where the paths to ``index`` and to
    ``size - 1`` diverge; above it the path runs along the right border, where only
    left siblings (one per set bit of what is left of the index) appear.
    """
    inner = (index ^ (size - 1)).bit_length()
    border = (index >> inner).bit_count()
    return inner, border


def _chain_inner(seed: bytes, path: Sequence[bytes], index: int) -> bytes:
    for level, sibling in enumerate(path):
        if (index >> level) & 1:
            seed = node_hash(sibling, seed)
        else:
            seed = node_hash(seed, sibling)
    return seed


def _chain_inner_right(seed: bytes, path: Sequence[bytes], index: int) -> bytes:
    # Like _chain_inner, but a right sibling did not exist yet in the older tree.
    for level, sibling in enumerate(path):
        if (index >> level) & 1:
            seed = node_hash(sibling, seed)
    return seed


def _chain_border_right(seed: bytes, path: Sequence[bytes]) -> bytes:
    for sibling in path:
        seed = node_hash(sibling, seed)
    return seed


def _trailing_zeros(n: int) -> int:
    return (n & -n).bit_length() - 1


def _uint64(value: object, what: str) -> None:
    # bool is an int subclass; True as a tree size is a caller bug, not a size.
    if not isinstance(value, int) or isinstance(value, bool):
        raise ProofError(f"{what} must be an integer, got {type(value).__name__}")
    if not 0 <= value <= MAX_UINT64:
        raise ProofError(f"{what} {value} is outside 0..2**64-1")


def _hash(value: object, what: str) -> bytes:
    if not isinstance(value, bytes | bytearray | memoryview):
        raise ProofError(f"{what} must be bytes, got {type(value).__name__}")
    value = bytes(value)
    if len(value) != HASH_SIZE:
        raise ProofError(f"{what} is {len(value)} bytes, want {HASH_SIZE}")
    return value


def _sequence(proof: object) -> Sequence[object]:
    # A bytes value is a Sequence too, but never a list of hashes.
    if isinstance(proof, str | bytes | bytearray | memoryview) or not isinstance(proof, Sequence):
        raise ProofError("proof must be a sequence of hashes")
    return proof


def _hashes(proof: object) -> list[bytes]:
    return [_hash(item, f"proof hash #{i}") for i, item in enumerate(_sequence(proof))]
