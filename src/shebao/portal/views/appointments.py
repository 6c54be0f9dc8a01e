"""Counter appointments (在线预约): book a time at an office counter, then change or cancel it.

Nothing is typed: the person picks the service and the office (their own office pre-selected),
a day and a free time, confirms, and gets the check-in code (取号码). Four pages after home:
start → times → confirm → done. A time that filled meanwhile sends them back to the times of
the same day with their choices kept.
"""

from __future__ import annotations

import datetime as dt
import uuid
from functools import partial

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from shebao.appointments import selectors
from shebao.appointments.services import (
    AlreadyBooked,
    BookingRefused,
    NotChangeable,
    SlotFull,
    SlotNotBookable,
    booking_cancel,
    booking_create,
    booking_reschedule,
)

from ..access import person_or_403

FULL_MESSAGE = SlotFull.message
GONE_MESSAGE = SlotNotBookable.message


class StartForm(forms.Form):
    """Which service and which office; both choices, the office pre-selected."""

    service = forms.ChoiceField(
        label=gettext_lazy("What do you want to do at the counter?"),
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Please pick what you want to do.")},
    )
    office = forms.ChoiceField(
        label=gettext_lazy("Office to visit"),
        error_messages={"required": gettext_lazy("Please pick an office.")},
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["service"].choices = [(s.code, s.name) for s in selectors.bookable_services()]
        self.fields["office"].choices = [(o.code, o.name) for o in selectors.offices()]


def _day(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _int(text: str | None) -> int | None:
    try:
        return int(text) if text else None
    except ValueError:
        return None


@login_required
@require_GET
def start(request):
    """My bookings (code, change, cancel) and the first choices of a new booking."""
    person, refusal = person_or_403(request)
    if refusal:
        return refusal
    initial = {"office": person.office.code}
    if selectors.is_bookable_service(request.GET.get("service", "")):
        initial["service"] = request.GET["service"]
    return _start_page(request, person, StartForm(initial=initial))


def _start_page(request, person, form, status=200):
    return render(
        request,
        "portal/appointments/start.html",
        {"form": form, "bookings": selectors.bookings_of(person)},
        status=status,
    )


@login_required
@require_GET
def times(request):
    """The days with slots (as links) and the times of the chosen day; full ones shown as full."""
    person, refusal = person_or_403(request)
    if refusal:
        return refusal
    form = StartForm(request.GET)
    if not form.is_valid():
        return _start_page(request, person, form, status=400)
    return _times_page(
        request,
        service=form.cleaned_data["service"],
        office=selectors.office_by_code(form.cleaned_data["office"]),
        day=_day(request.GET.get("day")),
    )


def _times_page(request, *, service, office, day, booking=None, problem="", status=200):
    choice = selectors.booking_times(office=office, service=service, day=day)
    if booking is None:
        query = urlencode({"service": service, "office": office.code})
        day_url = f"{reverse('portal:appointment-times')}?{query}&day="
        confirm_url = reverse("portal:appointment-confirm")
    else:
        day_url = reverse("portal:appointment-reschedule", args=[booking.booking.pk]) + "?day="
        confirm_url = reverse("portal:appointment-reschedule-confirm", args=[booking.booking.pk])
    return render(
        request,
        "portal/appointments/times.html",
        {
            "service_name": selectors.bookable_service_name(service),
            "service": service,
            "office": office,
            "choice": choice,
            "day_url": day_url,
            "confirm_url": confirm_url,
            "booking": booking,
            "problem": problem,
        },
        status=status,
    )


def _slot_problem(slot, *, office_id: int) -> str:
    """Why the chosen slot cannot be booked (gone or at another office, or full); "" if it can."""
    if slot is None:
        return GONE_MESSAGE
    if slot.full:
        return FULL_MESSAGE
    if slot.slot.office_id != office_id:
        return GONE_MESSAGE
    return ""


def _not_changeable(request, booking_id: int):
    """Back to the booking, saying it can no longer be changed or cancelled."""
    messages.error(request, NotChangeable.message)
    return redirect("portal:appointment-detail", booking_id=booking_id)


@login_required
@require_http_methods(["GET", "POST"])
def confirm(request):
    """What will be booked, and the button that books it (a fresh key per form: a double
    click books once)."""
    person, refusal = person_or_403(request)
    if refusal:
        return refusal
    data = request.POST if request.method == "POST" else request.GET
    service = data.get("service", "")
    slot_id = _int(data.get("slot"))
    office = selectors.office_by_code(data.get("office", ""))
    if not selectors.is_bookable_service(service) or office is None:
        raise Http404
    times_again = partial(
        _times_page, request, service=service, office=office, day=_day(data.get("day"))
    )
    if slot_id is None:
        return times_again(problem=_("Please pick a time."), status=400)
    if request.method == "POST":
        try:
            booking, _created = booking_create(
                person=person,
                slot_id=slot_id,
                service=service,
                idempotency_key=data.get("key", "") or uuid.uuid4().hex,
                actor=request.user,
            )
        except AlreadyBooked as exc:
            messages.info(request, exc.message)
            return redirect("portal:appointment-detail", booking_id=exc.booking.pk)
        except BookingRefused as exc:
            return times_again(problem=exc.message, status=409)
        return redirect("portal:appointment-detail", booking_id=booking.pk)
    slot = selectors.slot_choice(slot_id=slot_id, service=service)
    problem = _slot_problem(slot, office_id=office.pk)
    if problem:
        return times_again(problem=problem, status=409)
    return render(
        request,
        "portal/appointments/confirm.html",
        {
            "service": service,
            "service_name": selectors.bookable_service_name(service),
            "office": office,
            "slot": slot,
            "key": uuid.uuid4().hex,
            "back": reverse("portal:appointment-times")
            + "?"
            + urlencode({"service": service, "office": office.code, "day": slot.slot.day}),
        },
    )


def _own_booking(request, booking_id: int):
    person, refusal = person_or_403(request)
    if refusal:
        return None, None, refusal
    view = selectors.booking_of(person, booking_id)
    if view is None:
        raise Http404  # someone else's booking: as if it did not exist
    return person, view, None


@login_required
@require_GET
def detail(request, booking_id: int):
    """The booking with its check-in code: the done page after booking or changing."""
    _person, view, refusal = _own_booking(request, booking_id)
    if refusal:
        return refusal
    return render(request, "portal/appointments/detail.html", {"b": view})


@login_required
@require_GET
def reschedule(request, booking_id: int):
    """Pick another day and time for the same service at the same office."""
    _person, view, refusal = _own_booking(request, booking_id)
    if refusal:
        return refusal
    if not view.changeable:
        return _not_changeable(request, booking_id)
    return _times_page(
        request,
        service=view.booking.service,
        office=view.booking.office,
        day=_day(request.GET.get("day")),
        booking=view,
    )


@login_required
@require_http_methods(["GET", "POST"])
def reschedule_confirm(request, booking_id: int):
    """The new time beside the old one, and the button that moves the booking."""
    _person, view, refusal = _own_booking(request, booking_id)
    if refusal:
        return refusal
    data = request.POST if request.method == "POST" else request.GET
    slot_id = _int(data.get("slot"))
    booking = view.booking
    times_again = partial(
        _times_page,
        request,
        service=booking.service,
        office=booking.office,
        day=_day(data.get("day")),
        booking=view,
    )
    if slot_id is None:
        return times_again(problem=_("Please pick a time."), status=400)
    if request.method == "POST":
        try:
            booking_reschedule(booking=booking, slot_id=slot_id, actor=request.user)
        except BookingRefused as exc:
            if not selectors.booking_of(_person, booking_id).changeable:
                return _not_changeable(request, booking_id)
            return times_again(problem=exc.message, status=409)
        messages.success(request, _("Your booking has been moved. Your check-in code is below."))
        return redirect("portal:appointment-detail", booking_id=booking_id)
    slot = selectors.slot_choice(slot_id=slot_id, service=booking.service)
    problem = _slot_problem(slot, office_id=booking.office_id)
    if problem:
        return times_again(problem=problem, status=409)
    return render(
        request,
        "portal/appointments/reschedule_confirm.html",
        {
            "b": view,
            "slot": slot,
            "back": reverse("portal:appointment-reschedule", args=[booking_id])
            + "?"
            + urlencode({"day": slot.slot.day}),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def cancel(request, booking_id: int):
    """Ask first; the POST cancels and gives the place back."""
    _person, view, refusal = _own_booking(request, booking_id)
    if refusal:
        return refusal
    if request.method == "POST":
        try:
            booking_cancel(booking=view.booking, actor=request.user)
        except BookingRefused:
            return _not_changeable(request, booking_id)
        messages.success(request, _("Your booking is cancelled. The time is free for others."))
        return redirect("portal:appointments")
    if not view.changeable:
        return _not_changeable(request, booking_id)
    return render(request, "portal/appointments/cancel.html", {"b": view})
