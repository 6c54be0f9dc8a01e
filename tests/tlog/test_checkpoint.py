"""C2SP tlog checkpoints: strict format, signing, and append-only checks between them."""

import base64
import re

import pytest

from shebao_tlog.checkpoint import (
    Checkpoint,
    open_checkpoint,
    sign_checkpoint,
    verify_checkpoint_consistency,
)
from shebao_tlog.errors import CheckpointError, NoteError, ProofError
from shebao_tlog.hashing import EMPTY_ROOT
from shebao_tlog.note import Signer
from shebao_tlog.tree import MemoryTree

ORIGIN = "shebao.example/office-3201"
ROOT = bytes(range(32))
ROOT_B64 = base64.b64encode(ROOT).decode()


@pytest.fixture(scope="module")
def log():
    tree = MemoryTree()
    tree.extend(f"contribution record {i}".encode() for i in range(100))
    return tree


@pytest.fixture(scope="module")
def signer():
    return Signer.generate(ORIGIN)


def test_body_matches_the_c2sp_example_layout():
    root = base64.b64decode("CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=")
    checkpoint = Checkpoint("example.com/behind-the-sofa", 20852163, root)
    assert checkpoint.to_text() == (
        "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n"
    )
    assert Checkpoint.from_text(checkpoint.to_text()) == checkpoint


def test_extension_lines_survive_a_round_trip():
    checkpoint = Checkpoint(ORIGIN, 7, ROOT, ("timestamp 1700000000", "— not a signature"))
    assert Checkpoint.from_text(checkpoint.to_text()) == checkpoint


def test_empty_tree_checkpoint_has_size_zero():
    assert Checkpoint.from_text(f"{ORIGIN}\n0\n{base64.b64encode(EMPTY_ROOT).decode()}\n").size == 0


@pytest.mark.parametrize(
    "text, reason",
    [
        (f"{ORIGIN}\n7\n{ROOT_B64}", "end with a newline"),
        (f"{ORIGIN}\n7\n", "needs origin, tree size and root hash"),
        (f"\n7\n{ROOT_B64}\n", "non-empty"),
        (f"{ORIGIN}\n7\n{ROOT_B64}\n\n", "non-empty"),
        (f"{ORIGIN}\n7\n{ROOT_B64}\next\n\nmore\n", "non-empty"),
        (f"{ORIGIN}\n07\n{ROOT_B64}\n", "without leading zeros"),
        (f"{ORIGIN}\n+7\n{ROOT_B64}\n", "without leading zeros"),
        (f"{ORIGIN}\n 7\n{ROOT_B64}\n", "without leading zeros"),
        (f"{ORIGIN}\n\u0667\n{ROOT_B64}\n", "without leading zeros"),  # Arabic-Indic seven
        (f"{ORIGIN}\n-1\n{ROOT_B64}\n", "without leading zeros"),
        (f"{ORIGIN}\n{2**64}\n{ROOT_B64}\n", "outside 0..2**64-1"),
        (f"{ORIGIN}\n7\n{ROOT.hex()}\n", "root hash"),
        (f"{ORIGIN}\n7\n{ROOT_B64.rstrip('=')}\n", "canonical base64"),
        (f"{ORIGIN}\n7\n{base64.b64encode(ROOT[:31]).decode()}\n", "31 bytes"),
        (f"{ORIGIN}\n7\n{ROOT_B64[:-2]}F=\n", "canonical base64"),  # non-zero padding bits
    ],
)
def test_malformed_checkpoint_bodies_are_rejected(text, reason):
    with pytest.raises(CheckpointError, match=re.escape(reason)):
        Checkpoint.from_text(text)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"origin": ""},
        {"origin": "two\nlines"},
        {"size": -1},
        {"size": True},
        {"root_hash": b"\x00" * 31},
        {"extensions": ("",)},
        {"extensions": ("a\nb",)},
    ],
)
def test_invalid_checkpoints_cannot_be_built(kwargs):
    fields = {"origin": ORIGIN, "size": 1, "root_hash": ROOT, **kwargs}
    with pytest.raises(CheckpointError):
        Checkpoint(**fields)


