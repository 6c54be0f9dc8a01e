"""Training mode (培训模式, R30): staff practise every workflow on a sandbox database of
synthetic data with its own ledger, through the same code, and the real records stay untouched.

Runs on SQLite and PostgreSQL: the sandbox is the "training" database of config/settings.py."""

from __future__ import annotations

import datetime as dt

import pytest
from celery import Celery
from celery.contrib.testing.worker import start_worker
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from shebao import training
from shebao.accounts.models import User
from shebao.applications import services
from shebao.applications.models import Application, ApplicationEvent
from shebao.demo.personas import PERSONAS
from shebao.demo.seed import DEMO_PASSWORD, seed_city
from shebao.ledger.models import Checkpoint, LedgerEvent, LogKey
from shebao.messaging import tasks as messaging_tasks  # noqa: F401  (registers the task)
from shebao.messaging.models import SmsMessage
from shebao.messaging.senders import OutboxSender
from shebao.messaging.services import sms_queue
from shebao.registry.models import Person
from shebao.registry.selectors import person_by_resident_id
from shebao.training.management.commands import training_reset
from shebao.training.tasks import training_sequence_outbox

from .staff_helpers import staff_sign_in

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "training"])
S = Application.Status
ZHAO = next(p for p in PERSONAS if p.name == "赵志刚")
TODAY = dt.date(2026, 11, 28)
BANNER = "培训模式——仅为练习数据"
REAL, SANDBOX = "default", "training"


def _counts(alias: str) -> dict[str, int]:
    return {
        model.__name__: model.objects.using(alias).count()
        for model in (Application, ApplicationEvent, LedgerEvent, Person, Checkpoint, SmsMessage)
    }


def _reset(persons: int = 8) -> str:
    from io import StringIO

    out = StringIO()
    # By name once the app is installed; until then the command object itself.
    command = "training_reset" if "shebao.training" in _installed() else training_reset.Command()
    call_command(command, persons=persons, today=TODAY, stdout=out)
    return out.getvalue()


def _installed() -> list[str]:
    from django.conf import settings

    return settings.INSTALLED_APPS


def _pension_claim(resident_id: str) -> Application:
    person = person_by_resident_id(resident_id)
    application, _ = services.application_submit(
        person=person,
        service="pension_claim",
        payload={"bank_account": person.bank_account_masked},
        figures={"monthly_pension": "5640.69", "rule_version": "pension/2025.1"},
        idempotency_key=f"training-test-{resident_id[-4:]}",
    )
    return services.application_transition(
        application=application, to=S.WAITING_REVIEW, role="system"
    )


@pytest.fixture
def real_city(transactional_db):
    seed_city(persons=8, today=TODAY)
    return _pension_claim(ZHAO.resident_id)


@pytest.fixture
def sandbox(real_city):
    _reset()
    return real_city


def _switch(client, mode: str):
    return client.post("/staff/training/", {"mode": mode})


def test_reset_fills_the_sandbox_with_its_own_city_staff_copies_and_ledger(real_city):
    real_before = _counts(REAL)
    real_devices = TOTPDevice.objects.using(REAL).count()
    report = _reset()
    assert "Training database ready: 8 persons" in report
    assert _counts(REAL) == real_before  # preparing practice wrote nothing real
    assert TOTPDevice.objects.using(REAL).count() == real_devices
    sandbox = _counts(SANDBOX)
    assert sandbox["Person"] >= 8 and sandbox["LedgerEvent"] > 0
    assert sandbox["Application"] < real_before["Application"]  # the real claim is not there
    # Same staff, same primary keys, same office codes; no password, no authenticator.
    for real in User.objects.using(REAL).filter(kind="staff").select_related("office"):
        copy = User.objects.using(SANDBOX).select_related("office").get(pk=real.pk)
        assert (copy.username, copy.role, copy.office.code) == (
            real.username,
            real.role,
            real.office.code,
        )
        assert not copy.has_usable_password()
    assert not TOTPDevice.objects.using(SANDBOX).exists()
    # Its own log: own origins, own keys, every event sequenced and signed.
    origins = set(LogKey.objects.using(SANDBOX).values_list("office__ledger_origin", flat=True))
    assert origins and all(o.endswith("/training") for o in origins)
    real_keys = set(LogKey.objects.using(REAL).values_list("vkey", flat=True))
    assert not real_keys & set(LogKey.objects.using(SANDBOX).values_list("vkey", flat=True))
    assert not LedgerEvent.objects.using(SANDBOX).filter(leaf_index__isnull=True).exists()
    assert all(
        "/training" in c.signed_note.splitlines()[0]
        for c in Checkpoint.objects.using(SANDBOX).all()
    )


