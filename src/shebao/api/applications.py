"""API operations for applications: the service catalogue, my applications with their history,
withdrawing one, and the inbox — the same selectors and services as the portal's pages."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.responses import Status
from ninja.security import django_auth

from shebao.applications import workflow
from shebao.applications.catalogue import BY_CODE, SERVICES
from shebao.applications.selectors import (
    application_events,
    application_of,
    applications_of,
    inbox,
)
from shebao.applications.services import (
    TransitionRefused,
    application_submit,
    application_withdraw,
    inbox_mark_read,
)
from shebao.registry.services import AddressRefused, address_protect

from .access import person_or_403
from .schemas import ErrorOut

router = Router(tags=["applications"])


class ServiceOut(Schema):
    code: str
    name: str
    summary: str
    time_limit_working_days: int | None
    is_application: bool
    conditions: list[str]
    materials_held_by_office: list[str]
    materials_to_bring: list[str]
    legal_basis: list[str]


class EventOut(Schema):
    at: dt.datetime
    from_status: str
    to_status: str
    by: str
    reason: str


class ApplicationOut(Schema):
    ref: str
    service: str
    service_name: str
    status: str
    status_label: str
    holder: str
    submitted_at: dt.datetime
    due_date: dt.date
    return_note: str
    fields_to_fix: list[str]
    payload: dict
    figures: dict


class ApplicationDetailOut(ApplicationOut):
    events: list[EventOut]


class MessageOut(Schema):
    id: int
    subject: str
    body: str
    created_at: dt.datetime
    read: bool
    application_ref: str | None


def _own_application(request, ref: str):
    """(application, None) for one of the person's own applications, else (None, 403 or 404):
    another person's is not found."""
    person, refusal = person_or_403(request)
    if refusal:
        return None, refusal
    application = application_of(person, ref)
    if application is None:
        return None, Status(404, {"detail": "no such application"})
    return application, None


def _out(a) -> dict:
    return {
        "ref": a.ref,
        "service": a.service,
        "service_name": str(BY_CODE[a.service].name),
        "status": a.status,
        "status_label": str(a.get_status_display()),
        "holder": str(workflow.HOLDER[a.status]),
        "submitted_at": a.submitted_at,
        "due_date": a.due_date,
        "return_note": a.return_note,
        "fields_to_fix": a.fields_to_fix,
        "payload": {k: v for k, v in a.payload.items() if not k.endswith("_enc")},
        "figures": a.figures,
    }


@router.get("/services", response=list[ServiceOut], url_name="services")
def services(request: HttpRequest):
    """The service catalogue with each service's guide (public)."""
    return [
        {
            "code": s.code,
            "name": str(s.name),
            "summary": str(s.summary),
            "time_limit_working_days": s.time_limit_days,
            "is_application": s.is_application,
            "conditions": [str(c) for c in s.conditions],
            "materials_held_by_office": [str(m.name) for m in s.materials if m.held],
            "materials_to_bring": [str(m.name) for m in s.materials if not m.held],
            "legal_basis": list(s.legal_basis),
        }
        for s in SERVICES
    ]


@router.get("/", response={200: list[ApplicationOut], 403: ErrorOut}, auth=django_auth)
def my_applications(request: HttpRequest):
    """The signed-in person's applications, newest first."""
    person, refusal = person_or_403(request)
    if refusal:
        return refusal
    return Status(200, [_out(a) for a in applications_of(person)])


@router.get(
    "/{ref}", response={200: ApplicationDetailOut, 403: ErrorOut, 404: ErrorOut}, auth=django_auth
)
def my_application(request: HttpRequest, ref: str):
    """One of the person's applications with every change (another person's is not found)."""
    application, refusal = _own_application(request, ref)
    if refusal:
        return refusal
    events = [
        {
            "at": e.at,
            "from_status": e.from_status,
            "to_status": e.to_status,
            "by": e.actor_role,
            "reason": e.reason,
        }
        for e in application_events(application)
    ]
    return Status(200, {**_out(application), "events": events})


@router.post(
    "/{ref}/withdraw",
    response={200: ApplicationOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut},
    auth=django_auth,
)
def withdraw(request: HttpRequest, ref: str):
    """Withdraw an application that is still waiting (409 once it was decided)."""
    application, refusal = _own_application(request, ref)
    if refusal:
        return refusal
    try:
        application = application_withdraw(application=application, actor=request.user)
    except TransitionRefused:
        return Status(409, {"detail": "this application can no longer be withdrawn"})
    return Status(200, _out(application))


@router.get("/inbox/messages", response={200: list[MessageOut], 403: ErrorOut}, auth=django_auth)
def messages(request: HttpRequest):
    """The person's messages, newest first."""
    person, refusal = person_or_403(request)
    if refusal:
        return refusal
    return Status(
        200,
        [
            {
                "id": m.pk,
                "subject": m.subject,
                "body": m.body,
                "created_at": m.created_at,
                "read": m.read_at is not None,
                "application_ref": m.application.ref if m.application_id else None,
            }
            for m in inbox(person)
        ],
    )


@router.post(
    "/inbox/messages/{message_id}/read", response={204: None, 403: ErrorOut}, auth=django_auth
)
def read(request: HttpRequest, message_id: int):
    person, refusal = person_or_403(request)
    if refusal:
        return refusal
    inbox_mark_read(person=person, message_id=message_id)
    return Status(204, None)


class AddressIn(Schema):
    address: str
    idempotency_key: str


class FieldErrorOut(Schema):
    detail: str
    field: str


@router.post(
    "/changes/address",
    response={201: ApplicationOut, 200: ApplicationOut, 403: ErrorOut, 422: FieldErrorOut},
    auth=django_auth,
)
def address_change(request: HttpRequest, payload: AddressIn):
    """File a change of mailing address (the automated review approves a low-risk one). The
    same key again returns the first application (200)."""
    person, refusal = person_or_403(request)
    if refusal:
        return refusal
    try:
        sealed = address_protect(payload.address)
    except AddressRefused as refused:
        return Status(422, {"detail": refused.message, "field": "address"})
    application, created = application_submit(
        person=person,
        service="address_change",
        payload=sealed,
        idempotency_key=payload.idempotency_key,
        channel="api",
        actor=request.user,
    )
    return Status(201 if created else 200, _out(application))
