"""The demo city: the personas exist exactly as given, and the data feels like a real city."""

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection

from shebao.benefits.models import PensionAward, PensionPayment
from shebao.contributions.models import AccountYear, ContributionRecord, Enrolment
from shebao.demo.personas import PERSONAS
from shebao.demo.seed import seed_city
from shebao.pii.fields import reveal
from shebao.registry.models import Kinship, LifeEvent, Person
from shebao.registry.selectors import person_by_resident_id
from shebao.standards import validation

TODAY = dt.date(2026, 11, 28)


@pytest.fixture(scope="module")
def city(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        summary = seed_city(persons=60, today=TODAY)
        yield summary
        call_command("flush", interactive=False, verbosity=0)


def _person(persona_name):
    persona = next(p for p in PERSONAS if p.name == persona_name)
    return person_by_resident_id(persona.resident_id)


def _months(person, itype="enterprise_pension", status="paid"):
    return list(
        ContributionRecord.objects.filter(person=person, insurance_type=itype, status=status)
        .order_by("month")
        .values_list("month", flat=True)
    )


pytestmark = pytest.mark.django_db


def test_every_seeded_id_number_passes_the_platforms_validator(city):
    assert Person.objects.count() == 60 + 7  # and the review's planted persons (demo/planted.py)
    for person in Person.objects.all():
        assert validation.resident_id(reveal("resident_id", person.id_number_enc))
        assert validation.mobile(reveal("mobile", person.phone_enc))
        assert person.bank_account_masked.startswith("****")


def test_li_jianguo_paid_every_month_since_1996_after_deemed_years(city):
    person = _person("李建国")
    months = _months(person)
    assert months[0] == dt.date(1996, 1, 1) and months[-1] == dt.date(2026, 10, 1)
    assert len(months) == (2026 - 1996) * 12 + 10  # no gaps
    deemed = person.deemed_periods.get()
    assert (deemed.start_month, deemed.end_month) == (dt.date(1986, 7, 1), dt.date(1995, 12, 1))
    assert person.retirement_category == "male" and person.status == "active"
    account = AccountYear.objects.filter(person=person).order_by("year")
    assert account.first().year == 1996 and account.last().year == 2025
    assert account.last().closing > Decimal("10000")


def test_zhang_wei_is_a_flexible_worker_with_november_due(city):
    person = _person("张伟")
    months = _months(person)
    assert months[0] == dt.date(2022, 3, 1) and months[-1] == dt.date(2026, 10, 1)
    due = ContributionRecord.objects.get(person=person, status="arrears")
    assert due.month == dt.date(2026, 11, 1) and due.source == "flexible"
    assert due.employer_amount == 0 and due.individual_amount > 0
    enrolment = Enrolment.objects.get(person=person, insurance_type="enterprise_pension")
    assert enrolment.participation == "flexible" and enrolment.status == "active"
    record_2026 = ContributionRecord.objects.filter(person=person, month=dt.date(2026, 5, 1)).get()
    # 60% of Hebei's 2026 average wage 6794, kept above the lower limit 4076 (issue 3).
    assert record_2026.base == Decimal("4076.40")


def test_liu_fang_has_chengdu_years_not_yet_transferred(city):
    person = _person("刘芳")
    chengdu = Enrolment.objects.get(person=person, region_code="510100")
    assert chengdu.office is None and chengdu.status == "ended"
    assert (chengdu.start_month, chengdu.end_month) == (dt.date(2000, 7, 1), dt.date(2015, 12, 1))
    xinji = Enrolment.objects.filter(
        person=person, region_code="130181", insurance_type="enterprise_pension"
    ).get()
    assert xinji.start_month == dt.date(2016, 1, 1) and xinji.status == "active"
    assert person.hukou_region_code == "510122"


def test_chen_qiang_is_registered_unemployed(city):
    person = _person("陈强")
    assert _months(person)[-1] == dt.date(2026, 9, 1)
    event = LifeEvent.objects.get(person=person, kind="unemployment")
    assert event.date == dt.date(2026, 10, 15)


def test_zhao_zhigang_can_claim_his_pension_now(city):
    person = _person("赵志刚")
    assert person.status == "active" and not PensionAward.objects.filter(person=person).exists()
    assert _months(person)[-1] == dt.date(2026, 10, 1)


def test_sun_deming_died_and_his_pension_stopped(city):
    person = _person("孙德明")
    assert person.status == "deceased"
    award = PensionAward.objects.get(person=person)
    assert award.start_month == dt.date(2000, 2, 1)
    assert award.status == "stopped" and award.stopped_month == dt.date(2026, 11, 1)
    last = PensionPayment.objects.filter(award=award).order_by("-month").first()
    assert last.month == dt.date(2026, 10, 1)
    assert LifeEvent.objects.get(person=person, kind="death").date == dt.date(2026, 10, 20)
    child = Kinship.objects.get(person=person, relation="child").relative
    assert child.name == "孙丽"


def test_wang_xiulan_draws_a_pension_since_1998_and_prefers_elder_mode(city):
    person = _person("王秀兰")
    award = PensionAward.objects.get(person=person)
    assert award.start_month == dt.date(1998, 3, 1) and award.status == "paying"
    assert award.monthly_amount == award.basic + award.account + award.transitional + award.extra
    assert "assumed_parameters" in award.inputs  # older parameters are marked as assumed
    assert PensionPayment.objects.filter(award=award).count() == (2026 - 1998) * 12 + 8
    assert person.account.elder_mode is True


def test_no_persona_id_or_phone_is_stored_in_plain_text_anywhere(city):
    secrets = []
    for persona in PERSONAS:
        person = person_by_resident_id(persona.resident_id)
        secrets += [
            persona.resident_id,
            reveal("mobile", person.phone_enc),
            reveal("bank_account", person.bank_account_enc),
        ]
    found = []
    for model in apps.get_models():
        table = model._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            for row in cursor.fetchall():
                text = "|".join(str(bytes(v)) if isinstance(v, memoryview) else str(v) for v in row)
                found += [(table, s[:4]) for s in secrets if s in text]
    assert found == []
    if connection.vendor == "sqlite":  # and the database files themselves, every page
        name = Path(connection.settings_dict["NAME"])
        raw = b"".join(p.read_bytes() for p in (name, Path(f"{name}-wal")) if p.exists())
        assert len(raw) > 100_000
        assert [s[:4] for s in secrets if s.encode() in raw] == []


def test_the_city_has_retirees_flexible_workers_and_movers(city):
    assert PensionAward.objects.count() >= 5
    assert Enrolment.objects.filter(participation="flexible").exists()
    assert LifeEvent.objects.filter(kind="move_in").exists()
    assert Person.objects.filter(office__code="jinzhou").exists()
