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


def recent_life_event(person, kind: str, *, since) -> LifeEvent | None:
    return person.life_events.filter(kind=kind, date__gte=since).order_by("-date").first()


def deceased_parents(person, *, since) -> list[Person]:
    """Parents of ``person`` whose death was recorded since ``since`` (for survivor claims)."""
    from .models import Kinship

    return [
        tie.person
        for tie in Kinship.objects.filter(relative=person, relation="child").select_related(
            "person"
        )
        if tie.person.status == Person.Status.DECEASED
        and tie.person.life_events.filter(kind="death", date__gte=since).exists()
    ]


def reveals_in(office_ids: list[int], *, limit: int = 200):
    """Break-glass showings of identifiers of persons of these offices, newest first."""
    from .models import IdentifierReveal

    return list(
        IdentifierReveal.objects.filter(person__office_id__in=office_ids)
        .select_related("person", "actor")
        .order_by("-at")[:limit]
    )
