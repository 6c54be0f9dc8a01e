"""Annual pension adjustment (基本养老金调整), reference §7: schemes as data.

A scheme (e.g. "hebei-2024") is the parameter adjustment.scheme of its region and year:
    flat (定额) + per year of contribution x years (挂钩, a part year up or down as the
    scheme says, with a minimum) + pension x percent (挂钩) + old-age tilt (高龄倾斜, by birth
    dates or by the age reached at a date) + remote-area tilt (艰苦边远地区)
each part rounded half up to the fen; the increase is their sum. Someone who retired
after the scheme's cut-off gets nothing, with the reason.
"""

from __future__ import annotations

import re
from decimal import Decimal

from . import inputs
from .errors import InputError
from .money import ZERO, to_fen, whole_years_down, whole_years_up
from .months import Month
from .params import Resolver
from .steps import Result, Steps, finish

RULE_VERSION = "adjustment/2025.1"
_SCHEME = re.compile(r"^([a-z]+)-(\d{4})$")


def _age_part(scheme: dict, birth: Month) -> tuple[Decimal, str]:
    for b in scheme.get("age_brackets", []):
        if scheme["age_rule"] == "born":
            lo = Month.parse(b["born_from"]) if "born_from" in b else None
            hi = Month.parse(b["born_to"]) if "born_to" in b else None
            if (lo is None or birth >= lo) and (hi is None or birth <= hi):
                return b[
                    "amount"
                ], f"born {birth}, in {b.get('born_from', '…')}–{b.get('born_to', '…')}"
        else:
            at = Month.parse(scheme["age_at"])
            age = at.minus(birth) // 12  # ages counted as reached by the end of that month
            if age >= int(b["age_from"]) and ("age_to" not in b or age <= int(b["age_to"])):
                return b["amount"], f"aged {age} at the end of {at}"
    return ZERO, "no old-age tilt"


def compute(
    scheme,
    pension,
    contribution_months,
    birth,
    *,
    remote_class=0,
    retirement_month=None,
    allow_assumed: bool = False,
) -> Result:
    """Monthly increase under `scheme` ("hebei-2024", "shanxi-2025") for a retiree with
    `pension` (the month before the adjustment), contribution months (含视同), birth month,
    remote-area class (0 none, 1–3, or "outside_higher") and retirement month (optional)."""
    if not isinstance(scheme, str) or not _SCHEME.match(scheme):
        raise InputError(
            'scheme must look like "hebei-2024"',
            field="scheme",
            message_zh="scheme 格式如 hebei-2024",
        )
    region, year = _SCHEME.match(scheme).groups()
    pension = to_fen(inputs.decimal(pension, "pension"))
    paid = inputs.integer(contribution_months, "contribution_months")
    birth = inputs.month(birth, "birth")
    retired = inputs.month(retirement_month, "retirement_month", optional=True)
    resolver = Resolver(allow_assumed=allow_assumed)
    if region not in resolver.store.regions:
        raise InputError(
            f"unknown scheme {scheme}", field="scheme", message_zh=f"未知调整方案 {scheme}"
        )
    steps = Steps()
    param = resolver.get("adjustment.scheme", Month(int(year), 1), field="scheme", region=region)
    s = param.value
    if s.get("id") != scheme:
        raise InputError(
            f"unknown scheme {scheme}", field="scheme", message_zh=f"未知调整方案 {scheme}"
        )
    cutoff = Month.parse(s["retired_by"])
    if retired is not None and retired > cutoff:
        steps.add(
            f"retired {retired}, after the cut-off {cutoff}: no adjustment under {scheme}",
            ZERO,
            params=[param],
        )
        return finish(
            RULE_VERSION,
            {"scheme": scheme, "increase": ZERO, "parts": {}, "reason": f"retired after {cutoff}"},
            steps,
            resolver,
        )
    if retired is None:
        steps.add(
            f"retirement month not given: taken as on or before the cut-off {cutoff}",
            True,
            params=[param],
        )

    years = whole_years_up(paid) if s["years_rounding"] == "up" else whole_years_down(paid)
    years = max(years, int(s.get("min_years", 0)))
    parts: dict[str, Decimal] = {}
    parts["flat"] = steps.add("flat amount (定额)", to_fen(s["flat"]), params=[param])
    parts["years"] = steps.add(
        f"per year of contribution: {years} years "
        f"({s['years_rounding']}, minimum {s.get('min_years', 0)})",
        to_fen(s["per_year"] * years),
        params=[param],
        formula="to_fen(per_year x years)",
        inputs={"contribution_months": paid},
    )
    parts["percent"] = steps.add(
        "share of the pension (挂钩)",
        to_fen(pension * s["percent"]),
        params=[param],
        formula="to_fen(pension x percent)",
        inputs={"pension": pension},
    )
    amount, why = _age_part(s, birth)
    parts["age"] = steps.add(f"old-age tilt (高龄倾斜): {why}", to_fen(amount), params=[param])

    remote = s.get("remote", {})
    key = str(remote_class)
    if remote_class is None or key == "0":
        parts["remote"] = ZERO
    elif key in remote and not isinstance(remote_class, bool):
        parts["remote"] = steps.add(
            f"remote-area tilt, class {key} (艰苦边远地区)", to_fen(remote[key]), params=[param]
        )
    else:
        raise InputError(
            f"remote_class must be 0 or one of {', '.join(sorted(remote))} for {scheme}",
            field="remote_class",
            message_zh="艰苦边远地区类别无效",
        )
    if "military_note" in s:
        steps.add("not computed: " + s["military_note"], None, params=[param])

    increase = steps.add(
        "increase = sum of the rounded parts", sum(parts.values(), ZERO), params=[param]
    )
    return finish(
        RULE_VERSION, {"scheme": scheme, "increase": increase, "parts": parts}, steps, resolver
    )
