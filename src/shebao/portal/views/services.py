"""The service hall (办事大厅) and each service's guide (办事指南); public, no sign-in needed."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse

from shebao.applications.catalogue import BY_CODE, SERVICES


def start_url(spec) -> str | None:
    """Where the service starts; None while a deployment has it switched off (not routed)."""
    try:
        return reverse(spec.url_name)
    except NoReverseMatch:
        return None


def catalogue(request):
    rows = [{"service": s, "start": start_url(s)} for s in SERVICES]
    return render(request, "portal/services/catalogue.html", {"rows": rows})


def service_guide(request, code: str):
    spec = BY_CODE.get(code)
    if spec is None:
        raise Http404
    return render(
        request, "portal/services/guide.html", {"service": spec, "start": start_url(spec)}
    )
