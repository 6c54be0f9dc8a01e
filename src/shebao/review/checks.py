"""The rule checks of the automated review (智能审核规则), one function per pattern.

Each check reads the facts (`selectors.person_facts`, the recomputed claim) and returns
findings: a code for the reviewer's tools, a severity (high / medium / low), a short title and
a reason a person can read with the numbers behind it, and the numbers themselves (``data``).
Which checks run depends on the service (`CHECKS_BY_SERVICE`); the person-level checks run on
the applicant and, for a claim about someone else (a deceased parent), on that person too.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from shebao.benefits.selectors import claim_for
from shebao.regions.selectors import region_name

from . import scoring
from .scoring import PersonFacts


@dataclass
class Finding:
    code: str
    severity: str  # high | medium | low
    title: str
    reason: str
    data: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": self.severity,
            "title": self.title,
            "reason": self.reason,
            "data": _json(self.data),
        }


@dataclass
class Context:
    """What the checks of one application read."""

    application: Any
    as_of: dt.date
    applicant: PersonFacts
    subject: PersonFacts | None = None
    claim: Any = None  # the claim recomputed from the records now (benefit claims)
    shared_with: int = 0  # unrelated persons with the applicant's bank account
    rejected_before: list[dict] = field(default_factory=list)


def _years(months: int) -> str:
    years, rest = divmod(int(months), 12)
    if rest == 0:
        return _("%(y)s years") % {"y": years}
    return _("%(y)s years %(m)s months") % {"y": years, "m": rest}


def _yuan(amount: Decimal) -> str:
    return f"{amount.quantize(Decimal('1')) if amount == amount.to_integral() else amount}"


def recompute_claim(application, *, as_of: dt.date):
    """The claim of a benefit application computed again from today's records (None for other
    services, or when the relative is no longer a deceased relative of the applicant)."""
    if application.service not in ("pension_claim", "unemployment_claim", "survivor_claim"):
        return None
    subject_ref = str(application.subject.ref) if application.subject_id else None
    return claim_for(application.service, application.person, as_of=as_of, subject_ref=subject_ref)


# -- the checks ----------------------------------------------------------------------------


def check_eligibility(ctx: Context) -> list[Finding]:
    """Eligibility and the minimum years, recomputed from the records (pension and
    unemployment claims); and the amount filed against the amount computed now."""
    claim = ctx.claim
    if claim is None:
        return []
    findings = []
    for condition in claim.unmet:
        values = condition.values or {}
        if condition.code == "minimum_years":
            reason = _(
                "Contribution time at retirement is %(have)s (paid %(paid)s, deemed "
                "%(deemed)s); the minimum for %(year)s is %(minimum)s."
            ) % {
                "have": _years(values.get("total_months", 0)),
                "paid": _years(values.get("paid_months", 0)),
                "deemed": _years(values.get("deemed_months", 0)),
                "year": values.get("retirement_year", ""),
                "minimum": _years(values.get("minimum_months", 0)),
            }
            title = _("Minimum contribution years not reached")
        elif condition.code == "contribution_time":
            reason = _(
                "Unemployment insurance was paid for %(have)s; at least %(minimum)s is needed."
            ) % {
                "have": _years(values.get("months_paid", 0)),
                "minimum": _years(values.get("minimum_months", 0)),
            }
            title = _("Minimum contribution years not reached")
        else:
            reason = str(condition.text)
            title = _("A condition of the claim is not met")
        findings.append(
            Finding(
                "not_eligible",
                "high",
                title,
                reason,
                {"condition": condition.code, **values},
            )
        )
    filed = _amount(ctx.application.payload)
    computed = _claim_total(claim)
    if not findings and filed is not None and computed is not None and filed != computed:
        findings.append(
            Finding(
                "amount_differs",
                "medium",
                _("The amount differs from the records"),
                _(
                    "The application states %(filed)s yuan; computed again from the records "
                    "today it is %(now)s yuan."
                )
                % {"filed": filed, "now": computed},
                {"filed": filed, "computed": computed},
            )
        )
    return findings


def check_base_rise(ctx: Context) -> list[Finding]:
    """A sharp rise of the contribution base in the months before retirement (pension
    claims): the base of the first and the last month paid in the window."""
    retirement = _retirement_month(ctx)
    if retirement is None:
        return []
    window = scoring.SETTINGS["base_rise_window_months"]
    rise = scoring.base_rise(ctx.applicant.pension_months, before=retirement, window=window)
    if rise is None or rise.ratio < scoring.SETTINGS["base_rise_medium"]:
        return []
    severity = "high" if rise.ratio >= scoring.SETTINGS["base_rise_high"] else "medium"
    return [
        Finding(
            "base_rise",
            severity,
            _("Sharp rise of the contribution base before retirement"),
            _(
                "In the %(window)s months before retirement the contribution base rose from "
                "%(first)s yuan (%(first_month)s) to %(last)s yuan (%(last_month)s), up "
                "%(percent)s%%."
            )
            % {
                "window": window,
                "first": _yuan(rise.first_base),
                "first_month": f"{rise.first_month:%Y-%m}",
                "last": _yuan(rise.last_base),
                "last_month": f"{rise.last_month:%Y-%m}",
                "percent": rise.percent,
            },
            {
                "window_months": window,
                "retirement_month": retirement,
                "first_month": rise.first_month,
                "first_base": rise.first_base,
                "last_month": rise.last_month,
                "last_base": rise.last_base,
                "percent": rise.percent,
            },
        )
    ]


def check_two_regions(ctx: Context) -> list[Finding]:
    """The same month's pension insurance paid in two regions (重复参保)."""
    findings = []
    for who, facts, name in _people(ctx):
        overlap = scoring.overlap_months(facts.pension_months)
        if not overlap:
            continue
        months = sorted(overlap)
        regions = sorted({r for rs in overlap.values() for r in rs})
        count = len(months)
        findings.append(
            Finding(
                "two_regions",
                "high",
                _("Insured in two regions at the same time"),
                ngettext(
                    "%(name)s's pension insurance was paid in two regions for the same "
                    "%(count)s month (%(first)s to %(last)s): %(regions)s.",
                    "%(name)s's pension insurance was paid in two regions for the same "
                    "%(count)s months (%(first)s to %(last)s): %(regions)s.",
                    count,
                )
                % {
                    "name": name,
                    "count": count,
                    "first": f"{months[0]:%Y-%m}",
                    "last": f"{months[-1]:%Y-%m}",
                    "regions": "、".join(_region(r) for r in regions),
                },
                {
                    "who": who,
                    "months": count,
                    "first": months[0],
                    "last": months[-1],
                    "regions": regions,
                },
            )
        )
    return findings


