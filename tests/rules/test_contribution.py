"""Contributions: base within the published limits, amounts per line, account credit (§3)."""

import pytest


@pytest.mark.parametrize(
    "ratio,base,pension,credit",
    [
        ("0.6", "4007.00", "801.40", "320.56"),  # 6678 x 60% = 4006.80, below the published 4007
        ("1.0", "6678.00", "1335.60", "534.24"),
        ("3.0", "20034.00", "4006.80", "1602.72"),
        ("3.5", "20034.00", "4006.80", "1602.72"),  # above 300%: the upper limit
    ],
)
def test_flexible_worker_hebei_2025_pays_20_percent_of_the_clamped_base(
    cli, ratio, base, pension, credit
):
    code, out = cli(
        "contribution", {"region": "hebei", "year": 2025, "kind": "flexible", "base_ratio": ratio}
    )
    assert code == 0, out
    assert out["base"] == base
    assert out["lines"] == {"pension": {"employer": "0.00", "individual": pension}}
    assert out["account_credit"] == credit
    assert out["assumed"] == []


def test_flexible_2026_at_60_percent_keeps_the_fen_above_the_published_lower_limit(cli):
    code, out = cli(
        "contribution", {"region": "hebei", "year": 2026, "kind": "flexible", "base_ratio": "0.6"}
    )
    assert code == 0
    assert out["base_lower"] == "4076.00"
    assert out["base"] == "4076.40"  # 6794 x 60% = 4076.40, above the published 4076
    assert out["lines"]["pension"]["individual"] == "815.28"


def test_employee_2026_lines_and_account_credit(cli):
    code, out = cli(
        "contribution",
        {
            "region": "hebei",
            "year": 2026,
            "kind": "employee",
            "wage": "5000",
            "allow_assumed": True,
        },
    )
    assert code == 0, out
    assert out["base"] == "5000.00"
    assert out["lines"]["pension"] == {"employer": "800.00", "individual": "400.00"}
    assert out["lines"]["medical"] == {"employer": "375.00", "individual": "100.00"}
    assert out["lines"]["unemployment"] == {"employer": "35.00", "individual": "15.00"}
    assert out["lines"]["work_injury"] == {"employer": "10.00", "individual": "0.00"}
    assert out["account_credit"] == "400.00"
    assert set(out["assumed"]) == {"unemployment.employer_rate", "unemployment.individual_rate"}


def test_employee_2026_official_calculation_is_refused_naming_the_assumed_rate(cli):
    code, out = cli(
        "contribution",
        {
            "region": "hebei",
            "year": 2026,
            "kind": "employee",
            "wage": "5000",
            "allow_assumed": False,
        },
    )
    assert code == 2
    assert out["parameter"] == "unemployment.employer_rate"
    assert "assumed" in out["error"] and "2026" in out["error"]


def test_the_issues_employee_example_answers_and_names_its_assumptions(cli):
    code, out = cli(
        "contribution", {"region": "hebei", "year": 2026, "kind": "employee", "wage": "5000"}
    )
    assert code == 0 and out["base"] == "5000.00"
    assert out["lines"]["pension"] == {"employer": "800.00", "individual": "400.00"}
    assert out["account_credit"] == "400.00"
    assert set(out["assumed"]) == {"unemployment.employer_rate", "unemployment.individual_rate"}
    levels = {p["name"]: p["level"] for step in out["steps"] for p in step["params"]}
    assert levels["unemployment.employer_rate"] == "assumed"


def test_caller_may_supply_a_missing_rate_in_the_input(cli):
    code, out = cli(
        "contribution",
        {
            "region": "hebei",
            "year": 2026,
            "kind": "employee",
            "wage": "5000",
            "params": {
                "unemployment.employer_rate": "0.007",
                "unemployment.individual_rate": "0.003",
            },
        },
    )
    assert code == 0, out
    assert out["assumed"] == []
    used = [
        p for s in out["steps"] for p in s["params"] if p["name"] == "unemployment.employer_rate"
    ]
    assert used[0]["level"] == "input"


