"""Writes for persons, employers and life events — each one records its ledger event."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext_lazy

from shebao.ledger.services import record_event, record_events_bulk
from shebao.pii.fields import protect, reveal
from shebao.pii.masking import mask_address, mask_bank_account, mask_phone, mask_resident_id
from shebao.standards import validation

from .models import Employer, IdentifierReveal, Kinship, LifeEvent, Person


@dataclass(frozen=True)
class PersonInput:
    name: str
    resident_id: str
    phone: str
    retirement_category: str
    hukou_region_code: str
    hukou_rural: bool = False
    bank_name: str = ""
    bank_account: str = ""


def person_build(data: PersonInput, *, office) -> Person:
    """Validate and encrypt one person's fields into an unsaved Person (shared by bulk import)."""
    resident_id = validation.resident_id(data.resident_id)
    phone = validation.mobile(data.phone)
    rid = protect("resident_id", resident_id, masked=mask_resident_id(resident_id))
    tel = protect("mobile", phone, masked=mask_phone(phone))
    person = Person(
        name=validation.person_name(data.name),
        id_number_enc=rid.ciphertext,
        id_number_bidx=rid.index,
        id_number_masked=rid.masked,
        sex=validation.resident_id_sex(resident_id),
        birth_date=dt.date(
            int(resident_id[6:10]), int(resident_id[10:12]), int(resident_id[12:14])
        ),
        retirement_category=data.retirement_category,
        hukou_region_code=validation.region_code(data.hukou_region_code),
        hukou_rural=data.hukou_rural,
        phone_enc=tel.ciphertext,
        phone_bidx=tel.index,
        phone_masked=tel.masked,
        office=office,
    )
    if data.bank_account:
        account = validation.bank_account(data.bank_account)
        bank = protect("bank_account", account, masked=mask_bank_account(account))
        person.bank_name = data.bank_name
        person.bank_account_enc, person.bank_account_bidx = bank.ciphertext, bank.index
        person.bank_account_masked = bank.masked
    return person


def persons_register(rows: list[PersonInput], *, office, actor=None) -> list[Person]:
    """Register insured persons (参保登记): validated, personal data encrypted, one ledger event
    each. The single write path for a form, the API, bulk import and the demo seed."""
    with transaction.atomic():
        persons = Person.objects.bulk_create(
            [person_build(r, office=office) for r in rows], batch_size=1000
        )
        record_events_bulk(
            office=office,
            actor=actor,
            events=[
                ("person.registered", {"ref": str(p.ref), "category": p.retirement_category}, p)
                for p in persons
            ],
        )
    return persons


def person_register(data: PersonInput, *, office, actor=None) -> Person:
    """Register one insured person."""
    return persons_register([data], office=office, actor=actor)[0]


def employer_register(
    *, name: str, credit_code: str, industry: str, work_injury_class: int, region_code: str, office
) -> Employer:
    with transaction.atomic():
        employer = Employer.objects.create(
            name=name,
            credit_code=validation.credit_code(credit_code),
            industry=industry,
            work_injury_class=work_injury_class,
            region_code=validation.region_code(region_code),
            office=office,
        )
        record_event(
            office=office,
            kind="employer.registered",
            data={"credit_code": employer.credit_code, "class": work_injury_class},
        )
    return employer


_STATUS_AFTER = {
    LifeEvent.Kind.DEATH: Person.Status.DECEASED,
    LifeEvent.Kind.RETIREMENT: Person.Status.RETIRED,
    LifeEvent.Kind.MOVE_OUT: Person.Status.MOVED_OUT,
}


@dataclass(frozen=True)
class LifeEventInput:
    person: Person
    kind: str
    date: dt.date
    source: str
    region_code: str = ""
    note: str = ""


def life_events_record(items: list[LifeEventInput], *, office, actor=None) -> list[LifeEvent]:
    """Record life events and the status each implies (a death, a retirement, a move out)."""
    with transaction.atomic():
        events = LifeEvent.objects.bulk_create(
            [
                LifeEvent(
                    person=i.person,
                    kind=i.kind,
                    date=i.date,
                    source=i.source,
                    region_code=i.region_code,
                    note=i.note,
                )
                for i in items
            ]
        )
        for item in items:
            if item.kind in _STATUS_AFTER:
                item.person.status = _STATUS_AFTER[item.kind]
                item.person.save(update_fields=["status", "updated_at"])
        record_events_bulk(
            office=office,
            actor=actor,
            events=[
                (
                    f"life_event.{i.kind}",
                    {"date": i.date, "source": i.source, "region": i.region_code},
                    i.person,
                )
                for i in items
            ],
        )
    return events


def life_event_record(item: LifeEventInput, *, actor=None) -> LifeEvent:
    return life_events_record([item], office=item.person.office, actor=actor)[0]


