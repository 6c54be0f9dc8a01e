"""The personal pension account (个人账户): opening, credits, rate, interest, closing by year."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from shebao.contributions.selectors import account_years

from ..access import person_or_403


@login_required
def account(request):
    person, refusal = person_or_403(request)
    if refusal:
        return refusal
    years = account_years(person)
    return render(
        request,
        "portal/account.html",
        {
            "person": person,
            "years": list(reversed(years)),
            "any_assumed": any(y.rate_assumed for y in years),
        },
    )
