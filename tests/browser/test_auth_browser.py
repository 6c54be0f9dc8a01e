"""The other ways to sign in, in Chromium: a code by text message (read from the outbox in the
database, as the demo does), a passkey through Chrome's virtual authenticator, confirming it is
you before changing the mobile number, a forgotten password, the idle warning — and axe-core on
every new page. Pages are read in English so the tests do not depend on the translation."""

import re

import pytest

from shebao.demo.personas import PERSONAS
from shebao.demo.seed import DEMO_PASSWORD

from .conftest import axe_violations

pytestmark = pytest.mark.browser
LI_JIANGUO = PERSONAS[1]
NEW_PHONE = "13698765432"


@pytest.fixture
def en(page, live_server):
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    return page


def _phone_of(name: str) -> str:
    from shebao.pii.fields import reveal
    from shebao.registry.models import Person

    return reveal("mobile", Person.objects.get(name=name).phone_enc)


def _code_for(phone: str) -> str:
    from shebao.messaging.models import SmsMessage
    from shebao.pii.blind_index import blind_index
    from shebao.pii.fields import reveal

    message = SmsMessage.objects.filter(phone_bidx=blind_index("mobile", phone)).latest("id")
    return re.search(r"(?<!\d)(\d{6})(?!\d)", reveal("sms_body", message.body_enc)).group(1)


def _no_axe_violations(page, label: str) -> None:
    assert axe_violations(page) == [], f"{label}: {page.url}"


def _sign_in_with_password(page, resident_id=LI_JIANGUO.resident_id):
    page.goto("/sign-in/")
    page.get_by_label("ID number").fill(resident_id)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    assert page.get_by_role("heading", level=1).inner_text() == "My social insurance"


def _confirm_with_sms(page, phone):
    assert page.get_by_role("heading", level=1).inner_text() == "Confirm it is you"
    page.get_by_role("button", name="Send code").click()
    page.get_by_label("Code from the text message").fill(_code_for(phone))
    page.get_by_role("button", name="Confirm", exact=True).click()


def _with_passkey_script(page, live_server):
    # base.html loads passkey.js once its script tag is added; until then the test adds it.
    if not page.evaluate("() => Boolean(window.shebaoPasskey)"):
        page.add_script_tag(url=live_server.url + "/static/portal/passkey.js")


def test_signing_in_with_a_code_by_text_message(en, demo_city):
    page = en
    phone = _phone_of(LI_JIANGUO.name)
    page.goto("/sign-in/")
    page.get_by_role("link", name="With a code sent to your mobile phone").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Sign in with a text message"
    _no_axe_violations(page, "SMS sign-in, step 1")
    page.get_by_label("Mobile number").fill(phone)
    page.get_by_role("button", name="Send code").click()
    assert phone not in page.url
    assert page.get_by_role("heading", level=1).inner_text() == "Enter the code"
    assert phone[:3] + "****" + phone[-4:] in page.inner_text("main")
    code_box = page.get_by_label("Code from the text message")
    assert code_box.get_attribute("autocomplete") == "one-time-code"
    _no_axe_violations(page, "SMS sign-in, step 2")
    code_box.fill("000000" if _code_for(phone) != "000000" else "111111")
    page.get_by_role("button", name="Sign in", exact=True).click()
    assert "That code is not right" in page.get_by_role("alert").first.inner_text()
    _no_axe_violations(page, "SMS sign-in, wrong code")
    page.get_by_label("Code from the text message").fill(_code_for(phone))
    page.get_by_role("button", name="Sign in", exact=True).click()
    assert page.get_by_role("heading", level=1).inner_text() == "My social insurance"
    assert f"Hello, {LI_JIANGUO.name}" in page.inner_text("main")


def test_family_members_sharing_a_phone_choose_whose_account(en, demo_city):
    from shebao.registry.models import Person
    from shebao.registry.services import person_change_phone

    page = en
    phone = _phone_of("孙丽")
    person_change_phone(person=Person.objects.get(name="王秀兰"), phone=phone)
    page.goto("/sign-in/sms/")
    page.get_by_label("Mobile number").fill(phone)
    page.get_by_role("button", name="Send code").click()
    page.get_by_label("Code from the text message").fill(_code_for(phone))
    page.get_by_role("button", name="Sign in", exact=True).click()
    assert page.get_by_role("heading", level=1).inner_text() == "Choose whose account"
    _no_axe_violations(page, "choose whose account")
    page.get_by_label(re.compile("王秀兰")).check()
    page.get_by_role("button", name="Open this account").click()
    assert "Hello, 王秀兰" in page.inner_text("main")