def test_signed_checkpoint_opens_with_the_logs_public_key(log, signer):
    checkpoint = Checkpoint(ORIGIN, log.size, log.root())
    signed = sign_checkpoint(checkpoint, [signer])
    assert signed.startswith(checkpoint.to_text() + "\n\u2014 " + ORIGIN + " ")
    assert open_checkpoint(signed, origin=ORIGIN, verifiers=[signer.verifier]) == checkpoint


def test_checkpoint_of_another_log_is_rejected_even_with_a_valid_signature(signer):
    signed = sign_checkpoint(Checkpoint("shebao.example/office-9999", 1, ROOT), [signer])
    with pytest.raises(CheckpointError, match="not 'shebao.example/office-3201'"):
        open_checkpoint(signed, origin=ORIGIN, verifiers=[signer.verifier])


def test_checkpoint_signed_by_another_key_is_rejected(signer):
    signed = sign_checkpoint(Checkpoint(ORIGIN, 1, ROOT), [Signer.generate(ORIGIN)])
    with pytest.raises(NoteError):
        open_checkpoint(signed, origin=ORIGIN, verifiers=[signer.verifier])


def test_any_altered_character_of_a_signed_checkpoint_is_rejected(signer):
    signed = sign_checkpoint(Checkpoint(ORIGIN, 100, ROOT), [signer])
    for position, char in enumerate(signed):
        replacement = "x" if char != "x" else "y"
        with pytest.raises((NoteError, CheckpointError)):
            open_checkpoint(
                signed[:position] + replacement + signed[position + 1 :],
                origin=ORIGIN,
                verifiers=[signer.verifier],
            )


def test_newer_checkpoint_with_valid_consistency_proof_is_accepted(log):
    old = Checkpoint(ORIGIN, 37, log.root(37))
    new = Checkpoint(ORIGIN, 100, log.root(100))
    verify_checkpoint_consistency(old, new, log.consistency_proof(37, 100))


def test_rewritten_history_is_detected(log):
    forked_history = MemoryTree()
    forked_history.extend(
        (b"tampered" if i == 10 else f"contribution record {i}".encode()) for i in range(100)
    )
    old = Checkpoint(ORIGIN, 37, log.root(37))
    new = Checkpoint(ORIGIN, 100, forked_history.root(100))
    with pytest.raises(ProofError):
        verify_checkpoint_consistency(old, new, forked_history.consistency_proof(37, 100))


def test_shrinking_log_is_rejected(log):
    old = Checkpoint(ORIGIN, 100, log.root(100))
    new = Checkpoint(ORIGIN, 37, log.root(37))
    with pytest.raises(ProofError, match="smaller"):
        verify_checkpoint_consistency(old, new, [])


def test_checkpoints_of_different_logs_are_not_compared(log):
    old = Checkpoint(ORIGIN, 37, log.root(37))
    new = Checkpoint("shebao.example/office-0001", 100, log.root(100))
    with pytest.raises(CheckpointError, match="different logs"):
        verify_checkpoint_consistency(old, new, log.consistency_proof(37, 100))


def test_every_log_extends_its_empty_checkpoint_but_only_with_the_true_empty_root(log):
    empty = Checkpoint(ORIGIN, 0, EMPTY_ROOT)
    verify_checkpoint_consistency(empty, Checkpoint(ORIGIN, 100, log.root(100)), [])
    verify_checkpoint_consistency(empty, empty, [])
    with pytest.raises(CheckpointError, match="empty tree hash"):
        verify_checkpoint_consistency(
            Checkpoint(ORIGIN, 0, ROOT), Checkpoint(ORIGIN, 100, log.root(100)), []
        )
    with pytest.raises(CheckpointError, match="must be empty"):
        verify_checkpoint_consistency(empty, Checkpoint(ORIGIN, 100, log.root(100)), [log.root(1)])
