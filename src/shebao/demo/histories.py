"""From a person's plan to their records, computed with the policy engine (no database here).

Contributions use the rules of their time (`shebao_rules.contribution` for each year, or each
month where a rate changed within the year); the personal account is rolled year by year with
the official interest rates (`shebao_rules.account`); a retiree's pension is computed at the
retirement month (`shebao_rules.pension`). Where the reference lacks an older or future
parameter, the engine's *assumed* values are used, and every stored result says so through
its rule version and inputs. Policy numbers live in the engine's data, never here.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from shebao.contributions.services import MonthRecord
from shebao.regions.selectors import policy_region
from shebao_rules import account, contribution, pension, retirement
from shebao_rules.errors import ParameterChangesWithinYear
from shebao_rules.money import to_fen
from shebao_rules.params import lookup

from .personas import Job
from .population import PersonPlan, add_months

# Insurance line of the engine -> insurance type of the platform's data dictionary.
LINE_TYPES = {
    "pension": "enterprise_pension",
    "medical": "medical",
    "unemployment": "unemployment",
    "work_injury": "work_injury",
}


@dataclass
class EnrolmentSpec:
    key: tuple[int, str]  # (job number, insurance type)
    insurance_type: str
    participation: str
    region_code: str
    employer: str | None
    start: dt.date
    end: dt.date | None
    status: str
    own_office: bool


@dataclass
class History:
    enrolments: list[EnrolmentSpec] = field(default_factory=list)
    # (enrolment key, record); the seed fills in enrolment_id once the enrolments exist.
    months: list[tuple[tuple[int, str], MonthRecord]] = field(default_factory=list)
    account_years: list[dict] = field(default_factory=list)
    account_rule_version: str = ""
    award: dict | None = None
    payments: list[tuple[dt.date, Decimal, dt.date]] = field(default_factory=list)


@lru_cache(maxsize=1 << 16)
def _lines(region: str, year: int, month: int | None, kind: str, level: str, industry_class: int):
    """Contribution lines for one base level: the wage index (employees) or the chosen ratio
    (flexible workers), resolved against that year's average wage by the engine."""
    if kind == "flexible":
        result = contribution.compute(
            region, year, kind, base_ratio=level, month=month, allow_assumed=True
        )
    else:
        average = average_wage(region, year)
        result = contribution.compute(
            region,
            year,
            kind,
            wage=to_fen(average * Decimal(level)),
            industry_class=industry_class,
            month=month,
            allow_assumed=True,
        )
    return (
        result.values["base"],
        result.values["lines"],
        result.values["account_credit"],
        result.rule_version,
    )


# Before 2015 work injury had three industry classes (the eight-class table began with
# 人社部发〔2015〕71号). The synthetic employers' earlier class is this demo-data mapping.
EARLIER_CLASS = {1: 1, 2: 1, 3: 2, 4: 2, 5: 2, 6: 3, 7: 3, 8: 3}


def _month_lines(region: str, month: dt.date, kind: str, level: str, industry_class: int):
    if month.year < 2015 or (month.year == 2015 and month.month < 10):
        industry_class = EARLIER_CLASS[industry_class]
    try:
        return _lines(region, month.year, None, kind, level, industry_class)
    except ParameterChangesWithinYear:
        return _lines(region, month.year, month.month, kind, level, industry_class)


@lru_cache(maxsize=4096)
def average_wage(region: str, year: int) -> Decimal:
    return lookup("wage.average", region, year, allow_assumed=True).value


def statutory_retirement(birth: dt.date, category: str) -> dt.date:
    value = retirement.compute(f"{birth:%Y-%m}", category).values["statutory_month"]
    return dt.date(value.year, value.month, 1)


def build(
    plan: PersonPlan, *, office_region: str, last_month: dt.date, employer_classes: dict[str, int]
) -> History:
    history = History()
    jobs: list[Job] = plan.jobs
    for number, job in enumerate(jobs):
        kind = job.kind
        own = job.region[:4] == office_region[:4]
        end = job.end or last_month
        if plan.retired:
            end = min(end, add_months(plan.retired, -1))
        region = policy_region(job.region)
        industry = employer_classes.get(job.employer, 1) if job.employer else 1
        seen: dict[str, tuple[dt.date, dt.date]] = {}
        month = job.start
        while month <= end:
            base, lines, credit, version = _month_lines(
                region, month, kind, job.wage_index, industry
            )
            for itype in _append_month(
                history, number, job, month, base, lines, credit, version, status="paid", kind=kind
            ):
                first, _ = seen.get(itype, (month, month))
                seen[itype] = (first, month)
            month = add_months(month, 1)
        if plan.due_month and number == len(jobs) - 1:
            due = _month_lines(region, plan.due_month, kind, job.wage_index, industry)
            _append_month(history, number, job, plan.due_month, *due, status="arrears", kind=kind)
        still_going = job.end is None or (plan.due_month is not None and number == len(jobs) - 1)
        later_job = number < len(jobs) - 1
        for itype, (first, last) in seen.items():
            if plan.retired or later_job or plan.died:
                status, until = "ended", last
            elif still_going and not plan.retired:
                status, until = "active", None
            elif plan.unemployed:
                status, until = "ended", last
            else:
                status, until = "suspended", last
            history.enrolments.append(
                EnrolmentSpec(
                    (number, itype),
                    itype,
                    kind,
                    job.region,
                    job.employer,
                    first,
                    until,
                    status if own else "ended",
                    own,
                )
            )
    _account(plan, history, office_region=office_region, last_month=last_month)
    if plan.retired:
        _pension(plan, history, office_region=office_region, last_month=last_month)
    return history


