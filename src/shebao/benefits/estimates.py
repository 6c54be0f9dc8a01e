"""The pension and retirement estimate (养老金测算), filled in from the person's own records.

Nothing needs typing: the statutory retirement month comes from the 2025 rules, the
contribution time, average index and account balance from the records, and the future is
projected with assumptions the person can see and change (retirement month within the
flexible range, future contribution base, wage growth, account interest). Every assumption is
listed in plain words; the engine's steps name every parameter with its source.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from shebao.contributions.selectors import account_years, contribution_rows, deemed_months
from shebao.regions.selectors import policy_region
from shebao_rules import account as account_rules
from shebao_rules import pension as pension_rules
from shebao_rules import retirement as retirement_rules
from shebao_rules.errors import ParameterMissing, RulesError
from shebao_rules.months import Month
from shebao_rules.params import lookup

PENSION = "enterprise_pension"


class EstimateError(ValueError):
    """An assumption the person typed cannot be used; ``field`` names it."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True)
class Assumptions:
    retirement_month: dt.date | None = None  # None: the statutory month
    base_ratio: Decimal | None = None  # future base ÷ average wage; None: as in the last year
    wage_growth: Decimal = Decimal("0.03")  # a year, for years the data has no wage for
    interest_rate: Decimal = Decimal("0.02")  # a year, for years without an official rate


@dataclass
class Estimate:
    statutory_month: dt.date
    statutory_age: str
    earliest_month: dt.date
    latest_month: dt.date
    retirement_month: dt.date
    min_contribution_months: int
    paid_months: int
    deemed_months: int
    future_months: int
    average_index: Decimal
    account_balance: Decimal
    base_ratio: Decimal
    components: dict[str, Decimal]
    payout_months: str
    meets_minimum: bool
    rule_version: str
    steps: list[dict]
    assumptions: list[str] = field(default_factory=list)
    assumptions_used: Assumptions = field(default_factory=Assumptions)

    @property
    def total_months(self) -> int:
        return self.paid_months + self.deemed_months + self.future_months

    @property
    def months_to_go(self) -> int:
        return max(0, self.future_months)


def _date(m: Month) -> dt.date:
    return dt.date(m.year, m.month, 1)


def _next_month(month: dt.date) -> dt.date:
    return dt.date(month.year + (month.month == 12), month.month % 12 + 1, 1)


def _months_between(a: dt.date, b: dt.date) -> int:
    return (b.year - a.year) * 12 + b.month - a.month


