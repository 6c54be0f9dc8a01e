"""Writes for transfers between regions (关系转移接续): file, resubmit after a return, send to the
other office after approval, receive its answer, and (demo) answer as the other office.

Every write records its ledger event in its own transaction; packages go to the other office
only after the commit (`transaction.on_commit`). The application moves only along the
transition table of the `transfer` service: APPROVED -> WITH_PARTNER by the system or staff when
the package leaves, WITH_PARTNER -> COMPLETED / REJECTED by the partner when it answers.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from shebao.applications.services import (
    application_resubmit,
    application_submit,
    application_transition,
    inbox_send,
)
from shebao.ledger.services import (
    PackageRefused,
    package_body,
    package_digest,
    package_open,
    package_seal,
    record_event,
)
from shebao.pii.masking import mask_name
from shebao.regions.selectors import office_by_code

from . import exchange
from .exchange import ExchangePackage
from .models import ExchangeRecord, Transfer
from .selectors import (
    IN,
    SERVICE,
    TransferRefused,
    open_transfer,
    partner_holdings,
    partner_office,
    place_name,
    transfer_preview,
)

STATUS_APPROVED = "approved"
STATUS_WITH_PARTNER = "with_partner"
STATUS_COMPLETED = "completed"
STATUS_REJECTED = "rejected"
PARTNER = "partner"


def _payload(region: str, direction: str) -> dict:
    return {"region": region, "region_name": place_name(region), "direction": direction}


def transfer_submit(
    *,
    person,
    region: str,
    direction: str,
    idempotency_key: str,
    channel: str = "web",
    actor=None,
    as_of: dt.date,
):
    """File a transfer; (application, created). Refuses with `TransferRefused` (naming the
    choice to change). An open transfer with the same region, or the same key sent twice,
    gives the application already filed instead of another one."""
    reckoning = transfer_preview(person, region=region, direction=direction, as_of=as_of)
    existing = open_transfer(person, region=region)
    if existing is not None:
        return existing, False
    with transaction.atomic():
        application, created = application_submit(
            person=person,
            service=SERVICE,
            payload=_payload(region, direction),
            figures=reckoning.figures(),
            idempotency_key=idempotency_key,
            channel=channel,
            actor=actor,
        )
        if not created:
            return application, False
        Transfer.objects.create(
            application=application,
            person=person,
            office=person.office,
            direction=direction,
            region_code=region,
            partner=partner_office(region),
            months_from=reckoning.first_month,
            months_to=reckoning.last_month,
        )
        record_event(
            office=person.office,
            kind="transfer.filed",
            data={
                "ref": application.ref,
                "direction": direction,
                "region": region,
                "total": str(reckoning.total),
                "rule_version": reckoning.rule_version,
            },
            subject=person,
            actor=actor,
        )
    return application, True


def transfer_resubmit(*, person, application, region: str, direction: str, actor, as_of: dt.date):
    """Send a returned transfer again with the person's corrections (same checks as filing)."""
    reckoning = transfer_preview(person, region=region, direction=direction, as_of=as_of)
    other = open_transfer(person, region=region)
    if other is not None and other.pk != application.pk:
        raise TransferRefused(
            "region",
            _("A transfer with this region is already in progress: application %(ref)s.")
            % {"ref": other.ref},
        )
    with transaction.atomic():
        application = application_resubmit(
            application=application,
            payload=_payload(region, direction),
            figures=reckoning.figures(),
            actor=actor,
        )
        Transfer.objects.filter(application=application).update(
            direction=direction,
            region_code=region,
            partner=partner_office(region),
            months_from=reckoning.first_month,
            months_to=reckoning.last_month,
            stage=Transfer.Stage.FILED,
        )
        record_event(
            office=application.office,
            kind="transfer.resubmitted",
            data={"ref": application.ref, "direction": direction, "region": region},
            subject=person,
            actor=actor,
        )
    return application


def _masked_person(person) -> dict:
    return {
        "person": str(person.ref),
        "id_number": person.id_number_masked,
        "name": mask_name(person.name),
    }


