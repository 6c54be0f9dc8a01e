"""Transfer between regions (关系转移接续) and the claim place, 国办发〔2009〕66号, reference §5.

Amounts (第四条): the whole personal account balance, plus the pooled part (统筹基金) =
12% of each year's actual contribution bases since 1998-01-01 (a part year counts its
actual months, which the year's sum of monthly bases already does). Each year's 12% is
rounded to the fen, as the transfer voucher lists it per year, and the years are summed.

Claim place (第六条), with the last place the current one:
  1. the current place is the hukou place                   -> the hukou place;
  2. otherwise, 10+ years (120 months) paid at the current place -> the current place;
  3. otherwise, the latest earlier place with 10+ years      -> that place;
  4. otherwise                                               -> the hukou place.
"""

from __future__ import annotations

import re
from decimal import Decimal

from . import inputs
from .errors import InputError
from .money import ZERO, to_fen
from .months import Month
from .params import Resolver
from .steps import Result, Steps, finish

RULE_VERSION = "transfer/2025.1"
CLAIM_RULE_VERSION = "claim-place/2025.1"
_REGION_CODE = re.compile(r"^\d{6}$")


def compute(account_balance, annual_bases, *, as_of=None, allow_assumed: bool = False) -> Result:
    """Amounts moved on transfer. annual_bases: {"1998": "72000", ...} — each year's sum of the
    actual monthly contribution bases. as_of: the month whose rules apply (default: current)."""
    balance = to_fen(inputs.decimal(account_balance, "account_balance"))
    bases = inputs.mapping(annual_bases, "annual_bases")
    resolver = Resolver(
        allow_assumed=allow_assumed, as_of=inputs.month(as_of, "as_of", optional=True)
    )
    steps = Steps()
    rate = resolver.get("transfer.pooled_rate")
    since_p = resolver.get("transfer.pooled_from")
    since = Month.parse(since_p.value)
    steps.add(
        "personal account: the whole balance moves", balance, inputs={"account_balance": balance}
    )

    per_year: dict[str, Decimal] = {}
    ignored = []
    for key in sorted(bases, key=str):
        year = inputs.integer(key, f"annual_bases.{key}", minimum=1900, maximum=2200)
        amount = inputs.decimal(bases[key], f"annual_bases.{key}")
        if Month(year, 12) < since:
            ignored.append(year)
            continue
        per_year[str(year)] = to_fen(amount * rate.value)
    if ignored:
        steps.add(
            f"years before {since} are not part of the pooled transfer", ignored, params=[since_p]
        )
    pooled = steps.add(
        "pooled part = sum over years of 12% x that year's bases, each year to the fen",
        sum(per_year.values(), ZERO),
        params=[rate, since_p],
        per_year=per_year,
        formula="sum(to_fen(year bases x 12%))",
    )
    total = steps.add("total moved = account + pooled", balance + pooled)
    return finish(
        RULE_VERSION,
        {"account": balance, "pooled": pooled, "total": total, "pooled_by_year": per_year},
        steps,
        resolver,
    )


def _code(value, field: str) -> str:
    if not isinstance(value, str) or not _REGION_CODE.match(value):
        raise InputError(
            f'{field} must be a 6-digit region code such as "130000"',
            field=field,
            message_zh=f"{field} 须为6位行政区划代码",
        )
    return value


def claim_place(hukou_region, places, *, as_of=None, allow_assumed: bool = False) -> Result:
    """Where the pension is claimed. places: [{"region": "510000", "months": 186}, ...] in time
    order, the last being the current place; months are paid months there."""
    hukou = _code(hukou_region, "hukou_region")
    items = inputs.sequence(places, "places")
    if not items:
        raise InputError(
            "places must list at least the current place",
            field="places",
            message_zh="places 至少包含当前参保地",
        )
    history = []
    for i, item in enumerate(items):
        item = inputs.mapping(item, f"places[{i}]")
        history.append(
            (
                _code(item.get("region"), f"places[{i}].region"),
                inputs.integer(item.get("months"), f"places[{i}].months"),
            )
        )
    resolver = Resolver(
        allow_assumed=allow_assumed, as_of=inputs.month(as_of, "as_of", optional=True)
    )
    steps = Steps()
    threshold_p = resolver.get("transfer.claim_min_months")
    threshold = int(threshold_p.value)

    totals: dict[str, int] = {}
    for region, months in history:
        totals[region] = totals.get(region, 0) + months
    steps.add("paid months per place, added up over all stays", totals)
    current = history[-1][0]

    if current == hukou:
        rule, place, why = 1, hukou, "the insurance is at the hukou place"
    elif totals[current] >= threshold:
        rule, place, why = (
            2,
            current,
            f"not at the hukou place; {totals[current]} months (>= {threshold}) here",
        )
    else:
        earlier = [r for r, _ in reversed(history[:-1]) if r != current and totals[r] >= threshold]
        if earlier:
            rule, place, why = (
                3,
                earlier[0],
                f"under {threshold} months here; the latest earlier place with {threshold}+",
            )
        else:
            rule, place, why = (
                4,
                hukou,
                f"no place reaches {threshold} months; back to the hukou place",
            )
    steps.add(f"claim place by rule {rule} of 第六条: {why}", place, params=[threshold_p])
    return finish(
        CLAIM_RULE_VERSION,
        {"claim_region": place, "rule": rule, "months_by_region": totals},
        steps,
        resolver,
    )