def _fen(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _projected(name: str, region: str, year: int, growth: Decimal, notes: list[str]) -> Decimal:
    """The data's value of the year (assumed values allowed) or, past the data's last year,
    that last value grown by ``growth`` a year — noted as an assumption of this estimate."""
    try:
        return lookup(name, region, year, allow_assumed=True).value
    except ParameterMissing:
        for last in range(year - 1, 1979, -1):
            try:
                known = lookup(name, region, last, allow_assumed=True).value
            except ParameterMissing:
                continue
            note = f"{name}:{last}"
            if note not in notes:
                notes.append(note)
            return _fen(known * (1 + growth) ** (year - last))
        raise


def _average_wage(region: str, year: int, growth: Decimal, notes: list[str]) -> Decimal:
    return _projected("wage.average", region, year, growth, notes)


def pension_estimate(person, *, as_of: dt.date, assumptions: Assumptions | None = None) -> Estimate:
    """Estimate the monthly pension at retirement from the person's records and assumptions."""
    assumptions = assumptions or Assumptions()
    region = policy_region(person.office.region_code)
    birth = f"{person.birth_date:%Y-%m}"
    timing = retirement_rules.compute(birth, person.retirement_category).values
    statutory = _date(timing["statutory_month"])
    earliest, latest = _date(timing["earliest_month"]), _date(timing["latest_month"])
    chosen = (assumptions.retirement_month or statutory).replace(day=1)
    if not earliest <= chosen <= latest:
        raise EstimateError(
            "retirement_month",
            _(
                "Choose a month from %(first)s to %(last)s: the law lets you retire up to three "
                "years earlier or later than the statutory month."
            )
            % {"first": f"{earliest:%Y-%m}", "last": f"{latest:%Y-%m}"},
        )
    this_month = as_of.replace(day=1)
    if chosen < this_month:
        raise EstimateError("retirement_month", _("That month has already passed."))
    notes: list[str] = []

    rows = [
        r
        for r in contribution_rows(person)
        if r.insurance_type == PENSION and r.status == "paid" and r.month < chosen
    ]
    indices = [
        r.base
        / _average_wage(policy_region(r.region_code), r.month.year, assumptions.wage_growth, notes)
        for r in rows
    ]
    last_paid = max((r.month for r in rows), default=None)
    ratio = assumptions.base_ratio
    if ratio is None:
        # As in the last year paid (those bases already lie within that year's limits); with no
        # record at all, the lowest base one may choose this year (下限 ÷ 社平).
        recent = [
            i
            for r, i in zip(rows, indices, strict=True)
            if last_paid and r.month.year == last_paid.year
        ]
        if recent:
            ratio = sum(recent, Decimal(0)) / len(recent)
        else:
            lower = lookup("contribution.base_lower", region, as_of.year, allow_assumed=True)
            ratio = lower.value / _average_wage(region, as_of.year, assumptions.wage_growth, notes)
        ratio = ratio.quantize(Decimal("0.01"))
    start_future = max(this_month, (last_paid or this_month)).replace(day=1)
    if last_paid and last_paid >= this_month:
        start_future = dt.date(
            last_paid.year + (last_paid.month == 12), last_paid.month % 12 + 1, 1
        )
    future = []
    month = start_future
    while month < chosen:
        future.append(month)
        month = _next_month(month)
    indices += [ratio] * len(future)
    average_index = (
        (sum(indices, Decimal(0)) / len(indices)).quantize(Decimal("0.0001"))
        if indices
        else Decimal("0")
    )

    balance = _account_at(person, region, future, ratio, chosen, assumptions, notes)
    deemed = deemed_months(person)
    pension_inputs = {
        "average_index": average_index,
        "contribution_months": len(rows) + len(future) + deemed,
        "deemed_years": (Decimal(deemed) / 12).quantize(Decimal("0.01")),
        "pre_account_paid_years": "0",
        "account_balance": balance,
        "allow_assumed": True,
    }
    try:
        result = pension_rules.compute(region, birth, f"{chosen:%Y-%m}", **pension_inputs)
    except ParameterMissing as missing:
        if missing.extra.get("parameter") != "pension.base":
            raise
        base = _projected("pension.base", region, chosen.year, assumptions.wage_growth, notes)
        result = pension_rules.compute(
            region, birth, f"{chosen:%Y-%m}", base=base, **pension_inputs
        )
    values = result.values
    return Estimate(
        statutory_month=statutory,
        statutory_age=timing["statutory_age_zh"],
        earliest_month=earliest,
        latest_month=latest,
        retirement_month=chosen,
        min_contribution_months=int(values["min_contribution_months"]),
        paid_months=len(rows),
        deemed_months=deemed,
        future_months=len(future),
        average_index=average_index,
        account_balance=balance,
        base_ratio=ratio,
        components={
            k: Decimal(str(values[k]))
            for k in ("basic", "account", "transitional", "extra", "total")
        },
        payout_months=str(values["payout_months"]),
        meets_minimum=str(values["meets_min_contribution"]) == "True",
        rule_version=result.rule_version,
        steps=result.steps,
        assumptions=sorted(set(result.assumed) | set(notes)),
        assumptions_used=assumptions,
    )


def _account_at(person, region, future, ratio, chosen, assumptions, notes) -> Decimal:
    """Personal account balance at retirement: the last closed year, then this year's and the
    projected credits with the official rate where published (or assumed in the data), else
    the person's assumed rate."""
    closed = account_years(person)
    opening = closed[-1].closing if closed else Decimal("0")
    first_year = (closed[-1].year + 1) if closed else (future[0].year if future else chosen.year)
    credits: dict[int, dict[str, Decimal]] = {}
    for r in contribution_rows(person):
        if (
            r.insurance_type == PENSION
            and r.status == "paid"
            and r.month.year >= first_year
            and r.month < chosen
            and r.region_code[:2] == person.office.region_code[:2]
        ):
            credits.setdefault(r.month.year, {})[str(r.month.month)] = _credit(
                region, r.month, r.base
            )
    for m in future:
        base = _fen(_average_wage(region, m.year, assumptions.wage_growth, notes) * ratio)
        credits.setdefault(m.year, {})[str(m.month)] = _credit(region, m, base)
    years = []
    for year in range(first_year, chosen.year + 1):
        entry = {"year": year, "credits": credits.get(year, {})}
        try:
            lookup("pension.account_interest_rate", "national", year, allow_assumed=True)
        except RulesError:
            entry["rate"] = assumptions.interest_rate
            if "interest" not in notes:
                notes.append("interest")
        years.append(entry)
    if not years:
        return _fen(opening)
    return account_rules.compute(opening, years, allow_assumed=True).values["closing"]


def _credit(region: str, month: dt.date, base: Decimal) -> Decimal:
    share = lookup("pension.account_rate", region, f"{month:%Y-%m}", allow_assumed=True).value
    return _fen(base * share)


@dataclass(frozen=True)
class RetirementTiming:
    statutory_month: dt.date
    statutory_age: str
    months_to_go: int
    earliest_month: dt.date  # flexible early retirement (弹性提前), at most 3 years
    latest_month: dt.date  # flexible late retirement (弹性延迟), at most 3 years


def retirement_timing(person, *, as_of: dt.date) -> RetirementTiming:
    """When this person reaches statutory retirement under the 2025 rules, and the range."""
    values = retirement_rules.compute(
        f"{person.birth_date:%Y-%m}", person.retirement_category
    ).values
    month = _date(values["statutory_month"])
    return RetirementTiming(
        month,
        values["statutory_age_zh"],
        _months_between(as_of.replace(day=1), month),
        _date(values["earliest_month"]),
        _date(values["latest_month"]),
    )