def _package_record(transfer: Transfer, package: ExchangePackage, way: str) -> ExchangeRecord:
    """Keep a package sent or received, with its ledger event in the caller's transaction. The
    event carries the digest of the package's exact bytes, so a package we send can be sealed
    with the inclusion proof of that entry (`ledger.services.package_seal`)."""
    body = package_body(
        kind=package.kind,
        from_office=package.from_office,
        to_office=package.to_office,
        ref=package.application_ref,
        data=package.data,
    )
    event = record_event(
        office=transfer.office,
        kind=f"transfer.package_{way}",
        data={
            "ref": package.application_ref,
            "kind": package.kind,
            "from": package.from_office,
            "to": package.to_office,
            "digest": package_digest(body),
        },
        subject=transfer.person,
    )
    return ExchangeRecord.objects.create(
        transfer=transfer,
        kind=package.kind,
        way=way,
        from_office=package.from_office,
        to_office=package.to_office,
        data=json.loads(body)["data"],
        body=body,
        ledger_event=event,
        at=timezone.now(),
    )


def _funds(reckoning) -> dict:
    return {
        "account": str(reckoning.account),
        "pooled": str(reckoning.pooled),
        "total": str(reckoning.total),
        "months": reckoning.months,
        "months_from": f"{reckoning.first_month:%Y-%m}",
        "months_to": f"{reckoning.last_month:%Y-%m}",
        "rule_version": reckoning.rule_version,
    }


def _certificate(reckoning) -> dict:
    return {
        "months": reckoning.months,
        "months_from": f"{reckoning.first_month:%Y-%m}",
        "months_to": f"{reckoning.last_month:%Y-%m}",
        "years": [
            {"year": y["year"], "months": y["months"], "bases": str(y["bases"])}
            for y in reckoning.years
        ],
        "rule_version": reckoning.rule_version,
    }


def transfer_send_to_partner(*, application, actor=None, role: str = "system", as_of: dt.date):
    """What approval calls: the package leaves for the other office and the application is
    WITH_PARTNER. A transfer in sends the contact letter (联系函); a transfer out sends the
    certificate (参保缴费凭证) and the funds notice, with the amounts as they stand today."""
    transfer = Transfer.objects.select_related("person__office", "partner").get(
        application=application
    )
    if transfer.partner is None:
        raise TransferRefused("region", _("The other region's office cannot be reached online."))
    ours, theirs = transfer.office.code, transfer.partner.code
    with transaction.atomic():
        application = application_transition(
            application=application, to=STATUS_WITH_PARTNER, role=role, actor=actor
        )
        person = transfer.person
        base = {**_masked_person(person), "direction": transfer.direction}
        if transfer.direction == IN:
            packages = [
                ExchangePackage(
                    exchange.CONTACT_LETTER,
                    ours,
                    theirs,
                    application.ref,
                    {
                        **base,
                        "region": transfer.region_code,
                        "months_from": f"{transfer.months_from:%Y-%m}",
                        "months_to": f"{transfer.months_to:%Y-%m}",
                    },
                )
            ]
        else:
            reckoning = transfer_preview(
                person, region=transfer.region_code, direction=transfer.direction, as_of=as_of
            )
            packages = [
                ExchangePackage(
                    exchange.CERTIFICATE,
                    ours,
                    theirs,
                    application.ref,
                    {**base, **_certificate(reckoning)},
                ),
                ExchangePackage(
                    exchange.FUNDS_NOTICE,
                    ours,
                    theirs,
                    application.ref,
                    {**base, **_funds(reckoning)},
                ),
            ]
        sent = []
        for package in packages:
            record = _package_record(transfer, package, ExchangeRecord.Way.SENT)
            sent.append(
                ExchangePackage(
                    package.kind, ours, theirs, package.application_ref, package.data, record.pk
                )
            )
        transfer.stage = Transfer.Stage.SENT
        transfer.save(update_fields=["stage"])
        gateway = exchange.gateway()
        for package in sent:
            transaction.on_commit(lambda p=package: gateway.send(p))
    return application


