"""Escalated cases (督办, /staff/escalated/): open cases past their time limit (承诺时限), which
the hourly task `applications.tasks.escalate_overdue_task` handed to the supervisors of their
office — the oldest deadline first, personal data masked."""

from __future__ import annotations

from django.shortcuts import render
from django.utils import timezone

from shebao.applications.catalogue import BY_CODE
from shebao.applications.selectors import escalated_cases
from shebao.regions.selectors import offices_in_reach

from ..access import staff_required

PAGE = 200


@staff_required("assign")
def escalated_page(request):
    cases = list(escalated_cases(office_ids=offices_in_reach(request.user))[: PAGE + 1])
    today = timezone.localdate()
    rows = [
        {
            "case": case,
            "service": BY_CODE[case.service],
            "name": case.person.name[:1] + "*" * (len(case.person.name) - 1),
            "days_late": (today - case.due_date).days,
        }
        for case in cases[:PAGE]
    ]
    return render(request, "backoffice/escalated.html", {"rows": rows, "more": len(cases) > PAGE})
