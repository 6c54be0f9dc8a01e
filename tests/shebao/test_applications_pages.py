"""The service hall, guides, my applications with their steps, withdrawing, the inbox — as a
person meets them in the portal and through the API."""

import json

import pytest

from shebao.applications import services
from shebao.applications.models import Application

from .auth_helpers import make_citizen

S = Application.Status
pytestmark = pytest.mark.django_db


def _file(person, service="pension_claim", key="k"):
    application, _ = services.application_submit(
        person=person, service=service, payload={"bank": "****4567"}, idempotency_key=key
    )
    return application


def test_the_service_hall_and_every_guide_are_public_and_in_chinese(client):
    hall = client.get("/services/").content.decode()
    for name in ("养老保险关系转移接续", "退休养老金申领", "失业保险金申领", "预约窗口办理"):
        assert name in hall
    guide = client.get("/services/transfer/").content.decode()
    assert "15个工作日" in guide and "国办发〔2009〕66号" in guide
    assert "不需要——我们已掌握" in guide  # nothing the office holds is asked for
    assert "需要</td>" not in guide.replace(" ", "")
    assert client.get("/services/no-such-service/").status_code == 404


def test_the_guides_in_the_api_name_what_the_office_holds(client):
    services_out = client.get("/api/applications/services", HTTP_ACCEPT_LANGUAGE="en").json()
    transfer = next(s for s in services_out if s["code"] == "transfer")
    assert transfer["time_limit_working_days"] == 15 and transfer["materials_to_bring"] == []
    assert "Resident identity card" in transfer["materials_held_by_office"]


def test_a_person_sees_their_application_its_steps_holder_and_deadline(client, office):
    _, person, user = make_citizen(office, phone="13900001111")
    application = _file(person)
    client.force_login(user)
    listing = client.get("/applications/").content.decode()
    assert application.ref in listing and "退休养老金申领" in listing
    page = client.get(f"/applications/{application.ref}/").content.decode()
    assert "已提交" in page and "经办机构（已收到，系统正在核对）" in page
    assert application.due_date.strftime("%Y-%m-%d") in page
    assert 'aria-current="step"' in page


def test_a_returned_application_says_what_to_fix_and_links_to_the_form(client, office):
    _, person, user = make_citizen(office, phone="13900001112")
    application = _file(person)
    services.application_transition(application=application, to=S.WAITING_REVIEW, role="system")
    services.application_transition(
        application=application, to=S.RETURNED, role="clerk", reason="银行账户已销户，请更换"
    )
    client.force_login(user)
    page = client.get(f"/applications/{application.ref}/").content.decode()
    assert "银行账户已销户，请更换" in page
    assert f"/claims/pension/?fix={application.ref}" in page
    home = client.get("/").content.decode()
    assert application.ref in home and "查看需补正内容" in home


def test_someone_elses_application_is_not_found_on_the_page_or_the_api(client, office):
    _, mine, user = make_citizen(office, phone="13900001113")
    _, theirs, _ = make_citizen(office, phone="13900001114", name="王五")
    application = _file(theirs)
    client.force_login(user)
    assert client.get(f"/applications/{application.ref}/").status_code == 404
    assert client.get(f"/api/applications/{application.ref}").status_code == 404
    assert (
        client.post(f"/applications/{application.ref}/withdraw/", {"confirm": "yes"}).status_code
        == 404
    )
    assert Application.objects.get(pk=application.pk).status == S.SUBMITTED


def test_withdrawing_needs_the_tick_then_closes_the_application(client, office):
    _, person, user = make_citizen(office, phone="13900001115")
    application = _file(person)
    client.force_login(user)
    refused = client.post(f"/applications/{application.ref}/withdraw/", follow=True)
    assert "请勾选确认您要撤回" in refused.content.decode()
    assert Application.objects.get(pk=application.pk).status == S.SUBMITTED
    done = client.post(
        f"/applications/{application.ref}/withdraw/", {"confirm": "yes"}, follow=True
    )
    assert "您的申请已撤回" in done.content.decode()
    assert Application.objects.get(pk=application.pk).status == S.WITHDRAWN
    page = client.get(f"/applications/{application.ref}/").content.decode()
    assert "我要撤回这个申请" not in page and "已撤回" in page


def test_the_inbox_shows_each_change_and_marks_it_read(client, office):
    _, person, user = make_citizen(office, phone="13900001116")
    application = _file(person)
    client.force_login(user)
    home = client.get("/").content.decode()
    assert "1条新消息" in home
    page = client.get("/inbox/").content.decode()
    assert application.ref in page and "标为已读" in page
    message_id = person.inbox.get().pk
    client.post("/inbox/", {"read": str(message_id)})
    assert "标为已读" not in client.get("/inbox/").content.decode()
    assert "条新消息" not in client.get("/").content.decode()


def test_the_api_lists_details_and_withdraws_with_the_same_rules(client, office):
    _, person, user = make_citizen(office, phone="13900001117")
    application = _file(person)
    client.force_login(user)
    listed = client.get("/api/applications/").json()
    assert [a["ref"] for a in listed] == [application.ref]
    detail = client.get(f"/api/applications/{application.ref}").json()
    assert [e["to_status"] for e in detail["events"]] == ["submitted"]
    assert detail["payload"] == {"bank": "****4567"}
    withdrawn = client.post(f"/api/applications/{application.ref}/withdraw")
    assert withdrawn.status_code == 200 and withdrawn.json()["status"] == "withdrawn"
    again = client.post(f"/api/applications/{application.ref}/withdraw")
    assert again.status_code == 409
    messages = client.get("/api/applications/inbox/messages").json()
    assert len(messages) == 2 and all(m["application_ref"] == application.ref for m in messages)
    read = client.post(f"/api/applications/inbox/messages/{messages[0]['id']}/read")
    assert read.status_code == 204
    assert json.loads(client.get("/api/applications/inbox/messages").content)[0]["read"] is True


def test_signed_out_people_are_sent_to_sign_in(client):
    for path in ("/applications/", "/inbox/", "/applications/20261129ABCDEF/"):
        response = client.get(path)
        assert response.status_code == 302 and "/sign-in/" in response["Location"]
    assert client.get("/api/applications/").status_code == 401
