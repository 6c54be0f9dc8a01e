"""Unemployment benefit (失业保险金), reference §6 and 办法第七条 (§2.1).

Longest period by contribution time (条例第十七条): under 12 months not eligible;
12–59 -> 12 months; 60–119 -> 18; 120 or more -> 24.
Extension (办法第七条, from 2025): if in some month of that period the person is less
than a year from the statutory retirement month R — the period's last month is R − 11
or later — benefit runs to the month before R; it never runs past it.
Amount: minimum wage x the local ratio, not below the subsistence standard and not
above the minimum wage (条例第十八条; 社会保险法第四十七条), to the fen.
"""

from __future__ import annotations

from . import inputs
from . import retirement as _retirement
from .errors import InputError
from .money import ZERO, to_fen
from .params import Resolver, supplied
from .steps import Result, Steps, finish

RULE_VERSION = "unemployment/2025.1"


def compute(
    birth,
    category,
    contribution_months,
    first_month,
    *,
    minimum_wage=None,
    subsistence=None,
    ratio=None,
    region=None,
    allow_assumed: bool = False,
) -> Result:
    """Entitled period and monthly amount. minimum_wage, subsistence and ratio come from the
    input, or from the data of `region` (e.g. "xinji") for the first month."""
    birth = inputs.month(birth, "birth")
    category = inputs.choice(category, "category", _retirement.CATEGORIES)
    paid = inputs.integer(contribution_months, "contribution_months")
    first = inputs.month(first_month, "first_month")
    if region is not None and not isinstance(region, str):
        raise InputError('region must be a region name such as "xinji"', field="region")
    resolver = Resolver(region, allow_assumed=allow_assumed)
    steps = Steps()

    table_p = resolver.get("unemployment.period_table", first)
    base_months = 0
    for min_paid, months in table_p.value:
        if paid >= int(min_paid):
            base_months = int(months)
    steps.add(
        f"longest period for {paid} contribution months",
        base_months,
        params=[table_p],
        unit="months",
        formula="<12: 0; 12–59: 12; 60–119: 18; >=120: 24",
    )

    ret_steps = Steps()
    r_age = _retirement.statutory_age_months(birth, category, resolver, ret_steps)
    steps.extend(ret_steps)
    r_month = birth.plus(r_age)
    steps.add("statutory retirement month R", r_month)

    not_eligible = {
        "eligible": False,
        "months": 0,
        "first_month": first,
        "last_month": None,
        "monthly_amount": ZERO,
        "statutory_retirement_month": r_month,
        "extended": False,
    }
    if base_months == 0:
        steps.add("not eligible: fewer than 12 months of contribution", False, params=[table_p])
        return finish(
            RULE_VERSION,
            {**not_eligible, "reason": "contribution under 12 months"},
            steps,
            resolver,
        )
    if first >= r_month:
        steps.add("not eligible: the statutory retirement month has been reached", False)
        return finish(
            RULE_VERSION,
            {**not_eligible, "reason": "statutory retirement month reached"},
            steps,
            resolver,
        )

    last = first.plus(base_months - 1)
    extend_p = resolver.get("unemployment.extend_to_retirement", last)
    extended = False
    if extend_p.value and last >= r_month.plus(-11):
        last, extended = r_month.plus(-1), True
        steps.add(
            "within a year of R during the period: benefit runs to the month before R",
            last,
            params=[extend_p],
            formula="last = R - 1 when last >= R - 11",
        )
    elif last >= r_month:
        last = r_month.plus(-1)
        steps.add("benefit never runs past the month before R", last, params=[extend_p])
    else:
        steps.add("last month of the period", last, params=[extend_p])
    months = last.minus(first) + 1

    def value(given, name, field):
        if given is not None:
            return supplied(name, given, region or "national", field)
        if region is None:
            raise InputError(
                f"missing field: {field} (or give region to take it from the data)",
                message_zh=f"缺少字段：{field}（或提供 region 以使用规则数据）",
                field=field,
            )
        return resolver.get(name, first, field=field)

    wage_p = value(minimum_wage, "unemployment.minimum_wage", "minimum_wage")
    floor_p = value(subsistence, "unemployment.subsistence", "subsistence")
    ratio_p = value(ratio, "unemployment.ratio", "ratio")
    raw = wage_p.value * ratio_p.value
    amount = to_fen(min(max(raw, floor_p.value), wage_p.value))
    steps.add(
        "monthly benefit = minimum wage x ratio, within [subsistence, minimum wage]",
        amount,
        params=[wage_p, ratio_p, floor_p],
        formula="to_fen(min(max(minimum wage x ratio, subsistence), minimum wage))",
    )

    values = {
        "eligible": True,
        "months": months,
        "base_months": base_months,
        "first_month": first,
        "last_month": last,
        "extended": extended,
        "statutory_retirement_month": r_month,
        "monthly_amount": amount,
    }
    return finish(RULE_VERSION, values, steps, resolver)
