"""Security monitoring as it acts: credential stuffing through the real citizen sign-in page is
blocked and alerted; a staff member opening 100 unrelated people's case pages is frozen, refused
everywhere (sign-in included) with the reason in the ledger, until a supervisor lifts it on the
dashboard; odd hours, break-glass overuse and mass export raise alerts; a citizen signing in on a
new device is told by inbox and text message."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from shebao.applications import services as applications
from shebao.applications.selectors import inbox
from shebao.ledger.models import LedgerEvent
from shebao.security.models import Alert, Freeze, Observation

from . import factories
from .auth_helpers import PASSWORD, last_text, make_citizen, texts_to
from .staff_city import build_staff_city
from .staff_helpers import staff_sign_in

pytestmark = pytest.mark.django_db

ATTACKER = "203.0.113.9"
NEIGHBOUR = "198.51.100.7"
FROZEN = "账户已被冻结，请联系科长"
BLOCKED = "为了大家的安全"


class Clock:
    """`timezone.now()` fixed at a local time of today (the rules read local hours)."""

    def __init__(self, monkeypatch, hour: int = 10, minute: int = 0):
        self.set(hour, minute)
        monkeypatch.setattr(timezone, "now", lambda: self.now)

    def set(self, hour: int, minute: int = 0) -> None:
        today = timezone.localdate()
        local = dt.datetime.combine(today, dt.time(hour, minute))
        self.now = timezone.make_aware(local).astimezone(dt.UTC)

    def advance(self, **delta) -> None:
        self.now += dt.timedelta(**delta)


@pytest.fixture
def city(db):
    return build_staff_city()


@pytest.fixture
def daytime(monkeypatch):
    return Clock(monkeypatch, 10, 0)


@pytest.fixture(autouse=True)
def slow_attacker(settings):
    """The attacker stays under the per-address request limits of the sign-in pages (ops rate
    limits, counted on the real clock): what is left to stop them is this monitoring. The many
    staff sign-ins of these tests come from one test address as well."""
    settings.SHEBAO_RATE_LIMITS = {"sign-in": "10000/min", "staff-sign-in": "10000/min"}
    # Hundreds of password checks: a fast hash here (argon2 is tested with the sign-in itself).
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        "django.contrib.auth.hashers.Argon2PasswordHasher",
    ]


def _freeze_events(kind):
    return list(LedgerEvent.objects.filter(kind=kind))


def _cases(office, n: int, *, name="张测试"):
    cases = []
    for i in range(n):
        person = factories.person(office, name=name)
        case, _ = applications.application_submit(
            person=person, service="unemployment_claim", payload={}, idempotency_key=f"sec-{i}"
        )
        cases.append(case)
    return cases


# --- credential stuffing -----------------------------------------------------------------


def test_credential_stuffing_from_one_address_is_blocked_and_alerted(city, daytime):
    office = city["xinji"]
    citizens = [make_citizen(office, phone=f"1391000{i:04d}") for i in range(50)]
    attacker = Client(REMOTE_ADDR=ATTACKER)
    answered, refused = 0, 0
    for rid, _person, _user in citizens:
        for n in range(3):
            response = attacker.post("/sign-in/", {"username": rid, "password": f"Guess-{n}-x9"})
            if response.status_code == 429:
                assert BLOCKED in response.content.decode()
                refused += 1
            else:
                assert response.status_code == 400  # "the ID number or password is not right"
                answered += 1
    # Blocked at the first try on the tenth account (28 wrong passwords); the rest refused.
    assert answered == 28 and refused == 150 - answered
    assert Observation.objects.filter(kind="sign_in_failed").count() == answered

    # Even the right password is refused from that address, with a clear message …
    rid = citizens[0][0]
    right = attacker.post("/sign-in/", {"username": rid, "password": PASSWORD})
    assert right.status_code == 429 and BLOCKED in right.content.decode()
    assert "_auth_user_id" not in attacker.session
    assert attacker.get("/sign-in/").status_code == 429
    # … while a neighbour at another address signs in as usual.
    neighbour = Client(REMOTE_ADDR=NEIGHBOUR)
    assert neighbour.post("/sign-in/", {"username": rid, "password": PASSWORD})["Location"] == "/"

    alert = Alert.objects.get(rule="credential_stuffing")
    assert alert.severity == "critical" and alert.user is None
    assert alert.detail["accounts"] >= 10 and alert.detail["failures"] == answered
    block = Freeze.objects.get(address_key=alert.address_key)
    assert block.until == daytime.now + dt.timedelta(hours=1) and block.released_at is None
    (event,) = _freeze_events("security.address_blocked")
    assert "wrong passwords for" in event.body and "credential_stuffing" in event.body

    # The address itself is kept nowhere: only keyed hashes.
    for value in (ATTACKER, *[c[0] for c in citizens[:3]]):
        assert not Observation.objects.filter(address_key__contains=value).exists()
        assert not Observation.objects.filter(subject_key__contains=value).exists()
        assert value not in alert.subject_key and value not in str(alert.detail)
        assert value not in event.body

    # The cool-down passes: sign-in from there works again.
    daytime.advance(hours=1, minutes=1)
    assert attacker.post("/sign-in/", {"username": rid, "password": PASSWORD})["Location"] == "/"


def test_a_supervisor_lifts_an_address_block_on_the_dashboard(city, daytime):
    office = city["xinji"]
    citizens = [make_citizen(office, phone=f"1392000{i:04d}") for i in range(12)]
    attacker = Client(REMOTE_ADDR=ATTACKER)
    for n in range(2):
        for rid, _p, _u in citizens:
            attacker.post("/sign-in/", {"username": rid, "password": f"Guess-{n}-x9"})
    block = Freeze.objects.get(user__isnull=True)
    rid = citizens[0][0]
    assert attacker.post("/sign-in/", {"username": rid, "password": PASSWORD}).status_code == 429

    supervisor = Client()
    staff_sign_in(supervisor, "supervisor")
    page = supervisor.get("/staff/security/").content.decode()
    assert "多个账户" in page or "Password guessing" in page
    released = supervisor.post(
        f"/staff/security/freezes/{block.pk}/release/", {"reason": "已确认为单位出口地址"}
    )
    assert released["Location"] == "/staff/security/"
    block.refresh_from_db()
    assert block.released_by.username == "supervisor"
    assert block.release_reason == "已确认为单位出口地址"
    assert attacker.post("/sign-in/", {"username": rid, "password": PASSWORD})["Location"] == "/"
    assert len(_freeze_events("security.freeze_released")) == 1


# --- a staff member opening many people's records ------------------------------------------


def test_a_clerk_opening_100_unrelated_case_pages_in_a_minute_is_frozen_until_released(
    city, daytime
):
    office = city["xinji"]
    cases = _cases(office, 100)
    clerk = Client()
    staff_sign_in(clerk, "clerk")
    statuses = []
    for case in cases:
        statuses.append(clerk.get(f"/staff/cases/{case.pk}/").status_code)
        daytime.advance(milliseconds=500)
    # The 50th person in a minute freezes the account; every later page is refused.
    assert statuses[:50] == [200] * 50 and statuses[50:] == [403] * 50
    refused = clerk.get("/staff/")
    assert refused.status_code == 403 and FROZEN in refused.content.decode()
    assert clerk.get(f"/staff/cases/{cases[0].pk}/").status_code == 403
    api = clerk.get("/api/staff/cases")
    assert api.status_code == 403 and api.json()["detail"] == FROZEN

    freeze = Freeze.objects.get(user__username="clerk", released_at__isnull=True)
    assert freeze.rule == "bulk_access" and "50 people with no case" in freeze.reason
    (event,) = _freeze_events("security.account_frozen")
    body = event.body
    assert "bulk_access" in body and "50 people with no case for them within 1 minute" in body
    alert = Alert.objects.get(rule="bulk_access", severity="critical")
    assert alert.user.username == "clerk" and alert.detail == {"people": 50}

    # Signing in again (a fresh browser) is refused too, with the same words.
    again = Client()
    from shebao.demo.seed import DEMO_PASSWORD

    answer = again.post("/staff/sign-in/", {"username": "clerk", "password": DEMO_PASSWORD})
    assert answer.status_code == 403 and FROZEN in answer.content.decode()

    # The supervisor sees it on the dashboard and lifts it, saying why.
    supervisor = Client()
    staff_sign_in(supervisor, "supervisor")
    page = supervisor.get("/staff/security/").content.decode()
    assert "clerk" in page and f'action="/staff/security/freezes/{freeze.pk}/release/"' in page
    missing = supervisor.post(f"/staff/security/freezes/{freeze.pk}/release/", {"reason": ""})
    assert missing.status_code == 400 and 'role="alert"' in missing.content.decode()
    done = supervisor.post(
        f"/staff/security/freezes/{freeze.pk}/release/", {"reason": "核实为批量复核任务"}
    )
    assert done["Location"] == "/staff/security/"
    freeze.refresh_from_db()
    assert freeze.released_by.username == "supervisor" and freeze.released_at is not None
    (lifted,) = _freeze_events("security.freeze_released")
    assert "核实为批量复核任务" in lifted.body
    # Every staff page tells the supervisor there is an unread alert; marked as read, it goes.
    watch = Alert.objects.get(rule="bulk_access", severity="high")  # 30 people in ten minutes
    queue = supervisor.get("/staff/").content.decode()
    assert '<strong class="nav-count">2 条未读</strong>' in queue
    supervisor.post(f"/staff/security/alerts/{alert.pk}/acknowledge/")
    alert.refresh_from_db()
    assert alert.acknowledged_by.username == "supervisor"
    queue = supervisor.get("/staff/").content.decode()
    assert '<strong class="nav-count">1 条未读</strong>' in queue
    supervisor.post(f"/staff/security/alerts/{watch.pk}/acknowledge/")
    assert "nav-count" not in supervisor.get("/staff/").content.decode()

    # The clerk works again (after a minute, the count starts afresh).
    daytime.advance(minutes=2)
    staff_sign_in(again, "clerk")
    assert again.get(f"/staff/cases/{cases[0].pk}/").status_code == 200


def test_cases_of_ones_own_do_not_count(city, daytime):
    office = city["xinji"]
    cases = _cases(office, 55)
    from django.contrib.auth import get_user_model

    clerk_user = get_user_model().objects.get(username="clerk")
    for case in cases:
        applications.application_assign(application=case, assignee=clerk_user, actor=clerk_user)
    clerk = Client()
    staff_sign_in(clerk, "clerk")
    assert all(clerk.get(f"/staff/cases/{c.pk}/").status_code == 200 for c in cases)
    assert not Freeze.objects.exists()


# --- odd hours, break-glass, export ----------------------------------------------------------


def test_staff_at_odd_hours_raise_one_low_alert_and_daytime_none(city, monkeypatch):
    clock = Clock(monkeypatch, 10, 0)
    staff_sign_in(Client(), "reviewer")
    assert not Alert.objects.filter(rule="odd_hours").exists()
    clock.set(23, 30)
    night = Client()
    staff_sign_in(night, "reviewer")
    (alert,) = Alert.objects.filter(rule="odd_hours")
    assert alert.severity == "low" and alert.user.username == "reviewer"
    assert alert.detail == {"local_time": "23:30"}
    (case,) = _cases(city["xinji"], 1)
    clock.advance(minutes=5)
    assert night.get(f"/staff/cases/{case.pk}/").status_code == 200  # not refused …
    assert Alert.objects.filter(rule="odd_hours").count() == 1  # … and told once a night
    assert not Freeze.objects.exists()


def test_five_break_glass_showings_in_an_hour_raise_an_alert(city, daytime):
    cases = _cases(city["xinji"], 5)
    reviewer = Client()
    staff_sign_in(reviewer, "reviewer")
    for n, case in enumerate(cases):
        shown = reviewer.post(
            f"/staff/cases/{case.pk}/reveal/", {"field": "mobile", "reason": "核对联系电话"}
        )
        assert shown.status_code == 200
        assert Alert.objects.filter(rule="break_glass").exists() == (n == 4)
        daytime.advance(minutes=10)
    alert = Alert.objects.get(rule="break_glass")
    assert alert.severity == "high" and alert.detail == {"reveals": 5}
    assert not Freeze.objects.exists()  # an alert for a supervisor, not a freeze
    supervisor = Client()
    staff_sign_in(supervisor, "supervisor")
    page = supervisor.get("/staff/security/").content.decode()
    assert "reviewer" in page and "1 条提醒未读" in page


def test_downloads_of_the_figures_are_counted_and_a_mass_export_alerts(city, daytime):
    from shebao.security.services import observe_export

    supervisor = Client()
    staff_sign_in(supervisor, "supervisor")
    csv = supervisor.get("/staff/figures/export.csv")
    assert csv.status_code == 200
    (seen,) = Observation.objects.filter(kind="export")
    assert seen.user.username == "supervisor" and seen.rows >= 1
    observe_export(staff=seen.user, rows=12_000)
    alert = Alert.objects.get(rule="mass_export")
    assert alert.severity == "high" and alert.detail["rows"] == 12_000 + seen.rows
    assert not Freeze.objects.exists()


# --- citizens: a new device ---------------------------------------------------------------


def test_a_citizen_signing_in_on_a_new_device_is_told_by_inbox_and_text(city, daytime):
    phone = "13930001234"
    rid, person, _user = make_citizen(city["xinji"], phone=phone)
    phone_browser = Client()
    for _ in range(2):  # the first device is the baseline; the same one again is no news
        assert (
            phone_browser.post("/sign-in/", {"username": rid, "password": PASSWORD})["Location"]
            == "/"
        )
        phone_browser.post("/sign-out/")
    assert inbox(person) == [] and texts_to(phone) == 0

    stranger = Client()
    assert stranger.post("/sign-in/", {"username": rid, "password": PASSWORD})["Location"] == "/"
    (message,) = inbox(person)
    assert message.subject == "您的账户在新设备上登录"
    assert "不是您本人" in message.body
    assert texts_to(phone) == 1 and "新设备" in last_text(phone)
    alert = Alert.objects.get(rule="new_device")
    assert alert.severity == "low" and alert.user.person == person
    # On the dashboard the person shows masked.
    supervisor = Client()
    staff_sign_in(supervisor, "supervisor")
    page = supervisor.get("/staff/security/").content.decode()
    assert "李**" in page and "李建国" not in page and rid not in page


# --- access to the dashboard --------------------------------------------------------------


def test_who_may_see_and_act_on_the_dashboard(city, daytime):
    from django.contrib.auth import get_user_model

    from shebao.security.services import freeze_user

    for username, status in (("clerk", 403), ("reviewer", 403), ("auditor", 200), ("admin", 200)):
        c = Client()
        staff_sign_in(c, username)
        assert c.get("/staff/security/").status_code == status, username
    clerk_user = get_user_model().objects.get(username="clerk")
    freeze = freeze_user(user=clerk_user, reason="manual test")
    auditor = Client()
    staff_sign_in(auditor, "auditor")
    page = auditor.get("/staff/security/").content.decode()
    assert "clerk" in page and "/release/" not in page  # auditors read only
    assert (
        auditor.post(f"/staff/security/freezes/{freeze.pk}/release/", {"reason": "x y"}).status_code
        == 403
    )
    other = Client()
    staff_sign_in(other, "supervisor2")  # 晋州: another office's staff are not in reach
    assert "clerk" not in other.get("/staff/security/").content.decode()
    assert (
        other.post(f"/staff/security/freezes/{freeze.pk}/release/", {"reason": "x y"}).status_code
        == 404
    )
    assert Client().get("/staff/security/")["Location"] == "/staff/sign-in/"


def test_a_frozen_citizen_is_refused_on_portal_pages_until_released(city, daytime):
    from shebao.security.services import freeze_release, freeze_user

    rid, person, user = make_citizen(city["xinji"], phone="13930005678")
    browser = Client()
    assert browser.post("/sign-in/", {"username": rid, "password": PASSWORD})["Location"] == "/"
    freeze = freeze_user(user=user, reason="reported stolen phone")
    refused = browser.get("/")
    assert refused.status_code == 403 and "账户已暂停使用" in refused.content.decode()
    assert browser.get("/contributions/").status_code == 403
    assert browser.post("/sign-out/")["Location"] == "/sign-in/"  # leaving is always allowed
    (frozen,) = _freeze_events("security.account_frozen")
    assert "reported stolen phone" in frozen.body and rid not in frozen.body
    from django.contrib.auth import get_user_model

    supervisor = get_user_model().objects.get(username="supervisor")
    freeze_release(freeze=freeze, by=supervisor, reason="本人到窗口核实")
    browser.post("/sign-in/", {"username": rid, "password": PASSWORD})
    assert browser.get("/").status_code == 200


def test_observations_older_than_a_week_are_purged_and_the_rules_still_count(city, daytime):
    from shebao.security import rules
    from shebao.security.services import observations_purge, observe_sign_in_failure

    windows = [v for v in vars(rules).values() if isinstance(v, dt.timedelta)]
    longest_window = max(w for w in windows if w != rules.OBSERVATION_RETENTION)
    assert rules.OBSERVATION_RETENTION > longest_window  # nothing a rule needs is deleted
    now = timezone.now()
    observe_sign_in_failure(address_key="addr", username_key="old", now=now - dt.timedelta(days=8))
    observe_sign_in_failure(address_key="addr", username_key="new", now=now - dt.timedelta(days=6))
    assert observations_purge(now=now) == 1
    assert list(Observation.objects.values_list("subject_key", flat=True)) == ["new"]
    for account in range(10):  # a stuffing run right after the purge is still seen
        for _ in range(2):
            alert = observe_sign_in_failure(address_key="addr", username_key=f"k{account}", now=now)
    assert alert is not None and alert.rule == rules.CREDENTIAL_STUFFING


def test_the_purge_runs_daily_in_the_beat_schedule():
    from shebao.config.celery import app

    jobs = {job["task"]: job["schedule"] for job in app.conf.beat_schedule.values()}
    assert jobs["shebao.security.tasks.observations_purge_task"] == 86400.0


def test_a_supervisor_freezes_the_account_of_an_alert_with_a_reason(city, monkeypatch):
    clock = Clock(monkeypatch, 23, 30)
    night = Client()
    staff_sign_in(night, "reviewer")
    (alert,) = Alert.objects.filter(rule="odd_hours")  # low: nothing frozen by the rule
    clock.set(9, 0)
    supervisor = Client()
    staff_sign_in(supervisor, "supervisor")
    url = f"/staff/security/alerts/{alert.pk}/freeze/"
    assert f'action="{url}"' in supervisor.get("/staff/security/").content.decode()

    missing = supervisor.post(url, {"reason": " "})
    assert missing.status_code == 400
    assert "请说明冻结原因" in missing.content.decode() and not Freeze.objects.exists()

    done = supervisor.post(url, {"reason": "深夜登录，本人未报备"})
    assert done["Location"] == "/staff/security/"
    freeze = Freeze.objects.get(user__username="reviewer", released_at__isnull=True)
    assert freeze.rule == "manual" and freeze.created_by.username == "supervisor"
    (event,) = _freeze_events("security.account_frozen")
    assert "manual" in event.body and "深夜登录，本人未报备" in event.body
    alert.refresh_from_db()
    assert alert.acknowledged_by.username == "supervisor"
    assert night.get("/staff/").status_code == 403  # at once, in the open session too
    page = supervisor.get("/staff/security/").content.decode()
    assert f'action="{url}"' not in page  # frozen already: no second freeze offered
    again = supervisor.post(url, {"reason": "再次冻结"})
    assert again.status_code == 400 and "该账户已被冻结" in again.content.decode()
    assert Freeze.objects.filter(user__username="reviewer").count() == 1


def test_a_supervisor_cannot_freeze_themselves_and_an_auditor_cannot_freeze(city, monkeypatch):
    clock = Clock(monkeypatch, 23, 30)
    staff_sign_in(Client(), "supervisor")
    staff_sign_in(Client(), "reviewer")
    own = Alert.objects.get(rule="odd_hours", user__username="supervisor")
    other = Alert.objects.get(rule="odd_hours", user__username="reviewer")
    clock.set(9, 0)
    supervisor = Client()
    staff_sign_in(supervisor, "supervisor")
    refused = supervisor.post(f"/staff/security/alerts/{own.pk}/freeze/", {"reason": "测试冻结"})
    assert refused.status_code == 400 and "不能冻结自己的账户" in refused.content.decode()
    auditor = Client()
    staff_sign_in(auditor, "auditor")
    url = f"/staff/security/alerts/{other.pk}/freeze/"
    assert url not in auditor.get("/staff/security/").content.decode()
    assert auditor.post(url, {"reason": "测试冻结"}).status_code == 403
    assert not Freeze.objects.exists()
