"""The home page (我的社保): what matters to this person now."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from shebao.benefits.selectors import pension_for
from shebao.contributions.selectors import account_latest, enrolments_current, last_paid_month
from shebao.standards.dictionary import InsuranceType


@login_required
def home(request):
    person = request.user.person
    if person is None:
        return render(request, "portal/no_person.html", status=403)
    enrolments = enrolments_current(person)
    pension_enrolment = next(
        (e for e in enrolments if e.insurance_type == InsuranceType.ENTERPRISE_PENSION), None
    )
    context = {
        "person": person,
        "enrolments": enrolments,
        "last_paid": last_paid_month(person, insurance_type=InsuranceType.ENTERPRISE_PENSION)
        if pension_enrolment
        else None,
        "account": account_latest(person),
        "pension": pension_for(person),
    }
    return render(request, "portal/home.html", context)
