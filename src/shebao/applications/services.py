"""Writes for applications: submit, move along the transition table, resubmit after a return,
withdraw, and mark inbox messages read.

Every change records an `ApplicationEvent` and a ledger event in its transaction, and tells the
person — an inbox message in the same transaction, an SMS queued to go after the commit.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from shebao.ledger.services import record_event
from shebao.messaging.services import sms_queue
from shebao.pii.fields import reveal
from shebao.workdays.selectors import deadline

from . import workflow
from .catalogue import BY_CODE
from .models import Application, ApplicationEvent, Decision, InboxMessage

S = Application.Status
# Called with the application id after each filing commits: the automated review (智能审核).
REVIEW_HOOK = "shebao.review.tasks.review_later"
REF_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I: read out over the phone


class TransitionRefused(Exception):
    """The transition table does not allow this move for this role."""


class MakerCheckerViolation(TransitionRefused):
    """The person who prepared a decision tried to confirm it themselves."""


class NotAnApplicationService(ValueError):
    """The service is not one a person applies for (payments and bookings have their own)."""


def _new_ref(now) -> str:
    return now.strftime("%Y%m%d") + "".join(secrets.choice(REF_ALPHABET) for _ in range(6))


def application_submit(
    *,
    person,
    service: str,
    payload: dict[str, Any],
    figures: dict[str, Any] | None = None,
    idempotency_key: str,
    channel: str = Application.Channel.WEB,
    actor=None,
    subject=None,
    office=None,
) -> tuple[Application, bool]:
    """File an application; (application, created). The same idempotency key from the same
    person returns the first application unchanged (a double click files one)."""
    spec = BY_CODE.get(service)
    if spec is None or not spec.is_application:
        raise NotAnApplicationService(service)
    existing = Application.objects.filter(person=person, idempotency_key=idempotency_key).first()
    if existing is not None:
        return existing, False
    now = timezone.now()
    try:
        with transaction.atomic():
            application = Application.objects.create(
                ref=_new_ref(now),
                service=service,
                person=person,
                subject=subject,
                office=office or person.office,
                status=S.SUBMITTED,
                channel=channel,
                payload=payload,
                figures=figures or {},
                submitted_at=now,
                updated_at=now,
                due_date=deadline(timezone.localdate(now), spec.time_limit_days),
                idempotency_key=idempotency_key[:64],
            )
            _record(application, "", S.SUBMITTED, workflow.APPLICANT, actor, "", now)
            _review_after_commit(application.pk)
            return application, True
    except IntegrityError:
        # The same key won a race from another request: that one is the application.
        existing = Application.objects.filter(
            person=person, idempotency_key=idempotency_key
        ).first()
        if existing is None:
            raise
        return existing, False


def application_transition(
    *,
    application: Application,
    to: str,
    role: str,
    actor=None,
    reason: str = "",
    fields_to_fix: list[str] | None = None,
) -> Application:
    """Move an application to status `to` as `role`, if the table allows it. A return for
    correction needs a reason and names the fields to fix; the person sees both."""
    now = timezone.now()
    with transaction.atomic():
        current = Application.objects.select_for_update().get(pk=application.pk)
        if not workflow.allowed(current.service, current.status, to, role):
            raise TransitionRefused(f"{current.status} -> {to} by {role}")
        if to == S.RETURNED and not reason.strip():
            raise TransitionRefused("a return for correction must say what to fix")
        before = current.status
        current.status = to
        current.updated_at = now
        update = ["status", "updated_at"]
        if to == S.RETURNED:
            current.return_note = reason.strip()
            current.fields_to_fix = list(fields_to_fix or [])
            update += ["return_note", "fields_to_fix"]
        current.save(update_fields=update)
        _record(current, before, to, role, actor, reason, now)
        return current


def application_resubmit(
    *, application: Application, payload: dict[str, Any], figures: dict[str, Any] | None, actor
) -> Application:
    """The person sends a returned application again with their corrections. The time limit
    starts again from today; the earlier history stays."""
    spec = BY_CODE[application.service]
    now = timezone.now()
    with transaction.atomic():
        current = Application.objects.select_for_update().get(pk=application.pk)
        if not workflow.allowed(current.service, current.status, S.SUBMITTED, workflow.APPLICANT):
            raise TransitionRefused(f"{current.status} -> submitted by applicant")
        current.payload = payload
        if figures is not None:
            current.figures = figures
        current.status = S.SUBMITTED
        current.updated_at = now
        current.due_date = deadline(timezone.localdate(now), spec.time_limit_days)
        current.fields_to_fix = []
        current.save()
        _record(current, S.RETURNED, S.SUBMITTED, workflow.APPLICANT, actor, "", now)
        _review_after_commit(current.pk)
        return current


def application_assign(*, application: Application, assignee, actor) -> Application:
    """Claim (认领, assignee is the actor) or assign (分派) an application to a staff member of
    its office; None puts it back in the queue. Recorded in the ledger, not told to the person."""
    with transaction.atomic():
        current = Application.objects.select_for_update().get(pk=application.pk)
        if assignee is not None and assignee.office_id != current.office_id:
            raise TransitionRefused("the assignee works at another office")
        current.assignee = assignee
        current.save(update_fields=["assignee"])
        record_event(
            office=current.office,
            kind="application.assigned",
            data={"ref": current.ref, "to": _staff_key(assignee)},
            subject=current.person,
            actor=actor,
        )
        return current


def application_decide(
    *,
    application: Application,
    outcome: str,
    reason: str,
    actor,
    versions: dict[str, Any] | None = None,
) -> Application:
    """A reviewer's decision (approve or reject), with the reason the person will read. Under
    maker-checker it waits for a second person's check; otherwise it takes effect now."""
    if outcome not in Decision.Outcome.values:
        raise TransitionRefused(f"unknown outcome {outcome!r}")
    if not reason.strip():
        raise TransitionRefused("a decision must give its reason")
    checked = application.service in workflow.MAKER_CHECKER
    target = S.PENDING_CHECK if checked else _OUTCOME_STATUS[outcome]
    with transaction.atomic():
        current = application_transition(
            application=application,
            to=target,
            role=actor.role,
            actor=actor,
            reason="" if checked else reason.strip(),
        )
        Decision.objects.create(
            application=current,
            outcome=outcome,
            reason=reason.strip(),
            prepared_by=actor,
            prepared_at=timezone.now(),
            check_state=Decision.Check.WAITING if checked else Decision.Check.NOT_NEEDED,
            versions=versions or {},
        )
        if not checked:
            _after_decision(current, outcome, actor)
        return current


