"""Exceptions raised by shebao_tlog.

Every failure carries a one-line, human-readable ``reason`` so callers (the Django
ledger app, the CLI) can show it as is. Verification never signals failure by a
return value: if a ``verify_*`` or ``open_*`` function returns, the check held.
"""

from __future__ import annotations


class TlogError(Exception):
    """Base class: something about a proof, note or checkpoint does not hold."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class ProofError(TlogError):
    """An inclusion or consistency proof is malformed or does not verify."""


class RootMismatchError(ProofError):
    """A well-formed proof leads to a root hash other than the expected one."""


class NoteError(TlogError):
    """A signed note or key string is malformed, or its signatures do not verify."""


class CheckpointError(TlogError):
    """A checkpoint body is malformed, or is not the checkpoint the caller expected."""