def test_practice_files_and_decides_cases_in_the_sandbox_only(client, sandbox):
    real_claim = sandbox
    staff_sign_in(client, "reviewer")
    assert real_claim.ref in client.get("/staff/").content.decode()
    switched = _switch(client, "on")
    assert switched.status_code == 302 and switched["Location"] == "/staff/"
    real_before = _counts(REAL)

    # A citizen files in the sandbox (as the portal would for a practice person) ...
    with training.active():
        practice = _pension_claim(ZHAO.resident_id)
    assert practice.ref != real_claim.ref  # random numbers: the checks below tell them apart
    queue = client.get("/staff/")
    page = queue.content.decode()
    assert BANNER in page and queue["X-Shebao-Training"] == "1"
    assert practice.ref in page and real_claim.ref not in page  # nothing real is shown

    # The staff API is practice too: the sandbox's case, not the real one.
    api = client.get(f"/api/staff/cases/{practice.pk}")
    assert api.status_code == 200 and api.json()["ref"] == practice.ref
    assert api["X-Shebao-Training"] == "1"

    # ... and staff decide it through the ordinary pages: maker, then checker.
    case = client.get(f"/staff/cases/{practice.pk}/").content.decode()
    assert BANNER in case and practice.ref in case
    client.post(f"/staff/cases/{practice.pk}/act/", {"action": "approve", "reason": "条件符合"})
    assert Application.objects.using(SANDBOX).get(pk=practice.pk).status == S.PENDING_CHECK
    client.post("/staff/sign-out/")
    staff_sign_in(client, "supervisor")
    assert _switch(client, "on").status_code == 302
    client.post(f"/staff/cases/{practice.pk}/act/", {"action": "confirm"})
    assert Application.objects.using(SANDBOX).get(pk=practice.pk).status == S.APPROVED
    actors = set(
        ApplicationEvent.objects.using(SANDBOX)
        .filter(application_id=practice.pk)
        .values_list("actor__username", flat=True)
    )
    assert {"reviewer", "supervisor"} <= actors

    # Nothing real changed: no application, event, ledger entry or person.
    assert _counts(REAL) == real_before
    assert Application.objects.using(REAL).get(pk=real_claim.pk).status == S.WAITING_REVIEW

    # The sandbox's own ledger took the practice and signs it with its own key.
    size_before = Checkpoint.objects.using(SANDBOX).order_by("-size").first().size
    assert training_sequence_outbox() > 0
    assert Checkpoint.objects.using(SANDBOX).order_by("-size").first().size > size_before
    assert _counts(REAL)["Checkpoint"] == real_before["Checkpoint"]

    # Switching off: real work again, the practice case is gone from view.
    off = client.post("/staff/training/", {"mode": "off"}, follow=True).content.decode()
    assert BANNER not in off and "培训模式已关闭" in off
    assert real_claim.ref in off and practice.ref not in off


def test_every_back_office_page_says_training_while_it_is_on(client, sandbox):
    staff_sign_in(client, "auditor")  # may see everything, act on little
    _switch(client, "on")
    with training.active():
        practice = _pension_claim(ZHAO.resident_id)
    pages = {
        "/staff/": 200,
        f"/staff/cases/{practice.pk}/": 200,
        "/staff/training/": 200,
    }
    from shebao.backoffice.urls import urlpatterns

    for pattern in urlpatterns:  # every argument-free page the other sections add
        route = str(pattern.pattern)
        if "<" not in route and pattern.name not in {"sign-in", "sign-in-code", "sign-out"}:
            pages.setdefault(f"/staff/{route}", None)
    seen = 0
    for url, expected in pages.items():
        response = client.get(url)
        if expected is not None:
            assert response.status_code == expected, url
        if response.get("Content-Type", "").startswith("text/html") and response.status_code in (
            200,
            403,
        ):
            body = response.content.decode()
            assert BANNER in body, url
            assert response["X-Shebao-Training"] == "1", url
            seen += 1
    # A refused action is a page too: the 403 page says training as well.
    refused = client.post(f"/staff/cases/{practice.pk}/act/", {"action": "claim"})
    assert refused.status_code == 403 and BANNER in refused.content.decode()
    assert seen >= 3


def test_the_page_title_says_training(client, sandbox):
    staff_sign_in(client, "reviewer")
    _switch(client, "on")
    page = client.get("/staff/").content.decode()
    title = page.split("<title>", 1)[1].split("</title>", 1)[0]
    assert "培训模式" in title
    _switch(client, "off")
    page = client.get("/staff/").content.decode()
    assert "培训模式" not in page.split("<title>", 1)[1].split("</title>", 1)[0]


