"""Every page needs sign-in unless it is on this reviewed list of public addresses."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

PUBLIC = {
    "healthz",  # load balancers
    "i18n/setlang/",  # language switch
    "sign-in/",
    "sign-out/",
    "guide/",  # the service guide (办事指南) is for everyone
    "preferences/elder-mode/",  # elder mode works before signing in (POST only)
    "api/openapi.json",
    "api/docs",
    "api/dictionary",
    "api/dictionary/<name>/validate",
    "static/<path:path>",
    "verify/",  # the insurance certificate check: for whoever is shown one (masked data only)
    "verify/<str:code>",
    # the other ways to sign in, and a forgotten password: for people not signed in
    "sign-in/sms/",
    "sign-in/sms/code/",
    "sign-in/sms/choose/",
    "sign-in/passkey/options/",  # POST only
    "sign-in/passkey/",  # POST only
    "password/forgotten/",
    "password/forgotten/code/",
    "password/forgotten/new/",
    # the transparency log, for partners and auditors (pseudonymous entries only)
    "ledger/checkpoint",
    "ledger/key",
    "ledger/entries/<str:index>",
    "ledger/proof/inclusion",
    "ledger/proof/consistency",
    "ledger/<slug:office>/checkpoint",
    "ledger/<slug:office>/key",
    "ledger/<slug:office>/entries/<str:index>",
    "ledger/<slug:office>/proof/inclusion",
    "ledger/<slug:office>/proof/consistency",
    "staff/sign-in/",  # the back office's sign-in (password, then the TOTP code)
    "services/",  # the service hall and each service's guide (办事指南): for everyone
    "services/<slug:code>/",
    "api/applications/services",
    "demo/text-messages/",  # demo only (404 unless SHEBAO_DEMO): the demo's SMS codes
}


def _routes(resolver, prefix=""):
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern, route)
        elif isinstance(pattern, URLPattern):
            yield route.replace("^", "").replace("$", "")


@pytest.mark.django_db
def test_every_non_public_url_redirects_or_refuses_anonymous_visitors(client):
    checked = 0
    for route in _routes(get_resolver()):
        if route in PUBLIC:
            continue
        response = client.get("/" + route.replace("<name>", "x").replace("<path:path>", "x"))
        # Anything but content: a redirect to sign-in, a refusal, or nothing there for GET.
        assert response.status_code in {302, 401, 403, 404, 405}, (
            f"/{route} answered {response.status_code}"
        )
        if response.status_code == 302:
            assert "/sign-in/" in response["Location"]
        checked += 1
    assert checked >= 1
