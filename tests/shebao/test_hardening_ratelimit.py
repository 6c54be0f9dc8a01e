"""Rate limits (issue 7): sign-in, text messages and the API answer 429 with Retry-After and a
message in the person's language once a source is over its limit, and let it in again when the
window has passed. The clock is stepped instead of waited for; limits are set small per test."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client, override_settings
from django.urls import reverse

from shebao.ops import ratelimit

from .auth_helpers import PASSWORD, english, last_code, make_citizen, texts_to
from .staff_city import build_staff_city

pytestmark = pytest.mark.django_db
PHONE = "13912345678"
START = 1_800_000_000.0  # a window boundary for every period used here


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    """A clock the test moves: ``clock.now += 60``."""

    class Clock:
        now = START

    monkeypatch.setattr(ratelimit, "clock", lambda: Clock.now)
    cache.clear()
    return Clock


def test_a_limit_holds_within_its_window_and_resets_in_the_next(clock):
    with override_settings(SHEBAO_RATE_LIMITS={"sign-in": "3/min"}):
        verdicts = [ratelimit.hit("sign-in", "10.0.0.1") for _ in range(4)]
        assert [v.allowed for v in verdicts] == [True, True, True, False]
        clock.now += 45
        late = ratelimit.hit("sign-in", "10.0.0.1")
        assert not late.allowed and late.retry_after == 15
        assert ratelimit.hit("sign-in", "10.0.0.2").allowed  # another address is its own
        clock.now += 15
        assert ratelimit.hit("sign-in", "10.0.0.1").allowed


@pytest.mark.parametrize(
    ("rate", "count", "seconds"),
    [("20/min", 20, 60), ("10/10min", 10, 600), ("5/h", 5, 3600), ("1/2d", 1, 172800)],
)
def test_rates_are_read_as_count_per_period(rate, count, seconds):
    assert ratelimit.parse_rate(rate) == ratelimit.Limit(count=count, seconds=seconds)


def test_a_malformed_rate_is_refused():
    with pytest.raises(ValueError):
        ratelimit.parse_rate("ten a minute")


@override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}})
def test_cache_keys_hold_no_address(clock):
    from django.core.cache import caches

    ratelimit.hit("sign-in", "203.0.113.77")
    keys = [k for k in caches["default"]._cache if "ratelimit" in k]  # a memory cache to look in
    assert keys and not any("203.0.113.77" in k for k in keys)


@override_settings(SHEBAO_RATE_LIMITS={"sign-in": "3/min"})
def test_password_sign_in_is_paused_for_the_address_then_opens_again(client, office, clock):
    rid, _person, _user = make_citizen(office, phone=PHONE)
    sign_in = reverse("portal:sign-in")
    for _ in range(3):
        assert client.post(sign_in, {"username": rid, "password": "wrong-pass"}).status_code == 400
    assert client.get(sign_in).status_code == 200  # looking at the page costs nothing
    paused = client.post(sign_in, {"username": rid, "password": PASSWORD})
    assert paused.status_code == 429 and paused["Retry-After"] == "60"
    page = paused.content.decode()
    assert "操作过于频繁" in page and "1 分钟" in page and 'role="alert"' in page
    assert "_auth_user_id" not in client.session  # the right password did not get through
    clock.now += 60
    assert client.post(sign_in, {"username": rid, "password": PASSWORD}).status_code == 302


@override_settings(SHEBAO_RATE_LIMITS={"sign-in": "1/10min"})
def test_the_pause_is_explained_in_english_to_those_who_chose_it(client, office, clock):
    english(client)
    client.post(reverse("portal:sign-in"), {"username": "x", "password": "y"})
    clock.now += 30
    page = client.post(reverse("portal:sign-in"), {"username": "x", "password": "y"})
    assert page["Retry-After"] == "570"
    assert "Please wait 10 minutes and try again" in page.content.decode()


@override_settings(SHEBAO_RATE_LIMITS={"sms": "2/10min"})
def test_text_messages_asked_for_from_one_address_are_limited(office, clock):
    make_citizen(office, phone=PHONE)
    start = reverse("portal:sign-in-sms")
    for number in ("13900000001", "13900000002"):
        assert Client().post(start, {"phone": number}).status_code == 302
    refused = Client().post(start, {"phone": PHONE})
    assert refused.status_code == 429 and int(refused["Retry-After"]) == 600
    assert texts_to(PHONE) == 0  # no text went out
    clock.now += 600
    assert Client().post(start, {"phone": PHONE}).status_code == 302
    assert texts_to(PHONE) == 1


@override_settings(SHEBAO_RATE_LIMITS={"sms": "1/10min", "sign-in": "2/min"})
def test_a_new_code_counts_as_a_text_and_typed_codes_as_sign_in_tries(client, office, clock):
    make_citizen(office, phone=PHONE)
    client.post(reverse("portal:sign-in-sms"), {"phone": PHONE})  # the one text allowed
    code_page = reverse("portal:sign-in-sms-code")
    assert client.post(code_page, {"resend": "1"}).status_code == 429
    assert client.post(code_page, {"code": "000001"}).status_code == 400
    assert client.post(code_page, {"code": "000002"}).status_code == 400
    assert client.post(code_page, {"code": last_code(PHONE)}).status_code == 429
    clock.now += 60
    assert client.post(code_page, {"code": last_code(PHONE)})["Location"] == reverse("portal:home")


@override_settings(SHEBAO_RATE_LIMITS={"staff-sign-in": "2/min"})
def test_staff_sign_in_is_limited_and_the_pause_page_is_the_staff_one(client, clock):
    build_staff_city()
    for _ in range(2):
        client.post("/staff/sign-in/", {"username": "reviewer", "password": "nope-nope"})
    paused = client.post("/staff/sign-in/", {"username": "reviewer", "password": "nope-nope"})
    assert paused.status_code == 429 and paused["Retry-After"] == "60"
    assert 'class="staff' in paused.content.decode()
    clock.now += 60
    assert (
        client.post("/staff/sign-in/", {"username": "reviewer", "password": "x"}).status_code == 400
    )


@override_settings(SHEBAO_RATE_LIMITS={"api-anon": "3/min", "api-user": "5/min"})
def test_the_api_answers_429_with_retry_after_per_address_and_per_account(office, clock):
    anonymous = Client()
    for _ in range(3):
        assert anonymous.get("/api/dictionary").status_code == 200
    refused = anonymous.get("/api/dictionary")
    assert refused.status_code == 429 and refused["Retry-After"] == "60"
    assert "操作过于频繁" in refused.json()["detail"]
    in_english = anonymous.get("/api/dictionary", HTTP_ACCEPT_LANGUAGE="en")
    assert "Too many tries" in in_english.json()["detail"]

    rid, _person, _user = make_citizen(office, phone=PHONE)
    citizen = Client()
    citizen.post(reverse("portal:sign-in"), {"username": rid, "password": PASSWORD})
    statuses = [citizen.get("/api/me").status_code for _ in range(6)]
    assert statuses == [200] * 5 + [429]  # counted for the account, not the shared address
    clock.now += 60
    assert anonymous.get("/api/dictionary").status_code == 200
    assert citizen.get("/api/me").status_code == 200


@override_settings(SHEBAO_RATE_LIMITS={"sign-in": "1/min"})
def test_a_refused_request_is_announced_for_security_monitoring(client, office, clock):
    heard = []

    def listener(sender, scope, request, **kwargs):
        heard.append((scope, request.path))

    ratelimit.rate_limited.connect(listener)
    try:
        client.post(reverse("portal:sign-in"), {"username": "x", "password": "y"})
        client.post(reverse("portal:sign-in"), {"username": "x", "password": "y"})
    finally:
        ratelimit.rate_limited.disconnect(listener)
    assert heard == [("sign-in", reverse("portal:sign-in"))]


@override_settings(SHEBAO_RATE_LIMITS={"sms": "1/10min", "sign-in": "1/min"})
def test_a_forgotten_password_sends_texts_and_checks_codes_within_the_limits(client, office, clock):
    rid, _person, _user = make_citizen(office, phone=PHONE)
    start = reverse("portal:password-reset")
    form = {"resident_id": rid, "phone": PHONE}
    assert client.post(start, form)["Location"] == reverse("portal:password-reset-code")
    refused = Client().post(start, form)  # another browser, same address: no second text
    assert refused.status_code == 429 and int(refused["Retry-After"]) == 600
    assert texts_to(PHONE) == 1
    code_page = reverse("portal:password-reset-code")
    assert client.post(code_page, {"resend": "1"}).status_code == 429
    assert client.post(code_page, {"code": "000001"}).status_code == 400
    assert client.post(code_page, {"code": last_code(PHONE)}).status_code == 429
    clock.now += 60
    right = client.post(code_page, {"code": last_code(PHONE)})
    assert right["Location"] == reverse("portal:password-reset-new")


@override_settings(SHEBAO_RATE_LIMITS={"sign-in": "2/min"})
def test_passkey_sign_in_is_limited_with_a_message_its_script_shows(office, clock):
    browser = Client()
    english(browser)
    options = reverse("portal:passkey-sign-in-options")
    assert browser.post(options).status_code == 200
    answer = browser.post(reverse("portal:passkey-sign-in"), "{}", "application/json")
    assert answer.status_code == 400
    refused = browser.post(options)
    assert refused.status_code == 429 and refused["Retry-After"] == "60"
    assert "Too many tries" in refused.json()["error"]  # the passkey script shows "error"


@override_settings(SHEBAO_RATE_LIMITS={"sms": "1/10min", "sign-in": "100/min"})
def test_confirming_it_is_you_and_changing_the_phone_are_limited_as_texts(client, office, clock):
    rid, _person, _user = make_citizen(office, phone=PHONE)
    client.post(reverse("portal:sign-in"), {"username": rid, "password": PASSWORD})
    step_up = reverse("portal:step-up")
    assert client.post(step_up, {"send": "1"}).status_code == 302
    assert client.post(step_up, {"send": "1"}).status_code == 429
    assert texts_to(PHONE) == 1
    assert client.post(step_up, {"code": last_code(PHONE)}).status_code == 302  # typing is not
    change = reverse("portal:my-details-phone")
    refused = client.post(change, {"new_phone": "13698765432"})
    assert refused.status_code == 429 and texts_to("13698765432") == 0
    clock.now += 600
    assert client.post(change, {"new_phone": "13698765432"}).status_code == 302
    assert texts_to("13698765432") == 1


@override_settings(SHEBAO_RATE_LIMITS={"ledger": "3/min"})
def test_the_public_ledger_endpoints_are_limited_per_address(office, clock):
    from shebao.ledger.sequencer import sequence_all

    sequence_all()  # the office's first checkpoint
    auditor = Client()
    url = f"/ledger/checkpoint?office={office.code}"
    assert [auditor.get(url).status_code for _ in range(3)] == [200] * 3
    refused = auditor.get(f"/ledger/proof/inclusion?office={office.code}&index=0&size=1")
    assert refused.status_code == 429 and refused["Retry-After"] == "60"
    assert refused["Content-Type"] == "application/json"
    assert "操作过于频繁" in refused.json()["detail"]
    assert Client(REMOTE_ADDR="198.51.100.9").get(url).status_code == 200  # another address
    clock.now += 60
    assert auditor.get(url).status_code == 200
