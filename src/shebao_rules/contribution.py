"""Monthly contributions (社会保险费) of employees and flexible workers, reference §3.

Base (缴费基数): the wage, or for a flexible worker the average wage x the chosen ratio
rounded to the fen, clamped to the province's published lower and upper limits of that
year (60% / 300% of the average wage). Each insurance line then has an employer and an
individual amount = base x rate, rounded to the fen. Work injury is paid by the employer
at the rate of the industry class (1–8). The personal account credit (个人账户记账额) is
base x the account share, from the month the region's accounts began.
A flexible worker pays the whole pension rate (20%) as `individual`, `employer` 0.
"""

from __future__ import annotations

from decimal import Decimal

from . import inputs
from .errors import InputError, ParameterChangesWithinYear
from .money import ZERO, to_fen
from .months import Month
from .params import Resolver, supplied
from .steps import Result, Steps, finish

RULE_VERSION = "contribution/2025.1"
KINDS = ("employee", "flexible")
LINES = ("pension", "medical", "unemployment", "work_injury")


def compute(
    region,
    year,
    kind,
    *,
    wage=None,
    base_ratio=None,
    industry_class=1,
    month=None,
    lines=None,
    allow_assumed: bool = False,
    params: dict | None = None,
) -> Result:
    """One month's contributions for `region` in `year` (and `month`, needed when a rate
    changes within the year, e.g. 2019-05).

    kind "employee" needs `wage`; kind "flexible" needs `base_ratio` (0.6 = 60%).
    industry_class: 1..8 for work injury. lines: subset of LINES to compute (default: the
    lines the data says this kind pays there). params: {parameter name: value} supplied
    by the caller instead of the data.
    """
    year = inputs.integer(year, "year", minimum=1900, maximum=2200)
    kind = inputs.choice(kind, "kind", KINDS)
    month = inputs.integer(month, "month", minimum=1, maximum=12, optional=True)
    industry_class = inputs.integer(industry_class, "industry_class", minimum=1, maximum=8)
    if not isinstance(region, str):
        raise InputError('region must be a region name such as "hebei"', field="region")
    stray = (
        "base_ratio"
        if kind == "employee" and base_ratio is not None
        else ("wage" if kind == "flexible" and wage is not None else None)
    )
    if stray:
        raise InputError(
            f"{stray} does not apply to kind {kind}",
            field=stray,
            message_zh=f"{stray} 不适用于 {kind}",
        )
    resolver = Resolver(
        region,
        allow_assumed=allow_assumed,
        overrides=inputs.mapping(params, "params", optional=True),
    )
    on = Month(year, month) if month else year
    when = f"{year}-{month:02d}" if month else str(year)
    steps = Steps()

    avg = resolver.get("wage.average", on)
    lower = resolver.get("contribution.base_lower", on)
    upper = resolver.get("contribution.base_upper", on)
    steps.add(
        f"average monthly wage of {region} for {when} (社会平均工资)", avg.value, params=[avg]
    )
    steps.add(
        "contribution base lower and upper limits (缴费基数下限/上限)",
        {"lower": to_fen(lower.value), "upper": to_fen(upper.value)},
        params=[lower, upper],
    )

    if kind == "employee":
        wage_d = inputs.decimal(wage, "wage")
        raw = steps.add("the wage, rounded to the fen", to_fen(wage_d), inputs={"wage": wage_d})
    else:
        ratio = inputs.decimal(base_ratio, "base_ratio")
        if ratio <= 0:
            raise InputError(
                "base_ratio must be above 0 (e.g. 0.6 for 60%)",
                field="base_ratio",
                message_zh="base_ratio 须大于 0（如 0.6 表示 60%）",
            )
        raw = steps.add(
            "average wage x chosen ratio, rounded to the fen",
            to_fen(avg.value * ratio),
            params=[avg],
            formula="to_fen(average wage x base_ratio)",
            inputs={"base_ratio": ratio},
        )
    base = steps.add(
        "contribution base = the amount clamped to the limits",
        to_fen(min(max(raw, lower.value), upper.value)),
        params=[lower, upper],
        formula="min(max(amount, lower), upper)",
    )

    if lines is not None:
        chosen = [inputs.choice(x, "lines", LINES) for x in inputs.sequence(lines, "lines")]
        lines_param = supplied(f"contribution.lines.{kind}", chosen, region, "lines")
    else:
        lines_param = resolver.get(f"contribution.lines.{kind}", on)
        chosen = list(lines_param.value)
    steps.add(f"insurance lines a {kind} pays here", chosen, params=[lines_param])

    out_lines: dict[str, dict[str, Decimal]] = {}
    for line in chosen:
        if kind == "flexible" and line == "pension":
            rate = resolver.get("pension.flexible_rate", on)
            amount = to_fen(base * rate.value)
            steps.add(
                "pension, flexible worker: base x flexible rate, all paid by the person",
                amount,
                params=[rate],
                formula="to_fen(base x rate)",
            )
            out_lines[line] = {"employer": ZERO, "individual": amount}
        elif line == "work_injury":
            table = resolver.get("work_injury.class_rates", on)
            try:
                rate = table.pick(industry_class)
            except KeyError:
                raise InputError(
                    f"industry_class {industry_class} has no work-injury rate in {when} "
                    f"(classes: {', '.join(sorted(table.value))})",
                    message_zh=f"{when} 没有第 {industry_class} 类行业的工伤费率",
                    field="industry_class",
                ) from None
            amount = to_fen(base * rate.value)
            steps.add(
                f"work injury, industry class {industry_class}: base x class rate (employer only)",
                amount,
                params=[rate],
                formula="to_fen(base x rate)",
            )
            out_lines[line] = {"employer": amount, "individual": ZERO}
        else:
            er = resolver.get(f"{line}.employer_rate", on)
            ir = resolver.get(f"{line}.individual_rate", on)
            employer = steps.add(
                f"{line}, employer: base x rate",
                to_fen(base * er.value),
                params=[er],
                formula="to_fen(base x rate)",
            )
            individual = steps.add(
                f"{line}, individual: base x rate",
                to_fen(base * ir.value),
                params=[ir],
                formula="to_fen(base x rate)",
            )
            out_lines[line] = {"employer": employer, "individual": individual}

    credit = ZERO
    if "pension" in chosen:
        start_param = resolver.get("pension.account_start", on)
        start = Month.parse(start_param.value)
        first, last = Month(year, month or 1), Month(year, month or 12)
        if start <= first:
            share = resolver.get("pension.account_rate", on)
            credit = steps.add(
                "personal account credit (个人账户记账额): base x account share",
                to_fen(base * share.value),
                params=[share, start_param],
                formula="to_fen(base x account_rate)",
            )
        elif start > last:
            steps.add(
                f"no personal account credit: accounts began in {start}", ZERO, params=[start_param]
            )
        else:
            raise ParameterChangesWithinYear("pension.account_start", region, year)

    totals = {
        "employer": sum((v["employer"] for v in out_lines.values()), ZERO),
        "individual": sum((v["individual"] for v in out_lines.values()), ZERO),
    }
    values = {
        "region": region,
        "year": year,
        "month": month,
        "kind": kind,
        "average_wage": to_fen(avg.value),
        "base_lower": to_fen(lower.value),
        "base_upper": to_fen(upper.value),
        "base": base,
        "lines": out_lines,
        "totals": totals,
        "account_credit": credit,
    }
    return finish(RULE_VERSION, values, steps, resolver)