def application_check(
    *, application: Application, confirm: bool, actor, note: str = ""
) -> Application:
    """The second check (复核) of a prepared decision: confirm it (it takes effect) or send it
    back to review with a note. The preparer can never check their own decision."""
    with transaction.atomic():
        decision = (
            Decision.objects.select_for_update()
            .filter(application=application, check_state=Decision.Check.WAITING)
            .order_by("-prepared_at")
            .first()
        )
        if decision is None:
            raise TransitionRefused("no decision is waiting for a check")
        if decision.prepared_by_id == actor.pk:
            raise MakerCheckerViolation("the preparer of a decision cannot check it")
        if not confirm and not note.strip():
            raise TransitionRefused("sending a decision back must say why")
        target = _OUTCOME_STATUS[decision.outcome] if confirm else S.WAITING_REVIEW
        current = application_transition(
            application=application,
            to=target,
            role=actor.role,
            actor=actor,
            reason=decision.reason if confirm else "",
        )
        decision.check_state = Decision.Check.CONFIRMED if confirm else Decision.Check.SENT_BACK
        decision.checked_by, decision.checked_at = actor, timezone.now()
        decision.check_note = note.strip()
        decision.save()
        record_event(
            office=current.office,
            kind="application.checked",
            data={"ref": current.ref, "outcome": decision.outcome, "confirmed": confirm},
            subject=current.person,
            actor=actor,
        )
        if confirm:
            _after_decision(current, decision.outcome, actor)
        return current


