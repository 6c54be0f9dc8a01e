"""Malformed input to proof verification: always a ProofError with a reason, never a crash."""

import re

import pytest

from shebao_tlog.errors import ProofError, RootMismatchError
from shebao_tlog.hashing import leaf_hash
from shebao_tlog.proofs import (
    root_from_consistency_proof,
    root_from_inclusion_proof,
    verify_consistency,
    verify_inclusion,
)
from shebao_tlog.tree import MemoryTree


@pytest.fixture(scope="module")
def tree():
    t = MemoryTree()
    t.extend(f"entry {i}".encode() for i in range(13))
    return t


def _inclusion(tree, **overrides):
    call = dict(
        leaf_hash=tree.leaf_hash(5),
        index=5,
        size=13,
        proof=tree.inclusion_proof(5, 13),
        root=tree.root(13),
    )
    call.update(overrides)
    return call


def _consistency(tree, **overrides):
    call = dict(
        old_size=6,
        new_size=13,
        old_root=tree.root(6),
        new_root=tree.root(13),
        proof=tree.consistency_proof(6, 13),
    )
    call.update(overrides)
    return call


def test_valid_proofs_verify_and_accept_bytearray_and_memoryview(tree):
    verify_inclusion(**_inclusion(tree))
    verify_consistency(**_consistency(tree))
    verify_inclusion(
        **_inclusion(tree, root=memoryview(tree.root(13)), leaf_hash=bytearray(tree.leaf_hash(5)))
    )


@pytest.mark.parametrize(
    "overrides, reason",
    [
        ({"index": 13}, "not in a tree of size 13"),
        ({"index": -1}, "outside 0..2**64-1"),
        ({"size": 2**64}, "outside 0..2**64-1"),
        ({"size": True}, "must be an integer"),
        ({"index": 5.0}, "must be an integer"),
        ({"leaf_hash": b""}, "leaf hash is 0 bytes"),
        ({"leaf_hash": "00" * 32}, "leaf hash must be bytes"),
        ({"root": b"\x00" * 33}, "root is 33 bytes"),
        ({"root": None}, "root must be bytes"),
        ({"proof": None}, "proof must be a sequence"),
        ({"proof": b"\x00" * 32}, "proof must be a sequence"),
        ({"proof": []}, "wrong proof length 0"),
    ],
)
def test_malformed_inclusion_inputs_are_rejected_with_a_reason(tree, overrides, reason):
    with pytest.raises(ProofError, match=re.escape(reason)):
        verify_inclusion(**_inclusion(tree, **overrides))


@pytest.mark.parametrize(
    "bad, reason",
    [(None, "proof hash #2 must be bytes"), (b"\x00" * 31, "proof hash #2 is 31 bytes")],
)
def test_malformed_proof_element_is_named_in_the_reason(tree, bad, reason):
    proof = tree.inclusion_proof(5, 13)
    proof[2] = bad
    with pytest.raises(ProofError, match=re.escape(reason)):
        verify_inclusion(**_inclusion(tree, proof=proof))
    proof = tree.consistency_proof(6, 13)
    proof[2] = bad
    with pytest.raises(ProofError, match=re.escape(reason)):
        verify_consistency(**_consistency(tree, proof=proof))


def test_inclusion_with_wrong_root_is_a_root_mismatch(tree):
    with pytest.raises(RootMismatchError, match="does not match expected root"):
        verify_inclusion(**_inclusion(tree, root=tree.root(12)))


def test_inclusion_proof_for_another_leaf_is_rejected(tree):
    with pytest.raises(RootMismatchError):
        verify_inclusion(**_inclusion(tree, leaf_hash=leaf_hash(b"entry 6")))


@pytest.mark.parametrize(
    "overrides, reason",
    [
        ({"old_size": 14}, "smaller than old tree size"),
        ({"old_size": 0, "proof": []}, "empty tree is meaningless"),
        ({"new_size": 2**64}, "outside"),
        ({"old_root": b"\x00" * 31}, "old root is 31 bytes"),
        ({"new_root": b""}, "new root is 0 bytes"),
        ({"proof": []}, "empty proof"),
        ({"old_size": 13, "new_size": 13}, "proof is not empty"),
        ({"proof": [b"\x01" * 32]}, "wrong proof length 1"),
        ({"proof": "not a list"}, "proof must be a sequence"),
    ],
)
def test_malformed_consistency_inputs_are_rejected_with_a_reason(tree, overrides, reason):
    with pytest.raises(ProofError, match=re.escape(reason)):
        verify_consistency(**_consistency(tree, **overrides))


def test_consistency_with_equal_sizes_needs_equal_roots(tree):
    root = tree.root(4)
    verify_consistency(old_size=4, new_size=4, old_root=root, new_root=root, proof=[])
    with pytest.raises(RootMismatchError):
        verify_consistency(
            old_size=4, new_size=4, old_root=tree.root(4), new_root=tree.root(5), proof=[]
        )


def test_consistency_failure_says_which_root_did_not_match(tree):
    with pytest.raises(RootMismatchError, match="old root"):
        verify_consistency(**_consistency(tree, old_root=tree.root(7)))
    with pytest.raises(RootMismatchError, match="new root"):
        verify_consistency(**_consistency(tree, new_root=tree.root(12)))


def test_root_from_proofs_returns_the_tree_root(tree):
    assert root_from_inclusion_proof(
        leaf_hash=tree.leaf_hash(12), index=12, size=13, proof=tree.inclusion_proof(12, 13)
    ) == tree.root(13)
    assert root_from_consistency_proof(
        old_size=8, new_size=13, old_root=tree.root(8), proof=tree.consistency_proof(8, 13)
    ) == tree.root(13)


def test_uint64_maximum_sizes_are_handled_without_overflow():
    with pytest.raises(ProofError, match="wrong proof length"):
        verify_inclusion(
            leaf_hash=b"\x00" * 32, index=2**64 - 2, size=2**64 - 1, proof=[], root=b"\x00" * 32
        )
