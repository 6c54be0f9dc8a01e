"""Annual pension adjustment schemes as data: Hebei 2024 and Shanxi 2025 (reference §7.3, §7.4)."""

import pytest


@pytest.mark.parametrize(
    "months,pension,birth,remote,increase",
    [
        (420, "3500", "1950-05", 0, "119.90"),  # 32 + 35 + 32.90 + 20
        (363, "3000", "1960-05", 0, "91.20"),  # 30 years 3 months counts as 31
        (480, "5000", "1942-05", 2, "179.00"),  # 32 + 40 + 47.00 + 40 + 20
    ],
)
def test_hebei_2024_examples(cli, months, pension, birth, remote, increase):
    code, out = cli(
        "adjustment",
        {
            "scheme": "hebei-2024",
            "pension": pension,
            "contribution_months": months,
            "birth": birth,
            "remote_class": remote,
            "retirement_month": "2010-05",
        },
    )
    assert code == 0, out
    assert out["increase"] == increase


@pytest.mark.parametrize(
    "months,pension,birth,increase",
    [
        (420, "3500", "1952-06", "86.55"),  # 35 years, aged 72 at 2024-12-31: 30 + 21 + 18.55 + 17
        (96, "1800", "1959-06", "45.54"),  # 8 years counts as 10, aged 65: 30 + 6 + 9.54
    ],
)
def test_shanxi_2025_examples(cli, months, pension, birth, increase):
    code, out = cli(
        "adjustment",
        {
            "scheme": "shanxi-2025",
            "pension": pension,
            "contribution_months": months,
            "birth": birth,
        },
    )
    assert code == 0, out
    assert out["increase"] == increase


def test_parts_are_listed(cli):
    _, out = cli(
        "adjustment",
        {
            "scheme": "hebei-2024",
            "pension": "3500.00",
            "contribution_months": 420,
            "birth": "1950-05",
            "remote_class": 0,
            "retirement_month": "2010-05",
        },
    )
    assert out["parts"] == {
        "flat": "32.00",
        "years": "35.00",
        "percent": "32.90",
        "age": "20.00",
        "remote": "0.00",
    }


def test_someone_retired_after_the_cut_off_gets_nothing_with_the_reason(cli):
    code, out = cli(
        "adjustment",
        {
            "scheme": "hebei-2024",
            "pension": "3500",
            "contribution_months": 420,
            "birth": "1964-01",
            "retirement_month": "2024-01",
        },
    )
    assert code == 0
    assert out["increase"] == "0.00" and "2023-12" in out["reason"]


def test_unknown_scheme_is_refused(cli):
    code, out = cli(
        "adjustment",
        {"scheme": "hebei-2023", "pension": "3500", "contribution_months": 420, "birth": "1950-05"},
    )
    assert code == 2 and out["field"] == "scheme"


def test_remote_class_the_scheme_lacks_is_refused(cli):
    code, out = cli(
        "adjustment",
        {
            "scheme": "shanxi-2025",
            "pension": "3500",
            "contribution_months": 420,
            "birth": "1950-05",
            "remote_class": 3,
        },
    )
    assert code == 2 and out["field"] == "remote_class"
