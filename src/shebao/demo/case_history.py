"""Demo case history (办件历史) so the staff figures have something to show.

`seed_case_history` files about a hundred applications of the demo city's ordinary people (never
the personas, whose journeys the portal demonstrates) and walks each through the real write paths
of `applications.services` — submit, accept into review, sometimes return for correction and
re-submit, decide, check (maker-checker 审核/复核), complete — as the staff of each office would:
some at the counter, some decided late, some rejected, a few still open and a few of those
overdue and escalated to the supervisor (督办).

The services stamp the wall clock (`timezone.now()`), which would put all of it on the day of
seeding. To make a history, each step's time is planned first (working days on the holiday
table, office hours) and written back afterwards with queryset `.update()` calls on
`ApplicationEvent.at`, `Application.submitted_at`/`updated_at`/`due_date` and
`Decision.prepared_at`/`checked_at`. This is demo data only — no business write ever sets these
fields — and the ledger keeps the real (seeding) times of its events: it is append-only.

Call it from the demo seed after the staff, the population and the holiday table exist:

    seed_case_history(offices=offices, today=today)
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from django.utils import timezone

from shebao.accounts.selectors import staff_of_office
from shebao.applications import services, workflow
from shebao.applications.catalogue import BY_CODE
from shebao.applications.models import Application, ApplicationEvent, Decision
from shebao.registry.models import Person
from shebao.workdays.selectors import work_calendar

S = Application.Status
# Services walked in the demo. A transfer is left out: its approval starts the exchange with
# the other office, which the transfers demo shows on its own.
SERVICES = ("pension_claim", "unemployment_claim", "survivor_claim")
RETURN_NOTES = (
    ("请补充银行账户开户行信息。", ["bank_account"]),
    ("请核对并重新填写联系电话。", ["phone"]),
    ("请上传与原件一致的证明材料。", ["documents"]),
)
APPROVE_REASONS = ("条件符合，予以核准。", "材料齐全，符合规定，同意。")
REJECT_REASONS = (
    "缴费年限不足十五年，暂不符合领取条件。",
    "已在其他地区享受同类待遇，不能重复领取。",
)


@dataclass
class _Walk:
    """One case's steps: after each service call, the newest event id and the planned time."""

    application: Application
    marks: list[tuple[int, dt.datetime]] = field(default_factory=list)
    submitted: list[dt.datetime] = field(default_factory=list)
    prepared_at: dt.datetime | None = None
    checked_at: dt.datetime | None = None

    def mark(self, when: dt.datetime) -> None:
        last = (
            ApplicationEvent.objects.filter(application_id=self.application.pk)
            .order_by("-pk")
            .values_list("pk", flat=True)
            .first()
        )
        self.marks.append((last or 0, when))


def seed_case_history(
    *, offices: dict, today: dt.date, cases: int = 100, seed: int = 2026, months: int = 5
) -> int:
    """File and walk about `cases` applications over the `months` before `today`; the number
    filed. Meant for an empty history (a fresh demo city)."""
    from shebao.demo.personas import PERSONAS
    from shebao.registry.selectors import person_by_resident_id

    rng = random.Random(seed)
    calendar = work_calendar(today.year - 1, today.year + 1)
    personas = {p.pk for p in (person_by_resident_id(x.resident_id) for x in PERSONAS) if p}
    # Every walked service is under maker-checker: an office needs two deciders to close cases.
    offices = [o for _code, o in sorted(offices.items()) if len(_deciders(o)) >= 2]
    people = {
        o.pk: list(
            Person.objects.filter(office=o, status=Person.Status.ACTIVE, merged_into__isnull=True)
            .exclude(pk__in=personas)
            .exclude(applications__isnull=False)  # the planted review cases keep their own story
            .order_by("pk")
            .values_list("pk", flat=True)[: cases * 2]
        )
        for o in offices
    }
    # The office with the most people first: most of the demo city's cases are filed there.
    offices = sorted((o for o in offices if people[o.pk]), key=lambda o: -len(people[o.pk]))
    if not offices:
        return 0
    filed = 0
    for n in range(cases):
        stuck = n % 25 == 0  # four cases left waiting past their due date
        main = rng.random() < 0.75 or (stuck and n < 75) or len(offices) == 1
        office = offices[0] if main else rng.choice(offices[1:])
        person = Person.objects.get(pk=people[office.pk][n % len(people[office.pk])])
        _walk_one(
            person=person,
            office=office,
            n=n,
            rng=rng,
            calendar=calendar,
            today=today,
            stuck=stuck,
        )
        filed += 1
    return filed


def _deciders(office) -> list:
    return [u for u in staff_of_office(office) if u.role in workflow.DECIDERS]


def _clerk(office):
    clerks = [u for u in staff_of_office(office) if u.role == "clerk"]
    return clerks[0] if clerks else _deciders(office)[0]


