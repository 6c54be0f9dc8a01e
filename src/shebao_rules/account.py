"""The personal pension account (个人账户) rolled forward year by year, reference §4.

Each year, with that year's official interest rate r (记账利率):
    interest = opening balance x r + sum over months m of credit_m x r x (13 - m) / 12
rounded to the fen (the month-product method, 月积数法: a credit of month m earns
interest for the months left in the year, itself included), and
    closing = opening + credits of the year + interest.
Years without credits between two given years still earn interest on the balance.
"""

from __future__ import annotations

from decimal import Decimal

from . import inputs
from .errors import InputError
from .money import ZERO, to_fen
from .params import Resolver, supplied
from .steps import Result, Steps, finish

RULE_VERSION = "account/2025.1"


def _read_years(years) -> dict[int, dict]:
    out: dict[int, dict] = {}
    for i, item in enumerate(inputs.sequence(years, "years")):
        where = f"years[{i}]"
        item = inputs.mapping(item, where)
        year = inputs.integer(item.get("year"), f"{where}.year", minimum=1900, maximum=2200)
        if year in out:
            raise InputError(
                f"year {year} is given twice", field=f"{where}.year", message_zh=f"{year} 年重复"
            )
        credits = {}
        for key, amount in (
            inputs.mapping(item.get("credits", {}), f"{where}.credits") or {}
        ).items():
            m = inputs.integer(key, f"{where}.credits.{key}", minimum=1, maximum=12)
            credits[m] = inputs.decimal(amount, f"{where}.credits.{key}")
        rate = inputs.decimal(item.get("rate"), f"{where}.rate", optional=True)
        out[year] = {"credits": credits, "rate": rate}
    if not out:
        raise InputError(
            "years must list at least one year", field="years", message_zh="years 至少需要一年"
        )
    return out


def year_interest(opening: Decimal, credits: dict[int, Decimal], rate: Decimal) -> Decimal:
    """Interest of one year by the month-product method, rounded to the fen."""
    exact = opening * rate + sum((c * rate * (13 - m) / 12 for m, c in credits.items()), Decimal(0))
    return to_fen(exact)


def compute(opening_balance, years, *, allow_assumed: bool = False) -> Result:
    """Roll the account from `opening_balance` (at the start of the first year) through
    `years` = [{"year": 2023, "credits": {"1": "400.00", ...}, "rate": optional}, ...].
    A year's "rate" supplied by the caller replaces the data's rate for that year."""
    opening = to_fen(inputs.decimal(opening_balance, "opening_balance"))
    given = _read_years(years)
    resolver = Resolver(allow_assumed=allow_assumed)
    steps = Steps()
    steps.add("opening balance", opening, inputs={"opening_balance": opening})

    rows = []
    balance = opening
    for year in range(min(given), max(given) + 1):
        entry = given.get(year, {"credits": {}, "rate": None})
        if entry["rate"] is not None:
            rate = supplied(
                "pension.account_interest_rate", entry["rate"], "national", f"years[{year}].rate"
            )
        else:
            rate = resolver.get("pension.account_interest_rate", year, field="years")
        credits = entry["credits"]
        credited = sum(credits.values(), ZERO)
        interest = year_interest(balance, credits, rate.value)
        steps.add(
            f"interest of {year}",
            interest,
            params=[rate],
            formula="to_fen(opening x r + sum(credit_m x r x (13 - m) / 12))",
            inputs={"opening": balance, "credits": {str(m): credits[m] for m in sorted(credits)}},
        )
        closing = balance + credited + interest
        steps.add(f"closing balance of {year} = opening + credits + interest", closing)
        rows.append(
            {
                "year": year,
                "rate": rate.value,
                "opening": balance,
                "credits": to_fen(credited),
                "interest": interest,
                "closing": closing,
            }
        )
        balance = closing

    return finish(
        RULE_VERSION,
        {"opening_balance": opening, "years": rows, "closing": balance},
        steps,
        resolver,
    )
