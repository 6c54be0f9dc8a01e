"""Writes for certificates: issue and revoke, each with its ledger event in the same transaction.

Ledger events carry the certificate's digest (SHA-256 of the signed note), never its code: the
ledger is public, and a code there would let anyone read the masked summary behind it. The
digest still lets an auditor holding a certificate find it in the log.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging

from django.db import IntegrityError, transaction
from django.utils import timezone

from shebao.ledger.services import record_event
from shebao.pii.fields import protect, reveal
from shebao_tlog import Signer, sign_note
from shebao_tlog.note import is_valid_key_name

from . import codes
from .models import Certificate, SigningKey
from .selectors import certificate_contents

logger = logging.getLogger(__name__)
SKEY_KIND = "certificate-skey"


class AlreadyRevoked(Exception):
    """The certificate was revoked before; a revocation is never overwritten."""


def _key_name(office) -> str:
    # Named after the host of the office's log origin, so a verifier sees whose key it is.
    host = office.ledger_origin.split("/", 1)[0]
    name = f"{host}/certificates"
    return name if is_valid_key_name(name) else f"shebao-{office.code}/certificates"


def _active_key(office) -> SigningKey:
    """The office's current certificate key, created (and published in its ledger) on first use.

    Runs inside the caller's transaction; a concurrent first issue loses the race on the
    one-active-key constraint inside a savepoint and takes the winner's key.
    """
    key = SigningKey.objects.filter(office=office, retired_at__isnull=True).first()
    if key is not None:
        return key
    signer = Signer.generate(_key_name(office))
    try:
        with transaction.atomic():
            key = SigningKey.objects.create(
                office=office,
                vkey=signer.verifier.vkey,
                skey_enc=protect(SKEY_KIND, signer.skey, masked="").ciphertext,
            )
            record_event(office=office, kind="certificate.key_created", data={"vkey": key.vkey})
    except IntegrityError:
        key = SigningKey.objects.get(office=office, retired_at__isnull=True)
    return key


def _fresh_code() -> str:
    # 74 random bits: a clash is practically impossible, but a unique column costs nothing
    # to respect.
    while True:
        code = codes.new_code()
        if not Certificate.objects.filter(code=code).exists():
            return code


def certificate_issue(*, person, actor, at: dt.datetime | None = None) -> Certificate:
    """Issue a signed insurance certificate (参保证明) for ``person`` as of ``at`` (now).

    The snapshot (masked name and ID, insured periods, office, time, code) is signed with the
    office's certificate key; the certificate and its ledger event commit together.
    """
    at = (at or timezone.now()).replace(microsecond=0)
    office = person.office
    with transaction.atomic():
        key = _active_key(office)
        code = _fresh_code()
        snapshot = certificate_contents(person, at=at, code=code)
        signer = Signer.from_skey(reveal(SKEY_KIND, key.skey_enc))
        note = sign_note(snapshot.to_text(), [signer])
        digest = hashlib.sha256(note.encode("utf-8")).hexdigest()
        certificate = Certificate.objects.create(
            code=code,
            person=person,
            office=office,
            key=key,
            issued_at=at,
            issued_by=actor,
            signed_note=note,
            digest=digest,
        )
        record_event(
            office=office,
            kind="certificate.issued",
            data={"certificate": digest, "key": f"{signer.key_id:08x}"},
            subject=person,
            actor=actor,
        )
    logger.info("certificate %s issued by office %s", certificate.pk, office.code)
    return certificate


def certificate_revoke(
    *, certificate: Certificate, actor, reason: str, at: dt.datetime | None = None
) -> Certificate:
    """Revoke a certificate: its verification page says so from now on, with the reason.

    ``reason`` is one of `Certificate.Reason`. Deciding who may revoke is the caller's
    (back-office) permission check; this records who did.
    """
    reason = Certificate.Reason(reason).value  # ValueError for anything outside the list
    at = (at or timezone.now()).replace(microsecond=0)
    with transaction.atomic():
        # Lock the certificate row only: two revocations must not both pass the check below.
        locked = Certificate.objects.select_for_update(of=("self",)).get(pk=certificate.pk)
        if locked.revoked_at is not None:
            raise AlreadyRevoked(f"certificate {locked.pk} was revoked on {locked.revoked_at}")
        locked.revoked_at, locked.revoked_reason, locked.revoked_by = at, reason, actor
        locked.save(update_fields=["revoked_at", "revoked_reason", "revoked_by"])
        record_event(
            office=locked.office,
            kind="certificate.revoked",
            data={"certificate": locked.digest, "reason": reason},
            subject=locked.person,
            actor=actor,
        )
    logger.info("certificate %s revoked (%s)", locked.pk, reason)
    return locked
