"""The demo's case history (demo.case_history): about a hundred cases walked through the
real services with planned times, so the dashboard has figures to show."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from django.utils import timezone

from shebao.applications.figures import figures_report
from shebao.applications.models import Application, ApplicationEvent
from shebao.demo.case_history import seed_case_history

from . import factories
from .staff_city import build_staff_city
from .staff_helpers import staff_sign_in

S = Application.Status
TODAY = dt.date(2026, 11, 28)


@pytest.fixture
def demo(db):
    offices = build_staff_city()
    for n in range(30):
        factories.person(offices["xinji"], name="辛集" + "甲乙丙丁戊己庚辛壬癸"[n % 10] + "某")
    for n in range(10):
        factories.person(offices["jinzhou"], name="晋州" + "甲乙丙丁戊己庚辛壬癸"[n % 10] + "某")
    started = time.monotonic()
    filed = seed_case_history(offices=offices, today=TODAY)
    return offices, filed, time.monotonic() - started


def test_the_history_is_realistic_and_dated_in_the_past(demo):
    offices, filed, seconds = demo
    assert filed == 100 and Application.objects.count() == 100
    assert seconds < 60
    zone = timezone.get_current_timezone()
    for case in Application.objects.prefetch_related("events"):
        times = [e.at for e in case.events.all()]
        assert times == sorted(times) and times[-1].astimezone(zone).date() < TODAY
        assert case.submitted_at == times[0]
    report = figures_report(
        office_ids=[o.pk for o in offices.values()], start=dt.date(2026, 1, 1), end=TODAY
    )
    total = report.total
    assert 60 <= total.handled <= 95
    assert 0 < total.on_time < total.handled  # some decided late
    assert 0 < total.first_time_right < total.handled  # some rejected or returned first
    assert 0 < total.online < total.handled  # some filed at the counter
    assert {f.label for f in report.by_office} == {
        o.name for o in (offices["xinji"], offices["jinzhou"])
    }
    assert ApplicationEvent.objects.filter(to_status=S.RETURNED).exists()
    assert Application.objects.filter(channel="counter").exists()
    open_cases = Application.objects.exclude(status__in=[S.COMPLETED, S.REJECTED])
    assert open_cases.filter(escalated_at__isnull=False, due_date__lt=TODAY).count() >= 3


def test_the_dashboard_shows_the_demo_figures(client, demo):
    staff_sign_in(client, "supervisor")
    page = client.get("/staff/figures/", {"start": "2026-01-01", "end": "2026-11-28"})
    text = page.content.decode()
    assert page.status_code == 200 and text.count("<svg") == 3
    assert "件超期办件已提交科长督办" in text
    assert "reviewer" in text and "supervisor" in text
