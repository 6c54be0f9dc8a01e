"""Money and the other roundings — each rounding rule is named and lives only here.

Rule "to the fen" (分): ROUND_HALF_UP to 0.01 yuan. Every money amount a calculation
returns passes through `to_fen` exactly once per component; totals are sums of
rounded components, as official benefit notices (核定单) show them.

The two non-money roundings the rules need are here too, so that nothing else in the
package calls `quantize`:
- contribution years (缴费年限) to 0.01 year, half up (reference §1.1, Hebei notice:
  36 years 8 months -> 36.67);
- payout months (计发月数) to 0.1 month, half up (reference §1.5: 60岁3个月 -> 137.3).
"""

from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal

FEN = Decimal("0.01")
YUAN = Decimal("1")
ZERO = Decimal("0.00")

ROUNDING_RULE = "ROUND_HALF_UP to 0.01 yuan (四舍五入到分)"


def to_fen(amount: Decimal) -> Decimal:
    """Round a money amount half up to the fen (0.01 yuan)."""
    return Decimal(amount).quantize(FEN, rounding=ROUND_HALF_UP)


def to_yuan(amount: Decimal) -> Decimal:
    """Round half up to the whole yuan (how Hebei publishes base limits: 6678 x 60% -> 4007)."""
    return Decimal(amount).quantize(YUAN, rounding=ROUND_HALF_UP)


def years_2dp(years: Decimal) -> Decimal:
    """Contribution years rounded half up to 0.01 year."""
    return Decimal(years).quantize(FEN, rounding=ROUND_HALF_UP)


def months_1dp(months: Decimal) -> Decimal:
    """Payout months rounded half up to one decimal."""
    return Decimal(months).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def whole_years_up(months: int) -> int:
    """Years of contribution counting a part year as a whole one (不满一年按一年)."""
    return int((Decimal(months) / 12).to_integral_value(rounding=ROUND_CEILING))


def whole_years_down(months: int) -> int:
    """Completed years of contribution (每满一年)."""
    return int((Decimal(months) / 12).to_integral_value(rounding=ROUND_FLOOR))


def plain(number: Decimal) -> str:
    """A non-money number as text without trailing zeros: 139 -> "139", 138.40 -> "138.4"."""
    d = Decimal(number)
    if d == d.to_integral_value():
        return str(d.quantize(YUAN))
    return format(d.normalize(), "f")