def test_a_passkey_is_set_up_after_signing_in_and_then_signs_in(en, demo_city, live_server):
    page = en
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )
    _sign_in_with_password(page)
    page.goto("/passkeys/")
    _no_axe_violations(page, "confirm it is you")
    _confirm_with_sms(page, _phone_of(LI_JIANGUO.name))
    assert page.get_by_role("heading", level=1).inner_text() == "Fingerprint or face sign-in"
    _with_passkey_script(page, live_server)
    _no_axe_violations(page, "passkeys, none yet")
    page.get_by_role("button", name="Set up fingerprint or face sign-in on this phone").click()
    page.wait_for_selector("text=Fingerprint or face sign-in is ready")
    assert page.locator("tbody tr").count() == 1
    _with_passkey_script(page, live_server)
    _no_axe_violations(page, "passkeys, one set up")

    page.get_by_role("button", name="Sign out").click()
    _with_passkey_script(page, live_server)
    page.get_by_role("button", name="Use fingerprint or face").click()
    page.wait_for_url(live_server.url + "/")
    assert f"Hello, {LI_JIANGUO.name}" in page.inner_text("main")
    # Fingerprint or face counts as the second factor: my details open without a code.
    page.goto("/my-details/")
    assert page.get_by_role("heading", level=1).inner_text() == "My details"


def test_changing_the_mobile_number_asks_to_confirm_it_is_you_first(en, demo_city):
    from shebao.registry.selectors import person_by_phone

    page = en
    phone = _phone_of(LI_JIANGUO.name)
    _sign_in_with_password(page)
    page.goto("/my-details/phone/")
    assert page.url.endswith("/confirm/")
    _confirm_with_sms(page, phone)
    assert page.get_by_role("heading", level=1).inner_text() == "Change mobile number"
    _no_axe_violations(page, "change mobile number")
    page.get_by_label("New mobile number").fill(NEW_PHONE)
    page.get_by_role("button", name="Send code").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Confirm your new mobile number"
    _no_axe_violations(page, "confirm new number")
    page.get_by_label("Code from the text message").fill(_code_for(NEW_PHONE))
    page.get_by_role("button", name="Confirm the new number").click()
    assert page.get_by_role("heading", level=1).inner_text() == "My details"
    assert "Your mobile number is now 136****5432" in page.inner_text("main")
    _no_axe_violations(page, "my details")
    assert person_by_phone(NEW_PHONE).name == LI_JIANGUO.name


def test_a_forgotten_password_is_replaced_by_text_message(en, demo_city):
    page = en
    phone = _phone_of(LI_JIANGUO.name)
    page.goto("/sign-in/")
    page.get_by_role("link", name="Forgotten your password?").click()
    _no_axe_violations(page, "forgotten password")
    page.get_by_label("ID number").fill(LI_JIANGUO.resident_id)
    page.get_by_label("Mobile number").fill(phone)
    page.get_by_role("button", name="Send code").click()
    _no_axe_violations(page, "forgotten password, code")
    page.get_by_label("Code from the text message").fill(_code_for(phone))
    page.get_by_role("button", name="Continue").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Set a new password"
    page.get_by_label("New password", exact=True).fill("12345678")
    page.get_by_label("New password again").fill("12345678")
    page.get_by_role("button", name="Save the new password").click()
    assert page.get_by_role("alert").first.is_visible()
    _no_axe_violations(page, "new password, too simple")
    page.get_by_label("New password", exact=True).fill("Lao-Li-1967!")
    page.get_by_label("New password again").fill("Lao-Li-1967!")
    page.get_by_role("button", name="Save the new password").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Sign in"
    page.get_by_label("ID number").fill(LI_JIANGUO.resident_id)
    page.get_by_label("Password").fill("Lao-Li-1967!")
    page.get_by_role("button", name="Sign in", exact=True).click()
    assert page.get_by_role("heading", level=1).inner_text() == "My social insurance"


def test_the_demo_outbox_shows_the_messages_masked(en, demo_city, settings):
    settings.DEMO = True
    page = en
    phone = _phone_of(LI_JIANGUO.name)
    page.goto("/sign-in/sms/")
    page.get_by_label("Mobile number").fill(phone)
    page.get_by_role("button", name="Send code").click()
    page.get_by_role("link", name="Read the demo's text messages").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Demo text messages"
    text = page.inner_text("main")
    assert _code_for(phone) in text and phone not in text
    _no_axe_violations(page, "demo outbox")


def test_an_idle_session_is_announced_and_can_be_kept(en, demo_city, live_server, settings):
    # The real timings are a 30-minute session and a warning 2 minutes before its end; with a
    # 60-second session the page's own idle.js (from base.html) warns at once.
    settings.SESSION_COOKIE_AGE = 60
    page = en
    _sign_in_with_password(page)
    alert = page.get_by_role("alert").filter(has_text="You will be signed out")
    alert.wait_for(timeout=5000)
    _no_axe_violations(page, "idle warning")
    with page.expect_response("**/session/keep-alive/") as answer:
        page.get_by_role("button", name="Stay signed in").click()
    assert answer.value.status == 200
    page.get_by_role("status").filter(has_text="You are still signed in.").wait_for(
        state="attached"
    )
