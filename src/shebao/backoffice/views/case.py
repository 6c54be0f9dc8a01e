"""A case page (/staff/cases/<id>/): the application, the person's 360° view, the automated
findings, decisions and history — and the actions the staff member's role allows."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shebao.accounts.selectors import staff_of_office
from shebao.applications import workflow
from shebao.applications.catalogue import BY_CODE
from shebao.applications.selectors import (
    application_events,
    case_in_reach,
    deadline_state,
    decision_waiting,
    decisions_of,
    earlier_applications,
)
from shebao.applications.services import (
    MakerCheckerViolation,
    TransitionRefused,
    application_assign,
    application_check,
    application_decide,
    application_transition,
)
from shebao.benefits.selectors import pension_for
from shebao.contributions.selectors import (
    account_latest,
    deemed_months,
    enrolments_current,
    insured_periods,
)
from shebao.registry.services import person_identifier_reveal
from shebao.review.selectors import assessment_for

from ..access import can, staff_required
from ..forms import ReasonForm, RevealForm

S = workflow.S


def _case_or_404(request, pk: int):
    case = case_in_reach(request.user, pk)
    if case is None:
        raise Http404  # another region's case does not exist for this staff member
    return case


@staff_required()
def case_page(request, pk: int, *, reveal_form=None, revealed=None, status=200):
    case = _case_or_404(request, pk)
    person = case.person
    user = request.user
    waiting = decision_waiting(case)
    nexts = workflow.next_statuses(case.service, case.status)
    context = {
        "case": case,
        "service": BY_CODE[case.service],
        "person": person,
        "subject": case.subject,
        "state": deadline_state(case, today=timezone.localdate()),
        "holder": workflow.HOLDER[case.status],
        "events": application_events(case),
        "decisions": decisions_of(case),
        "waiting": waiting,
        "assessment": assessment_for(case),
        "enrolments": enrolments_current(person),
        "periods": insured_periods(person),
        "deemed_months": deemed_months(person),
        "account": account_latest(person),
        "pension": pension_for(person),
        "earlier": earlier_applications(case),
        "colleagues": staff_of_office(case.office) if can(user, "assign") else [],
        "reason_form": ReasonForm(),
        "reveal_form": reveal_form or RevealForm(),
        "revealed": revealed,
        "maker_checker": workflow.MAKER_CHECKER,
        "may": {
            "claim": can(user, "claim") and case.assignee_id != user.pk and bool(nexts),
            "assign": can(user, "assign"),
            "start": can(user, "claim") and S.WAITING_REVIEW in nexts,
            "return": can(user, "return") and S.RETURNED in nexts,
            "decide": can(user, "decide")
            and case.status == S.WAITING_REVIEW
            and (S.PENDING_CHECK in nexts or S.APPROVED in nexts),
            "check": can(user, "check")
            and waiting is not None
            and waiting.prepared_by_id != user.pk,
            "own_decision": waiting is not None and waiting.prepared_by_id == user.pk,
            "complete": can(user, "complete")
            and S.COMPLETED in nexts
            and case.status == S.APPROVED,
            "reveal": can(user, "reveal"),
        },
    }
    return render(request, "backoffice/case.html", context, status=status)


@require_POST
@staff_required()
def case_act(request, pk: int):
    """One action on a case; each calls exactly one write path."""
    case = _case_or_404(request, pk)
    user = request.user
    action = request.POST.get("action", "")
    reason = (request.POST.get("reason") or "").strip()
    try:
        if action == "claim" and can(user, "claim"):
            application_assign(application=case, assignee=user, actor=user)
            messages.success(request, _("The case is yours now."))
        elif action == "assign" and can(user, "assign"):
            assignee = staff_of_office(case.office, pk=request.POST.get("assignee"))
            application_assign(application=case, assignee=assignee, actor=user)
            messages.success(request, _("The case was assigned."))
        elif action == "start" and can(user, "claim"):
            application_transition(
                application=case, to=S.WAITING_REVIEW, role=user.role, actor=user
            )
            messages.success(request, _("The case is waiting for review."))
        elif action == "return" and can(user, "return"):
            if not reason:
                raise TransitionRefused(_("Please write what the applicant must correct."))
            fields = [f for f in request.POST.getlist("fields") if f]
            application_transition(
                application=case,
                to=S.RETURNED,
                role=user.role,
                actor=user,
                reason=reason,
                fields_to_fix=fields,
            )
            messages.success(request, _("The application was returned to the applicant."))
        elif action in ("approve", "reject") and can(user, "decide"):
            if not reason:
                raise TransitionRefused(_("Please write the reason."))
            assessment = assessment_for(case)
            versions = {
                "figures": case.figures.get("rule_version") or case.figures.get("rule_versions"),
                "review": getattr(assessment, "versions", None),
            }
            application_decide(
                application=case, outcome=action, reason=reason, actor=user, versions=versions
            )
            messages.success(request, _("Your decision is recorded."))
        elif action in ("confirm", "send_back") and can(user, "check"):
            application_check(
                application=case, confirm=action == "confirm", actor=user, note=reason
            )
            messages.success(request, _("Your check is recorded."))
        elif action == "complete" and can(user, "complete"):
            application_transition(application=case, to=S.COMPLETED, role=user.role, actor=user)
            messages.success(request, _("The case is completed."))
        else:
            return render(request, "backoffice/forbidden.html", status=403)
    except MakerCheckerViolation:
        messages.error(request, _("You prepared this decision. A second person must check it."))
    except TransitionRefused as exc:
        text = str(exc)
        messages.error(
            request,
            text if _is_sentence(text) else _("This action is not possible in this status."),
        )
    return redirect("backoffice:case", pk=case.pk)


@require_POST
@staff_required("reveal")
def case_reveal(request, pk: int):
    """Break-glass: one identifier of the case's person shown in full, with a recorded reason.
    Shown in this response only (never in a URL, a message or a log)."""
    case = _case_or_404(request, pk)
    form = RevealForm(request.POST)
    if not form.is_valid():
        return case_page(request, pk, reveal_form=form, status=400)
    value = person_identifier_reveal(
        person=case.person,
        field=form.cleaned_data["field"],
        actor=request.user,
        reason=form.cleaned_data["reason"],
    )
    label = dict(form.fields["field"].choices)[form.cleaned_data["field"]]
    return case_page(request, pk, revealed={"label": label, "value": value})


def _is_sentence(text: str) -> bool:
    # Refusals written for people end with a full stop; technical ones ("a -> b by c") do not.
    return text.endswith(("。", "."))
