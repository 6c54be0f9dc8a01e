"""Statutory retirement age under the 2025 rules: §2.3 (all 29 rows) and the flexible range."""

import pytest

# (birth, category, delay months, statutory age months, statutory month, minimum contribution)
TABLE_2_3 = [
    ("1964-12", "male", 0, 720, "2024-12", 180),
    ("1965-01", "male", 1, 721, "2025-02", 180),
    ("1965-04", "male", 1, 721, "2025-05", 180),
    ("1965-05", "male", 2, 722, "2025-07", 180),
    ("1965-12", "male", 3, 723, "2026-03", 180),
    ("1966-02", "male", 4, 724, "2026-06", 180),
    ("1967-05", "male", 8, 728, "2028-01", 180),
    ("1970-06", "male", 17, 737, "2031-11", 192),
    ("1974-05", "male", 29, 749, "2036-10", 222),
    ("1976-08", "male", 35, 755, "2039-07", 240),
    ("1976-09", "male", 36, 756, "2039-09", 240),
    ("1980-01", "male", 36, 756, "2043-01", 240),
    ("1969-12", "female_55", 0, 660, "2024-12", 180),
    ("1970-01", "female_55", 1, 661, "2025-02", 180),
    ("1970-05", "female_55", 2, 662, "2025-07", 180),
    ("1971-04", "female_55", 4, 664, "2026-08", 180),
    ("1974-10", "female_55", 15, 675, "2031-01", 192),
    ("1981-08", "female_55", 35, 695, "2039-07", 240),
    ("1981-09", "female_55", 36, 696, "2039-09", 240),
    ("1974-12", "female_50", 0, 600, "2024-12", 180),
    ("1975-01", "female_50", 1, 601, "2025-02", 180),
    ("1975-02", "female_50", 1, 601, "2025-03", 180),
    ("1975-03", "female_50", 2, 602, "2025-05", 180),
    ("1975-11", "female_50", 6, 606, "2026-05", 180),
    ("1978-05", "female_50", 21, 621, "2030-02", 186),
    ("1980-01", "female_50", 31, 631, "2032-08", 198),
    ("1984-10", "female_50", 59, 659, "2039-09", 240),
    ("1984-11", "female_50", 60, 660, "2039-11", 240),
    ("1995-12", "female_50", 60, 660, "2050-12", 240),
]


@pytest.mark.parametrize("birth,category,delay,age,month,min_months", TABLE_2_3)
def test_statutory_age_month_and_minimum_years_match_reference_table(
    cli, birth, category, delay, age, month, min_months
):
    code, out = cli("retirement", {"birth": birth, "category": category})
    assert code == 0, out
    assert out["delay_months"] == delay
    assert out["statutory_age_months"] == age
    assert out["statutory_month"] == month
    assert out["min_contribution_months"] == min_months


def test_issue_example_1967_05_male_gives_the_whole_contract(cli):
    code, out = cli("retirement", {"birth": "1967-05", "category": "male"})
    assert code == 0
    assert {
        k: out[k]
        for k in (
            "statutory_age_months",
            "statutory_month",
            "min_contribution_months",
            "earliest_month",
            "latest_month",
        )
    } == {
        "statutory_age_months": 728,
        "statutory_month": "2028-01",
        "min_contribution_months": 180,
        "earliest_month": "2027-05",
        "latest_month": "2031-01",
    }
    assert out["statutory_age_zh"] == "60岁8个月"


# (birth, category, earliest month, minimum months in the earliest year, latest month) — §2.3
FLEXIBLE = [
    ("1970-06", "male", "2030-06", 186, "2034-11"),
    ("1984-11", "female_50", "2036-11", 222, "2042-11"),
    ("1978-05", "female_50", "2028-05", 180, "2033-02"),
    ("1974-10", "female_55", "2029-10", 180, "2034-01"),
]


@pytest.mark.parametrize("birth,category,earliest,earliest_min,latest", FLEXIBLE)
def test_flexible_range_never_below_original_age_and_at_most_three_years(
    cli, birth, category, earliest, earliest_min, latest
):
    code, out = cli("retirement", {"birth": birth, "category": category})
    assert code == 0
    assert out["earliest_month"] == earliest
    assert out["earliest_min_contribution_months"] == earliest_min
    assert out["latest_month"] == latest


def test_no_flexible_range_for_someone_who_reached_the_age_before_2025(cli):
    code, out = cli("retirement", {"birth": "1964-12", "category": "male"})
    assert code == 0
    assert out["earliest_month"] == out["latest_month"] == out["statutory_month"] == "2024-12"


def test_asking_for_the_law_of_a_time_the_data_lacks_is_refused_naming_the_parameter(cli):
    code, out = cli("retirement", {"birth": "1967-05", "category": "male", "as_of": "2024-06"})
    assert code == 2
    assert out["parameter"] == "retirement.schedule" and out["when"] == "2024-06"


def test_steps_name_the_decision_and_its_source(cli):
    _, out = cli("retirement", {"birth": "1974-05", "category": "male"})
    sources = [p["source"] for s in out["steps"] for p in s["params"]]
    assert any("渐进式延迟法定退休年龄" in s for s in sources)
    assert out["rule_version"].startswith("retirement/")