def _append_month(
    history: History,
    number: int,
    job: Job,
    month: dt.date,
    base: Decimal,
    lines: dict,
    credit: Decimal,
    version: str,
    *,
    status: str,
    kind: str,
) -> list[str]:
    """Add one month's record per insurance line; returns the insurance types recorded."""
    source = "employer" if kind == "employee" else "flexible"
    types = []
    for line, amounts in lines.items():
        itype = LINE_TYPES[line]
        record = MonthRecord(
            0,
            itype,
            month,
            job.region,
            base,
            amounts["employer"],
            amounts["individual"],
            credit if line == "pension" else Decimal("0.00"),
            status,
            source,
            version,
        )
        history.months.append(((number, itype), record))
        types.append(itype)
    return types


def _account(
    plan: PersonPlan, history: History, *, office_region: str, last_month: dt.date
) -> None:
    credits: dict[int, dict[str, Decimal]] = defaultdict(dict)
    for _, m in history.months:
        if m.account_credit and m.status == "paid" and m.region_code[:4] == office_region[:4]:
            credits[m.month.year][str(m.month.month)] = m.account_credit
    if not credits:
        return
    closed_until = last_month.year - 1
    if plan.retired:
        closed_until = min(closed_until, plan.retired.year - 1)
    years = [
        {"year": y, "credits": credits.get(y, {})} for y in range(min(credits), closed_until + 1)
    ]
    if not years:
        return
    result = account.compute("0", years, allow_assumed=True)
    history.account_years = result.values["years"]
    history.account_rule_version = result.rule_version


def _pension(
    plan: PersonPlan, history: History, *, office_region: str, last_month: dt.date
) -> None:
    paid = [
        m
        for _, m in history.months
        if m.insurance_type == "enterprise_pension" and m.status == "paid"
    ]
    deemed_months = 0
    if plan.deemed:
        start, end = plan.deemed
        deemed_months = (end.year - start.year) * 12 + end.month - start.month + 1
    if not paid and not deemed_months:
        return
    indices = []
    for m in paid:
        indices.append(m.base / average_wage(policy_region(m.region_code), m.month.year))
    average_index = (
        (sum(indices, Decimal(0)) / len(indices)).quantize(Decimal("0.0001"))
        if indices
        else Decimal("1.0000")
    )
    balance = history.account_years[-1]["closing"] if history.account_years else Decimal("0")
    balance += sum(
        (m.account_credit for m in paid if m.month.year == plan.retired.year), Decimal("0")
    )
    inputs = {
        "region": policy_region(office_region),
        "birth": f"{plan.birth:%Y-%m}",
        "retirement_month": f"{plan.retired:%Y-%m}",
        "average_index": str(average_index),
        "contribution_months": len({m.month for m in paid}) + deemed_months,
        "deemed_years": str((Decimal(deemed_months) / 12).quantize(Decimal("0.01"))),
        "pre_account_paid_years": "0",
        "account_balance": str(to_fen(balance)),
    }
    result = pension.compute(
        inputs["region"],
        inputs["birth"],
        inputs["retirement_month"],
        average_index=inputs["average_index"],
        contribution_months=inputs["contribution_months"],
        deemed_years=inputs["deemed_years"],
        pre_account_paid_years="0",
        account_balance=inputs["account_balance"],
        allow_assumed=True,
    )
    values = result.values
    if str(values.get("meets_min_contribution")) == "False":
        return
    history.award = {
        "components": {
            k: Decimal(str(values[k]))
            for k in ("basic", "account", "transitional", "extra", "total")
        },
        "rule_version": result.rule_version,
        "inputs": {**inputs, "assumed_parameters": result.assumed},
    }
    stop = last_month
    if plan.died:
        stop = min(stop, plan.died.replace(day=1))
    month = plan.retired
    amount = history.award["components"]["total"]
    while month <= stop:
        history.payments.append((month, amount, month.replace(day=10)))
        month = add_months(month, 1)
