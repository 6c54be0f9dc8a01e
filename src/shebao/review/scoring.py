"""The arithmetic of the automated review (智能审核), pure: no Django, no database.

- `PersonFacts` → `features`: the numbers the anomaly model sees about one person;
- `base_rise`: how far the contribution base (缴费基数) rose in a window of months;
- `combine`: the risk score 0–100 from the rule findings' weights and the model's anomaly
  score, with the top contributing factors.

The screening settings (`SETTINGS`) are the office's risk-screening choices, not policy: they
say when a number is worth a reviewer's look. They are versioned with `RULES_VERSION`, which
every assessment stores, so a decision can be traced to the settings it was screened with.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from statistics import median

RULES_VERSION = "review-rules/2026.1"

SETTINGS = {
    # The window before retirement in which a base rise is examined (the 36 months).
    "base_rise_window_months": 36,
    # last ÷ first base in the window: from this it is worth a look …
    "base_rise_medium": Decimal("2.0"),  # doubled (上升100%)
    # … and from this it is a strong sign of a base raised to inflate the pension.
    "base_rise_high": Decimal("3.0"),  # tripled (上升200%)
    # Points a finding adds to the risk score, by severity.
    "weight": {"high": 45, "medium": 25, "low": 10},
    # At most this many points come from the anomaly model.
    "model_max": 30,
    # The anomaly score (0…1, IsolationForest's s) from which the model adds points, and the
    # score at which it adds all of them.
    "model_from": 0.5,
    "model_full": 0.75,
    # A case may be approved automatically only below this score and with no finding.
    "auto_approve_below": 20,
    # The factors listed with a score.
    "top_factors": 5,
}


@dataclass(frozen=True)
class Feature:
    name: str
    floor: float  # the least spread assumed, so a feature nobody varies in still counts


# The model's features, in the order of its columns. Labels live with the views (translated).
FEATURES: tuple[Feature, ...] = (
    Feature("base_rise", 0.25),  # last ÷ first base in the 36 months before, minus 1
    Feature("regions", 1.0),  # regions the pension insurance was paid in
    Feature("overlap_months", 1.0),  # months paid in two regions at once
    Feature("months_paid", 24.0),  # months of pension insurance paid
    Feature("shared_account", 1.0),  # unrelated persons with the same bank account
    Feature("age", 5.0),  # age in whole years at the review
    Feature("rejections", 1.0),  # earlier applications rejected
    Feature("paid_after_death", 1.0),  # pension months paid after the month of death
)
FEATURE_NAMES = tuple(f.name for f in FEATURES)


@dataclass
class PersonFacts:
    """What the review knows about one person, read from the records."""

    birth_date: dt.date
    # Paid pension-insurance months, both schemes: (month, region code, base, insurance type).
    pension_months: list[tuple[dt.date, str, Decimal, str]] = field(default_factory=list)
    death_date: dt.date | None = None
    pension_start: dt.date | None = None  # first month of the pension award
    pension_months_paid: int = 0  # months of pension paid out
    pension_paying: bool = False  # the award is still being paid
    last_pension_amount: Decimal | None = None
    shared_account: int = 0  # unrelated persons with the same bank account
    rejections: int = 0


def add_months(month: dt.date, n: int) -> dt.date:
    total = month.year * 12 + month.month - 1 + n
    return dt.date(total // 12, total % 12 + 1, 1)


def months_between(a: dt.date, b: dt.date) -> int:
    """Whole months from month ``a`` to month ``b`` (b − a)."""
    return (b.year - a.year) * 12 + b.month - a.month


@dataclass(frozen=True)
class BaseRise:
    first_month: dt.date
    first_base: Decimal
    last_month: dt.date
    last_base: Decimal

    @property
    def ratio(self) -> Decimal:
        return self.last_base / self.first_base

    @property
    def percent(self) -> int:
        """The rise in whole per cent (400 for a base five times as high)."""
        return int(((self.ratio - 1) * 100).to_integral_value())


EMPLOYEES = "enterprise_pension"


def base_rise(
    months: list[tuple[dt.date, str, Decimal, str]], *, before: dt.date, window: int
) -> BaseRise | None:
    """The employees' pension base of the first and the last month paid in the ``window``
    months before the month ``before``."""
    start = add_months(before.replace(day=1), -window)
    by_month: dict[dt.date, Decimal] = {}
    for month, _region, base, kind in months:
        if kind == EMPLOYEES and start <= month < before and base > 0:
            by_month[month] = max(base, by_month.get(month, Decimal(0)))
    if len(by_month) < 2:
        return None
    first, last = min(by_month), max(by_month)
    return BaseRise(first, by_month[first], last, by_month[last])


def overlap_months(
    months: list[tuple[dt.date, str, Decimal, str]],
) -> dict[dt.date, list[str]]:
    """Months of pension insurance (either scheme) paid in more than one region: month -> the
    regions, sorted."""
    regions: dict[dt.date, set[str]] = {}
    for month, region, _base, _kind in months:
        regions.setdefault(month, set()).add(region)
    return {m: sorted(r) for m, r in sorted(regions.items()) if len(r) > 1}


def paid_after_death(facts: PersonFacts) -> int:
    """Pension months paid for months after the month of death (the death month is due)."""
    if facts.death_date is None or facts.pension_start is None:
        return 0
    due = months_between(facts.pension_start, facts.death_date.replace(day=1)) + 1
    return max(0, facts.pension_months_paid - max(0, due))


def reference_month(facts: PersonFacts, *, as_of: dt.date, retirement: dt.date | None) -> dt.date:
    """The month a base rise is measured up to: retirement when known, else the month after the
    last one paid, else the review's month."""
    if retirement is not None:
        return retirement.replace(day=1)
    if facts.pension_months:
        return add_months(max(m for m, _, _, _ in facts.pension_months), 1)
    return as_of.replace(day=1)


