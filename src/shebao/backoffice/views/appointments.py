"""Today's counter appointments (今日预约, /staff/appointments/): the office's bookings of the day
by time and counter, names masked, and checking a person in (签到) by the four-digit code they
read out. The code is checked by `appointments.services.booking_check_in` (one write path, the
same as a kiosk's), recorded in the ledger with the staff member as actor."""

from __future__ import annotations

import re

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from shebao.appointments.selectors import bookings_of_the_day
from shebao.appointments.services import BookingRefused, booking_check_in
from shebao.pii.masking import mask_name

from ..access import staff_required

CODE = re.compile(r"[0-9]{4}")


@require_http_methods(["GET", "POST"])
@staff_required("check_in")
def appointments_today(request):
    office = request.user.office
    code = (request.POST.get("code") or "").strip() if request.method == "POST" else ""
    error = ""
    if request.method == "POST":
        if not CODE.fullmatch(code):
            error = _("Enter the four-digit check-in code the person reads out.")
        else:
            now = timezone.now()
            try:
                booking = booking_check_in(office=office, code=code, actor=request.user, now=now)
            except BookingRefused as exc:
                error = str(exc.message)
            else:
                again = booking.checked_in_at != now  # checked in before: nothing changed
                messages.success(request, _checked_in_message(booking, again=again))
                return redirect("backoffice:appointments")
    today = timezone.localdate()
    context = {
        "day": today,
        "rows": bookings_of_the_day(office=office, day=today) if office else [],
        "code": code,
        "error": error,
    }
    return render(request, "backoffice/appointments.html", context, status=400 if error else 200)


def _checked_in_message(booking, *, again: bool) -> str:
    facts = {
        "name": mask_name(booking.person.name),
        "start": booking.slot.start.strftime("%H:%M"),
        "counter": booking.slot.counter.name,
        "at": timezone.localtime(booking.checked_in_at).strftime("%H:%M"),
    }
    if again:
        return _("Already checked in at %(at)s: %(name)s, %(start)s, %(counter)s.") % facts
    return _("Checked in: %(name)s, %(start)s, %(counter)s.") % facts
