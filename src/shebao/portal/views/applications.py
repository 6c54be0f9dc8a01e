"""My applications (我的办件): each one's steps, who holds it, the deadline and every change;
withdrawing one; the inbox (站内信) of messages about them."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shebao.applications import workflow
from shebao.applications.catalogue import BY_CODE
from shebao.applications.selectors import (
    application_events,
    application_of,
    applications_of,
    inbox,
)
from shebao.applications.services import (
    TransitionRefused,
    application_withdraw,
    inbox_mark_read,
)
from shebao.workdays.selectors import is_provisional

from ..access import person_or_403
from .services import start_url

S = workflow.S
# The path every application takes when all goes well, shown as numbered steps.
MAIN_PATH = (S.SUBMITTED, S.WAITING_REVIEW, S.APPROVED, S.COMPLETED)
TRANSFER_PATH = (S.SUBMITTED, S.WAITING_REVIEW, S.APPROVED, S.WITH_PARTNER, S.COMPLETED)


@login_required
def application_list(request):
    person, refusal = person_or_403(request)
    if refusal:
        return refusal
    rows = [_row(a) for a in applications_of(person)]
    return render(request, "portal/applications/list.html", {"rows": rows})


def _own_application(request, ref: str):
    """(application, None) for one of the signed-in person's own applications, or (None, a 403
    page) for an account with no insured person; someone else's is not found (404)."""
    person, refusal = person_or_403(request)
    if refusal:
        return None, refusal
    application = application_of(person, ref)
    if application is None:
        raise Http404
    return application, None


@login_required
def application_detail(request, ref: str):
    application, refusal = _own_application(request, ref)
    if refusal:
        return refusal
    spec = BY_CODE[application.service]
    events = application_events(application)
    context = {
        **_row(application),
        "events": events,
        "steps": _steps(application, events),
        "due_provisional": is_provisional(application.due_date),
        "fix_url": (
            f"{start_url(spec)}?fix={application.ref}" if application.status == S.RETURNED else ""
        ),
        "can_withdraw": workflow.allowed(
            application.service, application.status, S.WITHDRAWN, workflow.APPLICANT
        ),
    }
    return render(request, "portal/applications/detail.html", context)


@login_required
@require_POST
def application_withdraw_view(request, ref: str):
    application, refusal = _own_application(request, ref)
    if refusal:
        return refusal
    if request.POST.get("confirm") != "yes":
        messages.error(request, _("Tick the box to confirm you want to withdraw it."))
        return redirect("portal:application", ref=ref)
    try:
        application_withdraw(application=application, actor=request.user)
    except TransitionRefused:
        messages.error(request, _("This application can no longer be withdrawn."))
    else:
        messages.success(request, _("Your application was withdrawn."))
    return redirect("portal:application", ref=ref)


@login_required
def inbox_view(request):
    person, refusal = person_or_403(request)
    if refusal:
        return refusal
    if request.method == "POST":
        try:
            message_id = int(request.POST.get("read", ""))
        except ValueError:
            message_id = 0
        inbox_mark_read(person=person, message_id=message_id)
        return redirect("portal:inbox")
    return render(request, "portal/applications/inbox.html", {"inbox": inbox(person)})


def _row(application) -> dict:
    return {
        "application": application,
        "service": BY_CODE[application.service],
        "holder": workflow.HOLDER[application.status],
        "open": application.status in workflow.OPEN,
    }


def _steps(application, events) -> list[dict]:
    """The main path with each step done, current or to come (a closed end shown as itself)."""
    path = TRANSFER_PATH if application.service == "transfer" else MAIN_PATH
    reached = {e.to_status: e.at for e in events}
    current = application.status
    if current not in path:
        # returned, rejected or withdrawn: the path up to it, then where it stands.
        last = max((i for i, s in enumerate(path) if s in reached), default=0)
        path = (*path[: last + 1], current)
    steps = []
    for status in path:
        state = "current" if status == current else ("done" if status in reached else "todo")
        steps.append({"label": S(status).label, "state": state, "at": reached.get(status)})
    return steps