def _at(day: dt.date, rng: random.Random, earliest: dt.time = dt.time(9)) -> dt.datetime:
    """A moment in office hours on `day` (after `earliest`)."""
    start = earliest.hour * 60 + earliest.minute
    minute = rng.randint(min(start, 16 * 60), 16 * 60 + 30)
    moment = dt.datetime.combine(day, dt.time(minute // 60, minute % 60))
    return timezone.make_aware(moment, timezone.get_current_timezone())


def _walk_one(*, person, office, n, rng, calendar, today, stuck) -> None:
    service = SERVICES[n % len(SERVICES)]
    limit = BY_CODE[service].time_limit_days or 0
    counter = rng.random() < 0.2
    clerk = _clerk(office)
    deciders = _deciders(office)
    preparer = deciders[0] if len(deciders) == 1 or rng.random() < 0.7 else rng.choice(deciders)
    checkers = [u for u in deciders if u.pk != preparer.pk]
    # Day 0: between five months and a week ago (stuck cases: just past their limit).
    if stuck:
        day = today - dt.timedelta(days=limit * 7 // 5 + rng.randint(8, 20))
    else:
        day = today - dt.timedelta(days=rng.randint(7, 30 * 5))
    while not calendar.is_working_day(day):
        day -= dt.timedelta(days=1)
    now = _at(day, rng)
    application, _created = services.application_submit(
        person=person,
        service=service,
        payload={"demo": True},
        idempotency_key=f"demo-history-{n}",
        channel=Application.Channel.COUNTER
        if counter
        else rng.choice([Application.Channel.WEB] * 4 + [Application.Channel.API]),
        actor=clerk if counter else None,
        office=office,
    )
    walk = _Walk(application)
    walk.submitted.append(now)
    walk.mark(now)

    def step(when: dt.datetime) -> bool:
        """False once the plan reaches today: the case stays open where it is."""
        return when.date() < today

    def accept(when: dt.datetime) -> None:
        nonlocal application
        application.refresh_from_db()
        if application.status == S.SUBMITTED:
            role, actor = ("clerk", clerk) if counter else (workflow.SYSTEM, None)
            application = services.application_transition(
                application=application, to=S.WAITING_REVIEW, role=role, actor=actor
            )
            walk.mark(when)

    accept(now + dt.timedelta(minutes=5))
    start = day
    if not stuck and rng.random() < 0.15:
        back = _at(calendar.add_working_days(start, rng.randint(1, 3)), rng)
        if not step(back):
            return _stamp(walk, calendar, limit, today=today)
        note, fields = rng.choice(RETURN_NOTES)
        application = services.application_transition(
            application=application,
            to=S.RETURNED,
            role=preparer.role,
            actor=preparer,
            reason=note,
            fields_to_fix=fields,
        )
        walk.mark(back)
        again = back + dt.timedelta(days=rng.randint(2, 6), hours=rng.randint(-2, 4))
        if not step(again):
            return _stamp(walk, calendar, limit, today=today)
        application = services.application_resubmit(
            application=application,
            payload={"demo": True, "corrected": True},
            figures=None,
            actor=None,
        )
        walk.submitted.append(again)
        walk.mark(again)
        accept(again + dt.timedelta(minutes=5))
        start = again.date()
    if stuck:
        return _stamp(walk, calendar, limit, today=today, escalate=True)
    late = rng.random() < 0.15
    days = limit + rng.randint(1, 5) if late else rng.randint(1, max(1, limit - 1))
    decided = _at(calendar.add_working_days(start, days), rng)
    if not step(decided):
        return _stamp(walk, calendar, limit, today=today)
    outcome = "reject" if rng.random() < 0.15 else "approve"
    reason = rng.choice(REJECT_REASONS if outcome == "reject" else APPROVE_REASONS)
    application = services.application_decide(
        application=application, outcome=outcome, reason=reason, actor=preparer
    )
    walk.prepared_at = decided
    walk.mark(decided)
    if application.status == S.PENDING_CHECK:
        # Checked the same afternoon or the next working day — when a second person exists.
        checked = (
            _at(decided.date(), rng, earliest=decided.time())
            if rng.random() < 0.6
            else _at(calendar.add_working_days(decided.date(), 1), rng)
        )
        if not checkers or not step(checked):
            return _stamp(walk, calendar, limit, today=today)
        application = services.application_check(
            application=application, confirm=True, actor=rng.choice(checkers)
        )
        walk.checked_at = checked
        walk.mark(checked)
        decided = checked
    if application.status == S.APPROVED:
        done = _at(calendar.add_working_days(decided.date(), 1), rng)
        if step(done):
            application = services.application_transition(
                application=application, to=S.COMPLETED, role=clerk.role, actor=clerk
            )
            walk.mark(done)
    return _stamp(walk, calendar, limit, today=today)


def _stamp(walk: _Walk, calendar, limit: int, *, today: dt.date, escalate=False) -> None:
    """Write the planned times over the wall-clock ones (demo data only; see the module doc)."""
    pk = walk.application.pk
    previous = 0
    for last, when in walk.marks:
        ApplicationEvent.objects.filter(application_id=pk, pk__gt=previous, pk__lte=last).update(
            at=when
        )
        previous = last
    resubmitted = walk.submitted[-1]
    due = calendar.add_working_days(timezone.localtime(resubmitted).date(), limit)
    Application.objects.filter(pk=pk).update(
        submitted_at=walk.submitted[0], updated_at=walk.marks[-1][1], due_date=due
    )
    if walk.prepared_at:
        Decision.objects.filter(application_id=pk).update(prepared_at=walk.prepared_at)
    if walk.checked_at:
        Decision.objects.filter(application_id=pk, checked_by__isnull=False).update(
            checked_at=walk.checked_at
        )
    if escalate and due < today:
        application = Application.objects.get(pk=pk)
        moment = dt.datetime.combine(due + dt.timedelta(days=1), dt.time(8, 5))
        services.application_escalate(
            application=application,
            now=timezone.make_aware(moment, timezone.get_current_timezone()),
        )
