"""The work queue (待办): cases in the staff member's reach by service and status, the nearest
deadline first, with the time-limit state; personal data masked."""

from __future__ import annotations

from django.shortcuts import render
from django.utils import timezone

from shebao.applications.catalogue import SERVICES
from shebao.applications.models import Application
from shebao.applications.selectors import cases_in_reach, deadline_state

from ..access import staff_required

PAGE = 100
STATUSES = [
    Application.Status.SUBMITTED,
    Application.Status.WAITING_REVIEW,
    Application.Status.PENDING_CHECK,
    Application.Status.APPROVED,
    Application.Status.RETURNED,
    Application.Status.WITH_PARTNER,
    Application.Status.COMPLETED,
    Application.Status.REJECTED,
]


@staff_required()
def queue(request):
    services = {s.code: s for s in SERVICES if s.is_application}
    service = request.GET.get("service") if request.GET.get("service") in services else None
    status = request.GET.get("status") if request.GET.get("status") in STATUSES else None
    mine = request.GET.get("mine") == "1"
    today = timezone.localdate()
    cases = list(cases_in_reach(request.user, service=service, status=status, mine=mine)[:PAGE])
    rows = [
        {
            "case": case,
            "service": services[case.service],
            "name": _mask_name(case.person.name),
            "state": deadline_state(case, today=today),
        }
        for case in cases
    ]
    context = {
        "rows": rows,
        "services": services.values(),
        "statuses": [(s, Application.Status(s).label) for s in STATUSES],
        "chosen": {"service": service, "status": status, "mine": mine},
        "page_size": PAGE,
    }
    return render(request, "backoffice/queue.html", context)


def _mask_name(name: str) -> str:
    """张伟 -> 张*; 欧阳修 -> 欧**: lists show the family name only."""
    return name[:1] + "*" * (len(name) - 1)
