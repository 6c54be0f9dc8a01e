"""Applications: filed once per key, moved only along the transition table, every change kept,
in the ledger outbox and told to the person; deadlines in working days from the holiday table."""

import datetime as dt

import pytest
from django.utils import timezone

from shebao.applications import selectors, services
from shebao.applications.models import Application, InboxMessage
from shebao.ledger.models import LedgerEvent
from shebao.messaging.models import SmsMessage
from shebao.workdays.models import CalendarYear
from shebao.workdays.selectors import deadline, is_provisional
from shebao.workdays.services import calendar_day_set, calendar_year_confirm, calendar_year_load

from . import factories

S = Application.Status
pytestmark = pytest.mark.django_db(transaction=True)


def _submit(person, key="k1", service="pension_claim"):
    return services.application_submit(
        person=person, service=service, payload={"bank": "****4567"}, idempotency_key=key
    )


def test_the_same_key_files_one_application_and_a_new_key_another(office):
    person = factories.person(office)
    first, created = _submit(person)
    again, created_again = _submit(person)
    other, _ = _submit(person, key="k2")
    assert created and not created_again and again.pk == first.pk and other.pk != first.pk
    assert Application.objects.filter(person=person).count() == 2
    assert first.status == S.SUBMITTED and len(first.ref) == 14


def test_each_change_is_kept_in_the_ledger_and_told_in_the_inbox_and_by_sms(office):
    person = factories.person(office)
    application, _ = _submit(person)
    services.application_transition(application=application, to=S.WAITING_REVIEW, role="system")
    returned = services.application_transition(
        application=application,
        to=S.RETURNED,
        role="reviewer",
        reason="开户银行名称与账号不符",
        fields_to_fix=["bank_account"],
    )
    assert returned.fields_to_fix == ["bank_account"]
    steps = [(e.from_status, e.to_status) for e in selectors.application_events(application)]
    assert steps == [
        ("", "submitted"),
        ("submitted", "waiting_review"),
        ("waiting_review", "returned"),
    ]
    assert LedgerEvent.objects.filter(kind="application.transition").count() == 3
    newest = selectors.inbox(person)[0]
    assert "开户银行名称与账号不符" in newest.body and application.ref in newest.body
    assert SmsMessage.objects.filter(purpose="application").count() == 3
    assert selectors.inbox_unread_count(person) == 3
    services.inbox_mark_read(person=person, message_id=newest.pk)
    assert selectors.inbox_unread_count(person) == 2


def test_moves_outside_the_table_are_refused_and_change_nothing(office):
    person = factories.person(office)
    application, _ = _submit(person)
    with pytest.raises(services.TransitionRefused):
        services.application_transition(application=application, to=S.APPROVED, role="reviewer")
    with pytest.raises(services.TransitionRefused):  # a clerk returns but cannot approve
        services.application_transition(
            application=application, to=S.WAITING_REVIEW, role="applicant"
        )
    services.application_transition(application=application, to=S.WAITING_REVIEW, role="system")
    with pytest.raises(services.TransitionRefused):
        services.application_transition(application=application, to=S.APPROVED, role="clerk")
    with pytest.raises(services.TransitionRefused):  # a return must say what to fix
        services.application_transition(application=application, to=S.RETURNED, role="clerk")
    application.refresh_from_db()
    assert application.status == S.WAITING_REVIEW
    assert InboxMessage.objects.filter(person=person).count() == 2


def test_a_corrected_application_keeps_its_number_and_history(office):
    person = factories.person(office)
    application, _ = _submit(person)
    services.application_transition(application=application, to=S.WAITING_REVIEW, role="system")
    services.application_transition(
        application=application,
        to=S.RETURNED,
        role="clerk",
        reason="请确认银行账户",
        fields_to_fix=["bank"],
    )
    assert selectors.application_to_fix(person, application.ref, "pension_claim") is not None
    again = services.application_resubmit(
        application=application, payload={"bank": "****9999"}, figures=None, actor=None
    )
    assert again.ref == application.ref and again.status == S.SUBMITTED
    assert again.payload == {"bank": "****9999"} and again.fields_to_fix == []
    assert len(selectors.application_events(again)) == 4


def test_someone_elses_application_is_not_found(office):
    mine, theirs = factories.person(office), factories.person(office)
    application, _ = _submit(theirs)
    assert selectors.application_of(mine, application.ref) is None
    assert selectors.application_of(theirs, application.ref) == application


def test_the_review_queue_puts_the_nearest_deadline_first(office):
    person = factories.person(office)
    transfer, _ = _submit(person, key="a", service="transfer")  # 15 working days
    claim, _ = _submit(person, key="b", service="unemployment_claim")  # 10 working days
    assert list(selectors.review_queue(office)) == [claim, transfer]
    assert list(selectors.review_queue(office, service="transfer")) == [transfer]


def test_payments_and_bookings_are_not_applications(office):
    with pytest.raises(services.NotAnApplicationService):
        _submit(factories.person(office), service="contribution_payment")


def test_a_deadline_across_national_day_2026_uses_the_published_schedule(db):
    assert deadline(dt.date(2026, 9, 29), 5) == dt.date(2026, 10, 12)
    assert not is_provisional(dt.date(2026, 10, 12))


