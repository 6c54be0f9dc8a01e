"""Refuse requests carrying a NUL character (U+0000) anywhere: in the path, the query, a form
field or a JSON string.

No text in this service may hold one, and PostgreSQL cannot store one in a text column: an ID
number, reference or idempotency key with ``%00`` or ``\\u0000`` in it would otherwise reach the
database and fail there as a server error (schemathesis found this through
``POST /api/applications/changes/address``). Django's form fields already refuse NUL; this guard
covers what views and API handlers read without a form, in one place, before any of them runs.
The answer is 400: JSON ``{"detail": ...}`` under ``/api/``, the plain error page elsewhere.
"""

from __future__ import annotations

from django.http import JsonResponse
from django.utils.translation import gettext as _

NUL = "\x00"
_JSON_NUL = b"\\u0000"
_FORMS = ("application/x-www-form-urlencoded", "multipart/form-data")


def carries_nul(request) -> bool:
    if NUL in request.path:
        return True
    if any(NUL in key or NUL in value for key, values in request.GET.lists() for value in values):
        return True
    content_type = request.content_type or ""
    if request.method in {"POST", "PUT", "PATCH"}:
        if content_type in _FORMS:
            return any(
                NUL in key or NUL in value
                for key, values in request.POST.lists()
                for value in values
                if isinstance(value, str)
            )
        if content_type == "application/json":
            body = request.body
            return b"\x00" in body or _JSON_NUL in body.lower()
    return False


class NulCharacterGuardMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        if carries_nul(request):
            return refused(request)
        return self.get_response(request)


def refused(request):
    if request.path.startswith("/api/"):
        message = _("The request contains a character that is not allowed (U+0000).")
        return JsonResponse({"detail": message}, status=400)
    from .views import bad_request

    return bad_request(request)
