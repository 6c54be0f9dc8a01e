"""Who may do what in the back office (经办后台).

Every staff page needs a signed-in staff member whose second factor (TOTP) was verified in this
session; anyone else is sent to the staff sign-in (a signed-in citizen gets "not found": the
back office does not exist for them). What each role may do is the table `CAN`; where a case
lives is checked by `applications.selectors.case_in_reach` (outside one's reach: not found).
"""

from __future__ import annotations

from functools import wraps

from django.http import Http404
from django.shortcuts import redirect, render

CLERK, REVIEWER, SUPERVISOR, AUDITOR, ADMIN = "clerk", "reviewer", "supervisor", "auditor", "admin"
EVERYONE = frozenset({CLERK, REVIEWER, SUPERVISOR, AUDITOR, ADMIN})

CAN: dict[str, frozenset[str]] = {
    "view": EVERYONE,
    "claim": frozenset({CLERK, REVIEWER, SUPERVISOR}),
    "assign": frozenset({SUPERVISOR, ADMIN}),
    "return": frozenset({CLERK, REVIEWER, SUPERVISOR}),
    "decide": frozenset({REVIEWER, SUPERVISOR}),
    "check": frozenset({REVIEWER, SUPERVISOR}),
    "complete": frozenset({CLERK, REVIEWER, SUPERVISOR}),
    "reveal": frozenset({CLERK, REVIEWER, SUPERVISOR, AUDITOR}),
    "audit": frozenset({AUDITOR, SUPERVISOR, ADMIN}),
    "figures": frozenset({SUPERVISOR, AUDITOR, ADMIN}),
    "holidays": frozenset({SUPERVISOR, ADMIN}),
    # The day's counter appointments and checking people in by their code (签到).
    "check_in": frozenset({CLERK, SUPERVISOR, ADMIN}),
}


def can(user, action: str) -> bool:
    return getattr(user, "role", "") in CAN[action]


def is_staff_session(request) -> bool:
    user = request.user
    return (
        user.is_authenticated
        and getattr(user, "kind", "") == "staff"
        and user.is_active
        and user.is_verified()
    )


def staff_required(action: str = "view"):
    """The view runs for verified staff allowed `action`; others get sign-in, 404 or 403."""

    def decorate(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            user = request.user
            if user.is_authenticated and getattr(user, "kind", "") != "staff":
                raise Http404  # citizens never reach the back office
            if not is_staff_session(request):
                return redirect("backoffice:sign-in")
            if not can(user, action):
                return render(request, "backoffice/forbidden.html", status=403)
            return view(request, *args, **kwargs)

        return wrapped

    return decorate
