"""Personal account year by year with the official interest rate (reference §4)."""

from decimal import Decimal

MONTHLY_400 = {str(m): "400.00" for m in range(1, 13)}


def test_interest_uses_the_month_product_method_and_the_2023_rate(cli):
    # 10000 x 3.97% + 400 x 3.97% x (12 + 11 + ... + 1) / 12 = 397.00 + 103.22
    code, out = cli(
        "account",
        {"opening_balance": "10000.00", "years": [{"year": 2023, "credits": MONTHLY_400}]},
    )
    assert code == 0, out
    assert out["years"] == [
        {
            "year": 2023,
            "rate": "0.0397",
            "opening": "10000.00",
            "credits": "4800.00",
            "interest": "500.22",
            "closing": "15300.22",
        }
    ]
    assert out["closing"] == "15300.22"


def test_a_december_credit_earns_one_month_and_a_january_credit_twelve(cli):
    _, dec = cli(
        "account", {"opening_balance": "0", "years": [{"year": 2016, "credits": {"12": "1200"}}]}
    )
    _, jan = cli(
        "account", {"opening_balance": "0", "years": [{"year": 2016, "credits": {"1": "1200"}}]}
    )
    assert dec["years"][0]["interest"] == "8.31"  # 1200 x 8.31% x 1/12
    assert jan["years"][0]["interest"] == "99.72"  # 1200 x 8.31% x 12/12


def test_years_roll_forward_and_a_gap_year_still_earns_interest(cli):
    code, out = cli(
        "account",
        {
            "opening_balance": "1000.00",
            "years": [{"year": 2020, "credits": {}}, {"year": 2022, "credits": {}}],
        },
    )
    assert code == 0, out
    assert [y["year"] for y in out["years"]] == [2020, 2021, 2022]
    # 1000 -> x1.0604 -> 1060.40 -> x1.0669 = 1131.34 (70.94) -> x1.0612 = 1200.58 (69.24)
    assert [y["interest"] for y in out["years"]] == ["60.40", "70.94", "69.24"]
    assert out["closing"] == "1200.58"


def test_2025_rate_is_only_assumed_and_refused_for_official_use(cli):
    code, out = cli(
        "account",
        {
            "opening_balance": "1000",
            "allow_assumed": False,
            "years": [{"year": 2025, "credits": {}}],
        },
    )
    assert code == 2 and out["parameter"] == "pension.account_interest_rate"
    code, out = cli(
        "account", {"opening_balance": "1000", "years": [{"year": 2025, "credits": {}}]}
    )
    assert code == 0 and out["closing"] == "1015.00"
    assert out["assumed"] == ["pension.account_interest_rate"]
    step_param = out["steps"][1]["params"][0]
    assert step_param["level"] == "assumed" and "unverified" in step_param["basis"]


def test_2026_rate_is_not_in_the_data_and_is_never_taken_from_another_year(cli):
    code, out = cli(
        "account",
        {
            "opening_balance": "1000",
            "allow_assumed": True,
            "years": [{"year": 2026, "credits": {}}],
        },
    )
    assert code == 2
    assert out["parameter"] == "pension.account_interest_rate" and out["when"] == "2026"


def test_caller_supplied_rate_replaces_the_data_for_that_year(cli):
    code, out = cli(
        "account",
        {"opening_balance": "1000", "years": [{"year": 2026, "credits": {}, "rate": "0.02"}]},
    )
    assert code == 0 and out["closing"] == "1020.00"


def test_python_api_returns_decimals():
    from shebao_rules import account

    r = account.compute("100", years=[{"year": 2024, "credits": {1: Decimal("10")}}])
    assert r.closing == Decimal("112.88")  # 100 x 2.62% + 10 x 2.62% = 2.62 + 0.26
