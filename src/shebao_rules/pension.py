"""Monthly basic pension of an enterprise employee (企业职工基本养老金), reference §1.

    total = basic + personal account + transitional + regional extra
every component rounded half up to the fen, the total the sum of the rounded parts.

- basic (基础养老金) = (pension base + indexed wage) / 2 x contribution years x 1%
  (Jilin: the city/county base in place of the first pension base — 双基数);
  indexed wage (指数化月平均缴费工资) = pension base x average index, rounded to the fen;
  contribution years (缴费年限, deemed + paid) rounded to 0.01 year first.
- personal account (个人账户养老金) = account balance / payout months (计发月数), the
  months from the national table at the age at retirement; from 2025-01 ages with
  months are interpolated linearly, rounded half up to one decimal (60岁1个月 -> 138.4).
- transitional (过渡性养老金) and extra (加发) follow the region's own formula: one small
  function per region in FORMULAS below (the provinces differ, reference §1.3, §11.5).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from . import inputs
from .errors import InputError
from .money import ZERO, months_1dp, to_fen, years_2dp
from .months import Month, age_text
from .params import Param, Resolver, supplied
from .steps import Result, Steps, finish

RULE_VERSION = "pension/2025.1"


@dataclass(frozen=True)
class Case:
    """The validated inputs of one pension calculation."""

    region: str
    retirement_month: Month
    base: Param  # 计发基数 (Jilin: the provincial one)
    city_base: Param | None  # Jilin only: 市县计发基数
    indexed_wage: Decimal  # 本人指数化月平均缴费工资
    years: Decimal  # 缴费年限 (deemed + paid), 0.01 year
    deemed_years: Decimal  # 视同缴费年限
    pre_account_paid_years: Decimal  # paid years before the region's accounts began
    years_1992_10_to_1998_06: Decimal  # Beijing N实98
    actual_index: Decimal | None  # Beijing Z实
    policy_early_retirement: bool


# -- payout months ---------------------------------------------------------------------------


def payout_months(
    birth: Month, retirement_month: Month, resolver: Resolver, steps: Steps
) -> Decimal:
    """计发月数 at the age at retirement (whole years before 2025-01, interpolated after)."""
    age = retirement_month.minus(birth)
    years, months = divmod(age, 12)
    table = resolver.get("pension.payout_months_table", retirement_month, field="retirement_month")
    rule = resolver.get("pension.payout_months_rule", retirement_month, field="retirement_month")
    lo_key, hi_key = str(years), str(years + 1)
    if lo_key not in table.value or (
        months and rule.value == "linear_1dp" and hi_key not in table.value
    ):
        raise InputError(
            f"age at retirement {age_text(age)['en']} is outside the payout-months table "
            f"({min(table.value, key=int)}–{max(table.value, key=int)} years)",
            message_zh=f"退休年龄 {age_text(age)['zh']} 超出计发月数表范围",
            field="retirement_month",
        )
    lo = table.pick(lo_key)
    if months == 0 or rule.value == "whole_years":
        value = Decimal(lo.value)
        return steps.add(
            f"payout months at age {age_text(age)['en']} ({rule.value})",
            value,
            params=[lo, rule],
            unit="months",
        )
    hi = table.pick(hi_key)
    value = months_1dp(Decimal(lo.value) - (Decimal(lo.value) - Decimal(hi.value)) * months / 12)
    return steps.add(
        f"payout months at age {age_text(age)['en']}, interpolated",
        value,
        params=[lo, hi, rule],
        unit="months",
        formula=f"round_half_up_1dp(T[{years}] - (T[{years}] - T[{years + 1}]) x {months} / 12)",
    )


# -- components ------------------------------------------------------------------------------


def _basic(
    first_base: Decimal, case: Case, resolver: Resolver, steps: Steps, params: list[Param]
) -> Decimal:
    rate = resolver.get("pension.basic_rate_per_year", case.retirement_month)
    value = to_fen((first_base + case.indexed_wage) / 2 * case.years * rate.value)
    return steps.add(
        "basic pension (基础养老金)",
        value,
        params=[*params, rate],
        formula="to_fen((base + indexed wage) / 2 x years x 1%)",
        inputs={"base": first_base, "indexed_wage": case.indexed_wage, "years": case.years},
    )


def basic_provincial(case: Case, resolver: Resolver, steps: Steps) -> Decimal:
    return _basic(case.base.value, case, resolver, steps, [case.base])


def basic_jilin(case: Case, resolver: Resolver, steps: Steps) -> Decimal:
    """Jilin (Changchun): the city/county base takes the place of the first base."""
    return _basic(case.city_base.value, case, resolver, steps, [case.city_base, case.base])


def transitional_hebei(case: Case, resolver: Resolver, steps: Steps) -> Decimal:
    rate = resolver.get("pension.transitional_rate", case.retirement_month)
    years = case.deemed_years + case.pre_account_paid_years
    value = to_fen(case.indexed_wage * years * rate.value)
    return steps.add(
        "transitional pension, Hebei (过渡性养老金)",
        value,
        params=[rate],
        formula="to_fen(indexed wage x (deemed years + paid years before 1996-01) x 1.3%)",
        inputs={"indexed_wage": case.indexed_wage, "years": years},
    )


def transitional_sichuan(case: Case, resolver: Resolver, steps: Steps) -> Decimal:
    rate = resolver.get("pension.transitional_rate", case.retirement_month)
    years = case.deemed_years + case.pre_account_paid_years
    value = to_fen((case.base.value + case.indexed_wage) / 2 * years * rate.value)
    return steps.add(
        "transitional pension, Sichuan (过渡性养老金)",
        value,
        params=[rate, case.base],
        formula="to_fen((base + indexed wage) / 2 x (deemed + paid years before 1996-01) x 1.3%)",
        inputs={"indexed_wage": case.indexed_wage, "years": years},
    )


def transitional_jilin(case: Case, resolver: Resolver, steps: Steps) -> Decimal:
    paid = case.years - case.deemed_years
    limit = resolver.get("pension.transitional_short_max_paid_years", case.retirement_month)
    name = "pension.transitional_rate_short" if paid <= limit.value else "pension.transitional_rate"
    rate = resolver.get(name, case.retirement_month)
    value = to_fen(case.indexed_wage * case.deemed_years * rate.value)
    return steps.add(
        "transitional pension, Jilin (过渡性养老金)",
        value,
        params=[rate, limit, case.base],
        formula="to_fen(provincial base x index x deemed years x rate); 1.2% if paid years <= 20",
        inputs={
            "indexed_wage": case.indexed_wage,
            "deemed_years": case.deemed_years,
            "paid_years": paid,
        },
    )


def transitional_beijing(case: Case, resolver: Resolver, steps: Steps) -> Decimal:
    rate = resolver.get("pension.transitional_rate", case.retirement_month)
    if case.years_1992_10_to_1998_06 > 0 and case.actual_index is None:
        raise InputError(
            "Beijing needs actual_index (Z实) when years_1992_10_to_1998_06 is above 0",
            message_zh="北京须提供实际缴费工资指数 actual_index（Z实）",
            field="actual_index",
        )
    z = case.actual_index or ZERO
    c = case.base.value
    value = to_fen(
        c * case.deemed_years * rate.value + c * z * case.years_1992_10_to_1998_06 * rate.value
    )
    return steps.add(
        "transitional pension, Beijing (过渡性养老金)",
        value,
        params=[rate, case.base],
        formula="to_fen(C x N同 x 1% + C x Z实 x N实98 x 1%)",
        inputs={"N同": case.deemed_years, "Z实": z, "N实98": case.years_1992_10_to_1998_06},
    )


def extra_none(case: Case, resolver: Resolver, steps: Steps) -> Decimal:
    return steps.add(f"no monthly regional extra in {case.region}", ZERO)


def extra_sichuan(case: Case, resolver: Resolver, steps: Steps) -> Decimal:
    name = (
        "pension.extra_rate_policy_early" if case.policy_early_retirement else "pension.extra_rate"
    )
    rate = resolver.get(name, case.retirement_month)
    value = to_fen(case.indexed_wage * rate.value * case.years)
    return steps.add(
        "Sichuan extra pension (增发养老金)",
        value,
        params=[rate],
        formula="to_fen(indexed wage x rate x years)",
        inputs={
            "indexed_wage": case.indexed_wage,
            "years": case.years,
            "policy_early_retirement": case.policy_early_retirement,
        },
    )


@dataclass(frozen=True)
class RegionFormula:
    basic: Callable[[Case, Resolver, Steps], Decimal]
    transitional: Callable[[Case, Resolver, Steps], Decimal]
    extra: Callable[[Case, Resolver, Steps], Decimal]


FORMULAS: dict[str, RegionFormula] = {
    "hebei": RegionFormula(basic_provincial, transitional_hebei, extra_none),
    "sichuan": RegionFormula(basic_provincial, transitional_sichuan, extra_sichuan),
    "jilin": RegionFormula(basic_jilin, transitional_jilin, extra_none),
    "beijing": RegionFormula(basic_provincial, transitional_beijing, extra_none),
}


# -- the calculation -------------------------------------------------------------------------


def _contribution_years(years, months) -> Decimal:
    """Contribution years from years or months, rounded half up to 0.01 year first."""
    if years is not None and months is not None:
        raise InputError(
            "give contribution_years or contribution_months, not both",
            field="contribution_years",
            message_zh="contribution_years 与 contribution_months 只能提供其一",
        )
    if months is not None:
        return years_2dp(Decimal(inputs.integer(months, "contribution_months")) / 12)
    return years_2dp(inputs.decimal(years, "contribution_years"))


def _part_years(value, field: str) -> Decimal:
    """An optional part of the contribution years (deemed, before accounts, ...), 0.01 year."""
    return ZERO if value is None else years_2dp(inputs.decimal(value, field))


def compute(
    region,
    birth,
    retirement_month,
    *,
    base=None,
    city_base=None,
    average_index=None,
    indexed_wage=None,
    contribution_years=None,
    contribution_months=None,
    deemed_years=None,
    pre_account_paid_years=None,
    years_1992_10_to_1998_06=None,
    actual_index=None,
    account_balance=0,
    policy_early_retirement=False,
    allow_assumed: bool = False,
    params: dict | None = None,
) -> Result:
    """Monthly pension at retirement. `base` (计发基数) defaults to the data's value for the
    region and year of retirement; give `average_index` or `indexed_wage`; give
    `contribution_years` (rounded to 0.01) or `contribution_months`."""
    region = inputs.choice(region, "region", tuple(FORMULAS))
    birth = inputs.month(birth, "birth")
    retirement_month = inputs.month(retirement_month, "retirement_month")
    if retirement_month <= birth:
        raise InputError(
            "retirement_month must be after birth",
            field="retirement_month",
            message_zh="退休年月须晚于出生年月",
        )
    resolver = Resolver(
        region,
        allow_assumed=allow_assumed,
        overrides=inputs.mapping(params, "params", optional=True),
    )
    steps = Steps()

    def base_param(value, name, field):
        if value is not None:
            return supplied(name, inputs.decimal(value, field), region, field)
        return resolver.get(name, retirement_month, field=field)

    base_p = base_param(base, "pension.base", "base")
    steps.add(
        f"pension base (计发基数) for retiring in {retirement_month.year}",
        base_p.value,
        params=[base_p],
    )
    city_p = base_param(city_base, "pension.city_base", "city_base") if region == "jilin" else None
    if city_p is not None:
        steps.add("city/county pension base (市县计发基数)", city_p.value, params=[city_p])

    if (average_index is None) == (indexed_wage is None):
        raise InputError(
            "give exactly one of average_index or indexed_wage",
            field="average_index",
            message_zh="须提供 average_index 或 indexed_wage 之一",
        )
    if indexed_wage is not None:
        wage = steps.add(
            "indexed monthly wage (指数化月平均缴费工资), as given",
            to_fen(inputs.decimal(indexed_wage, "indexed_wage")),
        )
    else:
        index = inputs.decimal(average_index, "average_index")
        wage = steps.add(
            "indexed monthly wage = base x average index, to the fen",
            to_fen(base_p.value * index),
            params=[base_p],
            formula="to_fen(base x average_index)",
            inputs={"average_index": index},
        )

    years = _contribution_years(contribution_years, contribution_months)
    deemed = _part_years(deemed_years, "deemed_years")
    pre_paid = _part_years(pre_account_paid_years, "pre_account_paid_years")
    n98 = _part_years(years_1992_10_to_1998_06, "years_1992_10_to_1998_06")
    if deemed + pre_paid > years or deemed + n98 > years:
        raise InputError(
            "deemed and earlier paid years cannot exceed contribution_years",
            field="deemed_years",
            message_zh="视同及建账前缴费年限之和不得超过累计缴费年限",
        )
    steps.add(
        "contribution years (缴费年限), rounded half up to 0.01 year",
        years,
        inputs={"deemed_years": deemed, "pre_account_paid_years": pre_paid},
    )

    case = Case(
        region=region,
        retirement_month=retirement_month,
        base=base_p,
        city_base=city_p,
        indexed_wage=wage,
        years=years,
        deemed_years=deemed,
        pre_account_paid_years=pre_paid,
        years_1992_10_to_1998_06=n98,
        actual_index=inputs.decimal(actual_index, "actual_index", optional=True),
        policy_early_retirement=inputs.flag(policy_early_retirement, "policy_early_retirement"),
    )
    formula = FORMULAS[region]
    basic = formula.basic(case, resolver, steps)

    months = payout_months(birth, retirement_month, resolver, steps)
    balance = to_fen(inputs.decimal(account_balance, "account_balance"))
    account = steps.add(
        "personal account pension (个人账户养老金) = balance / payout months",
        to_fen(balance / months),
        formula="to_fen(balance / payout months)",
        inputs={"account_balance": balance, "payout_months": months},
    )
    transitional = formula.transitional(case, resolver, steps)
    extra = formula.extra(case, resolver, steps)
    total = steps.add(
        "total = sum of the rounded components", basic + account + transitional + extra
    )

    min_param = resolver.get(
        "retirement.min_contribution_months", retirement_month, field="retirement_month"
    )
    meets = years * 12 >= min_param.value
    steps.add(
        f"minimum contribution for retiring in {retirement_month.year}: "
        f"{'met' if meets else 'NOT met'}",
        meets,
        params=[min_param],
    )

    values = {
        "region": region,
        "retirement_month": retirement_month,
        "age_at_retirement_months": retirement_month.minus(birth),
        "base": to_fen(base_p.value),
        "indexed_wage": wage,
        "contribution_years": years,
        "payout_months": months,
        "basic": basic,
        "account": account,
        "transitional": transitional,
        "extra": extra,
        "total": total,
        "min_contribution_months": int(min_param.value),
        "meets_min_contribution": meets,
    }
    return finish(RULE_VERSION, values, steps, resolver)
