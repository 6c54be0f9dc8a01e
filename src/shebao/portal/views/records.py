"""Contribution records (缴费记录): by insurance type and year, monthly detail, gaps, totals."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _

from shebao.contributions.selectors import contribution_histories
from shebao.standards.dictionary import InsuranceType

from ..access import person_or_403
from ..charts import bar_chart


def _last_month(today: dt.date) -> dt.date:
    first = today.replace(day=1)
    return (first - dt.timedelta(days=1)).replace(day=1)


@login_required
def records(request):
    person, refusal = person_or_403(request)
    if refusal:
        return refusal
    histories = contribution_histories(person, until=_last_month(dt.date.today()))
    chosen = request.GET.get("type", InsuranceType.ENTERPRISE_PENSION)
    if chosen not in histories and histories:
        chosen = next(iter(histories))
    history = histories.get(chosen)
    chart = None
    if history and history.years:
        chart = bar_chart(
            [str(y.year) for y in history.years],
            [y.average_base for y in history.years],
            value_label=_("Average monthly base (yuan)"),
        )
    return render(
        request,
        "portal/records.html",
        {
            "person": person,
            "types": [(t, InsuranceType(t).label) for t in histories],
            "chosen": chosen,
            "chosen_label": InsuranceType(chosen).label if history else "",
            "history": history,
            "chart": chart,
        },
    )
