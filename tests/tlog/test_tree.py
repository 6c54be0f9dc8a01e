"""Proof generation and roots over stored complete subtrees (shebao_tlog.tree)."""

import math
from functools import cache
from hashlib import sha256

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shebao_tlog.errors import ProofError
from shebao_tlog.hashing import EMPTY_ROOT, leaf_hash, root_from_leaf_hashes
from shebao_tlog.proofs import verify_consistency, verify_inclusion
from shebao_tlog.tree import (
    CompactRange,
    MemoryTree,
    NodeID,
    consistency_plan,
    consistency_proof,
    frontier_ids,
    inclusion_plan,
    inclusion_proof,
    new_complete_nodes,
    root_hash,
)
from tests.tlog.tlog_rfc6962_reference import ReferenceTree

SMALL = 70
LARGE = 4096


def _entries(n):
    return [f"社保 entry {i}".encode() for i in range(n)]


@cache
def _small():
    tree = MemoryTree()
    tree.extend(_entries(SMALL))
    return tree, ReferenceTree([leaf_hash(e) for e in _entries(SMALL)])


@cache
def _large():
    tree = MemoryTree()
    tree.extend(_entries(LARGE))
    return tree, [leaf_hash(e) for e in _entries(LARGE)]


def test_roots_of_every_past_size_match_the_rfc_definition():
    tree, ref = _small()
    assert tree.root(0) == EMPTY_ROOT
    for size in range(1, SMALL + 1):
        assert tree.root(size) == ref.mth(0, size), size


def test_inclusion_proofs_for_all_index_size_pairs_up_to_70_match_rfc_and_verify():
    tree, ref = _small()
    for size in range(1, SMALL + 1):
        root = tree.root(size)
        for index in range(size):
            proof = tree.inclusion_proof(index, size)
            assert proof == ref.inclusion(index, size), (index, size)
            verify_inclusion(
                leaf_hash=tree.leaf_hash(index), index=index, size=size, proof=proof, root=root
            )


def test_consistency_proofs_for_all_size_pairs_up_to_70_match_rfc_and_verify():
    tree, ref = _small()
    for new in range(1, SMALL + 1):
        new_root = tree.root(new)
        for old in range(1, new + 1):
            proof = tree.consistency_proof(old, new)
            assert proof == ref.consistency(old, new), (old, new)
            verify_consistency(
                old_size=old, new_size=new, old_root=tree.root(old), new_root=new_root, proof=proof
            )


def test_generated_proofs_equal_the_vector_files_recomputed_proofs(vectors):
    tree = MemoryTree()
    for h in vectors["recomputed_leaf_hashes"]:
        tree.append_leaf_hash(bytes.fromhex(h))
    for size, root in enumerate(vectors["recomputed_roots_by_size"]):
        assert tree.root(size).hex() == root
    for key, want in vectors["recomputed_inclusion"].items():
        index, size = map(int, key.split("/"))
        assert [h.hex() for h in tree.inclusion_proof(index, size)] == want, key
    for key, want in vectors["recomputed_consistency"].items():
        old, new = map(int, key.split("/"))
        assert [h.hex() for h in tree.consistency_proof(old, new)] == want, key


@settings(max_examples=150, deadline=None)
@given(st.integers(1, LARGE).flatmap(lambda n: st.tuples(st.just(n), st.integers(0, n - 1))))
def test_random_inclusion_proof_verifies_against_independently_computed_root(size_index):
    size, index = size_index
    tree, hashes = _large()
    root = root_from_leaf_hashes(hashes[:size])
    assert tree.root(size) == root
    verify_inclusion(
        leaf_hash=hashes[index],
        index=index,
        size=size,
        proof=tree.inclusion_proof(index, size),
        root=root,
    )


@settings(max_examples=150, deadline=None)
@given(st.integers(1, LARGE).flatmap(lambda n: st.tuples(st.integers(1, n), st.just(n))))
def test_random_consistency_proof_verifies_against_independently_computed_roots(sizes):
    old, new = sizes
    tree, hashes = _large()
    verify_consistency(
        old_size=old,
        new_size=new,
        old_root=root_from_leaf_hashes(hashes[:old]),
        new_root=root_from_leaf_hashes(hashes[:new]),
        proof=tree.consistency_proof(old, new),
    )


@settings(max_examples=150, deadline=None)
@given(
    st.integers(2, LARGE).flatmap(
        lambda n: st.tuples(
            st.just(n), st.integers(0, n - 1), st.integers(0, 10_000), st.integers(0, 255)
        )
    )
)
def test_flipping_any_bit_of_a_generated_inclusion_proof_is_rejected(case):
    size, index, which, bit = case
    tree, _ = _large()
    proof = tree.inclusion_proof(index, size)
    which %= len(proof)  # never empty: size >= 2
    damaged = bytearray(proof[which])
    damaged[bit // 8] ^= 1 << (bit % 8)
    proof[which] = bytes(damaged)
    with pytest.raises(ProofError):
        verify_inclusion(
            leaf_hash=tree.leaf_hash(index),
            index=index,
            size=size,
            proof=proof,
            root=tree.root(size),
        )


@settings(max_examples=100, deadline=None)
@given(st.integers(1, LARGE).flatmap(lambda n: st.tuples(st.integers(1, n), st.just(n))))
def test_consistency_proof_against_a_forked_history_is_rejected(sizes):
    old, new = sizes
    tree, hashes = _large()
    forked = list(hashes[:new])
    forked[old - 1] = leaf_hash(b"rewritten entry")  # the log rewrote its last old entry
    with pytest.raises(ProofError):
        verify_consistency(
            old_size=old,
            new_size=new,
            old_root=root_from_leaf_hashes(hashes[:old]),
            new_root=root_from_leaf_hashes(forked),
            proof=tree.consistency_proof(old, new),
        )


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 300), min_size=1, max_size=6))
def test_nodes_completed_by_batched_appends_are_exactly_the_memory_trees_nodes(batches):
    """What a database sequencer would insert, batch by batch, equals MemoryTree's store."""
    hashes = [leaf_hash(e) for e in _entries(sum(batches))]
    rows = {}
    start = 0
    for count in batches:
        frontier = [rows[node_id] for node_id in frontier_ids(start)]
        for level, index, h in new_complete_nodes(start, hashes[start : start + count], frontier):
            assert (level, index) not in rows, "a node must be inserted once"
            rows[(level, index)] = h
        start += count
    tree = MemoryTree()
    for h in hashes:
        tree.append_leaf_hash(h)
    expected = {
        (level, index) for level in range(start.bit_length()) for index in range(start >> level)
    }
    assert set(rows) == expected
    assert [rows[k] for k in sorted(expected)] == tree.get_nodes(sorted(expected))


