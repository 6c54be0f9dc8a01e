"""Urban–rural residents' pension (reference §3.5, §9 RES)."""

import pytest


def test_res_vector_basic_961_and_account_60000(cli):
    code, out = cli("resident-pension", {"basic": "961", "account_balance": "60000"})
    assert code == 0, out
    assert (out["account"], out["total"]) == ("431.65", "1392.65")


@pytest.mark.parametrize("year,total", [(2025, "574.65"), (2026, "594.65")])
def test_national_minimum_basic_pension_of_the_year(cli, year, total):
    code, out = cli("resident-pension", {"year": year, "account_balance": "60000"})
    assert code == 0, out
    assert out["total"] == total


def test_issue_example(cli):
    code, out = cli("resident-pension", {"basic": "163", "account_balance": "60000"})
    assert code == 0 and (out["account"], out["total"]) == ("431.65", "594.65")


def test_without_basic_or_year_the_field_is_named(cli):
    code, out = cli("resident-pension", {"account_balance": "60000"})
    assert code == 2 and out["field"] == "basic"


def test_a_year_without_a_published_minimum_is_refused(cli):
    code, out = cli("resident-pension", {"year": 2027, "account_balance": "60000"})
    assert code == 2 and out["parameter"] == "resident.basic_min"
