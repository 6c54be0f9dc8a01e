"""Hardening (issue 7): the Content-Security-Policy on every kind of response, no inline script,
handler or style attribute in any template, CSRF on every form, the password rules, and a new
session key at every way of signing in (password, text-message code, passkey, staff TOTP)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.backends.db import SessionStore
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from shebao import svg_charts
from shebao.accounts.models import User

from .auth_helpers import PASSWORD, SoftAuthenticator, age_codes, last_code, make_citizen
from .staff_city import build_staff_city
from .staff_helpers import current_code, staff_sign_in
from .test_figures import city, history  # noqa: F401  (a small office history with charts)

pytestmark = pytest.mark.django_db
SRC = Path(__file__).resolve().parents[2] / "src" / "shebao"
TEMPLATES = sorted(SRC.glob("*/templates/**/*.html"))
PHONE = "13912345678"
JSON = {"content_type": "application/json", "HTTP_ACCEPT": "application/json"}


@pytest.fixture(autouse=True)
def _no_rate_limit_left_over():
    cache.clear()


def policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


# --- Content-Security-Policy ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    ["/", "/sign-in/", "/staff/sign-in/", "/api/dictionary", "/api/openapi.json", "/no-such-page/"],
)
def test_every_kind_of_response_carries_a_strict_policy(client, office, url):
    response = client.get(url)
    directives = policy(response)
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["form-action"] == ["'self'"]
    style = directives["style-src"]
    assert style[0] == "'self'" and len(style) == 2 and style[1].startswith("'nonce-")
    header = response["Content-Security-Policy"]
    assert "unsafe-inline" not in header and "unsafe-eval" not in header and "*" not in header


def test_the_style_nonce_is_new_on_every_response(client, office):
    first = policy(client.get("/"))["style-src"][1]
    second = policy(client.get("/"))["style-src"][1]
    assert first != second and len(first) > 20


def test_chart_styles_carry_the_nonce_of_their_own_response(client, history):  # noqa: F811
    staff_sign_in(client, "supervisor")
    response = client.get("/staff/figures/")
    page = response.content.decode()
    nonce = policy(response)["style-src"][1].removeprefix("'nonce-").removesuffix("'")
    styles = re.findall(r"<style\b[^>]*>", page)
    assert len(styles) == 3, "the figures page shows its three charts"
    assert all(f'nonce="{nonce}"' in tag for tag in styles)
    assert " style=" not in page and "<script>" not in page


def test_a_chart_has_no_script_and_no_style_attribute():
    chart = svg_charts.bar(["2025", "2026"])
    chart.add("base", [4500.0, 4800.0])
    svg = svg_charts.render(chart)
    assert "<svg" in svg and "<script" not in svg and " style=" not in svg
    assert "<style" in svg  # its colours, allowed by the nonce in the template


def test_no_template_has_inline_script_event_handlers_or_style_attributes():
    offenders = []
    for path in TEMPLATES:
        text = path.read_text(encoding="utf-8")
        for number, line in enumerate(text.splitlines(), 1):
            inline_script = re.search(r"<script(?![^>]*\bsrc=)[^>]*>", line)
            handler = re.search(r"<[^>]*\son[a-z]+\s*=", line)
            style = re.search(r"<[^>]*\sstyle\s*=", line) or "<style" in line
            if inline_script or handler or style:
                offenders.append(f"{path.relative_to(SRC)}:{number}: {line.strip()}")
    assert TEMPLATES and offenders == []


def test_every_form_that_posts_carries_a_csrf_token():
    offenders = []
    for path in TEMPLATES:
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r"<form\b[^>]*>(.*?)</form>", text, re.DOTALL | re.IGNORECASE):
            opening = match.group(0)[: match.group(0).index(">") + 1].lower()
            if 'method="post"' in opening and "{% csrf_token %}" not in match.group(1):
                offenders.append(f"{path.relative_to(SRC)}: {opening}")
    assert offenders == []


def test_a_post_without_the_csrf_token_is_refused(office):
    rid, _person, _user = make_citizen(office, phone=PHONE)
    browser = Client(enforce_csrf_checks=True)
    response = browser.post(reverse("portal:sign-in"), {"username": rid, "password": PASSWORD})
    assert response.status_code == 403
    assert "_auth_user_id" not in browser.session


def test_the_api_refuses_a_session_post_without_the_csrf_token(office):
    rid, _person, _user = make_citizen(office, phone=PHONE)
    browser = Client(enforce_csrf_checks=True)
    browser.get(reverse("portal:sign-in"))
    token = browser.cookies["csrftoken"].value
    signed_in = browser.post(
        reverse("portal:sign-in"),
        {"username": rid, "password": PASSWORD, "csrfmiddlewaretoken": token},
    )
    assert signed_in.status_code == 302
    assert browser.get("/api/me").status_code == 200
    refused = browser.post("/api/applications/X/withdraw", {}, content_type="application/json")
    assert refused.status_code == 403
    token = browser.cookies["csrftoken"].value  # a new token since signing in
    heard = browser.post(
        "/api/applications/X/withdraw", {}, content_type="application/json", HTTP_X_CSRFTOKEN=token
    )
    assert heard.status_code == 404  # with the token the request is heard; X is no application


# --- Passwords -----------------------------------------------------------------------------------


def test_passwords_are_hashed_with_argon2(office):
    _rid, _person, user = make_citizen(office, phone=PHONE)
    assert User.objects.get(pk=user.pk).password.startswith("argon2$")


def test_a_staff_password_needs_ten_characters_a_citizens_eight(office):
    staff = User(username="wangfang", kind=User.Kind.STAFF)
    citizen = User(username="c-opaque", kind=User.Kind.CITIZEN)
    with pytest.raises(ValidationError) as short:
        validate_password("Qz7#kw2Lp", staff)  # nine characters
    assert "password_too_short" in [e.code for e in short.value.error_list]
    validate_password("Qz7#kw2Lpx", staff)  # ten
    validate_password("Qz7#kw2L", citizen)  # eight are enough for a citizen


@pytest.mark.parametrize("password", ["wangfang2026", "12345678901", "password123"])
def test_passwords_like_the_username_all_digits_or_common_are_refused(password):
    staff = User(username="wangfang", kind=User.Kind.STAFF)
    with pytest.raises(ValidationError):
        validate_password(password, staff)


def test_a_staff_account_is_not_created_with_a_weak_password(office):
    from shebao.accounts.services import staff_account_create
    from shebao.ledger.models import LedgerEvent

    events = LedgerEvent.objects.count()
    with pytest.raises(ValidationError) as weak:
        staff_account_create(username="wangfang", office=office, role="clerk", password="123456789")
    codes = {e.code for e in weak.value.error_list}
    assert {"password_too_short", "password_entirely_numeric"} <= codes
    assert not User.objects.filter(username="wangfang").exists()
    assert LedgerEvent.objects.count() == events  # nothing recorded for what did not happen
    staff = staff_account_create(
        username="wangfang", office=office, role="clerk", password="Qz7#kw2Lpx"
    )
    assert staff.check_password("Qz7#kw2Lpx")


# --- A new session key at every sign-in ----------------------------------------------------------


def _session_before_sign_in(client) -> str:
    """The anonymous session a browser already has (a language, a half-done form)."""
    session = client.session
    session["before"] = "yes"
    session.save()
    client.cookies["sessionid"] = session.session_key
    return session.session_key


def _assert_rotated(client, old_key: str) -> None:
    new_key = client.cookies["sessionid"].value
    assert new_key and new_key != old_key
    assert not SessionStore().exists(old_key)  # the old key opens nothing any more
    assert client.session.get("_auth_user_id")


def test_signing_in_with_a_password_gives_a_new_session_key(client, office):
    rid, _person, _user = make_citizen(office, phone=PHONE)
    old = _session_before_sign_in(client)
    response = client.post(reverse("portal:sign-in"), {"username": rid, "password": PASSWORD})
    assert response.status_code == 302
    _assert_rotated(client, old)


def test_signing_in_with_a_text_message_code_gives_a_new_session_key(client, office):
    make_citizen(office, phone=PHONE)
    _session_before_sign_in(client)
    client.post(reverse("portal:sign-in-sms"), {"phone": PHONE})
    old = client.cookies["sessionid"].value  # holds the code's id, not the number
    response = client.post(reverse("portal:sign-in-sms-code"), {"code": last_code(PHONE)})
    assert response["Location"] == reverse("portal:home")
    _assert_rotated(client, old)


def test_signing_in_with_a_passkey_gives_a_new_session_key(client, office):
    rid, _person, _user = make_citizen(office, phone=PHONE)
    client.post(reverse("portal:sign-in"), {"username": rid, "password": PASSWORD})
    age_codes()
    client.post(reverse("portal:step-up"), {"send": "1"})
    client.post(reverse("portal:step-up"), {"code": last_code(PHONE)})
    phone = SoftAuthenticator()
    options = client.post(reverse("portal:passkey-register-options"), **JSON).json()
    registered = client.post(reverse("portal:passkey-register"), phone.create(options), **JSON)
    assert registered.status_code == 200
    client.post(reverse("portal:sign-out"))

    options = client.post(reverse("portal:passkey-sign-in-options"), **JSON).json()
    old = client.cookies["sessionid"].value  # holds the challenge
    response = client.post(reverse("portal:passkey-sign-in"), phone.get(options), **JSON)
    assert response.status_code == 200
    _assert_rotated(client, old)


def test_staff_get_a_new_session_key_after_the_password_and_again_after_the_code(client):
    build_staff_city()
    staff_sign_in(client, "reviewer")  # sets the device up; then sign out and start afresh
    client.post("/staff/sign-out/")
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.filter(user__username="reviewer").update(last_t=-1)
    anonymous = _session_before_sign_in(client)
    from shebao.demo.seed import DEMO_PASSWORD

    client.post("/staff/sign-in/", {"username": "reviewer", "password": DEMO_PASSWORD})
    halfway = client.cookies["sessionid"].value
    assert halfway != anonymous and not SessionStore().exists(anonymous)
    response = client.post("/staff/sign-in/code/", {"code": current_code()})
    assert response["Location"] == "/staff/"
    _assert_rotated(client, halfway)


# --- NUL characters (PostgreSQL cannot store them; found by schemathesis) -----------------------


def _signed_in_citizen(client, office) -> None:
    rid, _person, _user = make_citizen(office, phone=PHONE)
    client.post(reverse("portal:sign-in"), {"username": rid, "password": PASSWORD})


def test_a_nul_in_an_api_body_is_refused_not_a_server_error(client, office):
    _signed_in_citizen(client, office)
    response = client.post(
        "/api/applications/changes/address",
        '{"idempotency_key": "k\\u0000", "address": "河北省石家庄市中山路一号院二号楼"}',
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert "not allowed (U+0000)" in response.json()["detail"]
    good = client.post(
        "/api/applications/changes/address",
        {"idempotency_key": "k-1", "address": "河北省石家庄市中山路一号院二号楼"},
        content_type="application/json",
    )
    assert good.status_code == 201


@pytest.mark.parametrize(
    "url", ["/api/applications/R%00", "/api/transfers/preview?to=%00", "/applications/R%00/"]
)
def test_a_nul_in_an_address_or_query_is_refused(client, office, url):
    _signed_in_citizen(client, office)
    response = client.get(url)
    assert response.status_code == 400
    if url.startswith("/api/"):
        assert "U+0000" in response.json()["detail"]
    else:
        assert "无法识别这次请求" in response.content.decode()


def test_a_nul_in_a_form_field_is_refused(client, office):
    response = client.post(reverse("portal:sign-in"), {"username": "1\x00", "password": "x"})
    assert response.status_code == 400
