"""Funeral grant, one-off survivor benefit and the inherited account (Hebei rule, level R; the
provincial average pension assumed) — shebao_rules.survivor and its CLI command."""

from decimal import Decimal

import pytest

from shebao_rules import survivor
from shebao_rules.errors import AssumedNotAllowed

PENSIONER = {
    "region": "hebei",
    "death_month": "2026-10",
    "contribution_months": 503,
    "monthly_pension": "684.97",
    "average_pension": "3100",
    "account_balance": "3531.87",
    "account_paid": "8156.61",
}


def test_a_pensioner_with_a_small_pension_gets_two_months_of_the_average_not_of_his_own(cli):
    code, out = cli("survivor", PENSIONER)
    assert code == 0, out
    assert out["funeral_grant"] == "6200.00"  # 2 x 3100 > 2 x 684.97
    assert out["benefit_months"] == "20"  # 42 years, capped at 20 months
    assert out["survivor_benefit"] == "62000.00"
    assert out["inherited_account"] == "0.00"  # the account pension used the balance up
    assert out["total"] == "68200.00"
    assert out["rule_version"] == "survivor/2026.1"
    assert out["assumed"] == []  # the average was given in the input


def test_a_pensioner_with_a_larger_pension_gets_two_months_of_his_own():
    result = survivor.compute(**{**PENSIONER, "monthly_pension": "3333.33"})
    assert result.funeral_grant == Decimal("6666.66")


@pytest.mark.parametrize("months,expected", [(1, 1), (12, 1), (13, 2), (121, 11), (240, 20)])
def test_survivor_benefit_counts_a_part_year_as_a_whole_one_up_to_twenty(months, expected):
    result = survivor.compute(
        region="xinji",
        death_month="2026-10",
        contribution_months=months,
        average_pension="3000",
    )
    assert result.benefit_months == expected
    assert result.survivor_benefit == Decimal(3000 * expected).quantize(Decimal("0.01"))
    assert result.funeral_grant == Decimal("6000.00")  # not a pensioner: 2 x the average


def test_the_rest_of_the_account_is_inherited_to_the_fen():
    result = survivor.compute(
        region="hebei",
        death_month="2026-03",
        contribution_months=60,
        average_pension="3000",
        account_balance="45678.905",
        account_paid="1000",
    )
    assert result.inherited_account == Decimal("44678.91")


def test_the_average_from_the_data_is_an_assumption_named_and_refused_for_decisions():
    estimate = survivor.compute(
        region="xinji", death_month="2026-10", contribution_months=503, allow_assumed=True
    )
    assert estimate.assumed == ["survivor.average_pension"]
    assert estimate.average_pension == Decimal("3000")
    with pytest.raises(AssumedNotAllowed):
        survivor.compute(region="xinji", death_month="2026-10", contribution_months=503)


def test_steps_name_the_hebei_rule_with_its_source(cli):
    code, out = cli("survivor", PENSIONER)
    names = {p["name"]: p for s in out["steps"] for p in s["params"]}
    assert names["survivor.funeral_months"]["level"] == "R"
    assert "丧葬补助金" in names["survivor.funeral_months"]["source"]
    assert names["survivor.benefit_max_months"]["value"] == "20"


@pytest.mark.parametrize(
    "payload,field",
    [
        ({**PENSIONER, "death_month": "Oct 2026"}, "death_month"),
        ({**PENSIONER, "contribution_months": 1.5}, "contribution_months"),
        ({**PENSIONER, "region": "mars"}, "region"),
        ({**PENSIONER, "account_paid": "-1"}, "account_paid"),
    ],
)
def test_bad_input_exits_2_naming_the_field(cli, payload, field):
    code, out = cli("survivor", payload)
    assert code == 2 and out["field"] == field and out["error_zh"]