def check_paid_after_death(ctx: Context) -> list[Finding]:
    """Pension still paid after a death record (冒领): for the applicant and for the person a
    claim is about."""
    findings = []
    for who, facts, name in _people(ctx):
        if facts.death_date is None:
            continue
        extra = scoring.paid_after_death(facts)
        if extra > 0:
            amount = (facts.last_pension_amount or Decimal(0)) * extra
            findings.append(
                Finding(
                    "paid_after_death",
                    "high",
                    _("Pension paid after death"),
                    ngettext(
                        "%(name)s died on %(date)s, but the pension was paid for %(months)s "
                        "more month after that (about %(amount)s yuan to recover).",
                        "%(name)s died on %(date)s, but the pension was paid for %(months)s "
                        "more months after that (about %(amount)s yuan to recover).",
                        extra,
                    )
                    % {
                        "name": name,
                        "date": f"{facts.death_date:%Y-%m-%d}",
                        "months": extra,
                        "amount": amount,
                    },
                    {"who": who, "died_on": facts.death_date, "months": extra, "amount": amount},
                )
            )
        elif facts.pension_paying:
            findings.append(
                Finding(
                    "pension_not_stopped",
                    "medium",
                    _("Pension not stopped after death"),
                    _("%(name)s died on %(date)s, and the pension is still set to be paid.")
                    % {"name": name, "date": f"{facts.death_date:%Y-%m-%d}"},
                    {"who": who, "died_on": facts.death_date},
                )
            )
        elif who == "applicant":
            findings.append(
                Finding(
                    "applicant_deceased",
                    "high",
                    _("The applicant has a death record"),
                    _("The office holds a death record of the applicant (died on %(date)s).")
                    % {"date": f"{facts.death_date:%Y-%m-%d}"},
                    {"died_on": facts.death_date},
                )
            )
    return findings