def transfer_receive(*, package: ExchangePackage) -> Transfer:
    """An answer from the other office reaches this office. A certificate is kept and told to
    the person; a funds notice (transfer in) or a receipt (transfer out) completes the
    application with the amounts that moved; a refusal closes it with the other office's
    reason. A package received twice is kept once."""
    with transaction.atomic():
        transfer = (
            Transfer.objects.select_for_update(of=("self",))
            .select_related("application", "person", "office")
            .get(application__ref=package.application_ref)
        )
        if transfer.packages.filter(way=ExchangeRecord.Way.RECEIVED, kind=package.kind).exists():
            return transfer
        _package_record(transfer, package, ExchangeRecord.Way.RECEIVED)
        application = transfer.application
        with translation.override("zh-hans"):
            region = place_name(transfer.region_code)
            if package.kind == exchange.CERTIFICATE:
                inbox_send(
                    person=transfer.person,
                    application=application,
                    subject=_("Transfer: certificate received"),
                    body=_(
                        "The office of %(region)s sent the certificate of your contributions "
                        "there (参保缴费凭证): %(months)s months, %(start)s to %(end)s."
                    )
                    % {
                        "region": region,
                        "months": package.data.get("months"),
                        "start": package.data.get("months_from"),
                        "end": package.data.get("months_to"),
                    },
                )
            elif package.kind in (exchange.FUNDS_NOTICE, exchange.RECEIPT):
                data = package.data
                transfer.account_moved = Decimal(data["account"])
                transfer.pooled_moved = Decimal(data["pooled"])
                transfer.total_moved = Decimal(data["total"])
                transfer.months_moved = int(data["months"])
                transfer.moved_rule_version = data.get("rule_version", "")
                transfer.stage = Transfer.Stage.COMPLETED
                transfer.completed_at = timezone.now()
                transfer.save()
                reason = _(
                    "%(total)s yuan moved (personal account %(account)s, pooled part "
                    "%(pooled)s) for %(months)s months."
                ) % {
                    "total": data["total"],
                    "account": data["account"],
                    "pooled": data["pooled"],
                    "months": data["months"],
                }
                application_transition(
                    application=application, to=STATUS_COMPLETED, role=PARTNER, reason=reason
                )
                record_event(
                    office=transfer.office,
                    kind="transfer.completed",
                    data={
                        "ref": application.ref,
                        "direction": transfer.direction,
                        "region": transfer.region_code,
                        "account": data["account"],
                        "pooled": data["pooled"],
                        "total": data["total"],
                        "months": int(data["months"]),
                        "rule_version": transfer.moved_rule_version,
                    },
                    subject=transfer.person,
                )
            elif package.kind == exchange.REFUSAL:
                transfer.stage = Transfer.Stage.REFUSED
                transfer.save(update_fields=["stage"])
                application_transition(
                    application=application,
                    to=STATUS_REJECTED,
                    role=PARTNER,
                    reason=str(package.data.get("reason", "")),
                )
        return transfer