def application_escalate(*, application: Application, now=None) -> bool:
    """Mark an overdue application escalated to the supervisor (督办), once."""
    now = now or timezone.now()
    with transaction.atomic():
        changed = Application.objects.filter(pk=application.pk, escalated_at__isnull=True).update(
            escalated_at=now
        )
        if changed:
            record_event(
                office=application.office,
                kind="application.escalated",
                data={"ref": application.ref, "due": application.due_date},
                subject=application.person,
            )
        return bool(changed)


_OUTCOME_STATUS = {Decision.Outcome.APPROVE: S.APPROVED, Decision.Outcome.REJECT: S.REJECTED}


def _after_decision(application: Application, outcome: str, actor) -> None:
    """What an approval sets going, named by the service's catalogue entry (e.g. a transfer's
    contact letter to the other office), in the same transaction."""
    spec = BY_CODE[application.service]
    if outcome == Decision.Outcome.APPROVE and spec.on_approved:
        import_string(spec.on_approved)(application=application, actor=actor)


def _review_after_commit(application_id: int) -> None:
    transaction.on_commit(lambda: import_string(REVIEW_HOOK)(application_id))


def _staff_key(user) -> str | None:
    from shebao.ledger.services import pseudonym

    return None if user is None else pseudonym("user", user.pk)


def application_withdraw(*, application: Application, actor) -> Application:
    return application_transition(
        application=application, to=S.WITHDRAWN, role=workflow.APPLICANT, actor=actor
    )


def inbox_send(*, person, subject: str, body: str, sms: str = "", application=None) -> InboxMessage:
    """A message to the person's inbox (and, when `sms` is given, a text after the commit).
    For reminders and receipts that are not an application's transition; the caller's own
    write records the business event."""
    with transaction.atomic():
        message = InboxMessage.objects.create(
            person=person,
            application=application,
            subject=subject[:120],
            body=body,
            created_at=timezone.now(),
        )
        phone = reveal("mobile", person.phone_enc) if sms else ""
        if phone:
            sms_queue(phone=phone, body=sms, purpose="notice")
        return message


def inbox_mark_read(*, person, message_id: int) -> int:
    """Mark one of the person's messages read (someone else's is silently not touched)."""
    return InboxMessage.objects.filter(person=person, pk=message_id, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def _record(application, before, after, role, actor, reason, now) -> None:
    ApplicationEvent.objects.create(
        application=application,
        at=now,
        from_status=before,
        to_status=after,
        actor=actor,
        actor_role=role,
        reason=reason,
    )
    record_event(
        office=application.office,
        kind="application.transition",
        data={
            "ref": application.ref,
            "service": application.service,
            "from": before,
            "to": after,
            "role": role,
        },
        subject=application.person,
        actor=actor,
    )
    _tell(application, after, reason, now)


def _tell(application, status, reason, now) -> None:
    """Inbox message now, SMS after the commit; in Chinese (the person's language on paper)."""
    with translation.override("zh-hans"):
        name = str(BY_CODE[application.service].name)
        label = str(S(status).label)
        subject = _("%(service)s: %(status)s") % {"service": name, "status": label}
        body = _("Application %(ref)s is now: %(status)s.") % {
            "ref": application.ref,
            "status": label,
        }
        if reason:
            body += " " + _("Reason: %(reason)s") % {"reason": reason}
        text = _("[Social insurance] Application %(ref)s: %(status)s. Sign in for details.") % {
            "ref": application.ref,
            "status": label,
        }
    InboxMessage.objects.create(
        person=application.person,
        application=application,
        subject=subject[:120],
        body=body,
        created_at=now,
    )
    phone = reveal("mobile", application.person.phone_enc)
    if phone:
        sms_queue(phone=phone, body=text, purpose="application")
