"""Who may see a citizen page: a signed-in insured person, and only their own data."""

from __future__ import annotations

from django.shortcuts import render


def person_or_403(request):
    """(person, None) for an insured person's account, else (None, a 403 page)."""
    person = getattr(request.user, "person", None)
    if person is None:
        return None, render(request, "portal/no_person.html", status=403)
    return person, None
