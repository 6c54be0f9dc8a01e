"""Benefit claims (待遇申领): who may claim, and the amounts, pre-filled from the records.

Three claims, each filed as an application (`applications`):

- ``pension_claim`` — the monthly basic pension (基本养老金) at the statutory retirement month:
  the amounts are the pension estimate's (`estimates.pension_estimate`) at that month;
- ``unemployment_claim`` — unemployment benefit (失业保险金): months and monthly amount by
  `shebao_rules.unemployment`, starting in the month of the unemployment registration
  (失业登记; 《失业保险金申领发放办法》: benefit counts from the day of registration);
- ``survivor_claim`` — a family member claims the funeral grant (丧葬补助金), the one-off
  survivor benefit (一次性抚恤金) and the inherited rest of the personal account for a
  deceased relative the office knows (`shebao_rules.survivor`).

Each claim lists its conditions with the numbers behind them (met or not), the amounts with the
rule version and the names of assumed parameters, and the bank account on file (masked). The
same object gives the payload and the figures an application stores: codes and values a
reviewer reads, never a plain identifier.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from shebao.contributions.selectors import account_latest, contribution_rows, deemed_months
from shebao.regions.selectors import policy_region
from shebao.registry.selectors import deceased_parents, recent_life_event
from shebao_rules import survivor as survivor_rules
from shebao_rules import unemployment as unemployment_rules
from shebao_rules.errors import RulesError
from shebao_rules.months import Month
from shebao_rules.params import default_store, lookup

from .estimates import EstimateError, pension_estimate

PENSION = "enterprise_pension"
UNEMPLOYMENT = "unemployment"
EPOCH = dt.date(1900, 1, 1)  # "any time": claims are not limited to recent events here


@dataclass
class Condition:
    """One condition of a claim: a code for the reviewer, the plain sentence with its numbers
    for the person, whether it is met, and the values it rests on."""

    code: str
    met: bool
    text: str
    values: dict[str, Any] = field(default_factory=dict)


@dataclass
class Amount:
    code: str
    label: str
    value: Decimal | int | str
    money: bool = True


@dataclass
class Claim:
    service: str
    conditions: list[Condition]
    amounts: list[Amount] = field(default_factory=list)
    rule_version: str = ""
    data_version: str = ""
    assumed: list[str] = field(default_factory=list)  # names of assumed parameters
    inputs: dict[str, Any] = field(default_factory=dict)
    advice: str = ""  # what to do when not eligible
    bank_name: str = ""
    bank_account_masked: str = ""
    subject: Any = None  # the deceased relative (survivor claims)
    relation: str = ""
    as_of: dt.date | None = None

    @property
    def eligible(self) -> bool:
        return all(c.met for c in self.conditions)

    @property
    def has_bank(self) -> bool:
        return bool(self.bank_account_masked)

    @property
    def can_send(self) -> bool:
        return self.eligible and self.has_bank

    @property
    def unmet(self) -> list[Condition]:
        return [c for c in self.conditions if not c.met]

    @property
    def provisional(self) -> bool:
        return bool(self.assumed)

    @property
    def assumed_words(self) -> list[str]:
        return sorted({_assumption_word(n) for n in self.assumed})

    def amount(self, code: str):
        return next(a.value for a in self.amounts if a.code == code)

    def figures(self) -> dict[str, Any]:
        """What the rules computed, for the application's ``figures``."""
        return _json(
            {
                "service": self.service,
                "as_of": self.as_of,
                "amounts": {a.code: a.value for a in self.amounts},
                "rule_version": self.rule_version,
                "data_version": self.data_version,
                "assumed_parameters": list(self.assumed),
                "provisional": self.provisional,
                "inputs": self.inputs,
            }
        )

    def payload(self, *, note: str = "", declared: bool | None = None) -> dict[str, Any]:
        """What the person confirmed, for the application's ``payload``: the conditions and
        their values, the amounts, the masked payout account, and their own words."""
        out: dict[str, Any] = {
            "claim": self.service,
            "eligible": self.eligible,
            "conditions": [
                {"code": c.code, "met": c.met, "text": c.text, "values": c.values}
                for c in self.conditions
            ],
            "amounts": {a.code: a.value for a in self.amounts},
            "rule_version": self.rule_version,
            "assumed_parameters": list(self.assumed),
            "payout_account": {
                "bank_name": self.bank_name,
                "account_masked": self.bank_account_masked,
                "confirmed": True,
            },
            "note": note,
        }
        if declared is not None:
            out["declared_involuntary"] = declared
        if self.subject is not None:
            out["deceased"] = {
                "ref": str(self.subject.ref),
                "name": self.subject.name,
                "id_number_masked": self.subject.id_number_masked,
                "relation": self.relation,
            }
        return _json(out)