def test_citizens_and_strangers_cannot_switch_and_a_citizen_flag_does_nothing(client, sandbox):
    assert _switch(client, "on")["Location"] == "/staff/sign-in/"
    assert client.get("/staff/training/")["Location"] == "/staff/sign-in/"
    assert training.SESSION_KEY not in client.session
    # A password without the authenticator code is not enough either.
    client.post("/staff/sign-in/", {"username": "reviewer", "password": DEMO_PASSWORD})
    assert _switch(client, "on")["Location"] == "/staff/sign-in/"
    assert training.SESSION_KEY not in client.session
    client.logout()
    citizen = person_by_resident_id(ZHAO.resident_id).account
    client.force_login(citizen)
    assert _switch(client, "on").status_code == 404
    assert training.SESSION_KEY not in client.session
    # Even with the flag planted in the session, a citizen's pages stay real.
    session = client.session
    session[training.SESSION_KEY] = True
    session.save()
    response = client.get("/")
    assert response.status_code == 200 and "X-Shebao-Training" not in response


def test_switching_on_needs_a_prepared_sandbox(client, real_city):
    staff_sign_in(client, "reviewer")
    page = client.get("/staff/training/").content.decode()
    assert "练习数据库还没有准备好" in page and 'value="on"' not in page
    refused = client.post("/staff/training/", {"mode": "on"}, follow=True).content.decode()
    assert "练习数据库还没有准备好" in refused
    assert training.SESSION_KEY not in client.session
    assert BANNER not in client.get("/staff/").content.decode()


def test_signing_out_while_training_ends_the_real_session(client, sandbox):
    staff_sign_in(client, "reviewer")
    _switch(client, "on")
    key = client.session.session_key
    assert Session.objects.using(REAL).filter(session_key=key).exists()
    client.post("/staff/sign-out/")
    assert not Session.objects.using(REAL).filter(session_key=key).exists()
    assert client.get("/staff/")["Location"] == "/staff/sign-in/"


def test_the_sandbox_is_lost_training_switches_itself_off(client, sandbox):
    staff_sign_in(client, "reviewer")
    _switch(client, "on")
    reviewer = User.objects.using(REAL).get(username="reviewer")
    with training.active():
        from django.db import connection

        with connection.cursor() as cursor:  # the copy vanished (e.g. a reset without it)
            cursor.execute(f"UPDATE accounts_user SET kind = 'citizen' WHERE id = {reviewer.pk}")
    response = client.get("/staff/")
    assert response["Location"] == "/staff/training/"
    assert training.SESSION_KEY not in client.session
    assert BANNER not in client.get("/staff/").content.decode()


class WorkerOutboxSender(OutboxSender):
    """The outbox, but handed to the worker like a network gateway."""

    needs_worker = True


@pytest.fixture
def worker_app():
    from shebao.config.celery import app as shebao_app

    app = Celery("training-test", broker="memory://", set_as_current=True)
    app.conf.task_ignore_result = True
    app.conf.broker_connection_retry_on_startup = True
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
        yield app
    shebao_app.set_current()


def _wait(predicate, seconds: float = 30.0) -> bool:
    import time

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def test_a_job_queued_while_training_runs_in_the_sandbox_on_the_worker(
    settings, sandbox, worker_app
):
    settings.SHEBAO_SMS_SENDER = "tests.shebao.test_training.WorkerOutboxSender"
    published = []
    real_before = SmsMessage.objects.using(REAL).count()
    from celery.signals import before_task_publish

    def _seen(sender=None, headers=None, **_):
        published.append(bool(headers.get("shebao_training")))

    before_task_publish.connect(_seen, weak=False)
    try:
        with training.active():
            with transaction.atomic():
                message = sms_queue(phone="13800000000", body="练习短信", purpose="test")
        with transaction.atomic():  # the same, for real: no header
            real = sms_queue(phone="13900000000", body="真实短信", purpose="test")
        kept = SmsMessage.Status.KEPT

        def delivered():
            return (
                SmsMessage.objects.using(SANDBOX).filter(pk=message.pk, status=kept).exists()
                and SmsMessage.objects.using(REAL).filter(pk=real.pk, status=kept).exists()
            )

        assert _wait(delivered), "the worker did not deliver both messages"
    finally:
        before_task_publish.disconnect(_seen)
    assert published == [True, False]
    practice = SmsMessage.objects.using(SANDBOX).get(pk=message.pk)
    assert practice.sender == "WorkerOutboxSender" and practice.attempts == 1
    # the practice message never became real
    assert SmsMessage.objects.using(REAL).count() == real_before + 1


def test_reset_refuses_a_training_alias_that_names_the_real_database(real_city, monkeypatch):
    from django.db import connections

    from shebao.training.services import SameDatabase

    monkeypatch.setitem(connections.settings, "training", dict(connections.settings["default"]))
    before = _counts(REAL)
    with pytest.raises(SameDatabase):
        _reset()
    assert _counts(REAL) == before
