"""The JSON API: a valid OpenAPI document, committed and kept in step; thin, masked handlers."""

import json
from pathlib import Path

import pytest
from openapi_spec_validator import validate

from shebao.accounts.services import citizen_account_create

from .factories import person as make_person
from .factories import resident_id

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "docs" / "openapi.json"


@pytest.mark.django_db
def test_openapi_document_is_valid_and_matches_the_committed_copy(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    served = response.json()
    validate(served)
    committed = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert served == committed, (
        "API changed: run `shebao export_openapi` and review docs/openapi.json"
    )


@pytest.mark.django_db
def test_validation_endpoint_names_the_problem_in_the_readers_language(client):
    response = client.post(
        "/api/dictionary/resident_id/validate",
        data={"value": "132321196705150015"},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    body = response.json()
    assert body["valid"] is False and body["code"] == "checksum" and "校验位" in body["message"]


@pytest.mark.django_db
def test_a_valid_personal_value_is_not_echoed_back(client):
    response = client.post(
        "/api/dictionary/resident_id/validate",
        data={"value": "132321196705150014"},
        content_type="application/json",
    )
    assert response.json() == {"valid": True, "value": None, "code": None, "message": None}


@pytest.mark.django_db
def test_me_requires_sign_in_and_shows_masked_identifiers(client, office):
    assert client.get("/api/me").status_code == 401
    rid = resident_id()
    person = make_person(office, resident_id=rid, name="张伟")
    user = citizen_account_create(person=person, resident_id=rid, password="Shebao@2026")
    client.force_login(user)
    body = client.get("/api/me").json()
    assert body["name"] == "张伟" and body["id_number_masked"] == person.id_number_masked
    assert rid not in json.dumps(body)
