"""Writes for pension awards and payments."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction

from shebao.bulk_insert import insert_rows
from shebao.ledger.services import record_events_bulk

from .models import PensionAward, PensionPayment


@dataclass(frozen=True)
class AwardInput:
    """A pension decision: ``components`` has basic, account, transitional, extra and total;
    ``inputs`` are the calculation's inputs, kept so it can be recomputed."""

    person: Any
    start_month: dt.date
    components: dict[str, Decimal]
    rule_version: str
    inputs: dict[str, Any]


def pension_awards_grant(items: Sequence[AwardInput], *, office, actor=None) -> list[PensionAward]:
    """Grant monthly pensions (养老金核定); one ledger event each."""
    with transaction.atomic():
        awards = PensionAward.objects.bulk_create(
            [
                PensionAward(
                    person=i.person,
                    office=office,
                    start_month=i.start_month,
                    basic=i.components["basic"],
                    account=i.components["account"],
                    transitional=i.components["transitional"],
                    extra=i.components["extra"],
                    monthly_amount=i.components["total"],
                    rule_version=i.rule_version,
                    inputs=i.inputs,
                )
                for i in items
            ]
        )
        record_events_bulk(
            office=office,
            actor=actor,
            events=[
                (
                    "pension.granted",
                    {
                        "from": i.start_month,
                        "monthly": i.components["total"],
                        "rule_version": i.rule_version,
                    },
                    i.person,
                )
                for i in items
            ],
        )
    return awards


def pension_payments_import(
    batch: Sequence[tuple[PensionAward, Sequence[tuple[dt.date, Decimal, dt.date]]]], *, office
) -> int:
    """Store retirees' past monthly payments: (award, [(month, amount, paid on), …]) each."""
    with transaction.atomic():
        count = insert_rows(
            PensionPayment,
            ["award_id", "month", "amount", "paid_on"],
            [(award.pk, m, a, p) for award, payments in batch for m, a, p in payments],
        )
        record_events_bulk(
            office=office,
            events=[
                (
                    "pension.payments_imported",
                    {
                        "count": len(payments),
                        "total": sum((a for _, a, _ in payments), Decimal("0.00")),
                    },
                    award.person,
                )
                for award, payments in batch
            ],
        )
    return count


def pension_stop(
    *, award: PensionAward, from_month: dt.date, reason: str, actor=None
) -> PensionAward:
    """Stop paying a pension from ``from_month`` (after a death, a suspension)."""
    with transaction.atomic():
        award.status = PensionAward.Status.STOPPED
        award.stopped_month = from_month
        award.stop_reason = reason
        award.save(update_fields=["status", "stopped_month", "stop_reason"])
        record_events_bulk(
            office=award.office,
            actor=actor,
            events=[("pension.stopped", {"from": from_month, "reason": reason}, award.person)],
        )
    return award


# -- benefit claims (待遇申领) ------------------------------------------------------------------


class ClaimRefused(Exception):
    """A claim cannot be sent: ``field`` names what is wrong (``conditions``, ``bank``,
    ``declaration``, ``note``, ``fix``), ``message`` says it in the person's language."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


NOTE_MAX = 200


def benefit_claim_file(
    *,
    person,
    service: str,
    as_of: dt.date,
    idempotency_key: str,
    subject_ref: str | None = None,
    note: str = "",
    bank_confirmed: bool,
    declared: bool | None = None,
    fix_ref: str | None = None,
    channel: str = "web",
    actor=None,
):
    """File a benefit claim as an application, or send a returned one again (``fix_ref``).

    The claim is computed again here from the records (the page's figures are never trusted),
    so a claim that is not eligible, has no payout account or lacks the declaration is refused
    with the reason. The same idempotency key gives the first application back; an application
    of the same claim already in progress is returned instead of filing a second.
    Returns (application, created)."""
    from django.utils.translation import gettext as _

    from shebao.applications.selectors import application_to_fix, open_application
    from shebao.applications.services import application_resubmit, application_submit

    from .selectors import claim_for

    claim = claim_for(service, person, as_of=as_of, subject_ref=subject_ref)
    if claim is None:
        raise LookupError("not a claim this person may make")
    note = (note or "").strip()
    if len(note) > NOTE_MAX:
        raise ClaimRefused(
            "note", _("Please keep the note under %(n)s characters.") % {"n": NOTE_MAX}
        )
    if not claim.eligible:
        raise ClaimRefused("conditions", " ".join(c.text for c in claim.unmet))
    if not claim.has_bank:
        raise ClaimRefused("bank", _("We have no bank account on file for payments."))
    if not bank_confirmed:
        raise ClaimRefused("bank", _("Please confirm that the payments go to this bank account."))
    if declared is not None and not declared:
        raise ClaimRefused(
            "declaration", _("Please confirm that your job ended not by your own choice.")
        )
    payload = claim.payload(note=note, declared=declared)
    figures = claim.figures()
    with transaction.atomic():
        if fix_ref:
            returned = application_to_fix(person, fix_ref, service)
            if returned is None or (
                claim.subject is not None and returned.subject_id != claim.subject.pk
            ):
                raise ClaimRefused("fix", _("This application cannot be corrected any more."))
            return (
                application_resubmit(
                    application=returned, payload=payload, figures=figures, actor=actor
                ),
                False,
            )
        existing = open_application(person, service, claim.subject)
        if existing is not None:
            return existing, False
        return application_submit(
            person=person,
            service=service,
            payload=payload,
            figures=figures,
            idempotency_key=idempotency_key,
            channel=channel,
            actor=actor,
            subject=claim.subject,
        )
