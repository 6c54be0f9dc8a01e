"""Reads for certificates: what a certificate would say now, a person's own certificates, and
the public verification of a code."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from dataclasses import dataclass

from django.utils import timezone

from shebao.contributions.selectors import (
    contribution_histories,
    deemed_periods,
    insured_periods,
)
from shebao.pii.masking import mask_name
from shebao.regions.selectors import region_name
from shebao_tlog import NoteError, Verifier, open_note

from . import codes, csv_export, pdf
from .models import Certificate
from .snapshot import Deemed, Insurance, Period, Snapshot, SnapshotError

logger = logging.getLogger(__name__)

GENUINE = "genuine"
REVOKED = "revoked"
UNKNOWN = "unknown"  # well-formed, but no certificate has this code
MALFORMED = "malformed"  # cannot be a code (typo caught by the check character)
UNVERIFIABLE = "unverifiable"  # a row exists but its signature does not hold: tampering


def certificate_contents(person, *, at: dt.datetime, code: str = "") -> Snapshot:
    """What a certificate for ``person`` issued at ``at`` states (the snapshot to sign).

    The page shows it before issuing, the issuing service signs it; both read it here so they
    cannot differ. Name and ID are masked: the snapshot is what a stranger verifying sees.
    """
    names: dict[tuple[str, int], str] = {}  # most periods share a region: look each up once

    def name_of(code: str, year: int) -> str:
        if (code, year) not in names:
            names[code, year] = region_name(code, year=year)
        return names[code, year]

    insurance = []
    for summary in insured_periods(person):
        insurance.append(
            Insurance(
                insurance_type=summary.insurance_type,
                status=summary.enrolment_status,
                months_paid=summary.months_paid,
                months_due=summary.months_due,
                last_paid=summary.last_paid,
                periods=tuple(
                    Period(
                        start=p.start,
                        end=p.end,
                        months=p.months,
                        region_code=p.region_code,
                        region_name=name_of(p.region_code, p.end.year),
                    )
                    for p in summary.periods
                ),
            )
        )
    return Snapshot(
        code=code,
        issued_at=timezone.localtime(at).replace(microsecond=0),
        office_code=person.office.code,
        office_name=person.office.name,
        name_masked=mask_name(person.name),
        id_number_masked=person.id_number_masked,
        person_status=person.status,
        insurance=tuple(insurance),
        deemed=tuple(Deemed(d.start, d.end, d.months) for d in deemed_periods(person)),
    )


@dataclass(frozen=True)
class Signature:
    """How a certificate was signed, for people to compare and machines to re-check."""

    algorithm: str
    key_name: str
    key_id: str  # 8 hex digits
    vkey: str  # the office's published verifier key
    fingerprint: str  # SHA-256 of the signed note, in groups of four hex digits
    signed_note: str


class _CertificateLabels:
    """What a certificate row shows besides its fields: the code as printed and the reason it
    was revoked, in words. Mixed into the dataclasses below, which define ``code`` and
    ``revoked_reason``."""

    code: str
    revoked_reason: str

    @property
    def display_code(self) -> str:
        return codes.display(self.code)

    @property
    def revoked_reason_label(self):
        return Certificate.Reason(self.revoked_reason).label if self.revoked_reason else ""


@dataclass(frozen=True)
class OwnCertificate(_CertificateLabels):
    """A certificate in its owner's list."""

    code: str
    issued_at: dt.datetime
    revoked_at: dt.datetime | None
    revoked_reason: str


@dataclass(frozen=True)
class VerifiedCertificate(_CertificateLabels):
    """A certificate whose signature was checked, with what it states."""

    code: str
    snapshot: Snapshot
    signature: Signature
    office_name: str
    issued_at: dt.datetime
    revoked_at: dt.datetime | None
    revoked_reason: str


class SignatureMismatch(Exception):
    """A stored certificate does not verify: its note, key or columns disagree."""


def _fingerprint(digest: str) -> str:
    return " ".join(digest[i : i + 4] for i in range(0, len(digest), 4))