def features(
    facts: PersonFacts, *, as_of: dt.date, retirement: dt.date | None = None
) -> dict[str, float]:
    """The model's features of one person, by name."""
    rise = base_rise(
        facts.pension_months,
        before=reference_month(facts, as_of=as_of, retirement=retirement),
        window=SETTINGS["base_rise_window_months"],
    )
    age = (
        as_of.year
        - facts.birth_date.year
        - (
            (as_of.month, as_of.day)
            < (
                facts.birth_date.month,
                facts.birth_date.day,
            )
        )
    )
    return {
        "base_rise": float(rise.ratio - 1) if rise else 0.0,
        "regions": float(len({r for _, r, _, _ in facts.pension_months})),
        "overlap_months": float(len(overlap_months(facts.pension_months))),
        "months_paid": float(len({m for m, _, _, _ in facts.pension_months})),
        "shared_account": float(facts.shared_account),
        "age": float(age),
        "rejections": float(facts.rejections),
        "paid_after_death": float(paid_after_death(facts)),
    }


def row(values: dict[str, float]) -> list[float]:
    return [float(values[name]) for name in FEATURE_NAMES]


def population_spread(rows: list[list[float]]) -> tuple[list[float], list[float]]:
    """(median, spread) per feature column: the spread is the interquartile range, at least the
    feature's floor (a feature almost everyone has at 0 still shows a 1 as unusual)."""
    medians, scales = [], []
    for index, feature in enumerate(FEATURES):
        column = sorted(r[index] for r in rows) or [0.0]
        q1 = column[int(0.25 * (len(column) - 1))]
        q3 = column[int(0.75 * (len(column) - 1))]
        medians.append(float(median(column)))
        scales.append(max(q3 - q1, feature.floor))
    return medians, scales


@dataclass(frozen=True)
class Factor:
    name: str
    weight: float  # points of the risk score it accounts for
    value: float | None = None  # the person's value (model factors)
    median: float | None = None  # the population's median (model factors)
    finding: str = ""  # the finding code (rule factors)


def model_points(anomaly: float) -> float:
    """Points from the model's anomaly score s (0…1; above 0.5 is unusual)."""
    low, full, most = SETTINGS["model_from"], SETTINGS["model_full"], SETTINGS["model_max"]
    share = min(1.0, max(0.0, (anomaly - low) / (full - low)))
    return round(most * share, 2)


def model_factors(
    values: list[float], medians: list[float], scales: list[float], points: float
) -> list[Factor]:
    """The model's points shared out over the features by how far each is from the population
    median, in spreads (only features at least one spread away take a share)."""
    distances = [abs(v - m) / s for v, m, s in zip(values, medians, scales, strict=True)]
    far = {i: d for i, d in enumerate(distances) if d >= 1}
    total = sum(far.values())
    if not total or points <= 0:
        return []
    return [
        Factor(FEATURE_NAMES[i], round(points * d / total, 2), values[i], medians[i])
        for i, d in far.items()
    ]


@dataclass(frozen=True)
class Score:
    score: Decimal
    factors: list[Factor]


def combine(severities: list[tuple[str, str]], factors_from_model: list[Factor]) -> Score:
    """The risk score: each finding's weight by severity (``severities`` lists (code,
    severity)), plus the model's points; at most 100. Factors largest first."""
    weights = SETTINGS["weight"]
    rule_factors = [Factor(code, float(weights[sev]), finding=code) for code, sev in severities]
    total = sum(f.weight for f in rule_factors) + sum(f.weight for f in factors_from_model)
    score = Decimal(str(min(100.0, total))).quantize(Decimal("0.01"))
    ranked = sorted(rule_factors + factors_from_model, key=lambda f: (-f.weight, f.name))
    return Score(score, ranked[: SETTINGS["top_factors"]])


def may_auto_approve(score: Decimal, finding_count: int) -> bool:
    return finding_count == 0 and score < SETTINGS["auto_approve_below"]
