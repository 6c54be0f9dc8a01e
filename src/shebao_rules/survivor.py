"""Funeral grant (丧葬补助金), one-off survivor benefit (一次性抚恤金) and the inherited rest of
the personal account (个人账户余额继承) when an insured person or pensioner dies.

社会保险法第十七条 leaves the funeral grant and the survivor benefit to the provinces; Hebei's
rule (params/survivor.toml, level R, the province-wide average pension assumed):

- funeral grant = funeral months x the previous year's provincial average monthly pension of
  enterprise retirees (上年度全省企业退休人员月平均基本养老金); for a pensioner, funeral months x
  their own last monthly basic pension, and never less than the first figure;
- survivor benefit = one month of that average per year of contribution (a part year counts as
  a whole one), at most the maximum months;
- inherited account (社会保险法第十四条: 个人账户余额可以继承) = the personal account balance
  (at retirement, for a pensioner) less the account pension paid out of it, never below zero.

Every amount rounded half up to the fen.
"""

from __future__ import annotations

from decimal import Decimal

from . import inputs
from .errors import InputError
from .money import ZERO, to_fen, whole_years_up
from .params import Resolver, supplied
from .steps import Result, Steps, finish

RULE_VERSION = "survivor/2026.1"


def compute(
    region,
    death_month,
    contribution_months,
    *,
    monthly_pension=None,
    average_pension=None,
    account_balance=0,
    account_paid=0,
    allow_assumed: bool = False,
) -> Result:
    """The three amounts for a death in `death_month`. `monthly_pension` is the deceased's own
    last monthly basic pension (None: not a pensioner); `account_balance` the account balance
    (at retirement for a pensioner) and `account_paid` the account pension paid out of it."""
    death = inputs.month(death_month, "death_month")
    months = inputs.integer(contribution_months, "contribution_months")
    own = inputs.decimal(monthly_pension, "monthly_pension", optional=True)
    balance = inputs.decimal(account_balance, "account_balance")
    paid = inputs.decimal(account_paid, "account_paid")
    if not isinstance(region, str):
        raise InputError(
            'region must be a region name such as "hebei"',
            message_zh="region 须为地区名称，如 hebei",
            field="region",
        )
    resolver = Resolver(region, allow_assumed=allow_assumed)
    steps = Steps()

    year = death.year - 1
    if average_pension is not None:
        average_p = supplied("survivor.average_pension", average_pension, region, "average_pension")
    else:
        average_p = resolver.store.lookup(
            "survivor.average_pension",
            region,
            year,
            allow_assumed=allow_assumed,
            field="average_pension",
        )
    steps.add(
        f"previous year's ({year}) provincial average monthly pension of enterprise retirees",
        average_p.value,
        params=[average_p],
        unit="yuan/month",
    )

    funeral_p = resolver.get("survivor.funeral_months", death, field="death_month")
    floor = to_fen(average_p.value * funeral_p.value)
    if own is None:
        funeral = steps.add(
            "funeral grant = funeral months x average pension",
            floor,
            params=[funeral_p, average_p],
            formula="to_fen(months x average)",
        )
    else:
        by_own = to_fen(own * funeral_p.value)
        funeral = steps.add(
            "funeral grant of a pensioner = funeral months x own pension, at least months x "
            "average pension",
            max(by_own, floor),
            params=[funeral_p, average_p],
            formula="max(to_fen(months x own pension), to_fen(months x average))",
            inputs={"monthly_pension": own, "by_own_pension": by_own, "floor": floor},
        )

    per_year_p = resolver.get("survivor.benefit_months_per_year", death, field="death_month")
    max_p = resolver.get("survivor.benefit_max_months", death, field="death_month")
    years = whole_years_up(months)
    benefit_months = min(Decimal(years) * per_year_p.value, max_p.value)
    steps.add(
        f"survivor benefit months for {months} contribution months ({years} years, a part "
        "year counted whole)",
        benefit_months,
        params=[per_year_p, max_p],
        unit="months",
        formula="min(ceil(months / 12) x per year, maximum)",
    )
    benefit = steps.add(
        "one-off survivor benefit = months x average pension",
        to_fen(benefit_months * average_p.value),
        params=[average_p],
        formula="to_fen(months x average)",
    )

    inherited = steps.add(
        "inherited rest of the personal account = balance - account pension paid, not below 0",
        max(to_fen(balance - paid), ZERO),
        formula="max(to_fen(balance - paid), 0)",
        inputs={"account_balance": balance, "account_paid": paid},
    )

    values = {
        "death_month": death,
        "contribution_months": months,
        "contribution_years": years,
        "average_pension": average_p.value,
        "funeral_months": funeral_p.value,
        "funeral_grant": funeral,
        "benefit_months": benefit_months,
        "survivor_benefit": benefit,
        "inherited_account": inherited,
        "total": funeral + benefit + inherited,
    }
    return finish(RULE_VERSION, values, steps, resolver)
