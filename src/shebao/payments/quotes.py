"""What a flexible worker (灵活就业人员) owes and may choose, computed by the rules engine.

A read module (no writes): the months due from the records, the bases the person may choose
(`contribution.flexible_base_ratios` within `contribution.flexible_base_range`, both from the
rule data), and for each choice the exact amount of each month (`shebao_rules.contribution`,
to the fen). The late-payment charge (滞纳金) is looked up in the rule data too; the data holds
none for flexible workers, so none is charged and none is invented here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from shebao.contributions.selectors import arrears_payable_by_person, flexible_last_paid
from shebao.contributions.services import MonthPayment
from shebao.regions.selectors import policy_region
from shebao.standards.dictionary import InsuranceType
from shebao_rules import contribution
from shebao_rules.errors import AssumedNotAllowed, ParameterChangesWithinYear, ParameterMissing
from shebao_rules.months import Month
from shebao_rules.params import lookup

ZERO = Decimal("0.00")

# Insurance line of the engine -> insurance type of the data dictionary.
LINE_TYPES = {
    "pension": InsuranceType.ENTERPRISE_PENSION,
    "medical": InsuranceType.MEDICAL,
    "unemployment": InsuranceType.UNEMPLOYMENT,
    "work_injury": InsuranceType.WORK_INJURY,
}
TYPE_LINES = {v: k for k, v in LINE_TYPES.items()}

# The parameter that would hold a late-payment charge for flexible workers, were there one.
LATE_CHARGE_PARAM = "contribution.late_charge_rate.flexible"


class NothingToPay(Exception):
    """No month is due that the person pays themselves."""


@dataclass(frozen=True)
class Due:
    insurance_type: str
    month: dt.date
    region_code: str
    recorded_amount: Decimal  # what the record says is due at the base on file

    @property
    def label(self) -> str:
        return InsuranceType(self.insurance_type).label


@dataclass(frozen=True)
class Choice:
    ratio: Decimal
    percent: int
    lines: tuple[MonthPayment, ...]

    @property
    def total(self) -> Decimal:
        return sum((m.individual_amount for m in self.lines), ZERO)

    @property
    def bases(self) -> list[Decimal]:
        return sorted({m.base for m in self.lines})

    @property
    def monthly(self) -> list[Decimal]:
        return sorted({m.individual_amount for m in self.lines})


@dataclass(frozen=True)
class Options:
    dues: tuple[Due, ...]
    choices: tuple[Choice, ...]
    default_ratio: Decimal
    lowest: Decimal  # the range a flexible worker may choose in, as a share of the average wage
    highest: Decimal
    late_charge: object | None  # the rule's parameter, or None: no late charge applies
    sources: dict = field(default_factory=dict)

    @property
    def months(self) -> list[dt.date]:
        return sorted({d.month for d in self.dues})

    @property
    def lowest_percent(self) -> int:
        return percent(self.lowest)

    @property
    def highest_percent(self) -> int:
        return percent(self.highest)

    @property
    def recorded_total(self) -> Decimal:
        return sum((d.recorded_amount for d in self.dues), ZERO)

    def choice(self, ratio: Decimal) -> Choice | None:
        return next((c for c in self.choices if c.ratio == ratio), None)


def percent(ratio: Decimal) -> int:
    return int((ratio * 100).to_integral_value())


def _compute(region: str, month: dt.date, ratio: Decimal):
    """One month at one ratio; a year whose rates change within it is computed by month."""
    try:
        return contribution.compute(region, month.year, "flexible", base_ratio=ratio)
    except ParameterChangesWithinYear:
        return contribution.compute(
            region, month.year, "flexible", base_ratio=ratio, month=month.month
        )


def month_payments(dues, ratio: Decimal) -> tuple[MonthPayment, ...]:
    """The amount of each month due at the chosen ratio, each line from the rules engine."""
    out = []
    for due in dues:
        result = _compute(policy_region(due.region_code), due.month, ratio)
        line = TYPE_LINES[due.insurance_type]
        amounts = result.values["lines"][line]
        out.append(
            MonthPayment(
                insurance_type=due.insurance_type,
                month=due.month,
                base=result.values["base"],
                individual_amount=amounts["individual"],
                account_credit=result.values["account_credit"] if line == "pension" else ZERO,
                rule_version=result.rule_version,
            )
        )
    return tuple(out)


def base_choices(region: str, month: dt.date) -> tuple[list[Decimal], Decimal, Decimal, dict]:
    """The ratios offered, the lowest and highest allowed, and the sources of both."""
    on = Month(month.year, month.month)
    allowed = lookup("contribution.flexible_base_range", region, on)
    offered = lookup("contribution.flexible_base_ratios", region, on, allow_assumed=True)
    lowest, highest = allowed.value
    ratios = [r for r in offered.value if lowest <= r <= highest]
    return ratios, lowest, highest, {"range": allowed, "choices": offered}


def late_charge_rule(region: str, month: dt.date):
    """The rule data's late-payment charge for flexible workers in that month, or None."""
    try:
        return lookup(LATE_CHARGE_PARAM, region, Month(month.year, month.month))
    except (ParameterMissing, AssumedNotAllowed):
        return None


def _default_ratio(person, dues, ratios: list[Decimal]) -> Decimal:
    """The choice matching the base the person paid on last time, else the lowest."""
    last = flexible_last_paid(person, insurance_type=dues[0].insurance_type)
    if last is None:
        return ratios[0]
    month, base = last
    region = policy_region(dues[0].region_code)
    by_distance = sorted(
        ratios, key=lambda r: (abs(_compute(region, month, r).values["base"] - base), r)
    )
    return by_distance[0]


def payment_options(person, *, months: list[dt.date] | None = None) -> Options:
    """Everything the pay page and the API offer: months due, choices with their amounts (for
    ``months``, default all due), the pre-selected choice and the late charge (none)."""
    records = arrears_payable_by_person(person)
    if not records:
        raise NothingToPay()
    dues = tuple(
        Due(r.insurance_type, r.month, r.region_code, r.individual_amount) for r in records
    )
    chosen = [d for d in dues if months is None or d.month in months] or list(dues)
    latest = dues[-1]
    region = policy_region(latest.region_code)
    ratios, lowest, highest, sources = base_choices(region, latest.month)
    charges = [late_charge_rule(policy_region(d.region_code), d.month) for d in dues]
    late = next((c for c in charges if c is not None), None)
    if late is not None:
        # The data would hold a rule this code does not yet apply: refuse rather than undercharge.
        raise NotImplementedError(f"{LATE_CHARGE_PARAM} is in the rule data but not applied")
    return Options(
        dues=dues,
        choices=tuple(Choice(r, percent(r), month_payments(chosen, r)) for r in ratios),
        default_ratio=_default_ratio(person, dues, ratios),
        lowest=lowest,
        highest=highest,
        late_charge=None,
        sources=sources,
    )
