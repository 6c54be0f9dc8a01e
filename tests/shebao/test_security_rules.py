"""The monitoring rules as pure functions: thresholds, windows, severities, repeats."""

import datetime as dt

from shebao.security import rules


def test_credential_stuffing_needs_many_accounts_not_just_many_failures():
    assert rules.credential_stuffing(failures=40, accounts=2) is None  # axes' business
    assert rules.credential_stuffing(failures=19, accounts=19) is None
    found = rules.credential_stuffing(failures=28, accounts=10)
    assert found.rule == rules.CREDENTIAL_STUFFING and found.severity == rules.CRITICAL
    assert found.freezes and found.detail == {"failures": 28, "accounts": 10}
    assert found.reason() == "28 wrong passwords for 10 accounts from one address within 10 minutes"


def test_bulk_access_freezes_at_fifty_people_a_minute_and_watches_thirty_in_ten():
    assert rules.bulk_access(people_last_minute=10, people_last_ten_minutes=29) is None
    watch = rules.bulk_access(people_last_minute=10, people_last_ten_minutes=30)
    assert watch.severity == rules.HIGH and not watch.freezes
    stop = rules.bulk_access(people_last_minute=50, people_last_ten_minutes=50)
    assert stop.severity == rules.CRITICAL and stop.freezes
    assert "50 people with no case for them within 1 minute" in stop.reason()


def test_odd_hours_are_ten_at_night_to_six_in_the_morning_and_only_low():
    for hour, minute in ((22, 0), (23, 59), (0, 0), (5, 59)):
        found = rules.odd_hours(local_time=dt.time(hour, minute))
        assert found.severity == rules.LOW and not found.freezes
    for hour, minute in ((6, 0), (9, 30), (21, 59)):
        assert rules.odd_hours(local_time=dt.time(hour, minute)) is None


def test_break_glass_alerts_at_five_and_freezes_at_fifteen_an_hour():
    assert rules.break_glass(reveals=4) is None
    assert rules.break_glass(reveals=5).severity == rules.HIGH
    assert rules.break_glass(reveals=15).freezes


def test_mass_export_by_rows_or_by_downloads():
    assert rules.mass_export(rows=9_999, downloads=19) is None
    assert rules.mass_export(rows=10_000, downloads=1).severity == rules.HIGH
    assert rules.mass_export(rows=10, downloads=20).severity == rules.HIGH
    assert rules.mass_export(rows=100_000, downloads=1).freezes


def test_a_first_device_is_the_baseline_and_a_second_one_is_news():
    assert rules.new_device(known_devices=0, device_known=False) is None
    assert rules.new_device(known_devices=1, device_known=True) is None
    assert rules.new_device(known_devices=1, device_known=False).severity == rules.LOW


def test_an_alert_repeats_only_when_more_severe():
    assert not rules.is_repeat(earlier_severity=None, severity=rules.LOW)
    assert rules.is_repeat(earlier_severity=rules.HIGH, severity=rules.HIGH)
    assert rules.is_repeat(earlier_severity=rules.CRITICAL, severity=rules.HIGH)
    assert not rules.is_repeat(earlier_severity=rules.HIGH, severity=rules.CRITICAL)
