"""Staff figures (经办效能统计): how well an office serves, per office and per staff member.

A read module of applications (R29). The definitions live here once; the page, both exports and
the tests read them from here.

- A case is *handled* (办结) in a period when its decision took effect in the period: the first
  time it reached "approved" or "rejected" (under maker-checker 审核/复核: when the second person
  confirmed it). Withdrawn applications and cases still open are not handled.
- *Handling time* (办理用时): working days on the holiday table from the submission the decision
  answers — the filing, or the last re-submission after a return, since the statutory clock
  starts again then — to the decision. The day of submission is not counted (as in
  `workdays.selectors.deadline`); a decision on the same day takes 0 working days.
- *On time* (按时办结): decided on or before that submission's due date, i.e. the service's time
  limit (承诺时限) counted from the submission on the holiday table.
- *First time right* (一次办好): approved, and never returned for correction before.
- *Online share* (网办率): filed on the web or through the mobile app rather than at a counter.

Every rate is a percentage of the handled cases, rounded half up to 0.1; the average handling
time is rounded half up to 0.1 working day. A case is credited to the staff member who made
the decision (the preparer under maker-checker); a case approved by the automated review
(智能审核) is credited to "automated review" (handler ``None``).

`summarise` and `group` are pure Python over `HandledCase` rows and a `WorkCalendar`;
`handled_cases` and `figures_report` read the rows from the database.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from shebao_rules.workdays import WorkCalendar

ONLINE_CHANNELS = frozenset({"web", "api"})
APPROVED, REJECTED, RETURNED, SUBMITTED = "approved", "rejected", "returned", "submitted"
_TENTH = Decimal("0.1")


@dataclass(frozen=True)
class HandledCase:
    """One decided application, reduced to what the figures need (no personal data)."""

    application_id: int
    office_id: int
    office_name: str
    handler_id: int | None  # the deciding staff member; None: the automated review
    handler_name: str
    channel: str  # web, api or counter
    submitted: dt.date  # the submission the decision answers (local date)
    decided: dt.date  # when the decision took effect (local date)
    time_limit_days: int | None  # the service's limit in working days; None: done at once
    approved: bool
    returned: bool  # returned for correction at least once before the decision


@dataclass(frozen=True)
class Figures:
    """The five figures for one group of handled cases, with the counts behind the rates."""

    key: Hashable
    label: str
    handled: int
    working_days: int  # the sum behind the average
    on_time: int
    first_time_right: int
    online: int

    @property
    def average_days(self) -> Decimal | None:
        return _ratio(self.working_days, self.handled, scale=1)

    @property
    def on_time_rate(self) -> Decimal | None:
        return _ratio(self.on_time, self.handled, scale=100)

    @property
    def first_time_right_rate(self) -> Decimal | None:
        return _ratio(self.first_time_right, self.handled, scale=100)

    @property
    def online_share(self) -> Decimal | None:
        return _ratio(self.online, self.handled, scale=100)


@dataclass(frozen=True)
class Report:
    start: dt.date
    end: dt.date
    total: Figures
    by_office: list[Figures]
    by_person: list[Figures]


def _ratio(part: int, whole: int, *, scale: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * scale / Decimal(whole)).quantize(_TENTH, rounding=ROUND_HALF_UP)


def due_date(case: HandledCase, calendar: WorkCalendar) -> dt.date:
    """The last day of the time limit of the submission the decision answers."""
    return calendar.add_working_days(case.submitted, case.time_limit_days or 0)


def handling_days(case: HandledCase, calendar: WorkCalendar) -> int:
    return calendar.working_days_between(case.submitted, case.decided)


def summarise(
    cases: Iterable[HandledCase], *, calendar: WorkCalendar, key: Hashable = None, label: str = ""
) -> Figures:
    """The figures of `cases` taken together."""
    handled = days = on_time = right = online = 0
    for case in cases:
        handled += 1
        days += handling_days(case, calendar)
        on_time += case.decided <= due_date(case, calendar)
        right += case.approved and not case.returned
        online += case.channel in ONLINE_CHANNELS
    return Figures(key, label, handled, days, on_time, right, online)


def group(
    cases: Iterable[HandledCase],
    *,
    calendar: WorkCalendar,
    key_of: Callable[[HandledCase], Hashable],
    label_of: Callable[[HandledCase], str],
) -> list[Figures]:
    """Figures per group (office, staff member), the group that handled most first."""
    groups: dict[Hashable, list[HandledCase]] = {}
    for case in cases:
        groups.setdefault(key_of(case), []).append(case)
    rows = [
        summarise(members, calendar=calendar, key=key, label=label_of(members[0]))
        for key, members in groups.items()
    ]
    return sorted(rows, key=lambda f: (-f.handled, f.label))


def report_of(
    cases: list[HandledCase],
    *,
    calendar: WorkCalendar,
    start: dt.date,
    end: dt.date,
    total_label: str = "",
) -> Report:
    return Report(
        start=start,
        end=end,
        total=summarise(cases, calendar=calendar, key="all", label=total_label),
        by_office=group(
            cases, calendar=calendar, key_of=lambda c: c.office_id, label_of=lambda c: c.office_name
        ),
        by_person=group(
            cases,
            calendar=calendar,
            key_of=lambda c: (c.office_id, c.handler_id),
            label_of=lambda c: c.handler_name,
        ),
    )


# --- Reads --------------------------------------------------------------------------------


def handled_cases(
    *, office_ids: Iterable[int], start: dt.date, end: dt.date, automated_label: str = ""
) -> list[HandledCase]:
    """The cases of these offices whose decision took effect from `start` to `end` inclusive
    (local dates). Three queries whatever the number of cases."""
    from django.utils import timezone

    from .catalogue import BY_CODE
    from .models import Application, ApplicationEvent, Decision

    zone = timezone.get_current_timezone()
    low = dt.datetime.combine(start, dt.time.min, tzinfo=zone)
    high = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=zone)
    decided_ids = (
        ApplicationEvent.objects.filter(
            application__office_id__in=list(office_ids),
            to_status__in=[APPROVED, REJECTED],
            at__gte=low,
            at__lt=high,
        )
        .values("application_id")
        .distinct()
    )
    applications = {
        row["pk"]: row
        for row in Application.objects.filter(pk__in=decided_ids).values(
            "pk", "office_id", "office__name", "channel", "service"
        )
    }
    preparers: dict[int, tuple[int, str]] = {}
    for row in (
        Decision.objects.filter(
            application_id__in=list(applications),
            check_state__in=[Decision.Check.CONFIRMED, Decision.Check.NOT_NEEDED],
        )
        .order_by("prepared_at", "pk")
        .values("application_id", "prepared_by_id", "prepared_by__username")
    ):
        preparers.setdefault(
            row["application_id"], (row["prepared_by_id"], row["prepared_by__username"])
        )
    events: dict[int, list[dict]] = {}
    for row in (
        ApplicationEvent.objects.filter(application_id__in=list(applications))
        .order_by("application_id", "at", "pk")
        .values("application_id", "at", "to_status", "actor_id", "actor__username")
    ):
        events.setdefault(row["application_id"], []).append(row)

    cases = []
    for pk, app in applications.items():
        history = events.get(pk, [])
        index = next(
            (i for i, e in enumerate(history) if e["to_status"] in (APPROVED, REJECTED)), None
        )
        if index is None or not (low <= history[index]["at"] < high):
            continue  # decided before the period (and again later, after a partner's return)
        decision, before = history[index], history[:index]
        submission = next((e for e in reversed(before) if e["to_status"] == SUBMITTED), None)
        if submission is None:
            continue
        handler_id, handler_name = preparers.get(pk) or (
            decision["actor_id"],
            decision["actor__username"] or "",
        )
        spec = BY_CODE.get(app["service"])
        cases.append(
            HandledCase(
                application_id=pk,
                office_id=app["office_id"],
                office_name=app["office__name"],
                handler_id=handler_id,
                handler_name=handler_name if handler_id else automated_label,
                channel=app["channel"],
                submitted=timezone.localtime(submission["at"], zone).date(),
                decided=timezone.localtime(decision["at"], zone).date(),
                time_limit_days=spec.time_limit_days if spec else None,
                approved=decision["to_status"] == APPROVED,
                returned=any(e["to_status"] == RETURNED for e in before),
            )
        )
    return sorted(cases, key=lambda c: c.application_id)


def figures_report(
    *,
    office_ids: Iterable[int],
    start: dt.date,
    end: dt.date,
    total_label: str = "",
    automated_label: str = "",
) -> Report:
    """The staff figures of these offices for the period from `start` to `end` inclusive."""
    from shebao.workdays.selectors import work_calendar

    cases = handled_cases(
        office_ids=office_ids, start=start, end=end, automated_label=automated_label
    )
    first = min((c.submitted.year for c in cases), default=start.year)
    # A due date can fall in the year after the last decision (a limit spanning New Year).
    calendar = work_calendar(min(first, start.year), end.year + 1)
    return report_of(cases, calendar=calendar, start=start, end=end, total_label=total_label)


def escalated_cases(*, office_ids: Iterable[int]):
    """Open cases escalated to the supervisor (督办) after passing their due date, the oldest
    deadline first."""
    from .models import Application
    from .selectors import STAFF_OPEN

    return (
        Application.objects.filter(
            office_id__in=list(office_ids),
            escalated_at__isnull=False,
            status__in=STAFF_OPEN,
        )
        .select_related("person", "assignee", "office")
        .order_by("due_date", "submitted_at")
    )
