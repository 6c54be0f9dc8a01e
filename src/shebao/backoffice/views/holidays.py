"""The holiday table for staff (节假日安排, /staff/holidays/): one year (default next year) with
its status — published, provisional (statutory dates only, until the State Council's notice is
entered) or confirmed by staff — every holiday and make-up working day (调休上班), and forms to
add, change or clear a day and to confirm the year with the source of the notice. Every change
goes through `workdays.services`, which records a ledger event: the table decides every time
limit (承诺时限) and appointment slot."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from shebao.workdays.selectors import calendar_years, year_days
from shebao.workdays.services import (
    CalendarEditRefused,
    calendar_day_set,
    calendar_year_confirm,
)

from ..access import staff_required

HOLIDAY, WORKDAY, ORDINARY = "holiday", "workday", "ordinary"
OFFICIAL, PROVISIONAL, CONFIRMED = "official", "provisional", "confirmed"
# chinese-calendar and the statutory table name festivals in English; staff read them in
# their language (a name staff typed is shown as typed).
FESTIVALS = {
    "New Year's Day": gettext_lazy("New Year's Day"),
    "Spring Festival": gettext_lazy("Spring Festival"),
    "Tomb-sweeping Day": gettext_lazy("Tomb-sweeping Day"),
    "Labour Day": gettext_lazy("Labour Day"),
    "Dragon Boat Festival": gettext_lazy("Dragon Boat Festival"),
    "National Day": gettext_lazy("National Day"),
    "Mid-autumn Festival": gettext_lazy("Mid-autumn Festival"),
    "Anti-Fascist 70th Day": gettext_lazy("Anti-Fascist 70th Day"),
}
STATUS_LABELS = {
    OFFICIAL: gettext_lazy("Published schedule"),
    PROVISIONAL: gettext_lazy("Provisional: statutory dates only, not yet confirmed"),
    CONFIRMED: gettext_lazy("Confirmed by staff"),
}
WEEKDAYS = (
    gettext_lazy("Monday"),
    gettext_lazy("Tuesday"),
    gettext_lazy("Wednesday"),
    gettext_lazy("Thursday"),
    gettext_lazy("Friday"),
    gettext_lazy("Saturday"),
    gettext_lazy("Sunday"),
)


class DayForm(forms.Form):
    """Add or change one day; "an ordinary day" clears it."""

    date = forms.DateField(
        label=gettext_lazy("Date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": gettext_lazy("Please give the date."),
            "invalid": gettext_lazy("Please give a date like 2027-10-01."),
        },
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("The day is"),
        choices=[
            (HOLIDAY, gettext_lazy("A holiday (no work)")),
            (WORKDAY, gettext_lazy("A working day in lieu (a weekend day worked)")),
            (ORDINARY, gettext_lazy("An ordinary day (clear the entry)")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Please choose what the day is.")},
    )
    name = forms.CharField(
        label=gettext_lazy("Festival"),
        help_text=gettext_lazy(
            "For example 国庆节; for a working day in lieu, the festival it serves."
        ),
        max_length=40,
        required=False,
    )

    def __init__(self, *args, year: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.year = year

    def clean(self):
        data = super().clean()
        day, kind = data.get("date"), data.get("kind")
        if day and day.year != self.year:
            self.add_error(
                "date",
                _("This date is not in %(year)s. Open that year first.") % {"year": self.year},
            )
        if day and kind == WORKDAY and day.weekday() < 5:
            self.add_error("kind", _("A working day in lieu is a Saturday or a Sunday."))
        if kind in (HOLIDAY, WORKDAY) and not (data.get("name") or "").strip():
            self.add_error("name", _("Please name the festival."))
        return data


class ConfirmForm(forms.Form):
    source = forms.CharField(
        label=gettext_lazy("Source: the State Council's notice"),
        help_text=gettext_lazy(
            "Its title and number, e.g. 国务院办公厅关于2027年部分节假日安排的通知 "
            "(国办发明电〔2026〕…号)."
        ),
        min_length=8,
        max_length=200,
        error_messages={
            "required": gettext_lazy("Please give the notice the schedule comes from."),
            "min_length": gettext_lazy("Please give the notice's full title and number."),
        },
    )


def _year(request, today: dt.date) -> int:
    raw = request.POST.get("year") or request.GET.get("year") or ""
    year = int(raw) if raw.isdigit() else today.year + 1
    # The table is kept from the year before last to a few years ahead.
    return min(max(year, today.year - 2), today.year + 5)


@staff_required("holidays")
def holidays_page(request):
    today = timezone.localdate()
    year = _year(request, today)
    day_form = DayForm(year=year, prefix="day")
    confirm_form = ConfirmForm(prefix="confirm")
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        office, actor = request.user.office, request.user
        if action == "clear":
            day_form = DayForm(
                {"day-date": request.POST.get("date"), "day-kind": ORDINARY},
                year=year,
                prefix="day",
            )
        elif action == "set":
            day_form = DayForm(request.POST, year=year, prefix="day")
        elif action == "confirm":
            confirm_form = ConfirmForm(request.POST, prefix="confirm")
        if action in ("set", "clear") and day_form.is_valid():
            data = day_form.cleaned_data
            kind = None if data["kind"] == ORDINARY else data["kind"]
            try:
                calendar_day_set(
                    day=data["date"],
                    kind=kind,
                    name=data["name"].strip(),
                    office=office,
                    actor=actor,
                )
            except CalendarEditRefused:
                day_form.add_error("kind", _("This change is not possible."))
            else:
                messages.success(
                    request, _("%(date)s is saved.") % {"date": f"{data['date']:%Y-%m-%d}"}
                )
                return redirect(f"{request.path}?year={year}")
        elif action == "confirm" and confirm_form.is_valid():
            calendar_year_confirm(
                year=year, source=confirm_form.cleaned_data["source"], office=office, actor=actor
            )
            messages.success(request, _("The %(year)s schedule is confirmed.") % {"year": year})
            return redirect(f"{request.path}?year={year}")
        status = 400
    return render(
        request,
        "backoffice/holidays.html",
        _context(year, today, day_form, confirm_form, action=request.POST.get("action")),
        status=status,
    )


def _context(year: int, today: dt.date, day_form, confirm_form, *, action) -> dict:
    status, days = year_days(year)
    stored = next((y for y in calendar_years() if y.year == year), None)
    rows = [
        {
            "date": d.date,
            "weekday": WEEKDAYS[d.date.weekday()],
            "kind": d.kind,
            "name": FESTIVALS.get(d.name, d.name),
        }
        for d in sorted(days, key=lambda d: d.date)
    ]
    return {
        "year": year,
        "years": list(range(today.year - 2, today.year + 6)),
        "status": status,
        "status_label": STATUS_LABELS.get(status, status),
        "stored": stored,
        "rows": rows,
        "holidays": sum(r["kind"] == HOLIDAY for r in rows),
        "workdays": sum(r["kind"] == WORKDAY for r in rows),
        "day_form": day_form,
        "confirm_form": confirm_form,
        "failed": action,
    }
