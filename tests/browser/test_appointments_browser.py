"""In Chromium, in Chinese: a demo persona books a counter visit from home — service, office
(pre-selected), day and a free time, confirm — in at most 4 pages with nothing typed, sees the
check-in code (取号码), moves it to another time, then cancels it with a confirmation.
王秀兰 in elder mode (长辈版), 李建国 in the standard view; axe-core and the elder checks on
every page."""

import re

import pytest

from shebao.appointments.models import Booking

from .journeys import Journey, sign_in_with_password

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(("name", "elder"), [("王秀兰", True), ("李建国", False)])
def test_book_a_counter_visit_from_home_move_it_then_cancel_it(page, demo_city, name, elder):
    sign_in_with_password(page, name)
    journey = Journey(page, elder=elder)
    journey.start()
    link = page.get_by_role("link", name="预约窗口办理")
    if link.count() == 0:  # home without the link: the service list has it
        page.goto("/services/")
    journey.follow(page.get_by_role("link", name="预约窗口办理").first)
    assert page.get_by_role("heading", level=1).inner_text() == "预约窗口办理"
    assert page.get_by_label("办理地点").input_value() == "xinji"  # the person's office
    journey.follow(page.get_by_role("button", name="社会保障卡申领、补换、解挂"))
    assert page.get_by_role("heading", level=1).inner_text() == "选择日期和时段"
    journey.follow(page.get_by_role("button", name=re.compile(r"^\d\d:\d\d–")).first)
    assert page.get_by_role("heading", level=1).inner_text() == "确认预约"
    journey.follow(page.get_by_role("button", name="预约这个时段"))
    assert page.get_by_role("heading", level=1).inner_text() == "预约成功"
    code = page.get_by_role("status").last.inner_text().strip()
    assert re.fullmatch(r"\d{4}", code)
    journey.done(max_pages=4, max_typed=0)
    booking = Booking.objects.get(person__name=name, code=code)
    assert booking.status == "booked" and booking.service == "social_security_card"

    changing = Journey(page, elder=elder)  # another time: pick it, confirm, same page
    changing.follow(page.get_by_role("link", name="改约"))
    assert page.get_by_role("heading", level=1).inner_text() == "另选时间"
    changing.follow(page.get_by_role("button", name=re.compile(r"^\d\d:\d\d–")).last)
    assert page.get_by_role("heading", level=1).inner_text() == "确认新时段"
    changing.follow(page.get_by_role("button", name="确认改约"))
    assert "您的预约已改期" in page.get_by_role("status").first.inner_text()
    changing.done(max_pages=3, max_typed=0)
    moved = Booking.objects.get(pk=booking.pk)
    assert moved.slot_id != booking.slot_id and moved.code in page.locator("main").inner_text()

    cancelling = Journey(page, elder=elder)
    cancelling.follow(page.get_by_role("link", name="取消预约"))
    assert page.get_by_role("heading", level=1).inner_text() == "确定取消这个预约吗？"
    cancelling.follow(page.get_by_role("button", name="确定取消"))
    assert "您的预约已取消" in page.get_by_role("status").inner_text()
    assert page.get_by_role("heading", level=1).inner_text() == "预约窗口办理"
    cancelling.done(max_pages=2, max_typed=0)
    booking.refresh_from_db()
    assert booking.status == "cancelled" and booking.slot.booked == 0
