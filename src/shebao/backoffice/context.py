"""Template context for back-office pages: what the signed-in staff member's role may do, so
the navigation shows only the sections they can open, and, for those who read the security
dashboard, how many of its alerts are unread (the notification on every staff page)."""

from __future__ import annotations

from shebao.security.selectors import unread_alert_count

from .access import CAN


def staff_can(request) -> dict:
    role = getattr(getattr(request, "user", None), "role", "")
    if not role or not request.path.startswith("/staff/"):
        return {}
    can = {action: role in roles for action, roles in CAN.items()}
    context: dict = {"staff_can": can}
    if can.get("audit"):
        context["security_unread"] = unread_alert_count(request.user)
    return context
