"""Reads of the automated review (智能审核): the assessment of a case, the flagged cases in a
staff member's reach, the model in use, and what the review knows about a person
(`person_facts`), read through the other apps' selectors.

"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from shebao.applications.selectors import application_events, applications_of, cases_in_reach
from shebao.benefits.selectors import pension_for, pension_payments_made
from shebao.contributions.selectors import contribution_rows
from shebao.registry.selectors import (
    bank_account_sharing_counts,
    persons_sharing_bank_account,
    recent_life_event,
)

from .models import Assessment, RiskModel
from .scoring import PersonFacts

PENSION_TYPES = ("enterprise_pension", "resident_pension")
EPOCH = dt.date(1900, 1, 1)
REJECTED = "rejected"


def assessment_for(application) -> Assessment | None:
    return Assessment.objects.filter(application=application).first()


def flagged_in_reach(user, *, minimum: int = 30, limit: int = 200) -> list[Assessment]:
    """Assessments of open cases in the staff member's reach with a finding or a score of at
    least ``minimum``, the highest score first."""
    cases = cases_in_reach(user).values("pk")
    found = (
        Assessment.objects.filter(application__in=cases)
        .select_related("application", "application__person", "application__office")
        .order_by("-score", "application__due_date")
    )
    return [a for a in found[: limit * 2] if a.findings or a.score >= minimum][:limit]


def risk_model_current() -> RiskModel | None:
    return RiskModel.objects.order_by("-trained_at", "-pk").first()


def risk_model_named(version: str) -> RiskModel | None:
    return RiskModel.objects.filter(version=version).first()


def pension_months(person) -> list[tuple[dt.date, str, Decimal, str]]:
    """Paid months of pension insurance, employees' and residents' schemes, as (month, region
    code, base, insurance type)."""
    return [
        (r.month, r.region_code, r.base, r.insurance_type)
        for r in contribution_rows(person)
        if r.insurance_type in PENSION_TYPES and r.paid
    ]


def rejected_before(application) -> list[dict]:
    """Earlier applications of the same service (and about the same person) that were rejected,
    newest first, each with its rejection date and the reason the applicant was given."""
    earlier = []
    for other in applications_of(application.person):
        if (
            other.pk == application.pk
            or other.service != application.service
            or other.subject_id != application.subject_id
            or other.status != REJECTED
            or other.submitted_at >= application.submitted_at
        ):
            continue
        event = next(
            (e for e in reversed(application_events(other)) if e.to_status == REJECTED), None
        )
        earlier.append(
            {
                "ref": other.ref,
                "rejected_on": (event.at if event else other.updated_at).date(),
                "reason": event.reason if event else "",
            }
        )
    return earlier


def person_facts(person, *, shared: int | None = None) -> PersonFacts:
    """What the review knows about one person: paid pension months, the death record, the
    pension award and its payments, unrelated persons sharing the bank account, rejections."""
    death = recent_life_event(person, "death", since=EPOCH)
    facts = PersonFacts(
        birth_date=person.birth_date,
        pension_months=pension_months(person),
        death_date=death.date if death else None,
        shared_account=len(persons_sharing_bank_account(person)) if shared is None else shared,
        rejections=sum(1 for a in applications_of(person) if a.status == REJECTED),
    )
    award = pension_for(person)
    if award is not None:
        count, last = pension_payments_made(award)
        facts.pension_start = award.start_month
        facts.pension_months_paid = count
        facts.pension_paying = award.status == "paying"
        facts.last_pension_amount = last
    return facts


def persons_sharing_account(person) -> list:
    """Other insured persons with the same bank account on file who are not family members
    the office knows of."""
    return persons_sharing_bank_account(person)


def population_facts() -> list[PersonFacts]:
    """Facts of every insured person (not merged records): the model's training data."""
    persons, shared = bank_account_sharing_counts()
    return [person_facts(p, shared=shared.get(p.pk, 0)) for p in persons]
