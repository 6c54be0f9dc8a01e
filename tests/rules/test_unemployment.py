"""Unemployment benefit: period, the 2025 extension to retirement, amount (reference §6, §2.1)."""

import pytest

BASE = {
    "birth": "1985-09",
    "category": "male",
    "first_month": "2026-11",
    "minimum_wage": "2200",
    "subsistence": "800",
    "ratio": "0.9",
}


def test_issue_example(cli):
    code, out = cli("unemployment", {**BASE, "contribution_months": 134})
    assert code == 0, out
    assert (out["eligible"], out["months"], out["last_month"], out["monthly_amount"]) == (
        True,
        24,
        "2028-10",
        "1980.00",
    )


@pytest.mark.parametrize(
    "paid,months", [(11, 0), (12, 12), (59, 12), (60, 18), (119, 18), (120, 24), (400, 24)]
)
def test_longest_period_by_contribution_time(cli, paid, months):
    code, out = cli("unemployment", {**BASE, "contribution_months": paid})
    assert code == 0
    assert out["months"] == months
    assert out["eligible"] is (months > 0)


# Male born 1970-01: statutory retirement 61 years 4 months -> R = 2031-05; R - 11 = 2030-06.
NEAR = {
    "birth": "1970-01",
    "category": "male",
    "contribution_months": 30,
    "minimum_wage": "2000",
    "subsistence": "850",
    "ratio": "0.9",
}


def test_within_a_year_of_retirement_the_benefit_runs_to_the_month_before_it(cli):
    code, out = cli("unemployment", {**NEAR, "first_month": "2029-07"})  # base period ends 2030-06
    assert code == 0, out
    assert out["statutory_retirement_month"] == "2031-05"
    assert (out["extended"], out["last_month"], out["months"]) == (True, "2031-04", 22)


def test_a_full_year_before_retirement_there_is_no_extension(cli):
    code, out = cli("unemployment", {**NEAR, "first_month": "2029-06"})  # base period ends 2030-05
    assert code == 0
    assert (out["extended"], out["last_month"], out["months"]) == (False, "2030-05", 12)


def test_benefit_never_runs_past_the_retirement_month(cli):
    code, out = cli("unemployment", {**NEAR, "contribution_months": 200, "first_month": "2030-12"})
    assert code == 0
    assert out["last_month"] == "2031-04" and out["months"] == 5


def test_at_retirement_age_there_is_no_benefit(cli):
    code, out = cli("unemployment", {**NEAR, "first_month": "2031-05"})
    assert code == 0 and out["eligible"] is False and out["months"] == 0


def test_before_2025_there_was_no_extension(cli):
    # male born 1963-06 retires 2023-06 under the old rules; period 2022-01..2022-12
    code, out = cli("unemployment", {**NEAR, "birth": "1963-06", "first_month": "2022-01"})
    assert code == 0
    assert (out["extended"], out["last_month"], out["months"]) == (False, "2022-12", 12)


@pytest.mark.parametrize(
    "wage,floor,ratio,amount",
    [
        ("2200", "800", "0.9", "1980.00"),
        ("1000", "950", "0.9", "950.00"),  # never below the subsistence standard
        ("2000", "800", "1.2", "2000.00"),  # never above the minimum wage
        ("2111", "800", "0.85", "1794.35"),  # 1794.35 exactly
    ],
)
def test_amount_is_minimum_wage_times_ratio_within_the_bounds(cli, wage, floor, ratio, amount):
    code, out = cli(
        "unemployment",
        {
            **BASE,
            "contribution_months": 30,
            "minimum_wage": wage,
            "subsistence": floor,
            "ratio": ratio,
        },
    )
    assert code == 0 and out["monthly_amount"] == amount


def test_xinji_values_come_from_the_data_only_as_named_assumptions(cli):
    payload = {
        "birth": "1985-09",
        "category": "male",
        "contribution_months": 134,
        "first_month": "2026-11",
        "region": "xinji",
    }
    code, out = cli("unemployment", {**payload, "allow_assumed": False})
    assert code == 2 and out["parameter"] == "unemployment.minimum_wage"
    code, out = cli("unemployment", payload)
    assert code == 0 and out["monthly_amount"] == "1800.00"
    assert set(out["assumed"]) == {
        "unemployment.minimum_wage",
        "unemployment.subsistence",
        "unemployment.ratio",
    }


def test_without_region_a_missing_amount_field_is_named(cli):
    payload = {k: v for k, v in BASE.items() if k != "minimum_wage"}
    code, out = cli("unemployment", {**payload, "contribution_months": 30})
    assert code == 2 and out["field"] == "minimum_wage"
