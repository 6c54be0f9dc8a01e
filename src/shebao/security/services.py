"""Writes of security monitoring: observe, alert, freeze (冻结), release (解冻), acknowledge.

Each `observe_*` records what happened, counts the stream in the rule's windows, asks the pure
rules (`rules.py`) and acts at once in the same transaction: an `Alert` for the dashboard and,
for a critical finding, a `Freeze` with its ledger event. Nothing is observed in training mode
(培训模式): practice data is not people's data, and the sandbox is not where freezes are read.

Who to freeze: a staff account (bulk access, break-glass or export overuse), or, for password
guessing across many accounts, the client address (`shebao.client_address`, the same address
the lockouts and rate limits count: behind reverse proxies set ``SHEBAO_TRUSTED_PROXIES``,
otherwise every client shares the proxy's address and one attack blocks everyone). Addresses are
kept only as keyed hashes.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from shebao.applications.selectors import application_events
from shebao.applications.services import inbox_send
from shebao.ledger.services import pseudonym, record_event
from shebao.regions.selectors import offices_all
from shebao.training import is_active as training_active

from . import rules
from .models import Alert, Freeze, KnownDevice, Observation
from .selectors import user_freeze

K = Observation.Kind


def _now(now: dt.datetime | None) -> dt.datetime:
    return now or timezone.now()


def _office_of(user):
    if user is None:
        return None
    if getattr(user, "office_id", None):
        return user.office
    if getattr(user, "person_id", None):
        return user.person.office
    return None


def _home_office():
    """The office whose ledger records what concerns no office (a blocked address): the
    provincial office if there is one, else the first office."""
    offices = offices_all()
    for office in offices:
        if office.region_code == office.province_code:
            return office
    return offices[0] if offices else None


# --- observing ----------------------------------------------------------------------------


def observe_sign_in_failure(
    *, address_key: str, username_key: str, now: dt.datetime | None = None
) -> Alert | None:
    """A wrong password (or a locked-out try). Many accounts tried from one address within the
    window → the address is blocked from signing in."""
    if training_active():
        return None
    now = _now(now)
    with transaction.atomic():
        Observation.objects.create(
            kind=K.SIGN_IN_FAILED, at=now, address_key=address_key, subject_key=username_key
        )
        if not address_key:
            return None
        counts = Observation.objects.filter(
            kind=K.SIGN_IN_FAILED, address_key=address_key, at__gt=now - rules.STUFFING_WINDOW
        ).aggregate(failures=Count("pk"), accounts=Count("subject_key", distinct=True))
        finding = rules.credential_stuffing(**counts)
        return _act(finding, address_key=address_key, now=now) if finding else None


def observe_sign_in_success(
    *, user, device_key: str = "", address_key: str = "", now: dt.datetime | None = None
) -> Alert | None:
    """A completed sign-in. Staff: odd hours. Citizens: a device not seen before is told to
    the person by inbox (站内信) and text message."""
    if training_active():
        return None
    now = _now(now)
    with transaction.atomic():
        Observation.objects.create(
            kind=K.SIGN_IN, at=now, user=user, address_key=address_key, subject_key=device_key
        )
        if getattr(user, "kind", "") == "staff":
            return _odd_hours(user, now)
        if not device_key or not getattr(user, "person_id", None):
            return None
        known = KnownDevice.objects.filter(user=user)
        count = known.count()
        seen = known.filter(device_key=device_key).update(last_seen=now) > 0
        if not seen:
            KnownDevice.objects.create(
                user=user, device_key=device_key, first_seen=now, last_seen=now
            )
        finding = rules.new_device(known_devices=count, device_known=seen)
        if finding is None:
            return None
        alert = _act(finding, user=user, now=now)
        if alert is not None:
            _tell_new_device(user, now)
        return alert


def _tell_new_device(user, now: dt.datetime) -> None:
    when = timezone.localtime(now)
    inbox_send(
        person=user.person,
        subject=_("Your account was signed in on a new device"),
        body=_(
            "Your account was signed in on a device we had not seen before, at %(when)s. "
            "If this was you, there is nothing to do. If it was not, change your password now "
            "and call 12333."
        )
        % {"when": f"{when:%Y-%m-%d %H:%M}"},
        sms=_(
            "[Social insurance] Your account was signed in on a new device at %(when)s. "
            "Not you? Change your password and call 12333."
        )
        % {"when": f"{when:%m-%d %H:%M}"},
    )


def observe_case_open(*, staff, case, now: dt.datetime | None = None) -> Alert | None:
    """A staff member opened a case page (the person's 360° view). Counted against them when
    they have no case for the person: not assigned to them and never acted on by them."""
    if training_active():
        return None
    now = _now(now)
    related = case.assignee_id == staff.pk or any(
        event.actor_id == staff.pk for event in application_events(case)
    )
    with transaction.atomic():
        Observation.objects.create(
            kind=K.CASE_OPEN,
            at=now,
            user=staff,
            subject_key=f"person:{case.person_id}",
            related=related,
        )
        unrelated = Observation.objects.filter(kind=K.CASE_OPEN, user=staff, related=False)

        def people(window: dt.timedelta) -> int:
            return unrelated.filter(at__gt=now - window).values("subject_key").distinct().count()

        finding = rules.bulk_access(
            people_last_minute=people(rules.BULK_WINDOW),
            people_last_ten_minutes=people(rules.BULK_WATCH_WINDOW),
        )
        alert = _act(finding, user=staff, now=now) if finding else None
        return alert or _odd_hours(staff, now)


def observe_reveal(*, staff, now: dt.datetime | None = None) -> Alert | None:
    """A break-glass showing of a full identifier (查看完整证件号)."""
    if training_active():
        return None
    now = _now(now)
    with transaction.atomic():
        Observation.objects.create(kind=K.REVEAL, at=now, user=staff)
        reveals = Observation.objects.filter(
            kind=K.REVEAL, user=staff, at__gt=now - rules.BREAK_GLASS_WINDOW
        ).count()
        finding = rules.break_glass(reveals=reveals)
        return _act(finding, user=staff, now=now) if finding else None


def observe_export(*, staff, rows: int, now: dt.datetime | None = None) -> Alert | None:
    """A download of ``rows`` rows (CSV, spreadsheet) by a staff member."""
    if training_active():
        return None
    now = _now(now)
    with transaction.atomic():
        Observation.objects.create(kind=K.EXPORT, at=now, user=staff, rows=max(rows, 0))
        recent = Observation.objects.filter(
            kind=K.EXPORT, user=staff, at__gt=now - rules.EXPORT_WINDOW
        )
        counts = recent.aggregate(downloads=Count("pk"), rows=Sum("rows"))
        finding = rules.mass_export(rows=counts["rows"] or 0, downloads=counts["downloads"])
        return _act(finding, user=staff, now=now) if finding else None


def _odd_hours(staff, now: dt.datetime) -> Alert | None:
    finding = rules.odd_hours(local_time=timezone.localtime(now).time())
    return _act(finding, user=staff, now=now) if finding else None


# --- acting on a finding ------------------------------------------------------------------


def _subject_key(user, address: str) -> str:
    return f"user:{user.pk}" if user is not None else f"address:{address}"


def _act(
    finding: rules.Finding, *, user=None, address_key: str = "", now: dt.datetime
) -> Alert | None:
    """Raise the alert (unless an as-severe one of the same rule and subject is in the window)
    and, for a critical finding, freeze the account or block the address."""
    key = _subject_key(user, address_key)
    earlier = Alert.objects.filter(
        rule=finding.rule, subject_key=key, created_at__gt=now - finding.window
    ).values_list("severity", flat=True)
    worst = max(earlier, key=rules.SEVERITY_ORDER.__getitem__, default=None)
    if rules.is_repeat(earlier_severity=worst, severity=finding.severity):
        return None
    alert = Alert.objects.create(
        rule=finding.rule,
        severity=finding.severity,
        subject_key=key,
        user=user,
        address_key=address_key,
        office=_office_of(user),
        detail=dict(finding.detail),
        reason=finding.reason()[:300],
        created_at=now,
    )
    if finding.freezes:
        if user is not None:
            if user_freeze(user) is None:
                freeze_user(user=user, reason=alert.reason, rule=finding.rule, alert=alert, now=now)
        elif not is_blocked_address(address_key, now=now):
            freeze_address(
                address_key=address_key,
                reason=alert.reason,
                rule=finding.rule,
                alert=alert,
                now=now,
            )
    return alert


def is_blocked_address(key: str, *, now: dt.datetime | None = None) -> bool:
    if not key:
        return False
    return (
        Freeze.objects.filter(address_key=key, user__isnull=True, released_at__isnull=True)
        .exclude(until__lte=_now(now))
        .exists()
    )


def observations_purge(*, now: dt.datetime | None = None) -> int:
    """Delete observations older than `rules.OBSERVATION_RETENTION` (daily, config/celery.py).
    Housekeeping of counters, not a business change: no ledger event."""
    cutoff = _now(now) - rules.OBSERVATION_RETENTION
    deleted, _rows = Observation.objects.filter(at__lt=cutoff).delete()
    return deleted


# --- freezes ------------------------------------------------------------------------------


def freeze_user(
    *,
    user,
    reason: str,
    rule: str = rules.MANUAL,
    by=None,
    alert: Alert | None = None,
    now: dt.datetime | None = None,
) -> Freeze:
    """Freeze an account at once: every request of it is refused and it cannot sign in until a
    supervisor releases it. The reason goes into the ledger."""
    now = _now(now)
    reason = reason.strip()[:300]
    office = _office_of(user)
    with transaction.atomic():
        freeze = Freeze.objects.create(
            user=user,
            office=office,
            rule=rule,
            reason=reason,
            alert=alert,
            created_at=now,
            created_by=by,
        )
        if office is not None:
            record_event(
                office=office,
                kind="security.account_frozen",
                data={"freeze": freeze.pk, "rule": rule, "reason": reason},
                subject=user,
                actor=by,
            )
    return freeze


def freeze_address(
    *,
    address_key: str,
    reason: str,
    rule: str = rules.CREDENTIAL_STUFFING,
    alert: Alert | None = None,
    now: dt.datetime | None = None,
) -> Freeze:
    """Block sign-in from one client address for the cool-down (or until released)."""
    now = _now(now)
    reason = reason.strip()[:300]
    with transaction.atomic():
        freeze = Freeze.objects.create(
            address_key=address_key,
            rule=rule,
            reason=reason,
            alert=alert,
            created_at=now,
            until=now + rules.ADDRESS_BLOCK,
        )
        office = _home_office()
        if office is not None:
            record_event(
                office=office,
                kind="security.address_blocked",
                data={
                    "freeze": freeze.pk,
                    "rule": rule,
                    "reason": reason,
                    "address": pseudonym("address", address_key),
                    "until": freeze.until.replace(microsecond=0).isoformat(),
                },
            )
    return freeze


class FreezeRefused(ValueError):
    """A supervisor's freeze that cannot be made: no reason, oneself, or frozen already."""


def freeze_by_supervisor(
    *, alert: Alert, by, reason: str, now: dt.datetime | None = None
) -> Freeze:
    """A supervisor freezes the account an alert is about (one that did not freeze it by rule,
    such as steady browsing or access at night), saying why; the alert is marked read."""
    reason = (reason or "").strip()
    if len(reason) < 2:
        raise FreezeRefused(_("Please say why the account is frozen."))
    if alert.user_id is None:
        raise FreezeRefused(_("This alert is about an address, not an account."))
    if alert.user_id == by.pk:
        raise FreezeRefused(_("You cannot freeze your own account."))
    with transaction.atomic():
        if (
            Freeze.objects.select_for_update()
            .filter(user_id=alert.user_id, released_at__isnull=True)
            .exists()
        ):
            raise FreezeRefused(_("This account is frozen already."))
        freeze = freeze_user(
            user=alert.user, reason=reason, rule=rules.MANUAL, by=by, alert=alert, now=now
        )
        alert_acknowledge(alert=alert, by=by, now=now)
    return freeze


class ReleaseRefused(ValueError):
    """The freeze is released already, or no reason was given."""


def freeze_release(*, freeze: Freeze, by, reason: str, now: dt.datetime | None = None) -> Freeze:
    """A supervisor lifts a freeze or an address block, saying why; recorded in the ledger."""
    now = _now(now)
    reason = (reason or "").strip()[:300]
    if len(reason) < 2:
        raise ReleaseRefused(_("Please say why the freeze is lifted."))
    with transaction.atomic():
        locked = Freeze.objects.select_for_update().get(pk=freeze.pk)
        if locked.released_at is not None:
            raise ReleaseRefused(_("This freeze was lifted already."))
        locked.released_at, locked.released_by, locked.release_reason = now, by, reason
        locked.save(update_fields=["released_at", "released_by", "release_reason"])
        office = locked.office or _office_of(by) or _home_office()
        if office is not None:
            record_event(
                office=office,
                kind="security.freeze_released",
                data={"freeze": locked.pk, "rule": locked.rule, "reason": reason},
                subject=locked.user,
                actor=by,
            )
    return locked


def alert_acknowledge(*, alert: Alert, by, now: dt.datetime | None = None) -> int:
    """Mark an alert read (seen and taken care of) by a supervisor."""
    return Alert.objects.filter(pk=alert.pk, acknowledged_at__isnull=True).update(
        acknowledged_at=_now(now), acknowledged_by=by
    )
