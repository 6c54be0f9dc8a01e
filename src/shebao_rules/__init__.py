"""Shebao policy rules engine (政策规则引擎): pure Python, no Django, ever.

Every function returns a `Result` (steps.py): `.values` (also `result.base`,
`result["base"]`), `.steps` (what / value / params with sources), `.rule_version`,
`.data_version`, `.assumed` (names of assumed parameters used) and `.to_json()` (the
CLI shape). Money is Decimal rounded half up to the fen (money.py). Months are
"YYYY-MM" strings or `months.Month`. Inputs may be str / int / Decimal. Refusals raise
`errors.RulesError` subclasses (InputError, ParameterMissing, AssumedNotAllowed,
ParameterChangesWithinYear), each with `.field` and `.to_json()`.
`allow_assumed=False` (official decisions) refuses parameters marked `assumed`;
pass True for estimates — the steps then name them with their basis.

Public functions (keyword names = JSON keys of the CLI):

    retirement.compute(birth, category, *, as_of=None, allow_assumed=False)
        category: "male" | "female_55" | "female_50"
        -> statutory_age_months, statutory_month, min_contribution_months,
           earliest_month, latest_month, earliest_min_contribution_months, ...

    contribution.compute(region, year, kind, *, wage=None, base_ratio=None, industry_class=1,
                         month=None, lines=None, allow_assumed=False, params=None)
        kind: "employee" (wage) | "flexible" (base_ratio); month needed when a rate
        changes within the year (e.g. 2019); params: {parameter name: value} overrides
        -> base, lines{line: {employer, individual}}, totals, account_credit,
           average_wage, base_lower, base_upper

    account.compute(opening_balance, years, *, allow_assumed=False)
        years: [{"year": 2023, "credits": {"1": "400.00", ...}, "rate": optional}, ...]
        -> years[{year, rate, opening, credits, interest, closing}], closing

    pension.compute(region, birth, retirement_month, *, base=None, city_base=None,
                    average_index=None, indexed_wage=None, contribution_years=None,
                    contribution_months=None, deemed_years=None, pre_account_paid_years=None,
                    years_1992_10_to_1998_06=None, actual_index=None, account_balance=0,
                    policy_early_retirement=False, allow_assumed=False, params=None)
        region: "hebei" | "sichuan" | "jilin" | "beijing"
        -> basic, account, transitional, extra, total, payout_months, indexed_wage, ...

    resident.compute(account_balance, *, basic=None, year=None, as_of=None, allow_assumed=False)
        -> basic, account, total

    transfer.compute(account_balance, annual_bases, *, as_of=None, allow_assumed=False)
        -> account, pooled, total, pooled_by_year
    transfer.claim_place(hukou_region, places, *, as_of=None, allow_assumed=False)
        -> claim_region, rule (1–4), months_by_region

    unemployment.compute(birth, category, contribution_months, first_month, *,
                         minimum_wage=None, subsistence=None, ratio=None, region=None,
                         allow_assumed=False)
        -> eligible, months, last_month, monthly_amount, extended, ...

    survivor.compute(region, death_month, contribution_months, *, monthly_pension=None,
                     average_pension=None, account_balance=0, account_paid=0,
                     allow_assumed=False)
        -> funeral_grant, survivor_benefit, benefit_months, inherited_account, total, ...

    adjustment.compute(scheme, pension, contribution_months, birth, *, remote_class=0,
                       retirement_month=None, allow_assumed=False)
        scheme: "hebei-2024" | "shanxi-2025"  -> increase, parts

    params.lookup(name, region, on=None, *, allow_assumed=False) -> params.Param
        on: Month | date | "YYYY-MM" | int year (must hold all year) | None (current rules)
    params.series(name, region) -> [Param, ...]     e.g. series("wage.average", "hebei")

    cli.main(argv: list[str], stdin=None, stdout=None) -> int    # `shebao rules NAME`

Modules: money (rounding), months (Month), params (store, lookup, data *.toml),
steps (Steps, Result), errors, inputs (input validation), retirement, contribution,
account, pension (per-region formulas), resident, transfer (amounts, claim place),
unemployment, adjustment, cli.
"""

from . import (  # noqa: F401  (the public modules, importable as attributes)
    account,
    adjustment,
    contribution,
    params,
    pension,
    resident,
    retirement,
    transfer,
    unemployment,
)
