"""Staff figures (经办效能统计, /staff/figures/): handled cases, average handling time, on-time
rate, first-time-right rate and online share, per office and per staff member, for a period
(default: this year so far) — as SVG charts beside tables, and as CSV and XLSX downloads of the
same figures. Staff see only the offices in their reach; the definitions are in
`applications.figures`."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

from django import forms
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from shebao.applications.selectors import Figures, Report, escalated_cases, figures_report
from shebao.regions.selectors import offices_in_reach
from shebao.security.services import observe_export

from ..access import staff_required
from ..charts import bar_chart, percent_chart

LONGEST = dt.timedelta(days=366 * 5)  # a longer period would read too much for one page


class PeriodForm(forms.Form):
    start = forms.DateField(
        label=gettext_lazy("First day"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": gettext_lazy("Please give the first day."),
            "invalid": gettext_lazy("Please give a date like 2026-01-01."),
        },
    )
    end = forms.DateField(
        label=gettext_lazy("Last day"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": gettext_lazy("Please give the last day."),
            "invalid": gettext_lazy("Please give a date like 2026-12-31."),
        },
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end:
            if end < start:
                self.add_error("end", _("The last day cannot be before the first day."))
            elif end - start > LONGEST:
                self.add_error("end", _("Please choose a period of at most five years."))
        return data


def _period(request) -> tuple[PeriodForm, tuple[dt.date, dt.date] | None]:
    today = timezone.localdate()
    if "start" not in request.GET and "end" not in request.GET:
        start = today.replace(month=1, day=1)
        return PeriodForm(initial={"start": start, "end": today}), (start, today)
    form = PeriodForm(request.GET)
    if not form.is_valid():
        return form, None
    return form, (form.cleaned_data["start"], form.cleaned_data["end"])


def _report(request, start: dt.date, end: dt.date) -> Report:
    return figures_report(
        office_ids=offices_in_reach(request.user),
        start=start,
        end=end,
        total_label=_("All offices in your reach"),
        automated_label=_("Automated review"),
    )


@staff_required("figures")
def figures_page(request):
    form, period = _period(request)
    if period is None:
        return render(request, "backoffice/figures.html", {"form": form}, status=400)
    report = _report(request, *period)
    offices = report.by_office
    context = {
        "form": form,
        "report": report,
        "query": f"start={report.start:%Y-%m-%d}&end={report.end:%Y-%m-%d}",
        "escalated_count": escalated_cases(office_ids=offices_in_reach(request.user)).count(),
        "charts": {
            "handled": bar_chart(
                [f.label for f in offices],
                [f.handled for f in offices],
                value_label=_("Cases handled"),
            )
            if offices
            else None,
            "rates": percent_chart(
                [f.label for f in offices],
                [
                    (_("On time %"), [f.on_time_rate for f in offices]),
                    (_("First time right %"), [f.first_time_right_rate for f in offices]),
                    (_("Online %"), [f.online_share for f in offices]),
                ],
            )
            if offices
            else None,
            "people": bar_chart(
                [f.label for f in report.by_person],
                [f.average_days for f in report.by_person],
                value_label=_("Average working days"),
            )
            if report.by_person
            else None,
        },
    }
    return render(request, "backoffice/figures.html", context)


def _columns() -> list[str]:
    return [
        _("Level"),
        _("Office or staff member"),
        _("Cases handled"),
        _("Average handling time (working days)"),
        _("On-time rate (%)"),
        _("First-time-right rate (%)"),
        _("Online share (%)"),
        _("Decided on time"),
        _("Approved without a return"),
        _("Filed online"),
    ]


def _rows(report: Report) -> list[list]:
    def row(level: str, f: Figures) -> list:
        return [
            level,
            f.label,
            f.handled,
            f.average_days,
            f.on_time_rate,
            f.first_time_right_rate,
            f.online_share,
            f.on_time,
            f.first_time_right,
            f.online,
        ]

    return (
        [row(_("Total"), report.total)]
        + [row(_("Office"), f) for f in report.by_office]
        + [row(_("Staff member"), f) for f in report.by_person]
    )


def _filename(report: Report, extension: str) -> str:
    return f"staff-figures-{report.start:%Y%m%d}-{report.end:%Y%m%d}.{extension}"


def _download(body: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@staff_required("figures")
def figures_csv(request):
    form, period = _period(request)
    if period is None:
        return render(request, "backoffice/figures.html", {"form": form}, status=400)
    report = _report(request, *period)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(_columns())
    rows = _rows(report)
    for values in rows:
        writer.writerow(["" if v is None else v for v in values])
    observe_export(staff=request.user, rows=len(rows))
    # The byte-order mark lets spreadsheet programs read the Chinese text as UTF-8.
    body = ("\ufeff" + out.getvalue()).encode("utf-8")
    return _download(body, _filename(report, "csv"), "text/csv; charset=utf-8")


@staff_required("figures")
def figures_xlsx(request):
    from openpyxl import Workbook
    from openpyxl.styles import Font

    form, period = _period(request)
    if period is None:
        return render(request, "backoffice/figures.html", {"form": form}, status=400)
    report = _report(request, *period)
    book = Workbook()
    sheet = book.active
    sheet.title = _("Staff figures")[:31]
    sheet.append([_("Period"), f"{report.start:%Y-%m-%d}", f"{report.end:%Y-%m-%d}"])
    sheet.append(_columns())
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    rows = _rows(report)
    for values in rows:
        sheet.append([float(v) if isinstance(v, Decimal) else v for v in values])
    observe_export(staff=request.user, rows=len(rows))
    sheet.freeze_panes = "C3"
    for letter, width in zip("ABCDEFGHIJ", (12, 36, 12, 16, 14, 14, 14, 14, 14, 14), strict=True):
        sheet.column_dimensions[letter].width = width
    out = io.BytesIO()
    book.save(out)
    return _download(
        out.getvalue(),
        _filename(report, "xlsx"),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
