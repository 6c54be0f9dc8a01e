"""In Chromium: the service hall and a guide, and following an application that was returned —
from home, in standard and elder mode, axe-core and the elder checks on every page."""

import re

import pytest

from shebao.applications import services
from shebao.applications.models import Application
from shebao.registry.selectors import person_by_resident_id

from .journeys import Journey, persona, sign_in_with_password, sign_in_with_sms

pytestmark = pytest.mark.browser
S = Application.Status


@pytest.mark.parametrize("elder", [False, True], ids=["standard", "elder"])
def test_the_service_hall_leads_to_each_guide_with_nothing_to_bring(page, demo_city, elder):
    sign_in_with_password(page, "李建国")
    journey = Journey(page, elder=elder)
    journey.start()
    journey.follow(page.locator("main").get_by_role("link", name="办事大厅", exact=True))
    assert page.get_by_role("heading", level=1).inner_text() == "办事大厅"
    journey.follow(page.get_by_role("link", name=re.compile("办事指南.*养老保险关系转移接续")))
    assert page.get_by_role("heading", level=1).inner_text() == "养老保险关系转移接续"
    answers = page.locator("tbody td").all_inner_texts()
    assert len(answers) == 3 and all(a.startswith("不需要——我们已掌握") for a in answers)
    assert "15个工作日" in page.locator("main").inner_text()
    journey.done(max_pages=2, max_typed=0)


@pytest.mark.parametrize("elder", [False, True], ids=["standard", "elder"])
def test_a_returned_application_is_on_home_with_what_to_correct(page, demo_city, elder):
    person = person_by_resident_id(persona("李建国").resident_id)
    application, _ = services.application_submit(
        person=person, service="pension_claim", payload={}, idempotency_key="browser"
    )
    services.application_transition(application=application, to=S.WAITING_REVIEW, role="system")
    services.application_transition(
        application=application, to=S.RETURNED, role="clerk", reason="请确认开户银行"
    )
    sign_in_with_password(page, "李建国")
    journey = Journey(page, elder=elder)
    journey.start()
    journey.follow(page.get_by_role("link", name="查看需补正内容"))
    assert page.get_by_role("heading", level=1).inner_text() == "退休养老金申领"
    assert "请确认开户银行" in page.get_by_role("alert").inner_text()
    assert page.locator("[aria-current=step]").inner_text().startswith("退回补正")
    journey.follow(page.locator("main").get_by_role("link", name="我的办件"))
    assert application.ref in page.get_by_role("table").inner_text()
    journey.done(max_pages=2, max_typed=0)


@pytest.mark.parametrize("elder", [False, True], ids=["standard", "elder"])
def test_a_new_mailing_address_from_home_in_one_typed_field(page, demo_city, elder):
    sign_in_with_sms(page, "李建国")
    journey = Journey(page, elder=elder)
    journey.start()
    journey.follow(page.locator("main").get_by_role("link", name="我的信息"))
    journey.follow(page.get_by_role("link", name="更改通讯地址"))
    journey.type(page.get_by_label("新的通讯地址"), "河北省辛集市教育路8号3单元201室")
    journey.follow(page.get_by_role("button", name="提交"))
    application = Application.objects.get(service="address_change")
    assert page.get_by_role("heading", level=1).inner_text() == "通讯地址变更"
    assert application.ref in page.inner_text("main")
    assert "河北省辛集市教育路" not in page.content()  # never the whole address on screen
    journey.done(max_pages=3, max_typed=1)
