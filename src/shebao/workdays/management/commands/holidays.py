"""``shebao holidays``: show, load, edit and confirm the holiday table.

shebao holidays show 2027
shebao holidays load 2027 --office xinji
shebao holidays set 2027-02-04 holiday "Spring Festival" --office xinji
shebao holidays set 2027-02-14 workday "Spring Festival" --office xinji
shebao holidays set 2027-02-14 ordinary --office xinji
shebao holidays confirm 2027 --source "国办发明电〔2026〕N号" --office xinji
"""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from shebao.regions.selectors import office_by_code
from shebao.workdays.selectors import year_days
from shebao.workdays.services import (
    CalendarEditRefused,
    calendar_day_set,
    calendar_year_confirm,
    calendar_year_load,
)


class Command(BaseCommand):
    help = "Show, load, edit and confirm the holiday table (节假日安排)."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["show", "load", "set", "confirm"])
        parser.add_argument("target", help="a year (show, load, confirm) or a date (set)")
        parser.add_argument("kind", nargs="?", choices=["holiday", "workday", "ordinary"])
        parser.add_argument("name", nargs="?", default="")
        parser.add_argument("--office", help="office code the change is recorded under")
        parser.add_argument("--source", default="", help="the published schedule (confirm)")

    def handle(self, *args, action, target, kind, name, office, source, **options):
        if action == "show":
            status, days = year_days(_year(target))
            self.stdout.write(f"{target}: {status}")
            for day in days:
                self.stdout.write(f"{day.date} {day.kind:8} {day.name}")
            return
        place = office_by_code(office or "")
        if place is None:
            raise CommandError("--office must name an existing office code")
        try:
            if action == "load":
                entry = calendar_year_load(year=_year(target), office=place)
            elif action == "set":
                if kind is None:
                    raise CommandError("set needs a kind: holiday, workday or ordinary")
                entry = calendar_day_set(
                    day=_date(target),
                    kind=None if kind == "ordinary" else kind,
                    name=name,
                    office=place,
                )
            else:
                if not source:
                    raise CommandError("confirm needs --source naming the published schedule")
                entry = calendar_year_confirm(year=_year(target), source=source, office=place)
        except CalendarEditRefused as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"{entry.year}: {entry.status}")


def _year(text: str) -> int:
    if not (text.isdigit() and len(text) == 4):
        raise CommandError(f"not a year: {text!r}")
    return int(text)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise CommandError(f"not a date (YYYY-MM-DD): {text!r}") from exc
