"""API operations for counter appointments (在线预约): my bookings, free slots, book,
reschedule, cancel. The same services and checks as the portal pages; a full slot answers 409
with a message in the request's language and `reason: "full"`."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.responses import Status
from ninja.security import django_auth

from shebao.appointments import selectors
from shebao.appointments.services import (
    BookingRefused,
    booking_cancel,
    booking_create,
    booking_reschedule,
)

from .access import person_or_403

router = Router(tags=["appointments"], auth=django_auth)

# HTTP status per refusal: a full slot or a slot already held is a conflict with the state of
# the slot; a slot that cannot be booked at all (past, closed, wrong service) is bad input.
REFUSAL_STATUS = {
    "full": 409,
    "already_booked": 409,
    "not_changeable": 409,
    "not_bookable": 422,
    "not_found": 404,
}


class RefusalOut(Schema):
    detail: str
    reason: str


class SlotOut(Schema):
    id: int
    office: str
    counter: str
    day: dt.date
    start: str
    end: str
    free: int
    provisional: bool = Field(
        description="The holiday schedule of the slot's year is not yet confirmed."
    )


class BookingOut(Schema):
    id: int
    service: str
    service_name: str
    status: str
    office: str
    office_name: str
    counter: str
    day: dt.date
    start: str
    end: str
    check_in_code: str
    changeable: bool
    provisional: bool


class BookIn(Schema):
    slot: int
    service: str
    idempotency_key: str = Field(min_length=8, max_length=64)


class RescheduleIn(Schema):
    slot: int


def _person_or_403(request: HttpRequest):
    """As `access.person_or_403`, the 403 with this router's ``reason``."""
    return person_or_403(request, reason="no_person")


def _own_booking(request: HttpRequest, booking_id: int):
    """(person, booking view, None) for one of the person's own bookings, else (None, None,
    403 or 404): another person's booking is not found."""
    person, refusal = _person_or_403(request)
    if refusal:
        return None, None, refusal
    view = selectors.booking_of(person, booking_id)
    if view is None:
        return None, None, Status(404, {"detail": "no such booking", "reason": "not_found"})
    return person, view, None


def _refused(exc: BookingRefused):
    return Status(
        REFUSAL_STATUS.get(exc.reason, 409), {"detail": str(exc.message), "reason": exc.reason}
    )


def _slot_out(choice) -> dict:
    slot = choice.slot
    return {
        "id": slot.pk,
        "office": slot.office.code,
        "counter": choice.counter_name,
        "day": slot.day,
        "start": slot.start.strftime("%H:%M"),
        "end": slot.end.strftime("%H:%M"),
        "free": choice.free,
        "provisional": choice.provisional,
    }


def _booking_out(view) -> dict:
    b = view.booking
    return {
        "id": b.pk,
        "service": b.service,
        "service_name": view.service_name,
        "status": b.status,
        "office": b.office.code,
        "office_name": view.office_name,
        "counter": view.counter_name,
        "day": b.day,
        "start": view.starts_at.strftime("%H:%M"),
        "end": view.ends_at.strftime("%H:%M"),
        "check_in_code": b.code if b.status != "cancelled" else "",
        "changeable": view.changeable,
        "provisional": view.provisional,
    }


@router.get("/bookings", response={200: list[BookingOut], 403: RefusalOut})
def bookings(request: HttpRequest):
    """My bookings from today on, with their check-in codes (cancelled ones too)."""
    person, refusal = _person_or_403(request)
    if refusal:
        return refusal
    return Status(200, [_booking_out(v) for v in selectors.bookings_of(person)])


@router.get("/slots", response={200: list[SlotOut], 403: RefusalOut, 404: RefusalOut})
def slots(request: HttpRequest, office: str, service: str, first: dt.date, last: dt.date):
    """Slots with a free place for `service` at `office` from `first` to `last` (at most 31
    days); only working days, only times not begun."""
    _person, refusal = _person_or_403(request)
    if refusal:
        return refusal
    place = selectors.office_by_code(office)
    if place is None or not selectors.is_bookable_service(service):
        return Status(404, {"detail": "unknown office or service", "reason": "not_found"})
    last = min(last, first + dt.timedelta(days=31))
    rows = selectors.slots_free(office=place, service=service, first=first, last=last)
    return Status(200, [_slot_out(c) for c in rows])


@router.post(
    "/bookings",
    response={200: BookingOut, 201: BookingOut, 403: RefusalOut, 409: RefusalOut, 422: RefusalOut},
)
def book(request: HttpRequest, payload: BookIn):
    """Book a place: 201 with the check-in code; the same idempotency key again answers 200 with
    the same booking; 409 when the slot is full or already yours."""
    person, refusal = _person_or_403(request)
    if refusal:
        return refusal
    try:
        booking, created = booking_create(
            person=person,
            slot_id=payload.slot,
            service=payload.service,
            idempotency_key=payload.idempotency_key,
            actor=request.user,
        )
    except BookingRefused as exc:
        return _refused(exc)
    return Status(201 if created else 200, _booking_out(selectors.booking_of(person, booking.pk)))


@router.post(
    "/bookings/{booking_id}/reschedule",
    response={200: BookingOut, 403: RefusalOut, 404: RefusalOut, 409: RefusalOut, 422: RefusalOut},
)
def reschedule(request: HttpRequest, booking_id: int, payload: RescheduleIn):
    """Move my booking to another slot at once; if the new one is full nothing changes (409)."""
    person, view, refusal = _own_booking(request, booking_id)
    if refusal:
        return refusal
    try:
        booking_reschedule(booking=view.booking, slot_id=payload.slot, actor=request.user)
    except BookingRefused as exc:
        return _refused(exc)
    return Status(200, _booking_out(selectors.booking_of(person, booking_id)))


@router.post(
    "/bookings/{booking_id}/cancel",
    response={200: BookingOut, 403: RefusalOut, 404: RefusalOut, 409: RefusalOut},
)
def cancel(request: HttpRequest, booking_id: int):
    """Cancel my booking before its time (again: no change)."""
    person, view, refusal = _own_booking(request, booking_id)
    if refusal:
        return refusal
    try:
        booking_cancel(booking=view.booking, actor=request.user)
    except BookingRefused as exc:
        return _refused(exc)
    return Status(200, _booking_out(selectors.booking_of(person, booking_id)))
