"""Every back-office URL and staff API operation against every role, in and out of region,
with the exact outcome: the page (200), done and back to the case (302 to it), refused by role
(403), not found outside one's reach or for a citizen (404), sent to sign-in (302) or 401.

A route added to the back office without a row here fails `test_every_route_has_expectations`.
"""

import datetime as dt

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from shebao.applications import services
from shebao.applications.models import Application
from shebao.demo.personas import PERSONAS
from shebao.demo.seed import seed_city
from shebao.registry.selectors import person_by_resident_id

from .staff_helpers import staff_sign_in

# The training page asks whether the sandbox database is ready: both databases are in use.
pytestmark = pytest.mark.django_db(databases=["default", "training"])
ZHAO = next(p for p in PERSONAS if p.name == "赵志刚")
WHO = [
    "anonymous",
    "citizen",
    "clerk",
    "reviewer",
    "supervisor",
    "auditor",
    "admin",
    "reviewer2",
    "province",
]
SIGN_IN = "sign-in"  # a redirect to the staff sign-in
CASE = "case"  # a redirect back to the case page (the action was taken)


def _expect(anonymous, citizen, clerk, reviewer, supervisor, auditor, admin, reviewer2, province):
    return dict(
        zip(
            WHO,
            (anonymous, citizen, clerk, reviewer, supervisor, auditor, admin, reviewer2, province),
            strict=True,
        )
    )


# (method, path template, data, expectations). {case} is a 辛集 pension claim.
ROWS = [
    ("get", "/staff/sign-in/", None, _expect(200, 200, 302, 302, 302, 302, 302, 302, 302)),
    ("get", "/staff/sign-in/code/", None, _expect(*[SIGN_IN] * 2, *[302] * 7)),
    ("get", "/staff/", None, _expect(SIGN_IN, 404, 200, 200, 200, 200, 200, 200, 200)),
    ("get", "/staff/cases/{case}/", None, _expect(SIGN_IN, 404, 200, 200, 200, 200, 200, 404, 200)),
    (
        "post",
        "/staff/cases/{case}/act/",
        {"action": "claim"},
        _expect(SIGN_IN, 404, CASE, CASE, CASE, 403, 403, 404, 403),
    ),
    (
        "post",
        "/staff/cases/{case}/act/",
        {"action": "approve", "reason": "条件符合"},
        _expect(SIGN_IN, 404, 403, CASE, CASE, 403, 403, 404, 403),
    ),
    (
        "post",
        "/staff/cases/{case}/act/",
        {"action": "assign", "assignee": "0"},
        _expect(SIGN_IN, 404, 403, 403, CASE, 403, CASE, 404, 403),
    ),
    (
        "post",
        "/staff/cases/{case}/reveal/",
        {"field": "resident_id", "reason": "核对档案"},
        _expect(SIGN_IN, 404, 200, 200, 200, 200, 403, 404, 403),
    ),
    ("get", "/staff/audit/", None, _expect(SIGN_IN, 404, 403, 403, 200, 200, 200, 403, 200)),
    ("get", "/staff/review/", None, _expect(SIGN_IN, 404, 200, 200, 200, 200, 200, 200, 200)),
    ("get", "/staff/figures/", None, _expect(SIGN_IN, 404, 403, 403, 200, 200, 200, 403, 200)),
    (
        "get",
        "/staff/figures/export.csv",
        None,
        _expect(SIGN_IN, 404, 403, 403, 200, 200, 200, 403, 200),
    ),
    (
        "get",
        "/staff/figures/export.xlsx",
        None,
        _expect(SIGN_IN, 404, 403, 403, 200, 200, 200, 403, 200),
    ),
    ("get", "/staff/escalated/", None, _expect(SIGN_IN, 404, 403, 403, 200, 403, 200, 403, 403)),
    (
        "get",
        "/staff/appointments/",
        None,
        _expect(SIGN_IN, 404, 200, 403, 200, 403, 200, 403, 403),
    ),
    (  # a code with no booking today: the form again with the reason
        "post",
        "/staff/appointments/",
        {"code": "1000"},
        _expect(SIGN_IN, 404, 400, 403, 400, 403, 400, 403, 403),
    ),
    ("get", "/staff/holidays/", None, _expect(SIGN_IN, 404, 403, 403, 200, 403, 200, 403, 403)),
    ("get", "/staff/training/", None, _expect(SIGN_IN, 404, 200, 200, 200, 200, 200, 200, 200)),
    ("get", "/staff/security/", None, _expect(SIGN_IN, 404, 403, 403, 200, 200, 200, 403, 200)),
    # An alert or freeze that does not exist: refused by role first, else not found.
    (
        "post",
        "/staff/security/alerts/{missing}/acknowledge/",
        None,
        _expect(SIGN_IN, 404, 403, 403, 404, 403, 404, 403, 403),
    ),
    (
        "post",
        "/staff/security/alerts/{missing}/freeze/",
        {"reason": "深夜登录"},
        _expect(SIGN_IN, 404, 403, 403, 404, 403, 404, 403, 403),
    ),
    (
        "post",
        "/staff/security/freezes/{missing}/release/",
        {"reason": "核实无误"},
        _expect(SIGN_IN, 404, 403, 403, 404, 403, 404, 403, 403),
    ),
    ("post", "/staff/sign-out/", None, _expect(SIGN_IN, SIGN_IN, *[SIGN_IN] * 7)),
    ("get", "/api/staff/cases", None, _expect(401, 401, 200, 200, 200, 200, 200, 200, 200)),
    ("get", "/api/staff/cases/{case}", None, _expect(401, 401, 200, 200, 200, 200, 200, 404, 200)),
    (
        "post",
        "/api/staff/cases/{case}/actions",
        {"action": "claim"},
        _expect(401, 401, 200, 200, 200, 403, 403, 404, 403),
    ),
    (
        "post",
        "/api/staff/cases/{case}/actions",
        {"action": "confirm"},
        _expect(401, 401, 403, 409, 409, 403, 403, 404, 403),
    ),
]