def check_shared_account(ctx: Context) -> list[Finding]:
    """One bank account on file for unrelated people (same account, no family tie known)."""
    count = ctx.shared_with
    if not count:
        return []
    person = ctx.application.person
    return [
        Finding(
            "shared_account",
            "high",
            _("Bank account shared with unrelated people"),
            ngettext(
                "The payout account %(account)s is also on file for %(count)s other insured "
                "person who is not a known family member of the applicant.",
                "The payout account %(account)s is also on file for %(count)s other insured "
                "persons who are not known family members of the applicant.",
                count,
            )
            % {"account": person.bank_account_masked, "count": count},
            {"others": count, "account_masked": person.bank_account_masked},
        )
    ]


def check_repeated_after_rejection(ctx: Context) -> list[Finding]:
    """An application filed again after the same application was rejected."""
    earlier = ctx.rejected_before
    if not earlier:
        return []
    last = earlier[0]
    submitted = ctx.application.submitted_at.date()
    days = (submitted - last["rejected_on"]).days
    return [
        Finding(
            "repeated_after_rejection",
            "medium",
            _("Filed again after a rejection"),
            ngettext(
                "The same application was rejected %(count)s time before: %(ref)s on "
                "%(date)s (reason given: %(reason)s). This one was filed %(days)s days later.",
                "The same application was rejected %(count)s times before, last %(ref)s on "
                "%(date)s (reason given: %(reason)s). This one was filed %(days)s days later.",
                len(earlier),
            )
            % {
                "count": len(earlier),
                "ref": last["ref"],
                "date": f"{last['rejected_on']:%Y-%m-%d}",
                "reason": last["reason"] or "—",
                "days": max(0, days),
            },
            {"rejections": len(earlier), "last_ref": last["ref"], "days": max(0, days)},
        )
    ]


PERSON_CHECKS = (
    check_two_regions,
    check_paid_after_death,
    check_shared_account,
    check_repeated_after_rejection,
)
CHECKS_BY_SERVICE = {
    "pension_claim": (check_eligibility, check_base_rise, *PERSON_CHECKS),
    "unemployment_claim": (check_eligibility, *PERSON_CHECKS),
    "survivor_claim": (check_eligibility, *PERSON_CHECKS),
}


def checks_for(service: str):
    return CHECKS_BY_SERVICE.get(service, PERSON_CHECKS)


def run(ctx: Context) -> list[Finding]:
    findings: list[Finding] = []
    for check in checks_for(ctx.application.service):
        findings += check(ctx)
    order = {"high": 0, "medium": 1, "low": 2}
    return sorted(findings, key=lambda f: order[f.severity])


# -- helpers -------------------------------------------------------------------------------


def _people(ctx: Context):
    yield "applicant", ctx.applicant, ctx.application.person.name
    if ctx.subject is not None:
        yield "subject", ctx.subject, ctx.application.subject.name


def _region(code: str) -> str:
    name = region_name(code)
    return f"{name}（{code}）" if name and name != code else code


def _retirement_month(ctx: Context) -> dt.date | None:
    if ctx.application.service != "pension_claim":
        return None
    if ctx.claim is not None:
        for condition in ctx.claim.conditions:
            month = (condition.values or {}).get("statutory_month")
            if month:
                return month
    filed = (ctx.application.figures or {}).get("inputs", {}).get("retirement_month")
    if filed:
        year, month = str(filed)[:7].split("-")
        return dt.date(int(year), int(month), 1)
    return None


def _amount(payload: dict) -> Decimal | None:
    amounts = (payload or {}).get("amounts") or {}
    for key in ("total", "monthly_amount"):
        if amounts.get(key) not in (None, ""):
            return Decimal(str(amounts[key]))
    return None


def _claim_total(claim) -> Decimal | None:
    for code in ("total", "monthly_amount"):
        try:
            return Decimal(str(claim.amount(code)))
        except StopIteration:
            continue
    return None


def _json(value):
    if isinstance(value, dict):
        return {k: _json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json(v) for v in value]
    if isinstance(value, (dt.date, Decimal)):
        return str(value)
    return value
