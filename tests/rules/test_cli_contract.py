"""The command-line contract: steps with sources for every command; bad input exits 2 with JSON."""

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src"

GOOD = {
    "retirement": {"birth": "1967-05", "category": "male"},
    "contribution": {"region": "hebei", "year": 2025, "kind": "flexible", "base_ratio": "0.6"},
    "account": {
        "opening_balance": "10000.00",
        "years": [{"year": 2023, "credits": {"1": "400.00"}}],
    },
    "pension": {
        "region": "hebei",
        "birth": "1964-12",
        "retirement_month": "2024-12",
        "base": "7265",
        "indexed_wage": "13620.42",
        "contribution_years": "38.46",
        "deemed_years": "6.46",
        "pre_account_paid_years": "3.00",
        "account_balance": "223513.93",
    },
    "resident-pension": {"basic": "163", "account_balance": "60000"},
    "transfer": {"account_balance": "1000", "annual_bases": {"1998": "72000"}},
    "claim-place": {
        "hukou_region": "510000",
        "places": [{"region": "510000", "months": 186}, {"region": "130000", "months": 131}],
    },
    "survivor": {
        "region": "hebei",
        "death_month": "2026-10",
        "contribution_months": 503,
        "monthly_pension": "684.97",
        "average_pension": "3000",
    },
    "unemployment": {
        "birth": "1985-09",
        "category": "male",
        "contribution_months": 134,
        "first_month": "2026-11",
        "minimum_wage": "2200",
        "subsistence": "800",
        "ratio": "0.9",
    },
    "adjustment": {
        "scheme": "hebei-2024",
        "pension": "3500.00",
        "contribution_months": 420,
        "birth": "1950-05",
        "remote_class": 0,
        "retirement_month": "2010-05",
    },
}

# For each command: a payload with one bad field, and the field the error must name.
BAD = [
    ("retirement", {"birth": "1967-13", "category": "male"}, "birth"),
    ("retirement", {"birth": "1967-05", "category": "female"}, "category"),
    ("retirement", {"category": "male"}, "birth"),
    ("contribution", {"region": "hebei", "year": 2025, "kind": "employee"}, "wage"),
    (
        "contribution",
        {"region": "hebei", "year": "twenty", "kind": "flexible", "base_ratio": "1"},
        "year",
    ),
    (
        "contribution",
        {"region": "mars", "year": 2025, "kind": "flexible", "base_ratio": "1"},
        "region",
    ),
    ("contribution", {"region": "hebei", "year": 2025, "kind": "employee", "wage": "-1"}, "wage"),
    (
        "contribution",
        {"region": "hebei", "year": 2025, "kind": "employee", "wage": "5000", "industry_class": 9},
        "industry_class",
    ),
    (
        "contribution",
        {"region": "hebei", "year": 2025, "kind": "flexible", "base_ratio": "1", "wage": "5000"},
        "wage",
    ),
    ("account", {"opening_balance": "abc", "years": []}, "opening_balance"),
    (
        "account",
        {"opening_balance": "1", "years": [{"year": 2023, "credits": {"13": "1"}}]},
        "years[0].credits.13",
    ),
    ("account", {"opening_balance": "1"}, "years"),
    ("pension", {**GOOD["pension"], "retirement_month": "2024/12"}, "retirement_month"),
    ("pension", {**GOOD["pension"], "region": "shanghai"}, "region"),
    (
        "pension",
        {k: v for k, v in GOOD["pension"].items() if k != "contribution_years"},
        "contribution_years",
    ),
    ("pension", {**GOOD["pension"], "average_index": "1.0"}, "average_index"),
    ("resident-pension", {"basic": "NaN", "account_balance": "1"}, "basic"),
    ("resident-pension", {"basic": "163"}, "account_balance"),
    ("transfer", {"account_balance": "1", "annual_bases": {"1998x": "1"}}, "annual_bases.1998x"),
    ("transfer", {"account_balance": "1", "annual_bases": []}, "annual_bases"),
    ("claim-place", {"hukou_region": "510000", "places": []}, "places"),
    (
        "claim-place",
        {"hukou_region": "510000", "places": [{"region": "130000"}]},
        "places[0].months",
    ),
    ("unemployment", {**GOOD["unemployment"], "first_month": "Nov 2026"}, "first_month"),
    ("unemployment", {**GOOD["unemployment"], "contribution_months": 13.5}, "contribution_months"),
    ("adjustment", {**GOOD["adjustment"], "scheme": "hebei"}, "scheme"),
    ("adjustment", {**GOOD["adjustment"], "birth": None}, "birth"),
]


