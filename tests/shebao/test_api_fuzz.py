"""schemathesis over the whole API (issue 7): every operation of the served OpenAPI document
(``/api/openapi.json``), with generated valid and invalid input, answers without a server error —
for a stranger, a signed-in citizen and a staff member signed in with both factors.

Requests go straight into the Django WSGI application (no server), inside the test's
transaction. Examples are bounded and derandomised so the run is repeatable and stays within
about a minute on two cores; `EXAMPLES` sets how many per operation and generation mode.
"""

from __future__ import annotations

from collections import defaultdict
from contextlib import contextmanager

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import not_a_server_error

from .auth_helpers import PASSWORD, make_citizen
from .staff_city import build_staff_city
from .staff_helpers import staff_sign_in

pytestmark = pytest.mark.django_db
EXAMPLES = 30
MODES = (schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE)
PHONE = "13912345678"


@contextmanager
def _test_connection_kept():
    """The WSGI handler closes the database connection around each request, as a server should;
    here that connection holds the test's transaction, so (as Django's test client does while
    it sends a request) it is kept open."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def city(settings):
    # The fuzzer is one client sending thousands of requests: lift the API limits for it.
    settings.SHEBAO_RATE_LIMITS = {"api-anon": "100000/min", "api-user": "100000/min"}
    cache.clear()
    return build_staff_city()


def _session(client: Client) -> dict:
    cookies = {name: morsel.value for name, morsel in client.cookies.items()}
    return {"cookies": cookies, "headers": {"X-CSRFToken": cookies.get("csrftoken", "")}}


def _anonymous(offices) -> dict:
    return {"cookies": {}, "headers": {}}


def _citizen(offices) -> dict:
    rid, _person, _user = make_citizen(offices["xinji"], phone=PHONE)
    client = Client()
    client.get(reverse("portal:sign-in"))
    assert client.post(reverse("portal:sign-in"), {"username": rid, "password": PASSWORD})[
        "Location"
    ] == reverse("portal:home")
    return _session(client)


def _staff(offices) -> dict:
    client = Client()
    client.get("/staff/sign-in/")
    staff_sign_in(client, "supervisor")
    return _session(client)


def _server_errors(session: dict, seen: dict, only: str = "") -> list[str]:
    with _test_connection_kept():
        schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())
        return _run_every_operation(schema, session, seen, only)


def _run_every_operation(schema, session: dict, seen: dict, only: str) -> list[str]:
    failures = []
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 30  # the whole API, not an empty document
    for operation in operations:
        if only and only not in operation.label:
            continue
        for mode in MODES:
            try:
                _fuzz(operation, mode, session, seen[operation.label])
            except Unsatisfiable:  # nothing to make invalid (no parameters, no body)
                pass
            except (Exception, BaseExceptionGroup) as exc:  # every failing operation, not the first
                failures.append(f"{operation.label} [{mode.value}]: {str(exc)[:1500]}")
    return failures


def _fuzz(operation, mode, session: dict, statuses: set) -> None:
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],  # a failure is reported, not shrunk
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case):
        response = case.call_and_validate(checks=[not_a_server_error], **session)
        statuses.add(response.status_code)

    run()


@pytest.mark.parametrize(
    "who", [_anonymous, _citizen, _staff], ids=["anonymous", "citizen", "staff"]
)
def test_no_operation_answers_with_a_server_error(city, who):
    seen = defaultdict(set)
    failures = _server_errors(who(city), seen)
    assert failures == [], "\n\n".join(failures)
    # The session was the one meant: the fuzzer reached the handlers as that person.
    label, status = {
        "anonymous": ("GET /api/me", 401),
        "citizen": ("GET /api/me", 200),
        "staff": ("GET /api/staff/cases", 200),
    }[who.__name__.strip("_")]
    assert status in seen[label]
    if who is _anonymous:
        assert seen[label] == {401}


def test_the_fuzzer_reports_a_server_error(city, monkeypatch):
    from shebao.api import urls

    class Broken:
        def describe(self):
            raise RuntimeError("a bug")

    monkeypatch.setattr(urls, "FIELDS", {"broken": Broken()})
    failures = _server_errors(_anonymous(city), defaultdict(set), only="GET /api/dictionary")
    assert len(failures) == 1 and "GET /api/dictionary" in failures[0]
    assert "500" in failures[0] or "Server error" in failures[0]
