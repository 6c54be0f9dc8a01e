"""The named roundings."""

from decimal import Decimal

from shebao_rules.money import (
    months_1dp,
    plain,
    to_fen,
    whole_years_down,
    whole_years_up,
    years_2dp,
)


def test_to_fen_rounds_half_up():
    assert to_fen(Decimal("2.675")) == Decimal("2.68")
    assert to_fen(Decimal("0.005")) == Decimal("0.01")
    assert to_fen(Decimal("0.0049999")) == Decimal("0.00")
    assert to_fen(Decimal("-1.005")) == Decimal("-1.01")


def test_years_and_months_roundings():
    assert years_2dp(Decimal(440) / 12) == Decimal("36.67")
    assert months_1dp(Decimal("137.25")) == Decimal("137.3")
    assert whole_years_up(363) == 31 and whole_years_up(360) == 30
    assert whole_years_down(419) == 34
    assert plain(Decimal("139.0")) == "139" and plain(Decimal("138.40")) == "138.4"
