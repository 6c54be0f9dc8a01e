"""The automated review (智能审核) over the demo city: each planted pattern is found from the
records with its reason and numbers, ordinary personas are not flagged, the score orders them,
the application moves on as the system, low-risk cases of an allowed service are approved
automatically (never money), a second run changes nothing, the Celery jobs, and the reviewer
sees the reason on the case page."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid

import pytest
from django.core.management import call_command

from shebao.applications import services as applications
from shebao.applications.catalogue import BY_CODE
from shebao.applications.models import Application, ApplicationEvent
from shebao.benefits.services import benefit_claim_file
from shebao.demo.personas import PERSONAS
from shebao.demo.seed import seed_city
from shebao.ledger.models import LedgerEvent
from shebao.registry.selectors import person_by_resident_id
from shebao.review import tasks
from shebao.review.models import Assessment, RiskModel
from shebao.review.services import application_review

from .staff_helpers import staff_sign_in

pytestmark = pytest.mark.django_db(transaction=True)
S = Application.Status
TODAY = dt.date(2026, 11, 28)
PLANTED = {
    "何立新": "base_rise",
    "吴海涛": "two_regions",
    "郑红": "paid_after_death",
    "马春生": "shared_account",
    "韩玉梅": "repeated_after_rejection",
}


def persona(name):
    return person_by_resident_id(next(p.resident_id for p in PERSONAS if p.name == name))


@pytest.fixture
def city(transactional_db):
    seed_city(persons=8, today=TODAY)


def _file(person, service, **extra):
    application, _ = benefit_claim_file(
        person=person,
        service=service,
        as_of=TODAY,
        idempotency_key=str(uuid.uuid4()),
        bank_confirmed=True,
        **extra,
    )
    return application


@pytest.fixture
def ordinary(city):
    """Claims of ordinary personas, filed as they would file them."""
    sun = persona("孙德明")
    return {
        "赵志刚": _file(persona("赵志刚"), "pension_claim"),
        "陈强": _file(persona("陈强"), "unemployment_claim", declared=True),
        "孙丽": _file(persona("孙丽"), "survivor_claim", subject_ref=str(sun.ref)),
    }


def _review_all():
    return {
        a.person.name: application_review(application=a)
        for a in Application.objects.filter(status=S.SUBMITTED).select_related("person")
    }


def test_each_planted_pattern_is_found_from_the_records_with_its_reason(city):
    reviewed = _review_all()
    assert set(PLANTED) <= set(reviewed)
    for name, code in PLANTED.items():
        codes = [f["code"] for f in reviewed[name].findings]
        assert codes == [code], (name, codes)
    # … and only there: no other application carries these findings.
    for name, assessment in reviewed.items():
        for f in assessment.findings:
            assert PLANTED.get(name) == f["code"], (name, f)

    rise = reviewed["何立新"].findings[0]
    assert rise["severity"] == "high"
    first, last = rise["data"]["first_base"], rise["data"]["last_base"]
    percent = rise["data"]["percent"]
    assert rise["reason"].startswith("退休前36个月缴费基数由")
    assert (
        f"{first.split('.')[0]}元" in rise["reason"] and f"{last.split('.')[0]}元" in rise["reason"]
    )
    assert f"上升{percent}%" in rise["reason"] and percent >= 200

    regions = reviewed["吴海涛"].findings[0]["reason"]
    assert "12个月在两地同时缴纳养老保险（2013-03至2014-02）" in regions and "370102" in regions

    death = reviewed["郑红"].findings[0]["reason"]
    assert death.startswith("郑国庆已于2026-03-08死亡，但此后又发放了7个月养老金")

    shared = reviewed["马春生"].findings[0]["reason"]
    assert "同时登记在另外1名参保人名下" in shared and "6217" not in shared  # masked

    repeated = reviewed["韩玉梅"].findings[0]
    assert repeated["severity"] == "medium"
    assert "此前被驳回1次" in repeated["reason"] and "本人辞职" in repeated["reason"]


def test_ordinary_personas_get_no_high_finding_and_score_below_every_planted_case(ordinary):
    reviewed = _review_all()
    for name in ordinary:
        assessment = reviewed[name]
        assert [f for f in assessment.findings if f["severity"] == "high"] == [], name
    lowest_planted = min(reviewed[n].score for n in PLANTED)
    highest_ordinary = max(reviewed[n].score for n in ordinary)
    assert highest_ordinary < lowest_planted
    # 孙德明 died in October and was paid up to his death month: nothing to recover.
    assert reviewed["孙丽"].findings == []


def test_the_review_stores_score_factors_versions_and_moves_the_case_to_a_reviewer(ordinary):
    case = ordinary["赵志刚"]
    ledger_before = LedgerEvent.objects.filter(kind="review.assessed").count()
    assessment = application_review(application=case)
    case.refresh_from_db()
    assert case.status == S.WAITING_REVIEW
    steps = list(
        ApplicationEvent.objects.filter(application=case).values_list(
            "from_status", "to_status", "actor_role"
        )
    )
    assert steps[-2:] == [
        (S.SUBMITTED, S.AUTO_REVIEW, "system"),
        (S.AUTO_REVIEW, S.WAITING_REVIEW, "system"),
    ]
    assert 0 <= assessment.score <= 100 and not assessment.auto_approved
    model = RiskModel.objects.get()
    assert assessment.versions["rules"] == "review-rules/2026.1"
    assert assessment.versions["model"] == model.version.lower() and model.version.startswith(
        "iforest-"
    )
    assert set(assessment.features) >= {"base_rise", "months_paid", "anomaly"}
    assert LedgerEvent.objects.filter(kind="review.assessed").count() == ledger_before + 1

    # A second run changes nothing: no new assessment, transition or ledger event.
    events = ApplicationEvent.objects.filter(application=case).count()
    assert application_review(application=case) is None
    assert Assessment.objects.filter(application=case).count() == 1
    assert ApplicationEvent.objects.filter(application=case).count() == events
    assert LedgerEvent.objects.filter(kind="review.assessed").count() == ledger_before + 1


def test_a_planted_case_factors_name_the_rule_first(city):
    reviewed = _review_all()
    factors = reviewed["吴海涛"].factors
    assert factors[0]["label"] == "规则：两地同时参保" and float(factors[0]["weight"]) == 45
    assert any(f["label"].startswith("模型：两地同时缴费月数：12") for f in factors)


def test_low_risk_case_of_an_allowed_service_is_approved_automatically(city, monkeypatch):
    spec = dataclasses.replace(
        BY_CODE["pension_claim"], code="address_change", auto_approve=True, time_limit_days=5
    )
    monkeypatch.setitem(BY_CODE, "address_change", spec)
    li = persona("李建国")
    case, _ = applications.application_submit(
        person=li,
        service="address_change",
        payload={"address": "辛集市教育路1号"},
        idempotency_key="a1",
    )
    assessment = application_review(application=case)
    case.refresh_from_db()
    assert assessment.findings == [] and assessment.auto_approved
    assert case.status == S.APPROVED
    assert case.events.last().reason.startswith("自动审核通过")

    # The same service for a person with a finding goes to a reviewer.
    ma = Application.objects.get(person__name="马春生").person
    flagged, _ = applications.application_submit(
        person=ma, service="address_change", payload={"address": "辛集市"}, idempotency_key="a2"
    )
    assert not application_review(application=flagged).auto_approved
    flagged.refresh_from_db()
    assert flagged.status == S.WAITING_REVIEW


def test_money_is_never_approved_automatically_even_if_the_catalogue_said_so(ordinary, monkeypatch):
    monkeypatch.setitem(
        BY_CODE, "pension_claim", dataclasses.replace(BY_CODE["pension_claim"], auto_approve=True)
    )
    case = ordinary["赵志刚"]
    assessment = application_review(application=case)
    case.refresh_from_db()
    assert not assessment.auto_approved and case.status == S.WAITING_REVIEW


def test_eligibility_is_recomputed_from_the_records(city):
    zhang = persona("张伟")  # 26 years old: no pension claim yet
    case, _ = applications.application_submit(
        person=zhang,
        service="pension_claim",
        payload={"amounts": {"total": "3000.00"}},
        idempotency_key="e1",
        channel="counter",
    )
    findings = application_review(application=case).findings
    assert findings[0]["code"] == "not_eligible" and findings[0]["severity"] == "high"
    assert "法定退休年龄" in findings[0]["reason"]


def test_filing_queues_the_review_task_and_the_task_reviews(city, monkeypatch):
    queued = []
    monkeypatch.setattr(tasks.application_review_task, "delay", queued.append)
    case = _file(persona("赵志刚"), "pension_claim")
    assert queued == [case.pk]  # after the commit, through the applications hook
    tasks.application_review_task.apply(args=[case.pk])
    case.refresh_from_db()
    assert case.status == S.WAITING_REVIEW and case.assessment.score is not None


def test_the_catch_up_reviews_only_what_waited_over_a_minute(city, monkeypatch):
    waiting = Application.objects.filter(status=S.SUBMITTED).count()
    assert waiting == 5
    assert tasks.review_catch_up_task.apply().get() == 0  # all filed just now
    monkeypatch.setattr(tasks, "CATCH_UP_AFTER", dt.timedelta(seconds=-5))
    assert tasks.review_catch_up_task.apply().get() == waiting
    assert not Application.objects.filter(status=S.SUBMITTED).exists()


def test_training_again_on_the_same_data_keeps_the_version(city, capsys):
    call_command("review_train")
    call_command("review_train")
    out = capsys.readouterr().out.splitlines()
    assert out[0].endswith("persons") and "trained" in out[0]
    assert "unchanged" in out[1] and out[0].split(":")[0] == out[1].split(":")[0]
    assert RiskModel.objects.count() == 1


def test_the_reviewer_sees_each_planted_reason_on_the_case_page(client, city):
    reviewed = _review_all()
    staff_sign_in(client, "reviewer")
    for name in PLANTED:
        case = reviewed[name].application
        page = client.get(f"/staff/cases/{case.pk}/").content.decode()
        finding = reviewed[name].findings[0]
        assert finding["reason"] in page, name
        assert finding["title"] in page and "review-rules/2026.1" in page
    flagged = client.get("/staff/review/").content.decode()
    assert all(reviewed[n].application.ref in flagged for n in PLANTED)
    assert "退休前36个月缴费基数由" in flagged and "何立新" not in flagged  # names masked
    client.logout()
    staff_sign_in(client, "reviewer2")  # Jinzhou: Xinji's cases are not theirs
    other = client.get("/staff/review/").content.decode()
    assert reviewed["何立新"].application.ref not in other


def test_two_workers_training_the_same_data_share_one_model(city, monkeypatch):
    """The first reviews after seeding run in parallel workers: both train the same data; the
    second must take the stored model, not fail on the unique version."""
    from shebao.review import services as review_services
    from shebao.review.models import RiskModel

    first, _ = review_services.risk_model_train(as_of=TODAY)
    real_filter = RiskModel.objects.filter
    calls = []

    def unseen_once(*args, **kwargs):  # the other worker has not committed yet when we look
        calls.append(kwargs)
        return RiskModel.objects.none() if len(calls) == 1 else real_filter(*args, **kwargs)

    monkeypatch.setattr(RiskModel.objects, "filter", unseen_once)
    again, created = review_services.risk_model_train(as_of=TODAY)
    assert (again.pk, created) == (first.pk, False)