@pytest.mark.parametrize(
    "wage,base",
    [("3000", "4076.00"), ("30000", "20382.00"), ("4076", "4076.00"), ("8000.005", "8000.01")],
)
def test_employee_base_is_the_wage_within_the_published_limits(cli, wage, base):
    code, out = cli(
        "contribution",
        {"region": "hebei", "year": 2026, "kind": "employee", "wage": wage, "lines": ["pension"]},
    )
    assert code == 0, out
    assert out["base"] == base


@pytest.mark.parametrize("industry_class,amount", [(1, "10.00"), (4, "45.00"), (8, "95.00")])
def test_work_injury_follows_the_industry_class(cli, industry_class, amount):
    code, out = cli(
        "contribution",
        {
            "region": "hebei",
            "year": 2025,
            "kind": "employee",
            "wage": "5000",
            "industry_class": industry_class,
            "lines": ["work_injury"],
        },
    )
    assert code == 0, out
    assert out["lines"]["work_injury"]["employer"] == amount


def test_the_2019_rate_cut_needs_the_month_and_applies_from_may(cli):
    code, out = cli(
        "contribution",
        {
            "region": "hebei",
            "year": 2019,
            "kind": "employee",
            "wage": "5000",
            "lines": ["pension"],
            "allow_assumed": True,
        },
    )
    assert code == 2 and out["field"] == "month"
    _, april = cli(
        "contribution",
        {
            "region": "hebei",
            "year": 2019,
            "month": 4,
            "kind": "employee",
            "wage": "5000",
            "lines": ["pension"],
            "allow_assumed": True,
        },
    )
    _, may = cli(
        "contribution",
        {
            "region": "hebei",
            "year": 2019,
            "month": 5,
            "kind": "employee",
            "wage": "5000",
            "lines": ["pension"],
            "allow_assumed": True,
        },
    )
    assert april["lines"]["pension"]["employer"] == "1000.00"
    assert may["lines"]["pension"]["employer"] == "800.00"


def test_account_share_was_11_percent_before_2006(cli):
    code, out = cli(
        "contribution",
        {
            "region": "hebei",
            "year": 2005,
            "kind": "employee",
            "wage": "1506",
            "allow_assumed": True,
        },
    )
    assert code == 0, out
    assert out["account_credit"] == "165.66"
    assert out["lines"]["pension"]["individual"] == "120.48"


def test_no_account_credit_before_the_region_set_up_accounts(cli):
    code, out = cli(
        "contribution",
        {"region": "hebei", "year": 1995, "kind": "employee", "wage": "444", "allow_assumed": True},
    )
    assert code == 0, out
    assert out["account_credit"] == "0.00"
    assert list(out["lines"]) == ["pension"]


def test_a_region_without_published_wages_is_refused_not_filled_from_another_region(cli):
    code, out = cli(
        "contribution", {"region": "jilin", "year": 2025, "kind": "flexible", "base_ratio": "1"}
    )
    assert code == 2
    assert out["parameter"] == "wage.average" and out["region"] == "jilin" and out["when"] == "2025"


def test_a_year_outside_the_data_is_refused_even_with_assumptions_allowed(cli):
    code, out = cli(
        "contribution",
        {
            "region": "hebei",
            "year": 2028,
            "kind": "flexible",
            "base_ratio": "1",
            "allow_assumed": True,
        },
    )
    assert code == 2
    assert out["parameter"] == "wage.average" and "2028" in out["error"]


def test_python_api_for_the_seed_loop_over_all_hebei_years():
    from shebao_rules import contribution

    for year in range(1992, 2028):
        r = contribution.compute(
            "hebei", year, "employee", wage="5000", month=6, lines=["pension"], allow_assumed=True
        )
        assert r.base_lower <= r.base <= r.base_upper
        assert r.steps and r.rule_version == "contribution/2025.1"
