"""shebao_tlog: a pure-Python, tamper-evident transparency log (RFC 6962 / RFC 9162, C2SP).

One log per social insurance office. Modules:

* ``hashing``    RFC 6962 leaf/node hashes and the root of a list of leaves
* ``proofs``     verification of inclusion and consistency proofs
* ``tree``       complete-subtree node store, appending, roots and proof generation
* ``note``       C2SP signed notes with Ed25519 keys
* ``checkpoint`` C2SP tlog checkpoints (signed tree heads)
* ``cli``        ``verify-proof`` command line

No Django import here, ever: the Django ledger app builds on this package.
"""

from .checkpoint import Checkpoint, open_checkpoint, sign_checkpoint, verify_checkpoint_consistency
from .errors import CheckpointError, NoteError, ProofError, RootMismatchError, TlogError
from .hashing import EMPTY_ROOT, HASH_SIZE, leaf_hash, node_hash, root_from_leaf_hashes
from .note import Note, Signature, Signer, Verifier, open_note, sign_note
from .proofs import (
    root_from_consistency_proof,
    root_from_inclusion_proof,
    verify_consistency,
    verify_inclusion,
)
from .tree import (
    CompactRange,
    MemoryTree,
    Node,
    NodeID,
    NodeStore,
    ProofPlan,
    consistency_plan,
    consistency_proof,
    frontier_ids,
    inclusion_plan,
    inclusion_proof,
    new_complete_nodes,
    root_hash,
)

__all__ = [
    "EMPTY_ROOT",
    "HASH_SIZE",
    "Checkpoint",
    "CheckpointError",
    "CompactRange",
    "MemoryTree",
    "Node",
    "NodeID",
    "NodeStore",
    "Note",
    "NoteError",
    "ProofError",
    "ProofPlan",
    "RootMismatchError",
    "Signature",
    "Signer",
    "TlogError",
    "Verifier",
    "consistency_plan",
    "consistency_proof",
    "frontier_ids",
    "inclusion_plan",
    "inclusion_proof",
    "leaf_hash",
    "new_complete_nodes",
    "node_hash",
    "open_checkpoint",
    "open_note",
    "root_from_consistency_proof",
    "root_from_inclusion_proof",
    "root_from_leaf_hashes",
    "root_hash",
    "sign_checkpoint",
    "sign_note",
    "verify_checkpoint_consistency",
    "verify_consistency",
    "verify_inclusion",
]
