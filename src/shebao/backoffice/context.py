"""Template context for back-office pages: what the signed-in staff member's role may do, so
the navigation shows only the sections they can open."""

from __future__ import annotations

from .access import CAN


def staff_can(request) -> dict:
    role = getattr(getattr(request, "user", None), "role", "")
    if not role or not request.path.startswith("/staff/"):
        return {}
    return {"staff_can": {action: role in roles for action, roles in CAN.items()}}