@pytest.fixture(scope="module")
def city(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        seed_city(persons=8, today=dt.date(2026, 11, 28))
        yield
        from django.core.management import call_command

        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def case(city, db):
    person = person_by_resident_id(ZHAO.resident_id)
    application, _ = services.application_submit(
        person=person, service="pension_claim", payload={}, idempotency_key=f"k{dt.datetime.now()}"
    )
    application = services.application_transition(
        application=application, to=Application.Status.WAITING_REVIEW, role="system"
    )
    yield application
    Application.objects.filter(pk=application.pk).delete()


def _as(client, who):
    if who == "citizen":
        client.force_login(person_by_resident_id(ZHAO.resident_id).account)
    elif who != "anonymous":
        staff_sign_in(client, who)


@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize(
    "method,path,data,expected", ROWS, ids=[f"{r[0]} {r[1]} {r[2]}" for r in ROWS]
)
def test_outcome(client, case, who, method, path, data, expected):
    _as(client, who)
    url = path.format(case=case.pk, missing=999_999_999)
    if method == "get":
        response = client.get(url)
    elif url.startswith("/api/"):
        response = client.post(url, data or {}, content_type="application/json")
    else:
        response = client.post(url, data or {})
    want = expected[who]
    if want == SIGN_IN:
        assert response.status_code == 302 and response["Location"] == "/staff/sign-in/", (
            response.status_code
        )
    elif want == CASE:
        assert response.status_code == 302 and response["Location"] == f"/staff/cases/{case.pk}/"
    else:
        assert response.status_code == want
    if want == 200 and "reveal" in url:
        assert ZHAO.resident_id in response.content.decode()
    if want in (403, 404) and method == "get":
        assert ZHAO.resident_id not in response.content.decode()


def _routes(resolver, prefix=""):
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern, route)
        elif isinstance(pattern, URLPattern):
            yield route


def test_every_route_has_expectations():
    covered = {
        r[1].replace("{case}", "<int:pk>").replace("{missing}", "<int:pk>").lstrip("/")
        for r in ROWS
    }
    staff_routes = {r for r in _routes(get_resolver()) if r.startswith("staff/")}
    missing = sorted(staff_routes - covered)
    assert missing == [], f"back-office routes without access expectations: {missing}"