# -- the three claims -----------------------------------------------------------------------


def pension_claim(person, *, as_of: dt.date) -> Claim:
    """The monthly basic pension from the statutory retirement month, as the estimate computes
    it (no assumption changed)."""
    from .selectors import pension_for

    claim = _claim("pension_claim", person, as_of)
    award = pension_for(person)
    drawing = award is not None or person.status != "active"
    claim.conditions.append(
        Condition(
            "not_drawing_pension",
            not drawing,
            _("You already draw a pension.") if drawing else _("You do not draw a pension yet."),
        )
    )
    if drawing:
        claim.advice = _("Your pension is already being paid; there is nothing to claim.")
        return claim
    try:
        estimate = pension_estimate(person, as_of=as_of)
    except EstimateError:
        claim.conditions.append(
            Condition(
                "retirement_month",
                False,
                _("Your statutory retirement month has passed without a pension claim."),
            )
        )
        claim.advice = _(
            "A claim after the retirement month needs a counter visit: please book one."
        )
        return claim
    region = policy_region(person.office.region_code)
    this_month = as_of.replace(day=1)
    window = lookup(
        "pension.claim_window_months", region, f"{this_month:%Y-%m}", allow_assumed=True
    )
    months_to_go = _months_between(this_month, estimate.statutory_month)
    claim_from = _add_months(estimate.statutory_month, -int(window.value))
    claim.conditions.append(
        Condition(
            "retirement_age",
            months_to_go <= int(window.value),
            _(
                "You reach the statutory retirement age (%(age)s) in %(month)s; a claim is "
                "accepted from %(from)s."
            )
            % {
                "age": estimate.statutory_age,
                "month": f"{estimate.statutory_month:%Y-%m}",
                "from": f"{claim_from:%Y-%m}",
            },
            {
                "statutory_month": estimate.statutory_month,
                "statutory_age": estimate.statutory_age,
                "claim_from": claim_from,
                "window_months": window.value,
            },
        )
    )
    total = estimate.total_months
    claim.conditions.append(
        Condition(
            "minimum_years",
            estimate.meets_minimum,
            _(
                "Contribution time at retirement: %(have)s (paid %(paid)s, deemed %(deemed)s, "
                "%(future)s still to be paid until retirement); the minimum for %(year)s is "
                "%(minimum)s."
            )
            % {
                "have": _years(total),
                "paid": _years(estimate.paid_months),
                "deemed": _years(estimate.deemed_months),
                "future": _years(estimate.future_months),
                "year": estimate.statutory_month.year,
                "minimum": _years(estimate.min_contribution_months),
            },
            {
                "total_months": total,
                "paid_months": estimate.paid_months,
                "deemed_months": estimate.deemed_months,
                "future_months": estimate.future_months,
                "minimum_months": estimate.min_contribution_months,
                "retirement_year": estimate.statutory_month.year,
            },
        )
    )
    if not claim.eligible:
        claim.advice = _(
            "If you think our records miss some of your contribution time, or you wish to "
            "retire at another month, please book a counter visit."
        )
    parts = estimate.components
    claim.amounts = [
        Amount("basic", _("Basic pension (基础养老金)"), parts["basic"]),
        Amount("account", _("Personal account pension (个人账户养老金)"), parts["account"]),
        Amount("transitional", _("Transitional pension (过渡性养老金)"), parts["transitional"]),
        Amount("extra", _("Regional supplement"), parts["extra"]),
        Amount("total", _("Monthly basic pension"), parts["total"]),
    ]
    claim.rule_version = estimate.rule_version
    claim.assumed = sorted(
        {*estimate.assumptions, window.name} if window.assumed else set(estimate.assumptions)
    )
    claim.inputs = {
        "retirement_month": estimate.retirement_month,
        "average_index": estimate.average_index,
        "account_balance": estimate.account_balance,
        "payout_months": estimate.payout_months,
        "future_base_ratio": estimate.base_ratio,
    }
    return claim


