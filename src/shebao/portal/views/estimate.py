"""The pension and retirement estimate (养老金测算): no typing needed, assumptions changeable."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from shebao.benefits.selectors import (
    EstimateError,
    pension_estimate,
    pension_for,
    retirement_timing,
)

from ..access import person_or_403
from ..forms_estimate import EstimateForm

# Plain words for the parameters an estimate may rest on when they are assumptions.
PARAMETER_WORDS = {
    "pension.base": gettext_lazy(
        "The pension base (计发基数) of your retirement year is not yet published."
    ),
    "wage.average": gettext_lazy("Average wages of some years are the platform's estimates."),
    "pension.account_interest_rate": gettext_lazy(
        "Some years' account interest rates are not yet officially confirmed."
    ),
    "interest": gettext_lazy(
        "For years without an official account interest rate, the rate you chose below."
    ),
}


def _assumption_words(names: list[str]) -> list[str]:
    words = []
    for name in names:
        key = name.split(":")[0]
        if ":" in name:
            words.append(
                _(
                    "After %(year)s, these figures grow by the wage growth you chose "
                    "below: %(what)s."
                )
                % {"year": name.split(":")[1], "what": str(PARAMETER_WORDS.get(key, key))}
            )
        else:
            words.append(
                str(PARAMETER_WORDS.get(key, _("Other assumed figure: %(name)s.") % {"name": key}))
            )
    return sorted(set(words))


@login_required
def estimate(request):
    person, refusal = person_or_403(request)
    if refusal:
        return refusal
    today = dt.date.today()
    award = pension_for(person)
    if award is not None or person.status != "active":
        return render(request, "portal/estimate.html", {"person": person, "award": award})
    timing = retirement_timing(person, as_of=today)
    estimate_result = None
    form = EstimateForm(
        request.GET or None,
        earliest=timing.earliest_month,
        latest=timing.latest_month,
        statutory=timing.statutory_month,
        not_before=today.replace(day=1),
    )
    if not request.GET or form.is_valid():
        assumptions = form.assumptions() if request.GET else None
        try:
            estimate_result = pension_estimate(person, as_of=today, assumptions=assumptions)
        except EstimateError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
    return render(
        request,
        "portal/estimate.html",
        {
            "person": person,
            "form": form,
            "timing": timing,
            "estimate": estimate_result,
            "assumption_words": _assumption_words(estimate_result.assumptions)
            if estimate_result
            else [],
            "near_retirement": timing.months_to_go <= 24,
            "wage_growth_percent": (estimate_result.assumptions_used.wage_growth * 100).normalize()
            if estimate_result
            else None,
        },
    )
