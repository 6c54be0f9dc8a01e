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


def pension_payments_made(award: PensionAward) -> tuple[int, object]:
    """(months paid, the last month's amount or None) of a pension award."""
    from .models import PensionPayment

    payments = PensionPayment.objects.filter(award=award)
    last = payments.order_by("-month").values_list("amount", flat=True).first()
    return payments.count(), last


# Benefit claims (待遇申领): eligibility and the pre-filled amounts, a read module like the
# estimate (claims.py), reached through this module.
from .claims import (  # noqa: E402
    Claim,
    Condition,
    claim_for,
    pension_claim,
    survivor_claim,
    survivor_relatives,
    unemployment_claim,
)

__all__ += [
    "Claim",
    "Condition",
    "claim_for",
    "pension_claim",
    "pension_payments_made",
    "survivor_claim",
    "survivor_relatives",
    "unemployment_claim",
]
