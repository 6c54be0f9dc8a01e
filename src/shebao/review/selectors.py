"""Reads of the automated review."""

from __future__ import annotations

from .models import Assessment


def assessment_for(application) -> Assessment | None:
    return Assessment.objects.filter(application=application).first()
