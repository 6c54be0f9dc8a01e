"""Transfer of pension insurance between regions (关系转移接续) for 刘芳 of the demo city: what
moves equals the rules engine's reckoning from her Chengdu records to the fen, she claims in
Xinji, the application reaches the review queue with its figures, and the Chengdu office (a
simulated partner) answers until the transfer is completed — each step in the ledger of the
office that took it and in her inbox. Bad choices are refused beside the choice, kept as chosen.
"""

import datetime as dt
import re
from collections import defaultdict
from decimal import Decimal

import pytest

from shebao.accounts.services import staff_account_create
from shebao.applications import selectors as app_selectors
from shebao.applications import services as app_services
from shebao.contributions.models import ContributionRecord
from shebao.demo.personas import PERSONAS
from shebao.demo.seed import seed_city
from shebao.ledger.models import LedgerEvent
from shebao.registry.selectors import person_by_resident_id
from shebao.transfers import exchange, selectors, services, tasks
from shebao.transfers.models import ExchangeRecord, Transfer
from shebao_rules import account as account_rules
from shebao_rules import transfer as transfer_rules
from shebao_rules.money import to_fen

TODAY = dt.date(2026, 11, 28)
CHENGDU = "510100"


@pytest.fixture(scope="module")
def city(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        seed_city(persons=8, today=TODAY)
        yield
        from django.core.management import call_command

        call_command("flush", interactive=False, verbosity=0)


pytestmark = pytest.mark.django_db


def _person(name):
    return person_by_resident_id(next(p for p in PERSONAS if p.name == name).resident_id)


@pytest.fixture
def liu_fang(city):
    return _person("刘芳")


def _text(response):
    return re.sub(r"\s+", " ", response.content.decode())


def _engine_from_records(person):
    """The rules engine straight over her Chengdu pension records (the test's own reading)."""
    records = ContributionRecord.objects.filter(
        person=person, insurance_type="enterprise_pension", region_code=CHENGDU, status="paid"
    )
    bases, credits = defaultdict(Decimal), defaultdict(dict)
    for r in records:
        bases[str(r.month.year)] += r.base
        credits[r.month.year][str(r.month.month)] = r.account_credit
    years = [{"year": y, "credits": credits.get(y, {})} for y in range(2000, TODAY.year)]
    balance = account_rules.compute("0", years, allow_assumed=True).values["years"][-1]["closing"]
    result = transfer_rules.compute(balance, dict(bases), as_of=f"{TODAY:%Y-%m}")
    return result, records.count()


def test_her_amounts_are_the_engines_from_her_chengdu_records_to_the_fen(liu_fang):
    preview = selectors.transfer_preview(liu_fang, region=CHENGDU, direction="in", as_of=TODAY)
    expected, months = _engine_from_records(liu_fang)
    assert months == 186  # 2000-07 … 2015-12
    assert (preview.account, preview.pooled, preview.total) == (
        expected.values["account"],
        expected.values["pooled"],
        expected.values["total"],
    )
    assert preview.total == preview.account + preview.pooled and preview.pooled > 0
    assert (preview.first_month, preview.last_month, preview.months) == (
        dt.date(2000, 7, 1),
        dt.date(2015, 12, 1),
        186,
    )
    # 2000 is a half year: its six months' bases, 12 %, to the fen.
    year_2000 = next(y for y in preview.years if y["year"] == 2000)
    assert year_2000["months"] == 6
    assert year_2000["pooled"] == to_fen(year_2000["bases"] * Decimal("0.12"))
    assert preview.rule_version == transfer_rules.RULE_VERSION
    assert any(
        s["name"] == "transfer.pooled_rate" and "66号" in s["source"] for s in preview.sources
    )
    assert "pension.account_interest_rate" in preview.assumed  # pre-2016 rates: named


def test_she_claims_in_xinji_by_rule_two(liu_fang):
    preview = selectors.transfer_preview(liu_fang, region=CHENGDU, direction="in", as_of=TODAY)
    assert (preview.claim_region, preview.claim_rule) == ("130181", 2)
    assert preview.months_by_region == {CHENGDU: 186, "130181": 130}  # 2016-01 … 2026-10


def test_chengdu_comes_first_and_preselected_and_in_because_she_pays_here(liu_fang):
    choices = selectors.region_choices(liu_fang, as_of=TODAY)
    assert choices.held == [(CHENGDU, "成都市")]
    assert (choices.preselected, choices.direction) == (CHENGDU, "in")
    provinces = [name for name, _ in choices.others]
    assert "河北省" not in provinces and "北京市" in provinces
    sichuan = dict(choices.others)["四川省"]
    assert (CHENGDU, "成都市") not in sichuan and ("510600", "德阳市") in sichuan


def test_the_page_shows_what_moves_and_where_she_claims(client, liu_fang):
    client.force_login(liu_fang.account)
    start = _text(client.get("/transfer/"))
    assert 'value="510100" selected' in start
    assert re.search(r'value="in"[^>]*checked', start)
    page = _text(client.get("/transfer/preview/", {"region": CHENGDU, "direction": "in"}))
    preview = selectors.transfer_preview(liu_fang, region=CHENGDU, direction="in", as_of=TODAY)
    assert str(preview.total) in page and str(preview.pooled) in page
    assert "辛集市" in page and "transfer/2025.1" in page and "国办发〔2009〕66号" in page


@pytest.mark.parametrize(
    "region,direction,field",
    [
        ("999999", "in", "region"),  # not a region
        ("130181", "in", "region"),  # this office's own region
        ("130100", "in", "region"),  # same province
        ("510600", "in", "region"),  # Deyang: nothing held from there
        (CHENGDU, "out", "direction"),  # she pays here now
        (CHENGDU, "sideways", "direction"),
    ],
)
def test_bad_choices_are_refused_beside_the_choice_and_kept(
    client, liu_fang, region, direction, field
):
    client.force_login(liu_fang.account)
    response = client.get("/transfer/preview/", {"region": region, "direction": direction})
    assert response.status_code == 400
    page = _text(response)
    assert f'id="{"id_region_error" if field == "region" else "direction-error"}"' in page
    assert 'role="alert"' in page
    if region == "510600":
        assert f'value="{region}" selected' in page  # the choice is kept
    with pytest.raises(selectors.TransferRefused) as refused:
        services.transfer_submit(
            person=liu_fang, region=region, direction=direction, idempotency_key="x", as_of=TODAY
        )
    assert refused.value.field == field


def test_a_person_with_nothing_from_elsewhere_is_refused(client, city):
    li = _person("李建国")
    assert selectors.region_choices(li, as_of=TODAY).held == []
    client.force_login(li.account)
    page = _text(client.get("/transfer/preview/", {"region": CHENGDU, "direction": "in"}))
    assert "id_region_error" in page and "成都市" in page


def _file(client, person, key="k-1"):
    client.force_login(person.account)
    return client.post(
        "/transfer/preview/", {"region": CHENGDU, "direction": "in", "idempotency_key": key}
    )


def test_a_double_click_files_one_application_in_the_review_queue_with_its_figures(
    client, liu_fang
):
    first = _file(client, liu_fang)
    second = _file(client, liu_fang)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    queue = list(app_selectors.review_queue(liu_fang.office, service="transfer"))
    assert len(queue) == 1
    application = queue[0]
    preview = selectors.transfer_preview(liu_fang, region=CHENGDU, direction="in", as_of=TODAY)
    assert application.figures["total"] == str(preview.total)
    assert application.figures["account"] == str(preview.account)
    assert application.figures["pooled_by_year"]["2000"] == str(preview.years[0]["pooled"])
    assert application.payload == {"region": CHENGDU, "region_name": "成都市", "direction": "in"}
    # Another key while it is open: the same application, not a second one.
    third = _file(client, liu_fang, key="k-2")
    assert third["Location"] == first["Location"]
    page = _text(client.get(first["Location"]))
    assert application.ref in page
    preview_page = _text(client.get("/transfer/preview/", {"region": CHENGDU, "direction": "in"}))
    assert application.ref in preview_page and 'name="idempotency_key"' not in preview_page


def _prepared_approval(client, liu_fang):
    """刘芳's transfer filed, in review, its approval prepared by a reviewer; (application, the
    supervisor who will check it)."""
    _file(client, liu_fang)
    application = app_selectors.review_queue(liu_fang.office, service="transfer").get()
    app_services.application_transition(application=application, to="waiting_review", role="system")
    maker, checker = (
        staff_account_create(username=name, office=liu_fang.office, role=role, password="x" * 12)
        for name, role in (("maker", "reviewer"), ("checker", "supervisor"))
    )
    app_services.application_decide(
        application=application, outcome="approve", reason="材料齐全", actor=maker
    )
    return application, checker


def test_the_partner_round_trip_completes_with_each_step_seen_and_in_the_ledgers(
    client, liu_fang, monkeypatch, django_capture_on_commit_callbacks
):
    application, checker = _prepared_approval(client, liu_fang)
    queued = []
    monkeypatch.setattr(tasks.partner_answer_task, "delay", lambda pk: queued.append(pk))
    with django_capture_on_commit_callbacks(execute=True):
        # The second person's check makes the approval take effect: the letter leaves at once.
        app_services.application_check(application=application, confirm=True, actor=checker)
    application.refresh_from_db()
    assert application.status == "with_partner"
    letter = ExchangeRecord.objects.get(transfer__application=application)
    assert letter.kind == exchange.CONTACT_LETTER and queued == [letter.pk]
    assert letter.data["id_number"] == liu_fang.id_number_masked
    assert "510122197805200049" not in str(letter.data)

    with django_capture_on_commit_callbacks(execute=True):
        answered = tasks.partner_answer_task.run(letter.pk)  # what the worker runs
    assert answered == 2
    assert tasks.partner_answer_pending_task.run() == 0  # answered once only

    application.refresh_from_db()
    transfer = Transfer.objects.get(application=application)
    expected, _ = _engine_from_records(liu_fang)
    assert application.status == "completed"
    assert (transfer.account_moved, transfer.pooled_moved, transfer.total_moved) == (
        expected.values["account"],
        expected.values["pooled"],
        expected.values["total"],
    )
    assert transfer.months_moved == 186
    events = [(e.to_status, e.actor_role) for e in app_selectors.application_events(application)]
    assert events[-2:] == [("with_partner", "system"), ("completed", "partner")]
    kinds = [
        (r.kind, r.way) for r in ExchangeRecord.objects.filter(transfer=transfer).order_by("pk")
    ]
    assert kinds == [
        ("contact_letter", "sent"),
        ("certificate", "received"),
        ("funds_notice", "received"),
    ]
    inbox = [m.subject for m in app_selectors.inbox(liu_fang)]
    assert any("参保缴费凭证" in s for s in inbox)
    assert any("已办结" in s or "completed" in s.lower() for s in inbox)
    done = app_selectors.inbox(liu_fang)[0]
    assert str(expected.values["total"]) in done.body
    ours = set(LedgerEvent.objects.filter(office=liu_fang.office).values_list("kind", flat=True))
    assert {"transfer.filed", "transfer.package_sent", "transfer.package_received"} <= ours
    assert "transfer.completed" in ours
    chengdu = selectors.partner_office(CHENGDU)
    theirs = list(LedgerEvent.objects.filter(office=chengdu).values_list("kind", flat=True))
    assert theirs.count("transfer.package_sent") == 2 and "transfer.package_received" in theirs
    assert "510122197805200049" not in str(list(LedgerEvent.objects.values_list("body", flat=True)))

    page = _text(client.get(f"/transfer/{application.ref}/"))
    assert str(expected.values["total"]) in page and "参保缴费凭证" in page
    # Moved: Chengdu no longer offers anything to transfer.
    assert selectors.region_choices(liu_fang, as_of=TODAY).held == []


def test_a_returned_transfer_keeps_her_choices_and_is_sent_again(client, liu_fang):
    _file(client, liu_fang)
    application = app_selectors.review_queue(liu_fang.office, service="transfer").get()
    app_services.application_transition(application=application, to="waiting_review", role="system")
    app_services.application_transition(
        application=application,
        to="returned",
        role="reviewer",
        reason="请核对对方参保地",
        fields_to_fix=["region"],
    )
    page = _text(client.get("/transfer/", {"fix": application.ref}))
    assert "请核对对方参保地" in page and 'value="510100" selected' in page
    assert f'name="fix" value="{application.ref}"' in page
    preview = _text(
        client.get(
            "/transfer/preview/", {"region": CHENGDU, "direction": "in", "fix": application.ref}
        )
    )
    assert f'name="fix" value="{application.ref}"' in preview
    response = client.post(
        "/transfer/preview/",
        {"region": CHENGDU, "direction": "in", "idempotency_key": "new", "fix": application.ref},
    )
    assert response["Location"] == f"/transfer/{application.ref}/"
    application.refresh_from_db()
    assert application.status == "submitted"
    assert [e.to_status for e in app_selectors.application_events(application)][-2:] == [
        "returned",
        "submitted",
    ]
    assert app_selectors.review_queue(liu_fang.office, service="transfer").count() == 1
    # Someone else's reference, or one not returned, is not found.
    assert client.get("/transfer/", {"fix": application.ref}).status_code == 404


def test_someone_elses_application_is_not_found(client, liu_fang):
    response = _file(client, liu_fang)
    client.force_login(_person("李建国").account)
    assert client.get(response["Location"]).status_code == 404


def test_the_api_previews_files_once_and_refuses_with_the_field(client, liu_fang):
    client.force_login(liu_fang.account)
    preview = client.get("/api/transfers/preview", {"region": CHENGDU}).json()
    expected, _ = _engine_from_records(liu_fang)
    assert preview["total"] == str(expected.values["total"]) and preview["claim_region"] == "130181"
    assert preview["direction"] == "in" and preview["claim_rule"] == 2
    bad = client.get("/api/transfers/preview", {"region": "130181"})
    assert bad.status_code == 400 and bad.json()["field"] == "region"
    body = {"region": CHENGDU, "direction": "in", "idempotency_key": "api-1"}
    first = client.post("/api/transfers", body, content_type="application/json")
    again = client.post("/api/transfers", body, content_type="application/json")
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["ref"] == again.json()["ref"]
    assert first.json()["figures"]["total"] == str(expected.values["total"])
    refused = client.post(
        "/api/transfers",
        {"region": "999999", "direction": "in", "idempotency_key": "api-2"},
        content_type="application/json",
    )
    assert refused.status_code == 400 and refused.json()["field"] == "region"


def test_packages_travel_sealed_and_an_altered_one_is_refused_with_its_reason(
    client, liu_fang, monkeypatch, django_capture_on_commit_callbacks
):
    """Every package between the offices is sealed (signature, ledger entry, inclusion proof,
    checkpoint); a package altered in transit is refused and the refusal logged."""
    from shebao.ledger.services import package_seal

    application, checker = _prepared_approval(client, liu_fang)
    monkeypatch.setattr(tasks.partner_answer_task, "delay", lambda pk: None)
    app_services.application_check(application=application, confirm=True, actor=checker)
    letter = ExchangeRecord.objects.get(transfer__application=application)
    assert services.package_digest(letter.body) in letter.ledger_event.body

    # What the Chengdu office would send back, altered by one character on the way.
    partner = Transfer.objects.get(application=application).partner
    body = services.package_body(
        kind=exchange.FUNDS_NOTICE,
        from_office=partner.code,
        to_office=liu_fang.office.code,
        ref=application.ref,
        data={"account": "1.00", "pooled": "1.00", "total": "2.00", "months": 1},
    )
    from django.db import transaction

    with transaction.atomic():
        event = services.record_event(
            office=partner,
            kind="transfer.package_sent",
            data={"ref": application.ref, "digest": services.package_digest(body)},
        )
    sealed = package_seal(office=partner, event=event, body=body)
    forged = sealed.__class__(**{**sealed.__dict__, "body": body.replace('"2.00"', '"9.00"')})
    assert services.transfer_receive_sealed(sealed=forged) is None
    refused = LedgerEvent.objects.filter(kind="transfer.package_refused").get()
    assert '"reason":"signature"' in refused.body
    application.refresh_from_db()
    assert application.status == "with_partner"  # nothing was acted on

    # The genuine one is accepted and completes the transfer.
    services.transfer_receive_sealed(sealed=sealed)
    application.refresh_from_db()
    assert application.status == "completed"