def test_compact_range_root_tracks_the_tree_root_while_appending():
    compact = CompactRange()
    hashes = [leaf_hash(e) for e in _entries(100)]
    for n, h in enumerate(hashes, start=1):
        compact.append(h)
        assert compact.root() == root_from_leaf_hashes(hashes[:n])
    assert compact.size == 100 and len(compact.hashes) == bin(100).count("1")


def test_compact_range_can_resume_from_stored_frontier():
    tree, hashes = _large()
    resumed = CompactRange(1000, tree.get_nodes(frontier_ids(1000)))
    resumed.extend(hashes[1000:1500])
    assert resumed.root() == tree.root(1500)


def test_compact_range_refuses_a_frontier_of_the_wrong_length():
    with pytest.raises(ValueError, match="frontier hashes"):
        CompactRange(5, [b"\0" * 32])


class _CountingStore:
    """A NodeStore over an astronomically large tree: counts reads, invents hashes."""

    def __init__(self, size):
        self.size = size
        self.reads = 0

    def get_nodes(self, ids):
        self.reads += len(ids)
        return [sha256(f"{level}/{index}".encode()).digest() for level, index in ids]


@pytest.mark.parametrize("size", [1_000_000, 2**40 + 12345, 2**63 - 1])
def test_proofs_and_roots_read_a_logarithmic_number_of_nodes(size):
    bound = 2 * math.ceil(math.log2(size)) + 1
    for index in (0, size // 3, size - 1):
        store = _CountingStore(size)
        assert len(inclusion_proof(store, index, size)) <= bound
        assert store.reads <= bound
    for old in (1, size // 2 + 1, size - 1):
        store = _CountingStore(size)
        consistency_proof(store, old, size)
        assert store.reads <= bound
    store = _CountingStore(size)
    root_hash(store, size)
    assert store.reads == bin(size).count("1")


def test_proof_plans_are_known_before_reading_so_a_database_can_batch_them():
    plan = inclusion_plan(1, 5)
    assert plan.ids == (NodeID(0, 0), NodeID(1, 1), NodeID(0, 4))
    plan = consistency_plan(6, 8)
    assert plan.ids == (NodeID(1, 2), NodeID(1, 3), NodeID(2, 0))
    # The border of a size-7 tree is rebuilt from nodes (1, 2) and (0, 6).
    plan = inclusion_plan(0, 7)
    assert plan.ids == (NodeID(0, 1), NodeID(1, 1), NodeID(1, 2), NodeID(0, 6))
    assert plan.ephemeral == (2, 4)


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda t: t.inclusion_proof(5, 5), "not in a tree of size 5"),
        (lambda t: t.inclusion_proof(0, 0), "not in a tree of size 0"),
        (lambda t: t.inclusion_proof(-1, 3), "not in a tree"),
        (lambda t: t.inclusion_proof(0, 11), "beyond the 10 leaves"),
        (lambda t: t.consistency_proof(0, 5), "empty tree is meaningless"),
        (lambda t: t.consistency_proof(6, 5), "larger than new tree size"),
        (lambda t: t.consistency_proof(3, 11), "beyond the 10 leaves"),
        (lambda t: t.root(11), "beyond the 10 leaves"),
        (lambda t: t.root(-1), "non-negative"),
    ],
)
def test_impossible_proof_requests_are_refused_with_a_reason(call, message):
    tree = MemoryTree()
    tree.extend(_entries(10))
    with pytest.raises(ValueError, match=message):
        call(tree)


def test_equal_sizes_need_no_consistency_proof():
    tree, _ = _small()
    assert tree.consistency_proof(7, 7) == []


def test_memory_tree_refuses_nodes_that_are_not_complete_yet():
    tree = MemoryTree()
    tree.extend(_entries(3))
    assert len(tree.get_nodes([NodeID(1, 0), NodeID(0, 2)])) == 2
    with pytest.raises(KeyError):
        tree.get_nodes([NodeID(1, 1)])
    with pytest.raises(KeyError):
        tree.get_nodes([NodeID(5, 0)])


def test_memory_tree_rejects_leaf_hashes_of_the_wrong_length():
    with pytest.raises(ValueError, match="32 bytes"):
        MemoryTree().append_leaf_hash(b"short")


def test_append_returns_the_new_leaf_index_and_hashes_entries_as_rfc_leaves():
    tree = MemoryTree()
    assert tree.append(b"first") == 0
    assert tree.append(b"second") == 1
    assert tree.leaf_hash(1) == leaf_hash(b"second")
    assert tree.root() == root_from_leaf_hashes([leaf_hash(b"first"), leaf_hash(b"second")])
