"""Reads for pensions."""

from __future__ import annotations

from .models import PensionAward


def pension_for(person) -> PensionAward | None:
    return PensionAward.objects.filter(person=person).first()


# The pension estimate is a read over the person's records and the policy engine; its
# arithmetic lives in estimates.py and is reached through this module like every read.
from .estimates import (  # noqa: E402
    Assumptions,
    Estimate,
    EstimateError,
    RetirementTiming,
    pension_estimate,
    retirement_timing,
)

__all__ = [
    "Assumptions",
    "Estimate",
    "EstimateError",
    "RetirementTiming",
    "pension_estimate",
    "pension_for",
    "retirement_timing",
]
