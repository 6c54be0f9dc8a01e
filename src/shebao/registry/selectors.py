"""Reads for persons."""

from __future__ import annotations

from django.db.models import Count, QuerySet

from shebao.pii.blind_index import blind_index

from .models import Kinship, LifeEvent, Person


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


# Bank accounts shared by unrelated people (a risk pattern of the automated review).


def kin_ids(person_ids) -> dict[int, set[int]]:
    ties: dict[int, set[int]] = {}
    for a, b in Kinship.objects.filter(person_id__in=person_ids).values_list(
        "person_id", "relative_id"
    ):
        ties.setdefault(a, set()).add(b)
        ties.setdefault(b, set()).add(a)
    for a, b in Kinship.objects.filter(relative_id__in=person_ids).values_list(
        "person_id", "relative_id"
    ):
        ties.setdefault(a, set()).add(b)
        ties.setdefault(b, set()).add(a)
    return ties


def persons_sharing_bank_account(person) -> list:
    if not person.bank_account_bidx:
        return []
    others = list(
        Person.objects.filter(bank_account_bidx=person.bank_account_bidx, merged_into=None)
        .exclude(pk=person.pk)
        .order_by("pk")
    )
    kin = kin_ids([person.pk]).get(person.pk, set())
    return [o for o in others if o.pk not in kin]


def bank_account_sharing_counts() -> tuple[QuerySet, dict[int, int]]:
    """Every insured person, and per person how many unrelated others share their account."""
    persons = Person.objects.filter(merged_into=None).order_by("pk")
    shared_keys = set(
        Person.objects.filter(merged_into=None)
        .exclude(bank_account_bidx="")
        .values("bank_account_bidx")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .values_list("bank_account_bidx", flat=True)
    )
    groups: dict[str, list[int]] = {}
    for pk, key in persons.filter(bank_account_bidx__in=shared_keys).values_list(
        "pk", "bank_account_bidx"
    ):
        groups.setdefault(key, []).append(pk)
    kin = kin_ids([pk for members in groups.values() for pk in members])
    shared: dict[int, int] = {}
    for members in groups.values():
        for pk in members:
            shared[pk] = sum(1 for o in members if o != pk and o not in kin.get(pk, set()))
    return persons, shared
