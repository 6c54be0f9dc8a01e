"""Sealing and opening exchange packages with an office's ledger (the Django side of
`packages.py`): the package's digest is recorded in the sender's ledger in the transaction
that keeps the package; once sequenced, the package is sealed with the office's log key, the
entry's inclusion proof and the latest signed checkpoint; the receiver opens it with only the
sender's published verifier key and log origin.
"""

from __future__ import annotations

from typing import Any

from shebao_tlog import inclusion_proof, sign_note

from . import canonical
from .models import Checkpoint, LedgerEvent, LogKey
from .packages import PackageRefused, SealedPackage, digest, signed_text, verify
from .selectors import StoredTree
from .sequencer import log_key_for, sequence_office, signer_for


def package_body(*, kind: str, from_office: str, to_office: str, ref: str, data: dict) -> str:
    """The exact bytes both offices sign, log and verify (canonical JSON)."""
    return canonical.dumps(
        {"kind": kind, "from": from_office, "to": to_office, "ref": ref, "data": data}
    )


def package_seal(*, office, event: LedgerEvent, body: str) -> SealedPackage:
    """Seal `body`, whose digest `event` recorded in `office`'s ledger: sequences the log first
    if the event is still in the outbox, so the proof covers it."""
    event.refresh_from_db(fields=["leaf_index"])
    if event.leaf_index is None:
        sequence_office(office)
        event.refresh_from_db(fields=["leaf_index"])
    checkpoint = (
        Checkpoint.objects.filter(office=office, size__gt=event.leaf_index)
        .order_by("-size")
        .first()
    )
    if event.leaf_index is None or checkpoint is None:
        raise PackageRefused("unsealed", "the package is not in a signed checkpoint yet")
    proof = inclusion_proof(StoredTree(office, checkpoint.size), event.leaf_index, checkpoint.size)
    signer = signer_for(log_key_for(office))
    return SealedPackage(
        body=body,
        signature=sign_note(signed_text(body), [signer]),
        entry=event.body,
        index=event.leaf_index,
        proof=tuple(h.hex() for h in proof),
        checkpoint=checkpoint.signed_note,
    )


def package_open(*, sealed: SealedPackage, sender) -> dict[str, Any]:
    """The package's fields if it verifies with `sender`'s published key; `PackageRefused`
    naming the first failure otherwise. (In the demo both offices share a database, so the
    sender's key is read from its LogKey row; a real office keeps its partners' verifier keys,
    fetched from their `/ledger/key`, in its configuration.)"""
    key = LogKey.objects.filter(office=sender).first()
    if key is None:
        raise PackageRefused("key", "the sender has no published key")
    fields = verify(sealed, vkey=key.vkey, origin=sender.ledger_origin)
    if digest(sealed.body) != digest(
        package_body(
            kind=fields["kind"],
            from_office=fields["from"],
            to_office=fields["to"],
            ref=fields["ref"],
            data=fields["data"],
        )
    ):
        raise PackageRefused("malformed", "the package is not in canonical form")
    return fields
