"""What a transfer (关系转移接续) moves, reckoned from contribution rows with the policy engine.

Pure: no database here. `transfers.selectors` reads the rows and calls `reckon`.

- Places: a record's region is taken at the level insurance is pooled (统筹地区): a
  municipality's province code (北京 110000), otherwise the city code (成都 510100); the office's
  own records count at the office's region (辛集 130181).
- Personal account (个人账户储存额, 国办发〔2009〕66号 第四条(一)): for years before 1998 the
  person's own contributions, from 1998 everything credited to the account; rolled with the
  official interest rate of each year (`shebao_rules.account`) to the end of the last closed
  year; this year's credits move without interest (it is credited at the year's end). For an
  out-transfer the office's own account books are used instead of a roll from the records.
- Pooled part (统筹基金, 第四条(二)): `shebao_rules.transfer.compute`, 12 % of each year's bases
  from 1998.
- Claim place (待遇领取地, 第六条): `shebao_rules.transfer.claim_place` over the stays in time
  order, the hukou place taken at the same level.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from shebao_rules import account as account_rules
from shebao_rules import transfer as transfer_rules
from shebao_rules.money import to_fen

MUNICIPALITIES = frozenset({"11", "12", "31", "50"})
YEARLY_RATE = "pension.account_interest_rate"
PRE_ACCOUNT_YEAR = 1998  # 第四条(一): before 1998 only the person's own contributions move


def place_of(code: str) -> str:
    """The pooling-level place of a region code: 510122 -> 510100, 110105 -> 110000."""
    if code[:2] in MUNICIPALITIES:
        return code[:2] + "0000"
    if code.endswith("0000"):
        return code
    return code[:4] + "00"


def within(code: str, place: str) -> bool:
    return code == place or place_of(code) == place


@dataclass(frozen=True)
class Row:
    """One paid month of the enterprise pension (企业职工基本养老保险)."""

    month: dt.date
    region_code: str
    base: Decimal
    account_credit: Decimal
    individual_amount: Decimal
    here: bool  # the office's own enrolment holds it (not another region's office)


@dataclass
class Reckoning:
    direction: str
    region: str
    first_month: dt.date
    last_month: dt.date
    months: int
    account: Decimal
    pooled: Decimal
    total: Decimal
    years: list[dict]  # {"year", "months", "bases", "pooled"}
    claim_region: str
    claim_rule: int
    months_by_region: dict[str, int]
    rule_version: str
    claim_rule_version: str
    account_rule_version: str
    data_version: str
    assumed: list[str]
    sources: list[dict]
    steps: list[dict] = field(default_factory=list)

    def figures(self) -> dict:
        """The JSON the application keeps: every amount as a string, with the rule versions
        and the names of any assumed parameters, so it can be recomputed later."""
        return {
            "direction": self.direction,
            "region": self.region,
            "first_month": f"{self.first_month:%Y-%m}",
            "last_month": f"{self.last_month:%Y-%m}",
            "months": self.months,
            "account": str(self.account),
            "pooled": str(self.pooled),
            "total": str(self.total),
            "pooled_by_year": {str(y["year"]): str(y["pooled"]) for y in self.years},
            "claim_region": self.claim_region,
            "claim_rule": self.claim_rule,
            "rule_version": self.rule_version,
            "claim_rule_version": self.claim_rule_version,
            "account_rule_version": self.account_rule_version,
            "data_version": self.data_version,
            "assumed": list(self.assumed),
        }


def stays(rows: list[Row], *, office_region: str) -> list[dict]:
    """Consecutive stays [{"region", "months"}] in time order (a return makes a new stay)."""
    out: list[dict] = []
    for row in sorted(rows, key=lambda r: r.month):
        place = office_region if row.here else place_of(row.region_code)
        if out and out[-1]["region"] == place:
            out[-1]["months"] += 1
        else:
            out.append({"region": place, "months": 1})
    return out


def hukou_place(hukou: str, places: list[str]) -> str:
    if hukou in places:
        return hukou
    for place in places:
        if place.endswith("00") and place_of(hukou) == place:
            return place
    return place_of(hukou)


def account_from_credits(
    rows: list[Row], *, as_of: dt.date
) -> tuple[Decimal, str, list[str], list[dict]]:
    """The account balance the rows built: rolled to the end of last year, plus this year's
    credits. Returns (balance, rule version, assumed parameter names, steps)."""
    credits: dict[int, dict[str, Decimal]] = defaultdict(dict)
    for row in rows:
        amount = row.individual_amount if row.month.year < PRE_ACCOUNT_YEAR else row.account_credit
        if amount:
            credits[row.month.year][str(row.month.month)] = amount
    closed = as_of.year - 1
    past = [y for y in credits if y <= closed]
    this_year = sum(
        (sum(c.values(), Decimal(0)) for y, c in credits.items() if y > closed), Decimal(0)
    )
    if not past:
        return to_fen(this_year), "", [], []
    years = [{"year": y, "credits": credits.get(y, {})} for y in range(min(past), closed + 1)]
    result = account_rules.compute("0", years, allow_assumed=True)
    closing = result.values["years"][-1]["closing"]
    return to_fen(closing + this_year), result.rule_version, result.assumed, result.steps


def reckon(
    *,
    direction: str,
    region: str,
    moving: list[Row],
    all_rows: list[Row],
    account_balance: Decimal | None,
    account_rule_version: str,
    hukou: str,
    office_region: str,
    as_of: dt.date,
) -> Reckoning:
    """Amounts, years and claim place of a transfer of the rows `moving`. `account_balance`:
    the office's own book balance (out-transfers); None rolls it from the credits (in)."""
    assumed: list[str] = []
    account_steps: list[dict] = []
    if account_balance is None:
        account_balance, account_rule_version, assumed, account_steps = account_from_credits(
            moving, as_of=as_of
        )
    bases: dict[str, Decimal] = defaultdict(Decimal)
    months_in_year: dict[int, int] = defaultdict(int)
    for row in moving:
        bases[str(row.month.year)] += row.base
        months_in_year[row.month.year] += 1
    month_text = f"{as_of:%Y-%m}"
    result = transfer_rules.compute(account_balance, dict(bases), as_of=month_text)
    history = stays(all_rows, office_region=office_region)
    places = [s["region"] for s in history]
    claim = transfer_rules.claim_place(
        hukou_place(hukou, places),
        history or [{"region": office_region, "months": 0}],
        as_of=month_text,
    )
    per_year = result.values["pooled_by_year"]
    years = [
        {
            "year": y,
            "months": months_in_year[y],
            "bases": to_fen(bases[str(y)]),
            "pooled": per_year.get(str(y), Decimal("0.00")),
            "counted": str(y) in per_year,
        }
        for y in sorted(months_in_year)
    ]
    sources: dict[tuple[str, str], dict] = {}
    for step in result.steps + claim.steps + account_steps:
        for p in step["params"]:
            if p["name"] == YEARLY_RATE:  # one row per source, not one per year
                p = {**p, "value": "", "valid_from": None, "valid_to": None}
            sources.setdefault((p["name"], p["source"]), p)
    months = sorted(r.month for r in moving)
    return Reckoning(
        direction=direction,
        region=region,
        first_month=months[0],
        last_month=months[-1],
        months=len(set(months)),
        account=result.values["account"],
        pooled=result.values["pooled"],
        total=result.values["total"],
        years=years,
        claim_region=claim.values["claim_region"],
        claim_rule=claim.values["rule"],
        months_by_region=claim.values["months_by_region"],
        rule_version=result.rule_version,
        claim_rule_version=claim.rule_version,
        account_rule_version=account_rule_version,
        data_version=result.data_version,
        assumed=sorted(set(assumed) | set(result.assumed) | set(claim.assumed)),
        sources=list(sources.values()),
        steps=account_steps + result.steps + claim.steps,
    )
