"""Reads for persons."""

from __future__ import annotations

from shebao.pii.blind_index import blind_index

from .models import LifeEvent, Person


def person_by_resident_id(resident_id: str) -> Person | None:
    return Person.objects.filter(
        id_number_bidx=blind_index("resident_id", resident_id.strip().upper())
    ).first()


def person_by_phone(phone: str) -> Person | None:
    return Person.objects.filter(phone_bidx=blind_index("mobile", phone.strip())).first()


def person_life_events(person: Person) -> list[LifeEvent]:
    return list(person.life_events.order_by("date"))
