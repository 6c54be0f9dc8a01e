"""Cases the automated review (智能审核) flagged: open cases in the staff member's reach with a
finding or a raised risk score, the highest score first, each with its strongest reason.
Names are masked as in the work queue; the case page has the rest."""

from __future__ import annotations

from django.shortcuts import render

from shebao.applications.catalogue import BY_CODE
from shebao.review.selectors import flagged_in_reach

from ..access import staff_required


@staff_required()
def flagged(request):
    rows = [
        {
            "assessment": a,
            "case": a.application,
            "service": BY_CODE[a.application.service],
            "name": _mask_name(a.application.person.name),
            "top": a.findings[0] if a.findings else None,
        }
        for a in flagged_in_reach(request.user)
    ]
    return render(request, "backoffice/review/flagged.html", {"rows": rows})


def _mask_name(name: str) -> str:
    return name[:1] + "*" * (len(name) - 1)
