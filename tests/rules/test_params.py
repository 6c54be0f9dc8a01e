"""Parameter data: every value has a source and level; no other year or region stands in."""

import textwrap
from decimal import Decimal

import pytest

from shebao_rules import params
from shebao_rules.errors import AssumedNotAllowed, DataError, ParameterMissing
from shebao_rules.params import LEVELS, load_store


def test_every_parameter_row_has_a_source_a_known_level_and_assumptions_have_a_basis():
    rows = params.default_store().all()
    assert len(rows) > 100
    for p in rows:
        assert p.source, p
        assert p.level in LEVELS, p
        if p.assumed:
            assert len(p.basis) > 20, p


@pytest.mark.parametrize("year", range(1992, 2028))
def test_hebei_average_wage_and_limits_exist_for_every_seed_year(year):
    avg = params.lookup("wage.average", "hebei", year, allow_assumed=True).value
    lower = params.lookup("contribution.base_lower", "hebei", year, allow_assumed=True).value
    upper = params.lookup("contribution.base_upper", "hebei", year, allow_assumed=True).value
    assert lower < avg < upper
    assert abs(lower - avg * Decimal("0.6")) <= Decimal("0.5")
    assert abs(upper - avg * 3) <= Decimal("0.5")


def test_hebei_2025_and_2026_are_the_published_figures_not_assumptions():
    assert params.lookup("wage.average", "hebei", 2025).value == Decimal("6678")
    assert params.lookup("contribution.base_lower", "hebei", 2025).value == Decimal("4007")
    assert params.lookup("contribution.base_upper", "hebei", 2026).value == Decimal("20382")
    assert params.lookup("wage.average", "hebei", 2026).level == "R"
    with pytest.raises(AssumedNotAllowed):
        params.lookup("wage.average", "hebei", 2024)


@pytest.mark.parametrize("year", range(2000, 2017))
def test_sichuan_assumed_averages_exist_for_the_demo_years(year):
    assert params.lookup("wage.average", "sichuan", year, allow_assumed=True).assumed


def test_interest_rates_sources_and_levels():
    assert params.lookup("pension.account_interest_rate", "hebei", 2022).value == Decimal("0.0612")
    assert params.lookup("pension.account_interest_rate", "sichuan", 2021).value == Decimal(
        "0.0669"
    )
    assert params.lookup("pension.account_interest_rate", "national", 2024).level == "R+M"
    assert params.lookup(
        "pension.account_interest_rate", "national", 2025, allow_assumed=True
    ).assumed
    for year in range(1996, 2016):
        assert params.lookup(
            "pension.account_interest_rate", "national", year, allow_assumed=True
        ).assumed
    with pytest.raises(ParameterMissing):
        params.lookup("pension.account_interest_rate", "national", 2026, allow_assumed=True)


def test_hebei_pension_bases_and_their_levels():
    expected = {2023: ("6919", "I"), 2024: ("7265", "V-calc"), 2025: ("7483", "I")}
    for year, (value, level) in expected.items():
        p = params.lookup("pension.base", "hebei", year)
        assert (p.value, p.level) == (Decimal(value), level)
    assert params.lookup("pension.base", "hebei", 2026, allow_assumed=True).assumed


def test_rates_by_period():
    assert params.lookup(
        "pension.employer_rate", "hebei", "2019-04", allow_assumed=True
    ).value == Decimal("0.20")
    assert params.lookup("pension.employer_rate", "hebei", "2019-05").value == Decimal("0.16")
    assert params.lookup("pension.account_rate", "hebei", "2005-12").value == Decimal("0.11")
    assert params.lookup("pension.account_rate", "hebei", "2006-01").value == Decimal("0.08")
    rates = params.lookup("work_injury.class_rates", "hebei", 2025).value
    assert [rates[str(c)] for c in range(1, 9)] == [
        Decimal(x) for x in ("0.002", "0.004", "0.007", "0.009", "0.011", "0.013", "0.016", "0.019")
    ]


def test_a_city_uses_its_province_rows_and_the_national_row_only_where_nationwide():
    assert (
        params.lookup("unemployment.ratio", "xinji", "2026-01", allow_assumed=True).region
        == "hebei"
    )
    assert params.lookup("pension.employer_rate", "xinji", "2020-01").region == "national"
    with pytest.raises(ParameterMissing):  # Hebei's medical rate is Hebei's, not Jilin's
        params.lookup("medical.employer_rate", "jilin", 2024)
    with pytest.raises(ParameterMissing):  # Beijing's pension base does not stand in for Jilin's
        params.lookup("pension.base", "jilin", 2024)


def _store(tmp_path, body):
    (tmp_path / "regions.toml").write_text(
        textwrap.dedent("""
        [regions.national]
        [regions.hebei]
        parent = "national"
    """)
    )
    (tmp_path / "data.toml").write_text(textwrap.dedent(body))
    return load_store(tmp_path)


def test_a_national_row_not_marked_nationwide_never_fills_a_province_gap(tmp_path):
    store = _store(
        tmp_path,
        """
        [[param]]
        name = "medical.employer_rate"
        region = "national"
        from = "1999-01"
        value = "0.06"
        level = "M"
        source = "guide rate"
    """,
    )
    assert store.lookup("medical.employer_rate", "national", 2024).value == Decimal("0.06")
    with pytest.raises(ParameterMissing) as err:
        store.lookup("medical.employer_rate", "hebei", 2024)
    assert err.value.to_json()["region"] == "hebei"


def test_last_years_value_is_never_used_for_a_missing_year(tmp_path):
    store = _store(
        tmp_path,
        """
        [[series]]
        names = ["wage.average"]
        region = "hebei"
        level = "R"
        source = "notice"
        rows = [[2025, "6678"]]
    """,
    )
    with pytest.raises(ParameterMissing) as err:
        store.lookup("wage.average", "hebei", 2026)
    assert "wage.average" in str(err.value) and "2026" in str(err.value)


@pytest.mark.parametrize(
    "body,problem",
    [
        ('[[param]]\nname="x"\nregion="hebei"\nvalue="1"\nlevel="R"\nsource=""\n', "no source"),
        (
            '[[param]]\nname="x"\nregion="hebei"\nvalue="1"\nlevel="guess"\nsource="s"\n',
            "unknown level",
        ),
        (
            '[[param]]\nname="x"\nregion="hebei"\nvalue="1"\nlevel="assumed"\nsource="s"\n',
            "needs a basis",
        ),
        (
            '[[param]]\nname="x"\nregion="mars"\nvalue="1"\nlevel="R"\nsource="s"\n',
            "unknown region",
        ),
        ('[[param]]\nname="x"\nregion="hebei"\nvalue=0.1\nlevel="R"\nsource="s"\n', "float"),
        (
            '[[param]]\nname="x"\nregion="hebei"\nfrom="2020-01"\nvalue="1"\nlevel="R"\nsource="s"\n'
            '[[param]]\nname="x"\nregion="hebei"\nfrom="2021-01"\nvalue="2"\nlevel="R"\nsource="s"\n',
            "overlap",
        ),
    ],
)
def test_inconsistent_data_is_rejected_when_loaded(tmp_path, body, problem):
    with pytest.raises(DataError, match=problem):
        _store(tmp_path, body)
