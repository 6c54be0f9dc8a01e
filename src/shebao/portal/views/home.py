"""The home page (我的社保): what matters to this person now, and the next thing to do."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from shebao.applications.catalogue import BY_CODE
from shebao.applications.selectors import applications_returned, inbox_unread_count
from shebao.benefits.selectors import pension_for, retirement_timing
from shebao.contributions.selectors import (
    account_latest,
    arrears,
    enrolments_current,
    last_paid_month,
)
from shebao.registry.selectors import deceased_parents, recent_life_event
from shebao.standards.dictionary import InsuranceType

from ..access import person_or_403

RETIREMENT_HORIZON_MONTHS = 60  # show the estimate to anyone within five years of retirement


@login_required
def home(request):
    person, refusal = person_or_403(request)
    if refusal:
        return refusal
    today = dt.date.today()
    pension = pension_for(person)
    due = arrears(person)
    timing = (
        None if pension or person.status != "active" else retirement_timing(person, as_of=today)
    )
    context = {
        "person": person,
        "enrolments": enrolments_current(person),
        "last_paid": last_paid_month(person, insurance_type=InsuranceType.ENTERPRISE_PENSION),
        "account": account_latest(person),
        "pension": pension,
        "due_months": sorted({r.month for r in due}),
        "due_amount": sum((r.individual_amount for r in due), Decimal("0.00")),
        "timing": timing if timing and timing.months_to_go <= RETIREMENT_HORIZON_MONTHS else None,
        "unemployed": recent_life_event(
            person, "unemployment", since=today - dt.timedelta(days=90)
        ),
        "bereaved": deceased_parents(person, since=today - dt.timedelta(days=180)),
        "returned": [
            {"ref": a.ref, "service_name": BY_CODE[a.service].name}
            for a in applications_returned(person)
        ],
        "unread": inbox_unread_count(person),
    }
    return render(request, "portal/home.html", context)