@pytest.mark.parametrize("name", list(GOOD))
def test_every_command_gives_steps_naming_parameters_with_their_sources(cli, name):
    code, out = cli(name, GOOD[name])
    assert code == 0, out
    assert out["rule_version"].startswith(name.replace("resident-pension", "resident") + "/")
    assert out["steps"], "steps must not be empty"
    for step in out["steps"]:
        assert {"what", "value", "params"} <= set(step)
        assert isinstance(step["what"], str) and step["what"]
    params = [p for s in out["steps"] for p in s["params"]]
    assert params, f"{name}: no step names a parameter"
    for p in params:
        assert {"name", "value", "region", "valid_from", "valid_to", "source", "level"} <= set(p)
        assert p["source"]


@pytest.mark.parametrize("name,payload,field", BAD)
def test_bad_input_exits_2_naming_the_field(cli, name, payload, field):
    code, out = cli(name, payload)
    assert code == 2
    assert out["field"] == field, out
    assert out["error"] and out.get("error_zh")


@pytest.mark.parametrize("name", list(GOOD))
def test_unknown_fields_are_refused_not_ignored(cli, name):
    code, out = cli(name, {**GOOD[name], "contribution_year": 1})
    assert code == 2 and out["field"] == "contribution_year"


@pytest.mark.parametrize("name", list(GOOD))
def test_allow_assumed_must_be_a_boolean(cli, name):
    code, out = cli(name, {**GOOD[name], "allow_assumed": "yes"})
    assert code == 2 and out["field"] == "allow_assumed"


@pytest.mark.parametrize("text", ["", "{", "[1, 2]", '"text"', '{"birth": NaN}'])
def test_input_that_is_not_one_json_object_exits_2(cli, text):
    code, out = cli("retirement", text)
    assert code == 2 and out["field"] == "input"


def test_unknown_calculation_name_exits_2():
    from shebao_rules.cli import main

    stdout = io.StringIO()
    assert main(["pensions"], stdin=io.StringIO("{}"), stdout=stdout) == 2
    out = json.loads(stdout.getvalue())
    assert out["field"] == "name" and "pension" in out["error"]
    stdout = io.StringIO()
    assert main([], stdin=io.StringIO("{}"), stdout=stdout) == 2


def test_money_goes_out_as_strings_with_two_decimals_and_numbers_may_come_in(cli):
    code, out = cli("resident-pension", {"basic": 163, "account_balance": 60000.5})
    assert code == 0
    assert out["basic"] == "163.00" and out["account"] == "431.66" and out["total"] == "594.66"


def test_python_m_shebao_rules_runs_the_cli():
    env = {"PYTHONPATH": str(SRC), "PATH": "/usr/bin:/bin"}
    proc = subprocess.run(
        [sys.executable, "-m", "shebao_rules", "retirement"],
        input=json.dumps(GOOD["retirement"]),
        capture_output=True,
        text=True,
        env=env,
        cwd=Path(SRC).parent,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["statutory_month"] == "2028-01"
    bad = subprocess.run(
        [sys.executable, "-m", "shebao_rules", "retirement"],
        input="{",
        capture_output=True,
        text=True,
        env=env,
        cwd=Path(SRC).parent,
        timeout=60,
    )
    assert bad.returncode == 2 and bad.stderr == "" and "Traceback" not in bad.stdout