def unemployment_claim(person, *, as_of: dt.date) -> Claim:
    """Unemployment benefit from the month of the latest unemployment registration."""
    from .selectors import pension_for

    claim = _claim("unemployment_claim", person, as_of)
    region = _rules_region(person.office.region_code)
    paid = sorted(
        r.month
        for r in contribution_rows(person)
        if r.insurance_type == UNEMPLOYMENT and r.status == "paid"
    )
    last_paid = paid[-1] if paid else None
    registration = recent_life_event(person, "unemployment", since=EPOCH)
    if pension_for(person) is not None:
        claim.conditions.append(
            Condition("not_drawing_pension", False, _("You already draw a pension."))
        )
    registered_after = registration is not None and (
        last_paid is None or registration.date >= last_paid
    )
    if registration is None:
        text = _("We have no unemployment registration for you.")
    elif not registered_after:
        text = _(
            "You registered as unemployed on %(date)s, but contributions were paid for you "
            "after that (last: %(last)s), so you are counted as working again."
        ) % {"date": f"{registration.date:%Y-%m-%d}", "last": f"{last_paid:%Y-%m}"}
    else:
        text = _(
            "You registered as unemployed on %(date)s (record received from the employment "
            "service)."
        ) % {"date": f"{registration.date:%Y-%m-%d}"}
    claim.conditions.append(
        Condition(
            "registered_unemployed",
            registered_after,
            text,
            {
                "registered_on": registration.date if registration else None,
                "last_paid_month": last_paid,
            },
        )
    )
    first = (
        Month(registration.date.year, registration.date.month)
        if registration
        else Month(as_of.year, as_of.month)
    )
    table = lookup("unemployment.period_table", region, first)
    minimum = int(table.value[0][0])
    claim.conditions.append(
        Condition(
            "contribution_time",
            len(paid) >= minimum,
            _(
                "You and your employers paid unemployment insurance for %(have)s; at least "
                "%(minimum)s is needed."
            )
            % {"have": _years(len(paid)), "minimum": _years(minimum)},
            {"months_paid": len(paid), "minimum_months": minimum},
        )
    )
    if registration is None:
        claim.advice = _(
            "Please register as unemployed at the public employment service office first; "
            "we receive the registration from them, then you can claim here."
        )
        return claim
    try:
        result = unemployment_rules.compute(
            f"{person.birth_date:%Y-%m}",
            person.retirement_category,
            len(paid),
            str(first),
            region=region,
            allow_assumed=True,
        )
    except RulesError:
        claim.advice = _("We cannot compute this claim online; please book a counter visit.")
        claim.conditions.append(Condition("computable", False, claim.advice))
        return claim
    values = result.values
    retirement = values["statutory_retirement_month"]
    before_retirement = values.get("reason") != "statutory retirement month reached"
    claim.conditions.append(
        Condition(
            "before_retirement",
            before_retirement,
            _("Your statutory retirement month is %(month)s.") % {"month": str(retirement)},
            {"statutory_retirement_month": retirement},
        )
    )
    if not claim.eligible:
        claim.advice = claim.advice or _(
            "If our records are wrong, please book a counter visit and bring what shows it."
        )
        return claim
    claim.amounts = [
        Amount("months", _("Months you can receive it"), values["months"], money=False),
        Amount("first_month", _("First month"), str(values["first_month"]), money=False),
        Amount("last_month", _("Last month"), str(values["last_month"]), money=False),
        Amount("monthly_amount", _("Monthly unemployment benefit"), values["monthly_amount"]),
    ]
    claim.rule_version = result.rule_version
    claim.data_version = result.data_version
    claim.assumed = list(result.assumed)
    claim.inputs = {
        "contribution_months": len(paid),
        "first_month": first,
        "region": region,
        "extended_to_retirement": values["extended"],
        "base_months": values["base_months"],
    }
    return claim


