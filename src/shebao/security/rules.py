"""The monitoring rules as pure functions over counts in time windows (no Django, no clock).

Each rule takes what the services counted and answers with a `Finding` or ``None``. A finding
names its rule, its severity and whether it freezes at once (only ``CRITICAL`` ones do), and
carries the counts it judged, which the alert shows and the ledger records. The thresholds are
the office's security settings, not social-insurance policy: they sit here, each beside its
window, so the whole rule can be read in one place.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

LOW, MEDIUM, HIGH, CRITICAL = "low", "medium", "high", "critical"
SEVERITY_ORDER = {LOW: 0, MEDIUM: 1, HIGH: 2, CRITICAL: 3}

CREDENTIAL_STUFFING = "credential_stuffing"
BULK_ACCESS = "bulk_access"
ODD_HOURS = "odd_hours"
BREAK_GLASS = "break_glass"
MASS_EXPORT = "mass_export"
NEW_DEVICE = "new_device"
MANUAL = "manual"
RULES = (CREDENTIAL_STUFFING, BULK_ACCESS, ODD_HOURS, BREAK_GLASS, MASS_EXPORT, NEW_DEVICE, MANUAL)

# Credential stuffing (撞库): wrong passwords from one client address against many accounts.
# One account guessed many times is django-axes' lockout (5 tries per account and address).
STUFFING_WINDOW = dt.timedelta(minutes=10)
STUFFING_MIN_ACCOUNTS = 10
STUFFING_MIN_FAILURES = 20
ADDRESS_BLOCK = dt.timedelta(hours=1)  # the cool-down unless a supervisor releases it sooner

# Staff opening the records of people they have no case for (越权浏览): a minute to stop a
# scraper at once, ten minutes to tell a supervisor about steady browsing.
BULK_WINDOW = dt.timedelta(minutes=1)
BULK_FREEZE_PEOPLE = 50
BULK_WATCH_WINDOW = dt.timedelta(minutes=10)
BULK_WATCH_PEOPLE = 30

# Access outside office hours (非工作时间访问), local time: [start, end) wrapping midnight.
ODD_START, ODD_END = dt.time(22, 0), dt.time(6, 0)
ODD_REPEAT = dt.timedelta(hours=8)  # one alert per staff member per night

# Break-glass (查看完整证件号) showings of full identifiers by one staff member.
BREAK_GLASS_WINDOW = dt.timedelta(hours=1)
BREAK_GLASS_ALERT = 5
BREAK_GLASS_FREEZE = 15

# Mass export (批量导出) by one staff member: rows, and number of downloads.
EXPORT_WINDOW = dt.timedelta(hours=1)
EXPORT_ALERT_ROWS = 10_000
EXPORT_ALERT_DOWNLOADS = 20
EXPORT_FREEZE_ROWS = 100_000

NEW_DEVICE_REPEAT = dt.timedelta(minutes=1)  # the same device twice at once tells once

# Observations are the rules' counters, not records: kept a week (far beyond the longest window
# above, so a supervisor can still look at last week's stream), then deleted by a daily job.
# Alerts, freezes and the ledger keep what was found.
OBSERVATION_RETENTION = dt.timedelta(days=7)


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str
    window: dt.timedelta
    detail: dict[str, int | str] = field(default_factory=dict)

    @property
    def freezes(self) -> bool:
        return self.severity == CRITICAL

    def reason(self) -> str:
        """Plain English, no personal data: what the ledger and the freeze record keep."""
        d = self.detail
        minutes = int(self.window.total_seconds() // 60)
        span = (
            f"{minutes // 60} hour{'s' if minutes >= 120 else ''}"
            if minutes % 60 == 0
            else f"{minutes} minute{'s' if minutes > 1 else ''}"
        )
        texts = {
            CREDENTIAL_STUFFING: f"{d.get('failures')} wrong passwords for {d.get('accounts')} "
            f"accounts from one address within {span}",
            BULK_ACCESS: f"opened the records of {d.get('people')} people with no case for them "
            f"within {span}",
            ODD_HOURS: f"signed in or opened records at {d.get('local_time')} (outside "
            f"{ODD_END:%H:%M}-{ODD_START:%H:%M})",
            BREAK_GLASS: f"{d.get('reveals')} full identifiers shown within {span}",
            MASS_EXPORT: f"{d.get('rows')} rows in {d.get('downloads')} downloads within {span}",
            NEW_DEVICE: "signed in from a device not seen before",
        }
        return texts.get(self.rule, self.rule)


def credential_stuffing(*, failures: int, accounts: int) -> Finding | None:
    """Wrong passwords from one address in `STUFFING_WINDOW`: many accounts tried → block the
    address (critical)."""
    if accounts >= STUFFING_MIN_ACCOUNTS and failures >= STUFFING_MIN_FAILURES:
        return Finding(
            CREDENTIAL_STUFFING,
            CRITICAL,
            STUFFING_WINDOW,
            {"failures": failures, "accounts": accounts},
        )
    return None


def bulk_access(*, people_last_minute: int, people_last_ten_minutes: int) -> Finding | None:
    """Distinct people whose records a staff member opened with no case for them."""
    if people_last_minute >= BULK_FREEZE_PEOPLE:
        return Finding(BULK_ACCESS, CRITICAL, BULK_WINDOW, {"people": people_last_minute})
    if people_last_ten_minutes >= BULK_WATCH_PEOPLE:
        return Finding(BULK_ACCESS, HIGH, BULK_WATCH_WINDOW, {"people": people_last_ten_minutes})
    return None


def odd_hours(*, local_time: dt.time) -> Finding | None:
    """Staff activity between `ODD_START` and `ODD_END` local time: worth a look, no more."""
    if local_time >= ODD_START or local_time < ODD_END:
        return Finding(ODD_HOURS, LOW, ODD_REPEAT, {"local_time": f"{local_time:%H:%M}"})
    return None


def break_glass(*, reveals: int) -> Finding | None:
    """Full identifiers shown by one staff member in `BREAK_GLASS_WINDOW`."""
    if reveals >= BREAK_GLASS_FREEZE:
        return Finding(BREAK_GLASS, CRITICAL, BREAK_GLASS_WINDOW, {"reveals": reveals})
    if reveals >= BREAK_GLASS_ALERT:
        return Finding(BREAK_GLASS, HIGH, BREAK_GLASS_WINDOW, {"reveals": reveals})
    return None


def mass_export(*, rows: int, downloads: int) -> Finding | None:
    """Rows and downloads exported by one staff member in `EXPORT_WINDOW`."""
    detail = {"rows": rows, "downloads": downloads}
    if rows >= EXPORT_FREEZE_ROWS:
        return Finding(MASS_EXPORT, CRITICAL, EXPORT_WINDOW, detail)
    if rows >= EXPORT_ALERT_ROWS or downloads >= EXPORT_ALERT_DOWNLOADS:
        return Finding(MASS_EXPORT, HIGH, EXPORT_WINDOW, detail)
    return None


def new_device(*, known_devices: int, device_known: bool) -> Finding | None:
    """A citizen signs in from a device not seen before. The very first device an account is
    seen with is its baseline, not news (there is nothing to compare it with)."""
    if known_devices > 0 and not device_known:
        return Finding(NEW_DEVICE, LOW, NEW_DEVICE_REPEAT, {"known_devices": known_devices})
    return None


def is_repeat(*, earlier_severity: str | None, severity: str) -> bool:
    """An open alert of the same rule and subject in the rule's window covers a new finding
    unless the new one is more severe."""
    return earlier_severity is not None and (
        SEVERITY_ORDER[earlier_severity] >= SEVERITY_ORDER[severity]
    )
