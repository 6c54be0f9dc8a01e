"""A case page (/staff/cases/<id>/): the application, the person's 360° view, the automated
findings, decisions and history — and the actions the staff member's role allows."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
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
from shebao.benefits.selectors import pension_for
from shebao.contributions.selectors import (
    account_latest,
    deemed_months,
    enrolments_current,
    insured_periods,
)
from shebao.registry.services import person_identifier_reveal
from shebao.review.selectors import assessment_for
from shebao.security.services import observe_case_open, observe_reveal

from ..access import can, staff_required
from ..actions import NotAllowed, Refused, perform
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
    if request.method == "GET":  # a break-glass re-render is observed as a reveal instead
        observe_case_open(staff=request.user, case=case)
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
    """One action on a case (see `backoffice.actions`)."""
    case = _case_or_404(request, pk)
    try:
        _, message = perform(
            user=request.user,
            case=case,
            action=request.POST.get("action", ""),
            reason=request.POST.get("reason", ""),
            fields=request.POST.getlist("fields"),
            assignee_pk=request.POST.get("assignee"),
        )
    except NotAllowed:
        return render(request, "backoffice/forbidden.html", status=403)
    except Refused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, message)
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
    observe_reveal(staff=request.user)
    label = dict(form.fields["field"].choices)[form.cleaned_data["field"]]
    return case_page(request, pk, revealed={"label": label, "value": value})
