"""Statutory retirement age and month under the 2025 rules (渐进式延迟法定退休年龄), reference §2.

For a birth month and a category (male; female whose original age was 55; female whose
original age was 50):
- delay months: 0 for births before the category's start month, else
  min(floor(d / N) + 1, maximum), d = months from the start month to the birth month;
- statutory age = original age + delay; statutory month = birth month + statutory age;
- minimum contribution months (最低缴费年限) of the year of the statutory month;
- flexible range (弹性退休, 办法第三条): earliest = max(original age, statutory - 36 months),
  latest = statutory + 36 months; none where the statutory month is before 2025-01.
"""

from __future__ import annotations

from . import inputs
from .months import Month, age_text
from .params import Param, Resolver
from .steps import Result, Steps, finish

RULE_VERSION = "retirement/2025.1"
CATEGORIES = ("male", "female_55", "female_50")


def statutory_age_months(birth: Month, category: str, resolver: Resolver, steps: Steps) -> int:
    """Statutory retirement age in months; records the schedule step."""
    schedule: Param = resolver.get("retirement.schedule")
    row = schedule.value[category]
    start = Month.parse(row["start_birth"])
    original = int(row["original_age_years"]) * 12
    d = birth.minus(start)
    delay = 0 if d < 0 else min(d // int(row["every_months"]) + 1, int(row["max_delay_months"]))
    steps.add(
        f"delay of the statutory retirement age for {category} born {birth}",
        delay,
        params=[schedule.pick(category)],
        formula="0 if d < 0 else min(floor(d / every_months) + 1, max_delay_months); "
        "d = months from start_birth to birth",
        inputs={"d": d},
    )
    age = original + delay
    steps.add(
        f"statutory retirement age: {age_text(age)['en']} ({age_text(age)['zh']})",
        age,
        params=[schedule.pick(category)],
        formula="original_age_years x 12 + delay",
        unit="months",
    )
    return age


def min_contribution_months(month: Month, resolver: Resolver, steps: Steps, *, label: str) -> int:
    param = resolver.get("retirement.min_contribution_months", month, field="birth")
    months = int(param.value)
    steps.add(
        f"minimum contribution for retiring in {month.year} ({label}): {months} months",
        months,
        params=[param],
        unit="months",
    )
    return months


def compute(birth, category, *, as_of=None, allow_assumed: bool = False) -> Result:
    """Statutory retirement age and month, minimum contribution and flexible range.

    birth: "YYYY-MM" or Month; category: "male" | "female_55" | "female_50";
    as_of: month whose law applies (default: the rules in force per the data).
    """
    birth = inputs.month(birth, "birth")
    category = inputs.choice(category, "category", CATEGORIES)
    resolver = Resolver(
        allow_assumed=allow_assumed, as_of=inputs.month(as_of, "as_of", optional=True)
    )
    steps = Steps()

    schedule = resolver.get("retirement.schedule")
    original = int(schedule.value[category]["original_age_years"]) * 12
    age = statutory_age_months(birth, category, resolver, steps)
    month = steps.add(
        "statutory retirement month = birth month + statutory age",
        birth.plus(age),
        params=[schedule.pick(category)],
    )
    min_months = min_contribution_months(month, resolver, steps, label="statutory month")

    flex_param = resolver.get("retirement.flexible_max_months", month)
    flex = int(flex_param.value)
    earliest_age = max(original, age - flex)
    latest_age = age + flex
    earliest = birth.plus(earliest_age)
    latest = birth.plus(latest_age)
    steps.add(
        f"earliest flexible retirement month (弹性提前): age {age_text(earliest_age)['en']}",
        earliest,
        params=[flex_param, schedule.pick(category)],
        formula="birth + max(original age, statutory age - flexible_max_months)",
    )
    steps.add(
        f"latest flexible retirement month (弹性延迟): age {age_text(latest_age)['en']}",
        latest,
        params=[flex_param],
        formula="birth + statutory age + flexible_max_months",
    )
    earliest_min = min_contribution_months(earliest, resolver, steps, label="earliest month")

    values = {
        "birth": birth,
        "category": category,
        "original_age_months": original,
        "original_month": birth.plus(original),
        "delay_months": age - original,
        "statutory_age_months": age,
        "statutory_age": age_text(age)["en"],
        "statutory_age_zh": age_text(age)["zh"],
        "statutory_month": month,
        "min_contribution_months": min_months,
        "earliest_month": earliest,
        "earliest_age_months": earliest_age,
        "earliest_min_contribution_months": earliest_min,
        "latest_month": latest,
        "latest_age_months": latest_age,
    }
    return finish(RULE_VERSION, values, steps, resolver)
