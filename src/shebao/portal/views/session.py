"""Keeping a session alive. Sessions end after 30 minutes without a request (SESSION_COOKIE_AGE,
renewed on every request); `static/portal/idle.js` warns 2 minutes before and, when the person
presses "Stay signed in", calls this endpoint, whose request renews the session."""

from __future__ import annotations

from django.conf import settings
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST


@never_cache
@require_POST
def keep_alive(request):
    # Not @login_required: a script needs a status, not a redirect to the sign-in page.
    if not request.user.is_authenticated:
        return JsonResponse({"signed_in": False}, status=401)
    return JsonResponse({"signed_in": True, "seconds_left": settings.SESSION_COOKIE_AGE})
