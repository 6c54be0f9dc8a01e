"""API operations for staff (the back office): the work queue, one case, and the actions on it.

The same rules as the pages: a session of a staff member who passed the second factor (TOTP),
the role table of `backoffice.access`, cases only in the member's reach (404 otherwise), and the
same write path per action (`backoffice.actions.perform`).
"""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema
from ninja.responses import Status
from ninja.security import SessionAuth

from shebao.applications.selectors import (
    application_events,
    case_in_reach,
    cases_in_reach,
    deadline_state,
)
from shebao.backoffice.access import is_staff_session
from shebao.backoffice.actions import ACTIONS, NotAllowed, Refused, perform

from .schemas import ErrorOut


class StaffSession(SessionAuth):
    """A signed-in staff member whose TOTP was verified in this session (CSRF as for pages)."""

    def authenticate(self, request, key):
        return request.user if is_staff_session(request) else None


router = Router(tags=["staff"], auth=StaffSession())


class CaseRow(Schema):
    id: int
    ref: str
    service: str
    status: str
    applicant: str  # family name only, the rest masked
    id_number_masked: str
    due_date: dt.date
    deadline: str  # ok | warning | overdue | closed
    assignee: str | None


class CaseEvent(Schema):
    at: dt.datetime
    from_status: str
    to_status: str
    by: str
    reason: str


class CaseOut(CaseRow):
    payload: dict
    figures: dict
    events: list[CaseEvent]


class ActionIn(Schema):
    action: str
    reason: str = ""
    fields: list[str] = []
    assignee: int | None = None


def _row(case) -> dict:
    return {
        "id": case.pk,
        "ref": case.ref,
        "service": case.service,
        "status": case.status,
        "applicant": case.person.name[:1] + "*" * (len(case.person.name) - 1),
        "id_number_masked": case.person.id_number_masked,
        "due_date": case.due_date,
        "deadline": deadline_state(case, today=timezone.localdate()),
        "assignee": case.assignee.username if case.assignee_id else None,
    }


@router.get("/cases", response=list[CaseRow])
def queue(request: HttpRequest, service: str | None = None, status: str | None = None):
    """The work queue: cases in the staff member's reach, the nearest deadline first."""
    return [_row(c) for c in cases_in_reach(request.user, service=service, status=status)[:200]]


@router.get("/cases/{case_id}", response={200: CaseOut, 404: ErrorOut})
def case(request: HttpRequest, case_id: int):
    """One case with the data the applicant confirmed and its history (masked identifiers)."""
    found = case_in_reach(request.user, case_id)
    if found is None:
        return Status(404, {"detail": "no such case"})
    events = [
        {
            "at": e.at,
            "from_status": e.from_status,
            "to_status": e.to_status,
            "by": e.actor.username if e.actor_id else e.actor_role,
            "reason": e.reason,
        }
        for e in application_events(found)
    ]
    return Status(
        200, {**_row(found), "payload": found.payload, "figures": found.figures, "events": events}
    )


@router.post(
    "/cases/{case_id}/actions",
    response={200: CaseRow, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
)
def act(request: HttpRequest, case_id: int, payload: ActionIn):
    """Take an action on a case: claim, assign, start, return, approve, reject, confirm,
    send_back or complete. 403 when the role may not, 409 when it is not possible in the case's
    status (the message says why)."""
    found = case_in_reach(request.user, case_id)
    if found is None:
        return Status(404, {"detail": "no such case"})
    if payload.action not in ACTIONS:
        return Status(422, {"detail": f"unknown action {payload.action!r}"})
    try:
        done, _message = perform(
            user=request.user,
            case=found,
            action=payload.action,
            reason=payload.reason,
            fields=payload.fields,
            assignee_pk=payload.assignee,
        )
    except NotAllowed:
        return Status(403, {"detail": "your role does not allow this action"})
    except Refused as exc:
        return Status(409, {"detail": str(exc)})
    return Status(200, _row(done))