def survivor_relatives(person, *, as_of: dt.date) -> list:
    """Deceased relatives of ``person`` the office holds (for whom they may claim)."""
    return deceased_parents(person, since=EPOCH)


def survivor_claim(person, relative_ref: str, *, as_of: dt.date) -> Claim | None:
    """The survivor claim of ``person`` for the deceased relative ``relative_ref``; None when
    that is not a deceased relative of theirs (the page answers 404)."""
    from .selectors import pension_for, pension_payments_made

    deceased = next(
        (p for p in survivor_relatives(person, as_of=as_of) if str(p.ref) == str(relative_ref)),
        None,
    )
    if deceased is None:
        return None
    claim = _claim("survivor_claim", person, as_of)
    claim.subject = deceased
    claim.relation = "child"
    death = recent_life_event(deceased, "death", since=EPOCH)
    claim.conditions.append(
        Condition(
            "death_record",
            death is not None,
            _("%(name)s died on %(date)s (death record received from civil affairs).")
            % {"name": deceased.name, "date": f"{death.date:%Y-%m-%d}"}
            if death
            else _("We have no death record yet."),
            {"died_on": death.date if death else None, "source": death.source if death else ""},
        )
    )
    claim.conditions.append(
        Condition(
            "relation",
            True,
            _("You are %(name)s's child (from the household register the office holds).")
            % {"name": deceased.name},
            {"relation": "child"},
        )
    )
    award = pension_for(deceased)
    rows = [r for r in contribution_rows(deceased) if r.insurance_type == PENSION]
    paid_months = sum(1 for r in rows if r.status == "paid")
    months = paid_months + deemed_months(deceased)
    claim.conditions.append(
        Condition(
            "insured",
            award is not None or months > 0,
            _("%(name)s drew a pension from %(month)s; contribution time %(years)s.")
            % {
                "name": deceased.name,
                "month": f"{award.start_month:%Y-%m}",
                "years": _years(months),
            }
            if award
            else _("%(name)s was insured; contribution time %(years)s.")
            % {"name": deceased.name, "years": _years(months)},
            {"pensioner": award is not None, "contribution_months": months},
        )
    )
    if not claim.eligible:
        claim.advice = _("Please book a counter visit; bring the death certificate.")
        return claim
    if award is not None:
        count, last_amount = pension_payments_made(award)
        own = last_amount if last_amount is not None else award.monthly_amount
        balance = Decimal(str(award.inputs.get("account_balance", "0")))
        account_paid = award.account * count
    else:
        count, own = 0, None
        latest = account_latest(deceased)
        balance = latest.closing if latest else Decimal("0")
        account_paid = Decimal("0")
    region = policy_region(deceased.office.region_code)
    result = survivor_rules.compute(
        region,
        f"{death.date:%Y-%m}",
        months,
        monthly_pension=own,
        account_balance=balance,
        account_paid=account_paid,
        allow_assumed=True,
    )
    v = result.values
    claim.amounts = [
        Amount("funeral_grant", _("Funeral grant (丧葬补助金)"), v["funeral_grant"]),
        Amount("survivor_benefit", _("One-off survivor benefit (抚恤金)"), v["survivor_benefit"]),
        Amount(
            "inherited_account",
            _("Inherited rest of the personal account"),
            v["inherited_account"],
        ),
        Amount("total", _("Total"), v["total"]),
    ]
    claim.rule_version = result.rule_version
    claim.data_version = result.data_version
    claim.assumed = list(result.assumed)
    claim.inputs = {
        "death_month": v["death_month"],
        "contribution_months": months,
        "benefit_months": v["benefit_months"],
        "average_pension": v["average_pension"],
        "own_monthly_pension": own,
        "account_balance": balance,
        "account_pension_paid": account_paid,
        "pension_months_paid": count,
        "region": region,
    }
    return claim


