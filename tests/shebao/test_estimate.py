"""The pension estimate is filled in from the person's own records; assumptions move it the
way a person would expect."""

import datetime as dt
from decimal import Decimal

import pytest

from shebao.benefits.selectors import Assumptions, EstimateError, pension_estimate
from shebao.demo.personas import PERSONAS
from shebao.demo.seed import seed_city
from shebao.registry.selectors import person_by_resident_id

TODAY = dt.date(2026, 11, 28)


@pytest.fixture(scope="module")
def li_jianguo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        seed_city(persons=8, today=TODAY)
        persona = next(p for p in PERSONAS if p.name == "李建国")
        yield person_by_resident_id(persona.resident_id)
        from django.core.management import call_command

        call_command("flush", interactive=False, verbosity=0)


pytestmark = pytest.mark.django_db


def test_default_estimate_counts_his_real_months_and_retires_him_at_the_statutory_month(li_jianguo):
    estimate = pension_estimate(li_jianguo, as_of=TODAY)
    assert estimate.retirement_month == dt.date(2028, 1, 1)
    assert estimate.statutory_age == "60岁8个月"
    assert estimate.paid_months == 30 * 12 + 10  # 1996-01 … 2026-10, no gaps
    assert estimate.deemed_months == 9 * 12 + 6  # 1986-07 … 1995-12
    assert estimate.future_months == 14  # 2026-11 … 2027-12
    assert estimate.payout_months == "134.3"  # 60岁8个月, interpolated (reference §1.5)
    parts = estimate.components
    assert (
        parts["total"] == parts["basic"] + parts["account"] + parts["transitional"] + parts["extra"]
    )
    assert parts["transitional"] > 0  # he has deemed years before Hebei's accounts began
    assert "pension.base" in estimate.assumptions  # 2028's base is not published: named


def test_a_higher_future_base_and_a_later_retirement_give_more(li_jianguo):
    base = pension_estimate(li_jianguo, as_of=TODAY).components["total"]
    richer = pension_estimate(
        li_jianguo, as_of=TODAY, assumptions=Assumptions(base_ratio=Decimal("3.00"))
    )
    later = pension_estimate(
        li_jianguo, as_of=TODAY, assumptions=Assumptions(retirement_month=dt.date(2031, 1, 1))
    )
    assert richer.components["total"] > base
    assert later.components["total"] > base and later.future_months > 14


def test_a_month_outside_the_flexible_range_is_refused_naming_the_range(li_jianguo):
    with pytest.raises(EstimateError) as caught:
        pension_estimate(
            li_jianguo, as_of=TODAY, assumptions=Assumptions(retirement_month=dt.date(2031, 2, 1))
        )
    assert caught.value.field == "retirement_month" and "2031-01" in caught.value.message
