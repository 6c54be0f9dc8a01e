"""In Chromium, in Chinese, standard and elder mode: 刘芳 transfers her Chengdu years to Xinji —
from home through the service hall (办事大厅), Chengdu and "transfer in" already chosen, the
amounts and the claim place shown, confirm and send — no typing, at most four pages after home,
every page axe-clean, ending on the page with the application number."""

import datetime as dt

import pytest

from shebao.applications.models import Application
from shebao.registry.models import Person
from shebao.transfers.selectors import transfer_preview

from .journeys import Journey, sign_in_with_password

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("elder", [False, True], ids=["standard", "elder"])
def test_liu_fang_transfers_her_chengdu_years_from_home(page, demo_city, elder):
    sign_in_with_password(page, "刘芳")
    journey = Journey(page, elder=elder)
    journey.start()
    journey.follow(page.get_by_role("link", name="办事大厅"))
    journey.follow(page.get_by_role("link", name="养老保险关系转移接续", exact=True))
    assert page.get_by_label("对方参保地").input_value() == "510100"  # pre-selected
    assert page.get_by_label("转入（从外地转到本地）").is_checked()
    journey.follow(page.get_by_role("button", name="查看能转移什么"))
    person = Person.objects.get(name="刘芳")
    expected = transfer_preview(person, region="510100", direction="in", as_of=dt.date.today())
    main = page.inner_text("main")
    for text in (str(expected.total), str(expected.account), str(expected.pooled), "辛集市"):
        assert text in main, (text, main)
    assert "186个月（2000-07至2015-12）" in main
    journey.follow(page.get_by_role("button", name="确认并提交"))
    assert page.get_by_role("heading", level=1).inner_text() == "转移接续申请"
    application = Application.objects.get(service="transfer", person=person)
    assert application.ref in page.inner_text("main")
    assert application.figures["total"] == str(expected.total)
    journey.done(max_pages=4, max_typed=0)
