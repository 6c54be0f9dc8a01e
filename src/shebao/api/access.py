"""Who may call an insured person's operations: a signed-in account of an insured person
(参保人), and only for that person's own data."""

from __future__ import annotations

from django.http import HttpRequest
from ninja.responses import Status

NOT_A_PERSON = "not an insured person's account"


def person_or_403(request: HttpRequest, **extra):
    """(person, None) for an insured person's account, else (None, a 403 answer).

    ``extra`` adds fields to the 403 body, for routers whose error schema has more than
    ``detail`` (appointments: ``reason="no_person"``).
    """
    person = getattr(request.user, "person", None)
    if person is None:
        return None, Status(403, {"detail": NOT_A_PERSON, **extra})
    return person, None
