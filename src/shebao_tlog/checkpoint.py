"""C2SP transparency log checkpoints (https://c2sp.org/tlog-checkpoint): signed tree heads.

A checkpoint is the text of a signed note::

    <origin>
    <tree size, decimal, no leading zeros>
    <base64 RFC 6962 root hash>
    [extension lines, each non-empty]

The origin names the log (one per social insurance office here); the log's note key
should carry the same name. A log must never sign two checkpoints that no
consistency proof connects: ``verify_checkpoint_consistency`` is how a partner or
witness checks that.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .encoding import b64decode_canonical, b64encode
from .errors import CheckpointError
from .hashing import EMPTY_ROOT, HASH_SIZE
from .note import Signer, Verifier, open_note, sign_note
from .proofs import MAX_UINT64, verify_consistency

# [0-9], not \d: \d also matches non-ASCII digits such as '٣'.
_TREE_SIZE = re.compile(r"0|[1-9][0-9]*")
_FORBIDDEN_CONTROL = re.compile(r"[\x00-\x1f]")


@dataclass(frozen=True)
class Checkpoint:
    """A log's tree head: the root hash of its first ``size`` entries."""

    origin: str
    size: int
    root_hash: bytes
    extensions: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.origin or _FORBIDDEN_CONTROL.search(self.origin):
            raise CheckpointError("origin must be a non-empty line")
        if not isinstance(self.size, int) or isinstance(self.size, bool):
            raise CheckpointError("tree size must be an integer")
        if not 0 <= self.size <= MAX_UINT64:
            raise CheckpointError(f"tree size {self.size} is outside 0..2**64-1")
        if not isinstance(self.root_hash, bytes) or len(self.root_hash) != HASH_SIZE:
            raise CheckpointError(f"root hash must be {HASH_SIZE} bytes")
        for line in self.extensions:
            if not line or _FORBIDDEN_CONTROL.search(line):
                raise CheckpointError("extension lines must be non-empty single lines")

    def to_text(self) -> str:
        """The note text (body) of this checkpoint, final newline included."""
        lines = [self.origin, str(self.size), b64encode(self.root_hash), *self.extensions]
        return "\n".join(lines) + "\n"

    @classmethod
    def from_text(cls, text: str) -> Checkpoint:
        """Parse a checkpoint body strictly; ``CheckpointError`` says what is wrong."""
        if not text.endswith("\n"):
            raise CheckpointError("checkpoint text must end with a newline")
        lines = text[:-1].split("\n")
        if len(lines) < 3:
            raise CheckpointError("checkpoint needs origin, tree size and root hash lines")
        if any(not line for line in lines):
            raise CheckpointError("checkpoint lines must be non-empty")
        origin, size_text, root_text, *extensions = lines
        if not _TREE_SIZE.fullmatch(size_text):
            raise CheckpointError(f"tree size {size_text!r} is not a decimal without leading zeros")
        try:
            root = b64decode_canonical(root_text)
        except ValueError:
            raise CheckpointError("root hash is not canonical base64") from None
        if len(root) != HASH_SIZE:
            raise CheckpointError(f"root hash is {len(root)} bytes, want {HASH_SIZE}")
        return cls(origin, int(size_text), root, tuple(extensions))


def sign_checkpoint(checkpoint: Checkpoint, signers: Sequence[Signer]) -> str:
    """Return the signed note of ``checkpoint`` (first signer: the log's own key)."""
    return sign_note(checkpoint.to_text(), signers)


def open_checkpoint(
    signed: str | bytes, *, origin: str, verifiers: Sequence[Verifier]
) -> Checkpoint:
    """Verify a signed checkpoint from the log ``origin`` and return it.

    Raises ``NoteError`` when no trusted key signed it (or a trusted signature is
    bad), ``CheckpointError`` when the body is malformed or names another log.
    """
    note = open_note(signed, verifiers)
    checkpoint = Checkpoint.from_text(note.text)
    # Without this, a checkpoint of another log signed by a shared key would pass.
    if checkpoint.origin != origin:
        raise CheckpointError(f"checkpoint is for log {checkpoint.origin!r}, not {origin!r}")
    return checkpoint


def verify_checkpoint_consistency(old: Checkpoint, new: Checkpoint, proof: Sequence[bytes]) -> None:
    """Check that ``new`` extends ``old`` (same log, append-only), given a consistency proof.

    Raises ``CheckpointError`` for checkpoints of different logs or an empty
    checkpoint with a wrong root, ``ProofError`` when the proof does not hold.
    """
    if old.origin != new.origin:
        raise CheckpointError(f"checkpoints are of different logs: {old.origin!r}, {new.origin!r}")
    if old.size == 0:
        # Every tree extends the empty tree: there is nothing to prove (RFC 9162
        # defines no such proof), but an empty checkpoint must carry the real empty root.
        if old.root_hash != EMPTY_ROOT or (new.size == 0 and new.root_hash != EMPTY_ROOT):
            raise CheckpointError("checkpoint of size 0 does not carry the empty tree hash")
        if proof:
            raise CheckpointError("a consistency proof from the empty tree must be empty")
        return
    verify_consistency(
        old_size=old.size,
        new_size=new.size,
        old_root=old.root_hash,
        new_root=new.root_hash,
        proof=proof,
    )
