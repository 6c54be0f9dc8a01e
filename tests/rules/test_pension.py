"""Monthly pension: the reference's worked examples (§9 H1, SC1, BJ; §10; §1.5)."""

import pytest

H1 = {
    "region": "hebei",
    "birth": "1964-12",
    "retirement_month": "2024-12",
    "base": "7265",
    "indexed_wage": "13620.42",
    "contribution_years": "38.46",
    "deemed_years": "6.46",
    "pre_account_paid_years": "3.00",
    "account_balance": "223513.93",
    "policy_early_retirement": False,
}


def test_h1_hebei_2024_notice_reproduces_to_the_fen(cli):
    code, out = cli("pension", H1)
    assert code == 0, out
    assert (out["basic"], out["account"], out["transitional"], out["extra"], out["total"]) == (
        "4016.27",
        "1608.01",
        "1675.04",
        "0.00",
        "7299.32",
    )
    assert out["payout_months"] == "139"
    assert out["assumed"] == []


def test_h1_without_base_takes_the_2024_hebei_base_from_the_data(cli):
    payload = {k: v for k, v in H1.items() if k != "base"}
    code, out = cli("pension", payload)
    assert code == 0
    assert out["base"] == "7265.00" and out["total"] == "7299.32"
    base_param = out["steps"][0]["params"][0]
    assert base_param["name"] == "pension.base" and base_param["level"] == "V-calc"


def test_sc1_sichuan_2024_notice_with_extra_pension(cli):
    code, out = cli(
        "pension",
        {
            "region": "sichuan",
            "birth": "1974-01",
            "retirement_month": "2024-04",
            "base": "8079",
            "average_index": "0.84",
            "contribution_years": "17.33",
            "account_balance": "91147.87",
        },
    )
    assert code == 0, out
    assert out["indexed_wage"] == "6786.36"
    assert (out["basic"], out["account"], out["transitional"], out["extra"], out["total"]) == (
        "1288.08",
        "467.42",
        "0.00",
        "117.61",
        "1873.11",
    )
    assert out["payout_months"] == "195"  # 50 years 3 months, retired before 2025: whole years


def test_sichuan_policy_early_retirement_raises_the_extra_rate_to_04_percent(cli):
    code, out = cli(
        "pension",
        {
            "region": "sichuan",
            "birth": "1974-01",
            "retirement_month": "2024-04",
            "base": "8079",
            "average_index": "0.84",
            "contribution_years": "17.33",
            "account_balance": "0",
            "policy_early_retirement": True,
        },
    )
    assert code == 0
    assert out["extra"] == "470.43"  # 6786.36 x 0.4% x 17.33


@pytest.mark.parametrize(
    "base,index,months,basic", [("12049", "0.8", 360, "3253.23"), ("11883", "1.0", 300, "2970.75")]
)
def test_beijing_rule_vectors(cli, base, index, months, basic):
    code, out = cli(
        "pension",
        {
            "region": "beijing",
            "birth": "1964-06",
            "retirement_month": "2024-06",
            "base": base,
            "average_index": index,
            "contribution_months": months,
        },
    )
    assert code == 0, out
    assert out["basic"] == basic


@pytest.mark.parametrize(
    "month,index,years,basic",
    [
        ("2023-06", "1.189", "40.13", "3038.98"),
        ("2023-06", "0.7023", "31.08", "1830.33"),
        ("2025-06", "0.7079", "42.42", "2710.68"),
        ("2025-06", "0.724", "36.67", "2365.34"),
    ],
)
def test_hebei_back_computed_bases_reproduce_the_notices(cli, month, index, years, basic):
    birth = f"{int(month[:4]) - 60}-{month[5:]}"
    code, out = cli(
        "pension",
        {
            "region": "hebei",
            "birth": birth,
            "retirement_month": month,
            "average_index": index,
            "contribution_years": years,
        },
    )
    assert code == 0, out
    assert out["basic"] == basic


def test_contribution_months_are_rounded_to_hundredths_of_a_year_first(cli):
    # 36 years 8 months -> 36.67, as the Hebei notice (36.6667 would give 2365.55)
    code, out = cli(
        "pension",
        {
            "region": "hebei",
            "birth": "1965-06",
            "retirement_month": "2025-06",
            "average_index": "0.724",
            "contribution_months": 440,
        },
    )
    assert code == 0
    assert out["contribution_years"] == "36.67" and out["basic"] == "2365.34"