def kinship_record(*, person: Person, relative: Person, relation: str, source: str) -> Kinship:
    """Record that ``relative`` is the ``relation`` (child, spouse, parent) of ``person``."""
    with transaction.atomic():
        tie = Kinship.objects.create(
            person=person, relative=relative, relation=relation, source=source
        )
        record_event(
            office=person.office,
            kind="kinship.recorded",
            subject=person,
            data={"relation": relation, "source": source, "relative": str(relative.ref)},
        )
    return tie


REVEALABLE = {
    "resident_id": "id_number_enc",
    "mobile": "phone_enc",
    "bank_account": "bank_account_enc",
    "address": "address_enc",
}
REVEAL_ROLES = {"clerk", "reviewer", "supervisor", "auditor", "admin"}


def person_identifier_reveal(*, person: Person, field: str, actor, reason: str) -> str:
    """Break-glass: show one identifier in full to a staff member of the person's office who
    records why. The showing is stored for auditors and its digest goes into the ledger."""
    reason = (reason or "").strip()
    if field not in REVEALABLE:
        raise ValueError(f"{field!r} is not a revealable identifier")
    if getattr(actor, "kind", "") != "staff" or actor.role not in REVEAL_ROLES:
        raise PermissionDenied("only office staff may see full identifiers")
    if actor.office_id != person.office_id and actor.role != "admin":
        raise PermissionDenied("the person belongs to another office")
    if len(reason) < 4:
        raise PermissionDenied("a reason of at least four characters is required")
    with transaction.atomic():
        IdentifierReveal.objects.create(person=person, actor=actor, field=field, reason=reason)
        record_event(
            office=person.office,
            kind="pii.revealed",
            subject=person,
            actor=actor,
            data={"field": field, "reason_sha256": hashlib.sha256(reason.encode()).hexdigest()},
        )
    return reveal(field, getattr(person, REVEALABLE[field]))


def person_change_phone(*, person: Person, phone: str, actor=None) -> Person:
    """Change the person's mobile number (手机号变更): encrypt the new number, replace its blind
    index and masked copy together, and record the change. The caller has confirmed the new
    number (a code sent to it) and the person's identity (a second factor)."""
    phone = validation.mobile(phone)
    tel = protect("mobile", phone, masked=mask_phone(phone))
    with transaction.atomic():
        person.phone_enc, person.phone_bidx, person.phone_masked = (
            tel.ciphertext,
            tel.index,
            tel.masked,
        )
        person.save(update_fields=["phone_enc", "phone_bidx", "phone_masked", "updated_at"])
        record_event(
            office=person.office,
            kind="person.phone_changed",
            subject=person,
            actor=actor,
            data={"ref": str(person.ref)},
        )
    return person


# Mailing address (通讯地址变更): a low-risk change filed as an application, which the automated
# review may approve; the new address travels in the application only encrypted.
ADDRESS_MAX = 120


class AddressRefused(ValueError):
    """The address cannot be used (empty or too long); `str()` is the code, `message` says
    which in the request's language."""

    @property
    def message(self) -> str:
        return str(ADDRESS_REFUSALS[str(self)])


ADDRESS_REFUSALS = {
    "too_short": gettext_lazy("Please write the whole address: province, city, street and number."),
    "too_long": gettext_lazy("The address is too long: at most 120 characters."),
}


def address_protect(address: str) -> dict[str, str]:
    """The new address as an application carries it: ciphertext and the masked copy."""
    address = " ".join((address or "").split())
    if len(address) < 6:
        raise AddressRefused("too_short")
    if len(address) > ADDRESS_MAX:
        raise AddressRefused("too_long")
    sealed = protect("address", address, masked=mask_address(address))
    return {"address_enc": sealed.ciphertext, "address_masked": sealed.masked}


def person_change_address(*, person: Person, address_enc: str, actor=None) -> Person:
    """Replace the person's mailing address with the (encrypted) new one."""
    address = reveal("address", address_enc)
    with transaction.atomic():
        person.address_enc = address_enc
        person.address_masked = mask_address(address)
        person.save(update_fields=["address_enc", "address_masked", "updated_at"])
        record_event(
            office=person.office,
            kind="person.address_changed",
            subject=person,
            actor=actor,
            data={"address_sha256": hashlib.sha256(address.encode()).hexdigest()},
        )
    return person


def address_change_apply(*, application, actor=None) -> None:
    """What an approved address change does (the catalogue's `on_approved`): the address is
    replaced and the application completed, in the approval's transaction."""
    from shebao.applications.services import application_transition

    person_change_address(
        person=application.person, address_enc=application.payload["address_enc"], actor=actor
    )
    application_transition(application=application, to="completed", role="system", actor=None)
