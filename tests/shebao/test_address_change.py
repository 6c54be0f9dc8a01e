"""Change of mailing address: one typed field, the address only encrypted in the application and
never in the ledger, approved automatically by the review when nothing needs a reviewer."""

import pytest

from shebao.applications.models import Application
from shebao.ledger.models import LedgerEvent
from shebao.pii.fields import reveal
from shebao.registry.models import Person
from shebao.review.services import application_review

from .auth_helpers import make_citizen

ADDRESS = "河北省辛集市教育路8号3单元201室"
pytestmark = pytest.mark.django_db(transaction=True)


def _send(client, address, key="k1"):
    return client.post("/my-details/address/", {"address": address, "idempotency_key": key})


def test_a_new_address_is_filed_then_approved_automatically_and_applied(client, office):
    _, person, user = make_citizen(office, phone="13900002001")
    client.force_login(user)
    page = client.get("/my-details/address/").content.decode()
    assert "通讯地址变更" in page and "未登记" in page
    response = _send(client, ADDRESS)
    application = Application.objects.get(person=person, service="address_change")
    assert response["Location"] == f"/applications/{application.ref}/"
    assert application.payload["address_masked"] == "河北省辛集市****"
    assert ADDRESS not in str(application.payload) and ADDRESS not in str(
        list(LedgerEvent.objects.values_list("body", flat=True))
    )
    assessment = application_review(application=application)
    assert assessment.auto_approved
    application.refresh_from_db()
    assert application.status == "completed"
    person = Person.objects.get(pk=person.pk)
    assert reveal("address", person.address_enc) == ADDRESS
    assert person.address_masked == "河北省辛集市****"
    assert "自动审核通过" in client.get(f"/applications/{application.ref}/").content.decode()
    assert "河北省辛集市****" in client.get("/my-details/address/").content.decode()


def test_a_double_click_files_one_change_and_a_second_waits_for_the_first(client, office):
    _, person, user = make_citizen(office, phone="13900002002")
    client.force_login(user)
    _send(client, ADDRESS, key="same")
    _send(client, ADDRESS, key="same")
    assert Application.objects.filter(person=person).count() == 1
    page = client.get("/my-details/address/").content.decode()
    assert "正在办理" in page and 'name="address"' not in page


@pytest.mark.parametrize(
    "address,message",
    [("", "请填写完整地址"), ("辛集", "请填写完整地址"), ("长" * 121, "最多120个字")],
)
def test_a_bad_address_is_refused_next_to_the_field_and_kept(client, office, address, message):
    _, person, user = make_citizen(office, phone="13900002003")
    client.force_login(user)
    response = _send(client, address)
    body = response.content.decode()
    assert response.status_code == 400 and message in body
    assert (address[:120] if address else "") in body
    assert not Application.objects.filter(person=person).exists()


def test_staff_see_the_masked_address_never_the_ciphertext():
    from shebao.backoffice.templatetags.backoffice_format import flatten

    rows = dict(flatten({"address_enc": "AAAA", "address_masked": "河北省辛集市****"}))
    assert rows == {"address_masked": "河北省辛集市****"}


def test_the_api_files_the_same_change_with_the_same_checks(client, office):
    _, person, user = make_citizen(office, phone="13900002004")
    client.force_login(user)
    url = "/api/applications/changes/address"
    short = client.post(
        url, {"address": "辛集", "idempotency_key": "a"}, content_type="application/json"
    )
    assert short.status_code == 422 and short.json()["field"] == "address"
    first = client.post(
        url, {"address": ADDRESS, "idempotency_key": "a"}, content_type="application/json"
    )
    again = client.post(
        url, {"address": ADDRESS, "idempotency_key": "a"}, content_type="application/json"
    )
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["payload"] == {"address_masked": "河北省辛集市****"}  # no ciphertext
    assert Application.objects.get(person=person).channel == "api"