@pytest.mark.parametrize(
    "birth,retired,months",
    [
        ("1964-11", "2024-12", "139"),  # before 2025: whole years of age
        ("1965-01", "2025-02", "138.4"),  # 60 years 1 month (Jinan reply; Sichuan notice SC3)
        ("1965-11", "2025-12", "138.4"),  # SC3: flexible early, actual age 60y1m
        ("1975-01", "2025-02", "194.6"),  # 50 years 1 month (Jinan reply)
        ("1965-09", "2025-12", "137.3"),  # 60 years 3 months: 137.25 half up
        ("1966-02", "2026-02", "139"),  # Jilin notice: 60 years exactly
        ("1970-06", "2031-11", "129.1"),  # 61 years 5 months
        ("1974-05", "2036-10", "121.7"),  # 62 years 5 months
    ],
)
def test_payout_months_interpolate_from_2025_and_round_to_one_decimal(cli, birth, retired, months):
    code, out = cli(
        "pension",
        {
            "region": "hebei",
            "birth": birth,
            "retirement_month": retired,
            "base": "7483",
            "average_index": "1",
            "contribution_years": "30",
            "account_balance": "100000",
        },
    )
    assert code == 0, out
    assert out["payout_months"] == months


def test_jilin_uses_two_bases_and_its_own_transitional_formula(cli):
    # rule vector (no official notice): city base 7000, provincial 7500, index 1, 35 y, 10 deemed
    code, out = cli(
        "pension",
        {
            "region": "jilin",
            "birth": "1966-02",
            "retirement_month": "2026-02",
            "base": "7500",
            "city_base": "7000",
            "average_index": "1.0",
            "contribution_years": "35",
            "deemed_years": "10",
            "account_balance": "139000",
        },
    )
    assert code == 0, out
    assert out["basic"] == "2537.50"  # (7000 + 7500) / 2 x 35%
    assert out["account"] == "1000.00"  # 139000 / 139
    assert out["transitional"] == "1050.00"  # 7500 x 1.0 x 10 x 1.4%
    assert out["total"] == "4587.50"


def test_jilin_short_paid_career_uses_the_12_percent_branch(cli):
    code, out = cli(
        "pension",
        {
            "region": "jilin",
            "birth": "1966-02",
            "retirement_month": "2026-02",
            "base": "7500",
            "city_base": "7000",
            "average_index": "1.0",
            "contribution_years": "30",
            "deemed_years": "10",
        },
    )
    assert code == 0
    assert out["transitional"] == "900.00"  # 20 paid years: 1.2%


def test_jilin_without_a_city_base_is_refused_naming_it(cli):
    code, out = cli(
        "pension",
        {
            "region": "jilin",
            "birth": "1966-02",
            "retirement_month": "2026-02",
            "base": "7500",
            "average_index": "1.0",
            "contribution_years": "30",
        },
    )
    assert code == 2
    assert out["field"] == "city_base" and out["parameter"] == "pension.city_base"


def test_beijing_transitional_has_deemed_and_1992_1998_parts(cli):
    code, out = cli(
        "pension",
        {
            "region": "beijing",
            "birth": "1964-06",
            "retirement_month": "2024-06",
            "base": "11883",
            "average_index": "1.0",
            "actual_index": "0.9",
            "contribution_years": "40",
            "deemed_years": "10",
            "years_1992_10_to_1998_06": "5.75",
        },
    )
    assert code == 0, out
    # 11883 x 10 x 1% + 11883 x 0.9 x 5.75 x 1% = 1188.30 + 614.95
    assert out["transitional"] == "1803.25"


def test_beijing_1992_1998_years_without_actual_index_are_refused(cli):
    code, out = cli(
        "pension",
        {
            "region": "beijing",
            "birth": "1964-06",
            "retirement_month": "2024-06",
            "base": "11883",
            "average_index": "1.0",
            "contribution_years": "40",
            "years_1992_10_to_1998_06": "5.75",
        },
    )
    assert code == 2 and out["field"] == "actual_index"


def test_future_hebei_base_is_an_assumption_named_in_the_steps(cli):
    payload = {
        "region": "hebei",
        "birth": "1966-06",
        "retirement_month": "2026-10",
        "average_index": "1",
        "contribution_years": "30",
    }
    code, out = cli("pension", {**payload, "allow_assumed": False})
    assert code == 2 and out["field"] == "base" and out["parameter"] == "pension.base"
    code, out = cli("pension", payload)
    assert code == 0 and out["base"] == "7707.00"
    assert out["assumed"] == ["pension.base"]
    base_param = out["steps"][0]["params"][0]
    assert base_param["level"] == "assumed" and "3%/yr" in base_param["basis"]


def test_hebei_base_beyond_the_data_is_refused_even_as_estimate(cli):
    code, out = cli(
        "pension",
        {
            "region": "hebei",
            "birth": "1971-06",
            "retirement_month": "2031-10",
            "average_index": "1",
            "contribution_years": "30",
            "allow_assumed": True,
        },
    )
    assert code == 2 and out["parameter"] == "pension.base" and out["when"] == "2031-10"


def test_short_careers_are_flagged_against_the_minimum_of_the_retirement_year(cli):
    code, out = cli(
        "pension",
        {**H1, "contribution_years": "14.99", "deemed_years": "0", "pre_account_paid_years": "0"},
    )
    assert code == 0
    assert out["meets_min_contribution"] is False and out["min_contribution_months"] == 180