def _open(certificate: Certificate) -> VerifiedCertificate:
    """Check the signature and that the row and the signed snapshot agree."""
    try:
        verifier = Verifier.from_vkey(certificate.key.vkey)
        note = open_note(certificate.signed_note, [verifier])
        snapshot = Snapshot.from_text(note.text)
    except (NoteError, SnapshotError) as exc:
        raise SignatureMismatch(str(exc)) from None
    digest = hashlib.sha256(certificate.signed_note.encode("utf-8")).hexdigest()
    # The signature covers the note; these catch a valid note moved onto another row.
    if (
        snapshot.code != certificate.code
        or digest != certificate.digest
        or snapshot.office_code != certificate.office.code
        or certificate.key.office_id != certificate.office_id
    ):
        raise SignatureMismatch("the signed snapshot does not match its certificate row")
    return VerifiedCertificate(
        code=certificate.code,
        snapshot=snapshot,
        signature=Signature(
            algorithm="Ed25519",
            key_name=verifier.name,
            key_id=f"{verifier.key_id:08x}",
            vkey=verifier.vkey,
            fingerprint=_fingerprint(digest),
            signed_note=certificate.signed_note,
        ),
        office_name=snapshot.office_name,
        issued_at=timezone.localtime(certificate.issued_at),
        revoked_at=timezone.localtime(certificate.revoked_at) if certificate.revoked_at else None,
        revoked_reason=certificate.revoked_reason,
    )


def certificates_of(person) -> list[OwnCertificate]:
    """The certificates ``person`` has been issued, newest first."""
    rows = Certificate.objects.filter(person=person).order_by("-issued_at", "-id")
    return [
        OwnCertificate(
            code=c.code,
            issued_at=timezone.localtime(c.issued_at),
            revoked_at=timezone.localtime(c.revoked_at) if c.revoked_at else None,
            revoked_reason=c.revoked_reason,
        )
        for c in rows.only("code", "issued_at", "revoked_at", "revoked_reason")
    ]


def certificate_of_owner(*, person, code: str) -> VerifiedCertificate | None:
    """``person``'s own certificate with this code, verified; None when it is not theirs (the
    caller answers 404, so nobody learns whether someone else's code exists) or when its
    signature does not hold (it must not be handed out)."""
    certificate = (
        Certificate.objects.select_related("key", "office")
        .filter(person=person, code=codes.normalise(code))
        .first()
    )
    if certificate is None:
        return None
    try:
        return _open(certificate)
    except SignatureMismatch:
        logger.error("certificate %s fails its signature check", certificate.pk)
        return None


@dataclass(frozen=True)
class Verification:
    """The answer of the public verification page for one code."""

    outcome: str  # GENUINE | REVOKED | UNKNOWN | MALFORMED | UNVERIFIABLE
    code: str  # as typed, normalised
    problem: codes.CodeError | None = None
    certificate: VerifiedCertificate | None = None

    @property
    def display_code(self) -> str:
        return codes.display(self.code)


def certificate_verify(text: str) -> Verification:
    """Check a code typed or scanned by anyone: is there a genuine, unrevoked certificate?"""
    try:
        code = codes.parse(text)
    except codes.CodeError as problem:
        return Verification(MALFORMED, codes.normalise(text)[:40], problem=problem)
    certificate = Certificate.objects.select_related("key", "office").filter(code=code).first()
    if certificate is None:
        return Verification(UNKNOWN, code)
    try:
        verified = _open(certificate)
    except SignatureMismatch:
        # Someone changed a stored certificate (or its key): say so and alert the operators.
        logger.error("certificate %s fails its signature check", certificate.pk)
        return Verification(UNVERIFIABLE, code)
    outcome = REVOKED if verified.revoked_at else GENUINE
    return Verification(outcome, code, certificate=verified)


def certificate_pdf(
    certificate: VerifiedCertificate, *, full_name: str, verify_url: str, verify_form_url: str
) -> bytes:
    """The printable certificate for its owner (their full name, everything else as signed)."""
    return pdf.certificate_pdf(
        snapshot=certificate.snapshot,
        full_name=full_name,
        signature=certificate.signature,
        verify_url=verify_url,
        verify_form_url=verify_form_url,
    )


def records_pdf(person, *, as_of: dt.date) -> bytes:
    """The person's contribution records (every month, yearly totals) as PDF."""
    return pdf.records_pdf(
        office_name=person.office.name,
        full_name=person.name,
        id_number_masked=person.id_number_masked,
        as_of=as_of,
        histories=contribution_histories(person).values(),
    )


def records_csv(person) -> bytes:
    """The person's contribution records as CSV (UTF-8 with BOM, for Excel)."""
    return csv_export.records_csv(contribution_histories(person).values())
