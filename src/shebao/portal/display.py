"""How pages are shown to this person: elder mode (长辈版) on or off.

An account remembers its choice; the device remembers it too (a cookie), so the sign-in page
is already large for someone who chose it before.
"""

from __future__ import annotations

ELDER_COOKIE = "shebao_elder"


def elder_mode_on(request) -> bool:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return bool(user.elder_mode)
    return request.COOKIES.get(ELDER_COOKIE) == "1"


def display(request) -> dict:
    """Template context processor."""
    return {"elder": elder_mode_on(request)}
