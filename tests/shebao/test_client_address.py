"""One client address for lockouts, rate limits and security monitoring (shebao/client_address.py).

Directly exposed, X-Forwarded-For is the client's own writing and is ignored; behind trusted
proxies the address the outermost proxy saw is used, so one attacker cannot pass as many and
one office's shared proxy is not one client."""

import pytest
from django.core.cache import cache
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse

from shebao.client_address import client_address
from shebao.ops import ratelimit
from shebao.security import selectors as security

pytestmark = pytest.mark.django_db


def _request(remote="10.0.0.1", forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_trusted_proxies_a_forwarded_header_is_ignored():
    assert client_address(_request(forwarded="1.2.3.4")) == "10.0.0.1"


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (1, "203.0.113.5", "203.0.113.5"),
        (1, "6.6.6.6, 203.0.113.5", "203.0.113.5"),  # the left entry is the client's forgery
        (2, "6.6.6.6, 203.0.113.5, 192.168.1.2", "203.0.113.5"),
        (2, "203.0.113.5", "10.0.0.1"),  # shorter than the proxies in front: not believed
        (1, "not-an-address", "10.0.0.1"),
        (1, "", "10.0.0.1"),
        (1, "2001:db8::1", "2001:db8::1"),
    ],
)
def test_behind_trusted_proxies_the_outermost_proxys_view_is_the_client(
    proxies, forwarded, expected
):
    with override_settings(SHEBAO_TRUSTED_PROXIES=proxies):
        assert client_address(_request(forwarded=forwarded)) == expected


@override_settings(SHEBAO_TRUSTED_PROXIES=1, SHEBAO_RATE_LIMITS={"sign-in": "1/min"})
def test_lockouts_rate_limits_and_monitoring_see_the_same_address(office):
    from axes.helpers import get_client_ip_address

    cache.clear()
    request = _request(remote="10.9.9.9", forwarded="6.6.6.6, 198.51.100.20")
    assert get_client_ip_address(request) == "198.51.100.20"
    assert ratelimit.client_address(request) == "198.51.100.20"
    assert security.client_address_key(request) == security.client_address_key(
        _request(remote="10.1.1.1", forwarded="198.51.100.20")
    )
    # Two people behind the same proxy are two sources for the limit.
    sign_in = reverse("portal:sign-in")
    first = Client(REMOTE_ADDR="10.9.9.9", HTTP_X_FORWARDED_FOR="198.51.100.20")
    second = Client(REMOTE_ADDR="10.9.9.9", HTTP_X_FORWARDED_FOR="198.51.100.21")
    assert first.post(sign_in, {"username": "x", "password": "y"}).status_code == 400
    assert first.post(sign_in, {"username": "x", "password": "y"}).status_code == 429
    assert second.post(sign_in, {"username": "x", "password": "y"}).status_code == 400
    # A forged left entry does not make a new source.
    forged = Client(REMOTE_ADDR="10.9.9.9", HTTP_X_FORWARDED_FOR="7.7.7.7, 198.51.100.20")
    assert forged.post(sign_in, {"username": "x", "password": "y"}).status_code == 429
