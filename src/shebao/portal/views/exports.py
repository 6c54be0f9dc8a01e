"""Downloads of a person's contribution records (缴费记录): PDF to print, CSV for spreadsheets.

The records page (``portal:records``) links here; these views only hand out the files.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.utils import timezone
from django.views.decorators.http import require_GET

from shebao.certificates.selectors import records_csv, records_pdf

from ..access import person_or_403
from .certificate import attachment


@login_required
@require_GET
def records_pdf_download(request):
    person, refusal = person_or_403(request)
    if refusal:
        return refusal
    as_of = timezone.localdate()
    return attachment(
        records_pdf(person, as_of=as_of),
        f"contribution-records-{as_of:%Y%m%d}.pdf",
        "application/pdf",
    )


@login_required
@require_GET
def records_csv_download(request):
    person, refusal = person_or_403(request)
    if refusal:
        return refusal
    return attachment(
        records_csv(person),
        f"contribution-records-{timezone.localdate():%Y%m%d}.csv",
        "text/csv; charset=utf-8",
    )
