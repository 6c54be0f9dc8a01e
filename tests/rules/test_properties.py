"""Properties that must hold for any input, checked with hypothesis."""

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from shebao_rules import (
    account,
    adjustment,
    contribution,
    pension,
    retirement,
    transfer,
    unemployment,
)
from shebao_rules.months import Month

FAST = settings(max_examples=60, deadline=None)

births = st.builds(Month, st.integers(1940, 2005), st.integers(1, 12))
categories = st.sampled_from(retirement.CATEGORIES)
money = st.decimals(min_value=0, max_value=200000, places=2, allow_nan=False, allow_infinity=False)


@FAST
@given(births, categories)
def test_retirement_month_never_precedes_the_original_one_and_the_range_holds_it(birth, category):
    r = retirement.compute(birth, category)
    assert r.statutory_month >= r.original_month
    assert r.original_month <= r.earliest_month <= r.statutory_month <= r.latest_month
    assert r.latest_month.minus(r.statutory_month) <= 36
    assert r.statutory_month.minus(r.earliest_month) <= 36


@FAST
@given(births, categories)
def test_a_later_birth_never_retires_earlier(birth, category):
    a = retirement.compute(birth, category)
    b = retirement.compute(birth.plus(1), category)
    assert b.statutory_month > a.statutory_month
    assert b.statutory_age_months >= a.statutory_age_months


@FAST
@given(st.sampled_from([2025, 2026]), money)
def test_employee_base_is_always_within_the_limits(year, wage):
    r = contribution.compute("hebei", year, "employee", wage=wage, lines=["pension"])
    assert r.base_lower <= r.base <= r.base_upper
    assert r.lines["pension"]["employer"] >= 0


@FAST
@given(st.sampled_from([2025, 2026]), st.decimals(min_value=Decimal("0.01"), max_value=5, places=3))
def test_flexible_base_is_always_within_the_limits(year, ratio):
    r = contribution.compute("hebei", year, "flexible", base_ratio=ratio)
    assert r.base_lower <= r.base <= r.base_upper


@FAST
@given(
    money,
    st.dictionaries(st.integers(1, 12), money, max_size=12),
    st.decimals(min_value=0, max_value=Decimal("0.2"), places=4),
)
def test_interest_is_never_negative_for_a_non_negative_rate(opening, credits, rate):
    r = account.compute(opening, [{"year": 2030, "credits": credits, "rate": rate}])
    year = r.years[0]
    assert year["interest"] >= 0
    assert year["closing"] == year["opening"] + year["credits"] + year["interest"]


PENSION_REGIONS = {
    "hebei": {},
    "sichuan": {},
    "jilin": {"city_base": "7000"},
    "beijing": {},
}


@FAST
@given(
    st.sampled_from(sorted(PENSION_REGIONS)),
    st.integers(180, 540),
    st.integers(1, 60),
    st.decimals(min_value=Decimal("0.6"), max_value=3, places=4),
    money,
    st.integers(0, 120),
)
def test_more_contribution_years_never_lower_a_pension(
    region, months, more, index, balance, deemed_months
):
    deemed = str(min(deemed_months, months) // 12)
    common = dict(
        base="7483",
        average_index=index,
        account_balance=balance,
        deemed_years=deemed,
        **PENSION_REGIONS[region],
    )
    a = pension.compute(region, "1965-01", "2025-02", contribution_months=months, **common)
    b = pension.compute(region, "1965-01", "2025-02", contribution_months=months + more, **common)
    assert b.total >= a.total
    assert a.total == a.basic + a.account + a.transitional + a.extra


def test_payout_months_fall_with_every_month_of_age_after_2025():
    previous = None
    for age in range(40 * 12, 70 * 12 + 1):
        birth = Month(2060, 1).plus(-age)
        r = pension.compute(
            "hebei",
            birth,
            "2060-01",
            base="8000",
            average_index="1",
            contribution_years="20",
            params={"pension.base": "8000"},
        )
        if previous is not None:
            assert r.payout_months < previous, age
        previous = r.payout_months


@FAST
@given(
    births,
    categories,
    st.integers(0, 400),
    st.builds(Month, st.integers(2020, 2060), st.integers(1, 12)),
)
def test_unemployment_benefit_never_reaches_the_retirement_month(birth, category, paid, first):
    r = unemployment.compute(
        birth, category, paid, first, minimum_wage="2000", subsistence="800", ratio="0.9"
    )
    if r.eligible:
        assert r.last_month < r.statutory_retirement_month
        assert r.months == r.last_month.minus(first) + 1 >= 1
        if r.extended:
            assert r.last_month == r.statutory_retirement_month.plus(-1)


@FAST
@given(money, st.dictionaries(st.integers(1990, 2030).map(str), money, max_size=10))
def test_transfer_total_is_account_plus_each_years_12_percent(balance, bases):
    r = transfer.compute(balance, bases)
    assert r.total == r.account + r.pooled
    assert r.pooled == sum(r.pooled_by_year.values(), Decimal("0.00"))
    assert all(int(y) >= 1998 for y in r.pooled_by_year)


@FAST
@given(
    st.sampled_from(["hebei-2024", "shanxi-2025"]),
    money,
    st.integers(0, 600),
    st.integers(0, 60),
    st.builds(Month, st.integers(1930, 1965), st.integers(1, 12)),
)
def test_a_higher_pension_or_longer_career_never_gets_a_smaller_increase(
    scheme, amount, months, more, birth
):
    a = adjustment.compute(scheme, amount, months, birth)
    assert adjustment.compute(scheme, amount + 100, months, birth).increase >= a.increase
    assert adjustment.compute(scheme, amount, months + more, birth).increase >= a.increase
