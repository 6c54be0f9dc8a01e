"""The citizen pages as a signed-in person meets them: home, contributions, account, estimate."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from shebao.demo.personas import PERSONAS
from shebao.demo.seed import seed_city
from shebao.registry.selectors import person_by_resident_id

TODAY = dt.date(2026, 11, 28)


@pytest.fixture(scope="module")
def city(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        seed_city(persons=8, today=TODAY)
        yield
        from django.core.management import call_command

        call_command("flush", interactive=False, verbosity=0)


def _client_for(client, name):
    persona = next(p for p in PERSONAS if p.name == name)
    person = person_by_resident_id(persona.resident_id)
    client.force_login(person.account)
    return person


pytestmark = pytest.mark.django_db


def _text(response):
    return re.sub(r"\s+", " ", response.content.decode())


def test_home_tells_zhang_wei_that_november_is_due(client, city):
    _client_for(client, "张伟")
    page = _text(client.get("/"))
    assert "2026-11" in page and "缴费" in page
    assert "815.28" in page  # 20% of the 2026 base 4076.40 (issue 3), paid by him alone


def test_home_tells_li_jianguo_his_retirement_month_and_links_the_estimate(client, city):
    _client_for(client, "李建国")
    page = _text(client.get("/"))
    assert "2028-01" in page and "60岁8个月" in page and "/estimate/" in page


def test_home_tells_zhao_zhigang_he_can_apply_now(client, city):
    _client_for(client, "赵志刚")
    page = _text(client.get("/"))
    assert "2026-12" in page and "可以申请" in page


def test_home_tells_sun_li_about_the_funeral_grant(client, city):
    _client_for(client, "孙丽")
    page = _text(client.get("/"))
    assert "孙德明" in page and "丧葬" in page


def test_contribution_page_shows_every_year_with_totals(client, city):
    _client_for(client, "李建国")
    page = _text(client.get("/contributions/"))
    for year in (1996, 2010, 2026):
        assert f">{year}<" in page
    assert "<svg" in page and 'role="img"' in page  # the chart, beside the table


def test_a_35_year_history_renders_with_a_fixed_small_number_of_queries(client, city):
    _client_for(client, "李建国")
    client.get("/contributions/")  # warm caches (sessions, content types)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/contributions/")
    assert response.status_code == 200
    assert len(queries) <= 8, [q["sql"][:80] for q in queries]


def test_gaps_are_marked(client, city):
    person = _client_for(client, "陈强")
    from shebao.contributions.models import ContributionRecord

    ContributionRecord.objects.filter(person=person, month=dt.date(2020, 3, 1)).delete()
    page = _text(client.get("/contributions/"))
    assert "断缴" in page or "未缴" in page
    assert "2020-03" in page


def test_account_page_lists_each_year(client, city):
    _client_for(client, "李建国")
    page = _text(client.get("/account/"))
    assert ">1996<" in page and ">2025<" in page and "利率" in page


def test_li_jianguo_estimate_needs_no_typing(client, city):
    _client_for(client, "李建国")
    page = _text(client.get("/estimate/"))
    assert "2028-01" in page and "60岁8个月" in page
    for part in ("基础养老金", "个人账户养老金", "过渡性养老金"):
        assert part in page
    assert "元/月" in page or "元每月" in page or "元 每月" in page


def test_an_estimate_outside_the_flexible_range_is_refused_with_a_reason(client, city):
    _client_for(client, "李建国")
    response = client.get("/estimate/", {"retirement_month": "2040-01"})
    page = _text(response)
    assert response.status_code == 200 and 'role="alert"' in page


def test_a_retiree_sees_her_pension_instead_of_an_estimate(client, city):
    _client_for(client, "王秀兰")
    page = _text(client.get("/estimate/"))
    assert "1998-03" in page


def test_account_rates_are_shown_as_published_percentages(client, city):
    _client_for(client, "李建国")
    page = _text(client.get("/account/"))
    assert "3.97%" in page and "2.62%" in page  # the 2023 and 2024 记账利率 (reference §4)