def test_a_2027_deadline_uses_the_editable_table_and_is_provisional_until_confirmed(office):
    # Spring Festival 2027: lunar new year's eve is 02-05, a Friday; statutory days 02-05..02-08.
    # From Wednesday 02-03: Thursday 02-04 is day 1, Tuesday 02-09 day 2, Wednesday 02-10 day 3.
    assert deadline(dt.date(2027, 2, 3), 3) == dt.date(2027, 2, 10)
    assert is_provisional(dt.date(2027, 2, 10))
    calendar_year_load(year=2027, office=office)
    # Staff enter the published schedule: say 02-09 and 02-10 are holidays too, and Sunday
    # 02-14 is worked in lieu.
    for day in (dt.date(2027, 2, 9), dt.date(2027, 2, 10)):
        calendar_day_set(day=day, kind="holiday", name="Spring Festival", office=office)
    calendar_day_set(
        day=dt.date(2027, 2, 14), kind="workday", name="Spring Festival", office=office
    )
    assert deadline(dt.date(2027, 2, 3), 3) == dt.date(2027, 2, 12)
    assert deadline(dt.date(2027, 2, 3), 4) == dt.date(2027, 2, 14)
    calendar_year_confirm(year=2027, source="国务院办公厅通知（演示）", office=office)
    assert CalendarYear.objects.get(year=2027).status == "confirmed"
    assert not is_provisional(dt.date(2027, 2, 9))
    assert LedgerEvent.objects.filter(kind__startswith="calendar.").count() == 5


def test_submitted_at_and_due_date_follow_the_service_time_limit(office):
    application, _ = _submit(factories.person(office), service="transfer")
    assert application.due_date == deadline(timezone.localdate(application.submitted_at), 15)


def test_staff_edit_and_confirm_a_year_with_the_holidays_command(office):
    from io import StringIO

    from django.core.management import call_command
    from django.core.management.base import CommandError

    def run(*args):
        out = StringIO()
        call_command("holidays", *args, stdout=out)
        return out.getvalue()

    shown = run("show", "2027")
    assert shown.startswith("2027: provisional") and "2027-02-05 holiday  Spring Festival" in shown
    run("set", "2027-02-14", "workday", "Spring Festival", "--office", "xinji")
    assert "2027-02-14 workday" in run("show", "2027")
    assert run("confirm", "2027", "--source", "国办发明电", "--office", "xinji").strip() == (
        "2027: confirmed"
    )
    with pytest.raises(CommandError, match="--source"):
        run("confirm", "2027", "--office", "xinji")
    with pytest.raises(CommandError, match="not a date"):
        run("set", "2027-02-30", "holiday", "--office", "xinji")
    with pytest.raises(CommandError, match="office"):
        run("load", "2028", "--office", "nowhere")


def _staff(office, name, role):
    from shebao.accounts.services import staff_account_create

    return staff_account_create(username=name, office=office, role=role, password="x" * 12)


def _waiting(office, service="pension_claim"):
    application, _ = _submit(factories.person(office), service=service)
    return services.application_transition(
        application=application, to=S.WAITING_REVIEW, role="system"
    )


def test_the_preparer_of_a_pension_decision_cannot_confirm_it_a_second_person_can(office):
    maker, other = _staff(office, "maker", "reviewer"), _staff(office, "other", "reviewer")
    application = _waiting(office)
    with pytest.raises(services.TransitionRefused):  # no direct approval under maker-checker
        services.application_transition(application=application, to=S.APPROVED, role="reviewer")
    prepared = services.application_decide(
        application=application, outcome="approve", reason="条件符合", actor=maker
    )
    assert prepared.status == S.PENDING_CHECK
    with pytest.raises(services.MakerCheckerViolation):
        services.application_check(application=prepared, confirm=True, actor=maker)
    assert Application.objects.get(pk=application.pk).status == S.PENDING_CHECK
    done = services.application_check(application=prepared, confirm=True, actor=other)
    assert done.status == S.APPROVED
    decision = done.decisions.get()
    assert (decision.prepared_by, decision.checked_by, decision.check_state) == (
        maker,
        other,
        "confirmed",
    )
    assert LedgerEvent.objects.filter(kind="application.checked").count() == 1
    assert "条件符合" in selectors.inbox(done.person)[0].body  # the person reads the reason


def test_a_checker_may_send_a_decision_back_with_a_note(office):
    maker, checker = _staff(office, "maker", "reviewer"), _staff(office, "boss", "supervisor")
    application = _waiting(office, service="unemployment_claim")
    services.application_decide(
        application=application, outcome="reject", reason="缴费不满一年", actor=maker
    )
    with pytest.raises(services.TransitionRefused):
        services.application_check(application=application, confirm=False, actor=checker)
    back = services.application_check(
        application=application, confirm=False, actor=checker, note="请核对2025年缴费"
    )
    assert back.status == S.WAITING_REVIEW
    assert back.decisions.get().check_state == "sent_back"


def test_a_clerk_cannot_decide(office):
    clerk = _staff(office, "clerk1", "clerk")
    application = _waiting(office)
    with pytest.raises(services.TransitionRefused):
        services.application_decide(
            application=application, outcome="approve", reason="好", actor=clerk
        )
    assert Application.objects.get(pk=application.pk).status == S.WAITING_REVIEW


def test_claiming_and_assigning_stay_within_the_office(office):
    from shebao.regions.services import office_create

    elsewhere = office_create(
        code="jinzhou",
        name="晋州市社会保险事业服务中心",
        region_code="130183",
        province_code="130000",
        ledger_origin="jinzhou.shebao.example/ledger",
    )
    mine, theirs = _staff(office, "me", "reviewer"), _staff(elsewhere, "them", "reviewer")
    application = _waiting(office)
    assert (
        services.application_assign(application=application, assignee=mine, actor=mine).assignee
        == mine
    )
    with pytest.raises(services.TransitionRefused):
        services.application_assign(application=application, assignee=theirs, actor=mine)


def test_an_overdue_application_is_escalated_once(office):
    application = _waiting(office)
    assert services.application_escalate(application=application) is True
    assert services.application_escalate(application=application) is False
    assert LedgerEvent.objects.filter(kind="application.escalated").count() == 1
