"""Urban–rural residents' basic pension (城乡居民基本养老保险), reference §3.5.

    monthly pension = basic pension (基础养老金) + account balance / 139
The basic pension is the local amount (national minimum plus local additions); when the
caller does not give it, the national minimum of the year is used (and named as such).
"""

from __future__ import annotations

from . import inputs
from .errors import InputError
from .money import to_fen
from .params import Resolver, supplied
from .steps import Result, Steps, finish

RULE_VERSION = "resident/2025.1"


def compute(
    account_balance, *, basic=None, year=None, as_of=None, allow_assumed: bool = False
) -> Result:
    """Monthly residents' pension. Give `basic` (the local basic pension), or `year` to use
    the national minimum of that year."""
    balance = to_fen(inputs.decimal(account_balance, "account_balance"))
    year = inputs.integer(year, "year", minimum=1900, maximum=2200, optional=True)
    resolver = Resolver(
        allow_assumed=allow_assumed, as_of=inputs.month(as_of, "as_of", optional=True)
    )
    steps = Steps()
    if basic is not None:
        basic_p = supplied("resident.basic", inputs.decimal(basic, "basic"), "national", "basic")
    elif year is not None:
        basic_p = resolver.get("resident.basic_min", year, field="basic")
    else:
        raise InputError(
            "give basic (the local basic pension) or year (for the national minimum)",
            field="basic",
            message_zh="须提供基础养老金 basic，或年份 year（按全国最低标准）",
        )
    basic_v = steps.add("basic pension (基础养老金)", to_fen(basic_p.value), params=[basic_p])
    months_p = resolver.get("resident.payout_months", year)
    account = steps.add(
        "personal account pension = balance / payout months",
        to_fen(balance / months_p.value),
        params=[months_p],
        formula="to_fen(balance / 139)",
        inputs={"account_balance": balance},
    )
    total = steps.add("total = basic + account", basic_v + account)
    return finish(
        RULE_VERSION, {"basic": basic_v, "account": account, "total": total}, steps, resolver
    )