def claim_for(service: str, person, *, as_of: dt.date, subject_ref: str | None = None):
    """The claim of ``service`` (for survivor claims: for the relative ``subject_ref``)."""
    if service == "pension_claim":
        return pension_claim(person, as_of=as_of)
    if service == "unemployment_claim":
        return unemployment_claim(person, as_of=as_of)
    if service == "survivor_claim":
        return survivor_claim(person, subject_ref or "", as_of=as_of)
    raise ValueError(service)


# -- helpers -------------------------------------------------------------------------------

ASSUMPTION_WORDS = {
    "pension.base": gettext_lazy(
        "The pension base (计发基数) of your retirement year is not yet published."
    ),
    "wage.average": gettext_lazy("Average wages of some years are the platform's estimates."),
    "pension.account_interest_rate": gettext_lazy(
        "Some years' account interest rates are not yet officially confirmed."
    ),
    "interest": gettext_lazy(
        "For years without an official account interest rate, an assumed rate is used."
    ),
    "pension.claim_window_months": gettext_lazy(
        "How many months before retirement a claim is accepted is the platform's assumption."
    ),
    "unemployment.minimum_wage": gettext_lazy(
        "The local minimum wage is the platform's assumption."
    ),
    "unemployment.subsistence": gettext_lazy(
        "The local subsistence standard is the platform's assumption."
    ),
    "unemployment.ratio": gettext_lazy(
        "The share of the minimum wage paid is the platform's assumption."
    ),
    "survivor.average_pension": gettext_lazy(
        "The province's average pension of last year is not yet entered: the amounts are "
        "provisional."
    ),
}


def _assumption_word(name: str) -> str:
    key = name.split(":")[0]
    if key in ASSUMPTION_WORDS:
        return str(ASSUMPTION_WORDS[key])
    return _("Other assumed figure: %(name)s.") % {"name": key}


def _claim(service: str, person, as_of: dt.date) -> Claim:
    return Claim(
        service=service,
        conditions=[],
        bank_name=person.bank_name,
        bank_account_masked=person.bank_account_masked,
        as_of=as_of,
    )


def _rules_region(region_code: str) -> str:
    """The rules engine's most specific region for a code: the city when the data knows it
    (its own minimum wage), else the province."""
    for name, info in default_store().regions.items():
        if str(info.get("code", "")) == region_code:
            return name
    return policy_region(region_code)


def _years(months: int) -> str:
    years, rest = divmod(int(months), 12)
    if rest == 0:
        return _("%(y)s years") % {"y": years}
    return _("%(y)s years %(m)s months") % {"y": years, "m": rest}


def _months_between(a: dt.date, b: dt.date) -> int:
    return (b.year - a.year) * 12 + b.month - a.month


def _add_months(d: dt.date, n: int) -> dt.date:
    index = d.year * 12 + d.month - 1 + n
    return dt.date(index // 12, index % 12 + 1, 1)


def _json(value):
    if isinstance(value, dict):
        return {str(k): _json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json(v) for v in value]
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Month):
        return str(value)
    return value