def simulated_partner_answer(*, record_id: int, as_of: dt.date | None = None) -> int:
    """The demo's other office answers one package sent to it (once): a contact letter with
    the certificate and the funds it holds, a funds notice with a receipt. Its own steps go
    into its own ledger. Returns the number of answers delivered."""
    as_of = as_of or timezone.localdate()
    answers: list[ExchangePackage] = []
    with transaction.atomic():
        record = (
            ExchangeRecord.objects.select_for_update(of=("self",))
            .select_related(
                "transfer__partner", "transfer__application", "transfer__person__office"
            )
            .filter(pk=record_id, way=ExchangeRecord.Way.SENT, processed_at__isnull=True)
            .first()
        )
        if record is None:
            return 0
        record.processed_at = timezone.now()
        record.save(update_fields=["processed_at"])
        transfer = record.transfer
        partner = transfer.partner
        ref = transfer.application.ref
        # The simulated office shares this database; a real one finds the person in its own
        # register from the letter's identifiers.
        person = transfer.person if str(transfer.person.ref) == record.data.get("person") else None
        record_event(
            office=partner,
            kind="transfer.package_received",
            data={"ref": ref, "kind": record.kind, "from": record.from_office, "to": partner.code},
        )
        masked = {k: record.data.get(k) for k in ("person", "id_number", "name", "direction")}
        back = (partner.code, record.from_office, ref)
        refusal = _open_ours(record, transfer)
        if refusal:
            answers.append(ExchangePackage(exchange.REFUSAL, *back, {**masked, "reason": refusal}))
        elif record.kind == exchange.CONTACT_LETTER:
            held = (
                partner_holdings(person, region=transfer.region_code, as_of=as_of)
                if person
                else None
            )
            if held is None:
                answers.append(
                    ExchangePackage(
                        exchange.REFUSAL,
                        *back,
                        {**masked, "reason": "本地未查到该参保人尚未转出的缴费记录"},
                    )
                )
            else:
                answers.append(
                    ExchangePackage(exchange.CERTIFICATE, *back, {**masked, **_certificate(held)})
                )
                answers.append(
                    ExchangePackage(exchange.FUNDS_NOTICE, *back, {**masked, **_funds(held)})
                )
        elif record.kind == exchange.FUNDS_NOTICE:
            answers.append(
                ExchangePackage(
                    exchange.RECEIPT,
                    *back,
                    {**masked, **{k: record.data[k] for k in _RECEIPT_KEYS}},
                )
            )
        logged = []
        for answer in answers:
            body = package_body(
                kind=answer.kind,
                from_office=partner.code,
                to_office=answer.to_office,
                ref=ref,
                data=answer.data,
            )
            event = record_event(
                office=partner,
                kind="transfer.package_sent",
                data={
                    "ref": ref,
                    "kind": answer.kind,
                    "from": partner.code,
                    "to": answer.to_office,
                    "digest": package_digest(body),
                },
            )
            logged.append((event, body))
    # Each answer travels sealed: signed by the partner's log key, with the inclusion proof of
    # its ledger entry and the partner's checkpoint; this office opens it before acting on it.
    for event, body in logged:
        transfer_receive_sealed(sealed=package_seal(office=partner, event=event, body=body))
    return len(logged)


def _open_ours(record: ExchangeRecord, transfer: Transfer) -> str:
    """The partner's check of the package we sent: "" when it verifies, else why not."""
    try:
        package_open(
            sealed=package_seal(
                office=transfer.office, event=record.ledger_event, body=record.body
            ),
            sender=transfer.office,
        )
    except PackageRefused as refused:
        return f"联系函未通过验证（{refused.reason}）"
    return ""


def transfer_receive_sealed(*, sealed) -> Transfer | None:
    """A sealed package from another office: opened with the sender's published key, then
    received; refused (and the refusal logged with its reason) if any check fails."""
    try:
        sender_code = json.loads(sealed.body)["from"]
    except (ValueError, KeyError, TypeError):
        sender_code = ""
    sender = office_by_code(sender_code)
    try:
        if sender is None:
            raise PackageRefused("key", "the sender is not a known office")
        fields = package_open(sealed=sealed, sender=sender)
    except PackageRefused as refused:
        to = office_by_code(_field(sealed.body, "to"))
        if to is not None:
            with transaction.atomic():
                record_event(
                    office=to,
                    kind="transfer.package_refused",
                    data={"from": sender_code, "reason": refused.reason, "why": str(refused)},
                )
        return None
    package = ExchangePackage(
        fields["kind"], fields["from"], fields["to"], fields["ref"], fields["data"]
    )
    return transfer_receive(package=package)


def _field(body: str, name: str) -> str:
    try:
        return str(json.loads(body)[name])
    except (ValueError, KeyError, TypeError):
        return ""


_RECEIPT_KEYS = ("account", "pooled", "total", "months", "months_from", "months_to", "rule_version")


def transfer_on_approved(*, application, actor) -> None:
    """Called by the applications app when a transfer's decision takes effect: the package
    leaves for the other office at once (the approval and the letter are one transaction)."""
    from django.utils import timezone

    # Sending is the system's consequence of the approval (whose actor is already recorded).
    transfer_send_to_partner(
        application=application, actor=None, role="system", as_of=timezone.localdate()
    )
