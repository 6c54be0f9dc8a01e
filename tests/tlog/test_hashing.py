from hashlib import sha256

import pytest

from shebao_tlog.hashing import (
    EMPTY_ROOT,
    largest_power_of_two_below,
    leaf_hash,
    node_hash,
    root_from_leaf_hashes,
)

# The eight leaves of the RFC 6962 / Certificate Transparency reference test tree.
RFC6962_TEST_LEAVES = [
    "",
    "00",
    "10",
    "2021",
    "3031",
    "40414243",
    "5051525354555657",
    "606162636465666768696a6b6c6d6e6f",
]


def test_empty_tree_root_is_sha256_of_nothing():
    assert EMPTY_ROOT.hex() == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    assert root_from_leaf_hashes([]) == EMPTY_ROOT


def test_leaf_and_node_hashes_use_distinct_prefixes():
    assert leaf_hash(b"abc") == sha256(b"\x00abc").digest()
    left, right = leaf_hash(b"l"), leaf_hash(b"r")
    assert node_hash(left, right) == sha256(b"\x01" + left + right).digest()
    # A node's children, fed in as leaf data, must not reproduce the node hash.
    assert leaf_hash(left + right) != node_hash(left, right)


def test_leaf_hashes_of_rfc_test_leaves_match_the_vector_file(vectors):
    assert [leaf_hash(bytes.fromhex(d)).hex() for d in RFC6962_TEST_LEAVES] == vectors[
        "recomputed_leaf_hashes"
    ]


def test_roots_of_every_prefix_match_the_vector_file(vectors):
    hashes = [bytes.fromhex(h) for h in vectors["recomputed_leaf_hashes"]]
    got = [root_from_leaf_hashes(hashes[:n]).hex() for n in range(len(hashes) + 1)]
    assert got == vectors["recomputed_roots_by_size"]


def test_split_point_is_largest_power_of_two_strictly_below():
    assert [largest_power_of_two_below(n) for n in (2, 3, 4, 5, 8, 9, 1000)] == [
        1,
        2,
        2,
        4,
        4,
        8,
        512,
    ]
    with pytest.raises(ValueError):
        largest_power_of_two_below(1)
