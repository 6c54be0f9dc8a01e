"""The audit trail (稽核) for auditors and supervisors: every break-glass showing of a full
identifier with its reason, and every staff action on cases, in the staff member's reach."""

from __future__ import annotations

from django.shortcuts import render

from shebao.applications.selectors import staff_events_in
from shebao.regions.selectors import offices_in_reach
from shebao.registry.selectors import reveals_in

from ..access import staff_required


@staff_required("audit")
def audit(request):
    offices = offices_in_reach(request.user)
    context = {"reveals": reveals_in(offices), "events": staff_events_in(offices)}
    return render(request, "backoffice/audit.html", context)
