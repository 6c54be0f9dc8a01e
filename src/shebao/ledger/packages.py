"""Verifiable exchange packages between offices (联系函 / 转移凭证): pure, no Django.

A sealed package carries everything a receiving office needs to trust it with only the
sender's published verifier key (its `/ledger/key`):

- ``body``: the package itself, canonical JSON (the transfer data, identifiers masked);
- ``signature``: a C2SP signed note whose text is ``body`` plus a newline, signed by the
  sender's log key — a checkpoint note starts with the log's origin line, a package with ``{``,
  so one can never pass for the other;
- ``entry``: the exact bytes of the sender's ledger entry that recorded the package's SHA-256
  digest, its ``index`` in the sender's log, the inclusion ``proof`` of that entry and the
  sender's signed ``checkpoint`` the proof leads to.

`verify` checks, in this order, and refuses with the first reason that fails: the package
signature, that the signed text is the body, the checkpoint signature and origin, that the
logged entry names this body's digest, and the inclusion proof against the checkpoint's root.
Any byte changed anywhere makes one of these fail.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass

from shebao_tlog import (
    TlogError,
    Verifier,
    leaf_hash,
    open_checkpoint,
    open_note,
    verify_inclusion,
)


class PackageRefused(Exception):
    """The package cannot be trusted; `reason` is a code, `str()` says why in English."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True)
class SealedPackage:
    body: str
    signature: str
    entry: str
    index: int
    proof: tuple[str, ...]  # hex
    checkpoint: str

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str | bytes) -> SealedPackage:
        try:
            raw = json.loads(text)
            return cls(
                body=str(raw["body"]),
                signature=str(raw["signature"]),
                entry=str(raw["entry"]),
                index=int(raw["index"]),
                proof=tuple(str(h) for h in raw["proof"]),
                checkpoint=str(raw["checkpoint"]),
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise PackageRefused("malformed", f"the package is not readable: {exc}") from exc


def digest(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def signed_text(body: str) -> str:
    return body + "\n"


def verify(sealed: SealedPackage, *, vkey: str, origin: str) -> dict:
    """The package's data once every check passes; `PackageRefused` naming the first failure."""
    try:
        verifier = Verifier.from_vkey(vkey)
    except TlogError as exc:
        raise PackageRefused("key", f"the sender's key is not usable: {exc}") from exc
    try:
        note = open_note(sealed.signature, [verifier])
    except TlogError as exc:
        raise PackageRefused("signature", f"the package signature does not verify: {exc}") from exc
    if note.text != signed_text(sealed.body):
        raise PackageRefused("signature", "the signature is over other contents than the package")
    try:
        checkpoint = open_checkpoint(sealed.checkpoint, origin=origin, verifiers=[verifier])
    except TlogError as exc:
        raise PackageRefused(
            "checkpoint", f"the sender's checkpoint does not verify: {exc}"
        ) from exc
    try:
        logged = json.loads(sealed.entry)["data"]["digest"]
    except (ValueError, KeyError, TypeError) as exc:
        raise PackageRefused("entry", "the ledger entry does not record a package") from exc
    if logged != digest(sealed.body):
        raise PackageRefused("entry", "the ledger entry records another package")
    try:
        verify_inclusion(
            leaf_hash=leaf_hash(sealed.entry.encode("utf-8")),
            index=sealed.index,
            size=checkpoint.size,
            proof=[bytes.fromhex(h) for h in sealed.proof],
            root=checkpoint.root_hash,
        )
    except (TlogError, ValueError) as exc:
        raise PackageRefused("proof", f"the entry is not in the sender's log: {exc}") from exc
    try:
        return json.loads(sealed.body)
    except ValueError as exc:  # signed, logged, yet not JSON: the sender's own mistake
        raise PackageRefused("malformed", "the package body is not JSON") from exc
