"""The security dashboard (安全监控, /staff/security/): alerts newest first with their rule,
severity, who (a staff username, a masked name or an opaque address key), the counts and the
time, unread until acknowledged; the freezes in force with a release button and a reason.

Who may: the readers of the audit trail (supervisors, auditors, administrators) see it;
supervisors and administrators (the roles that may assign work, `CAN["assign"]`) acknowledge
alerts, freeze accounts and lift freezes. Alerts and freezes of other offices than one's reach
are not found.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shebao.security import selectors
from shebao.security.services import (
    FreezeRefused,
    ReleaseRefused,
    alert_acknowledge,
    freeze_by_supervisor,
    freeze_release,
)

from ..access import can, staff_required

READ = "audit"
ACT = "assign"


def _labels() -> dict[str, str]:
    return {
        "failures": _("Wrong passwords"),
        "accounts": _("Accounts tried"),
        "people": _("People opened"),
        "reveals": _("Identifiers shown"),
        "rows": _("Rows exported"),
        "downloads": _("Downloads"),
        "local_time": _("Local time"),
        "known_devices": _("Devices known before"),
    }


def _counts(detail: dict | None) -> list[tuple[str, object]]:
    labels = _labels()
    return [(labels.get(key, key), value) for key, value in (detail or {}).items()]


@staff_required(READ)
def dashboard(request, *, release_errors=None, freeze_errors=None, status=200):
    user = request.user
    errors = release_errors or {}
    refused = freeze_errors or {}
    frozen = selectors.frozen_user_ids(user)
    context = {
        "alerts": [
            (a, who, _counts(a.detail), _may_freeze(a, user, frozen), refused.get(a.pk, ""))
            for a, who in selectors.alerts_for(user)
        ],
        "unread": selectors.unread_alert_count(user),
        "freezes": [
            (f, who, _counts(f.alert.detail if f.alert else None), errors.get(f.pk, ""))
            for f, who in selectors.freezes_current(user)
        ],
        "released": selectors.freezes_released(user),
        "may_act": can(user, ACT),
    }
    return render(request, "backoffice/security.html", context, status=status)


def _may_freeze(alert, user, frozen: set[int]) -> bool:
    """Offer "freeze this account" on an alert about an account not frozen now, not oneself."""
    return alert.user_id is not None and alert.user_id != user.pk and alert.user_id not in frozen


def _may_act(request):
    if not can(request.user, ACT):
        return render(request, "backoffice/forbidden.html", status=403)
    return None


@require_POST
@staff_required(READ)
def alert_acknowledge_view(request, pk: int):
    refused = _may_act(request)
    if refused:
        return refused
    alert = selectors.alert_in_reach(request.user, pk)
    if alert is None:
        raise Http404
    alert_acknowledge(alert=alert, by=request.user)
    messages.success(request, _("The alert is marked as read."))
    return redirect("backoffice:security")


def _with_reason(request, target, act, refusal: type[Exception], errors: str, done: str):
    """Run a supervisor's action that needs a reason on ``target`` (an alert or a freeze in
    reach); a refusal shows the dashboard with the reason next to that row's field."""
    if target is None:
        raise Http404
    try:
        act(target, request.POST.get("reason", ""))
    except refusal as exc:
        return dashboard(request, **{errors: {target.pk: str(exc)}}, status=400)
    messages.success(request, done)
    return redirect("backoffice:security")


@require_POST
@staff_required(READ)
def freeze_release_view(request, pk: int):
    """Lift a freeze or an address block, with the reason (recorded in the ledger)."""
    return _may_act(request) or _with_reason(
        request,
        selectors.freeze_in_reach(request.user, pk),
        lambda freeze, reason: freeze_release(freeze=freeze, by=request.user, reason=reason),
        ReleaseRefused,
        "release_errors",
        _("The freeze is lifted and the reason recorded."),
    )


@require_POST
@staff_required(READ)
def alert_freeze_view(request, pk: int):
    """Freeze the account an alert is about, with the reason (recorded in the ledger)."""
    return _may_act(request) or _with_reason(
        request,
        selectors.alert_in_reach(request.user, pk),
        lambda alert, reason: freeze_by_supervisor(alert=alert, by=request.user, reason=reason),
        FreezeRefused,
        "freeze_errors",
        _("The account is frozen and the reason recorded."),
    )
