"""The review's pure arithmetic: base rise, months in two regions, pension paid after death,
the score (capped, rules plus model) and when a case may be approved automatically."""

import datetime as dt
from decimal import Decimal

from shebao.review import scoring
from shebao.review.scoring import PersonFacts

E, R = "enterprise_pension", "resident_pension"


def month(y, m):
    return dt.date(y, m, 1)


def test_base_rise_compares_the_first_and_last_month_in_the_window():
    months = [(month(2023, 11), "130181", Decimal("9000"), E)]  # before the window: ignored
    months += [(month(2024, 1), "130181", Decimal("4076"), E)]
    months += [(month(2026, 10), "130181", Decimal("20382"), E)]
    months += [(month(2026, 11), "370102", Decimal("0"), R)]  # residents' scheme: no base
    rise = scoring.base_rise(months, before=month(2026, 12), window=36)
    assert (rise.first_base, rise.last_base, rise.percent) == (
        Decimal("4076"),
        Decimal("20382"),
        400,
    )
    assert scoring.base_rise(months[:2], before=month(2026, 12), window=36) is None


def test_months_in_two_regions_count_either_pension_scheme():
    months = [
        (month(2013, 3), "130181", Decimal("3000"), E),
        (month(2013, 3), "370102", Decimal("0"), R),
        (month(2013, 4), "130181", Decimal("3000"), E),
    ]
    assert scoring.overlap_months(months) == {month(2013, 3): ["130181", "370102"]}


def test_the_death_month_is_still_due_the_months_after_are_not():
    facts = PersonFacts(
        birth_date=dt.date(1946, 5, 21),
        death_date=dt.date(2026, 3, 8),
        pension_start=month(2026, 1),
        pension_months_paid=3,
    )
    assert scoring.paid_after_death(facts) == 0
    facts.pension_months_paid = 10
    assert scoring.paid_after_death(facts) == 7


def test_the_score_adds_rule_weights_and_model_points_and_stops_at_100():
    model = [scoring.Factor("age", 12.5, 80, 58)]
    score = scoring.combine(
        [("two_regions", "high"), ("repeated_after_rejection", "medium")], model
    )
    assert score.score == Decimal("82.50")
    assert [f.name for f in score.factors] == ["two_regions", "repeated_after_rejection", "age"]
    capped = scoring.combine([("a", "high"), ("b", "high"), ("c", "high")], [])
    assert capped.score == Decimal("100.00")


def test_model_points_grow_with_the_anomaly_score_and_are_shared_by_distance():
    assert scoring.model_points(0.4) == 0 and scoring.model_points(0.9) == 30
    assert 0 < scoring.model_points(0.6) < 30
    shares = scoring.model_factors([12, 1, 40], [0, 1, 40], [1, 1, 5], points=10)
    assert [(f.name, f.weight) for f in shares] == [("base_rise", 10.0)]


def test_only_a_clean_low_score_may_be_approved_automatically():
    assert scoring.may_auto_approve(Decimal("5"), 0)
    assert not scoring.may_auto_approve(Decimal("5"), 1)
    assert not scoring.may_auto_approve(Decimal("25"), 0)
