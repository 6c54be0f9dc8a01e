"""The transition table (流转规则): which status may follow which, and who may move it.

Pure data and one check; the write path (`services.application_transition`) consults it, so a
page, the API and the back office can never move an application along an edge not listed here.
Roles: the applicant, ``system`` (automated steps), ``partner`` (another office answering
through the exchange), and the staff roles of `accounts.User.Role`.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from .models import Application

S = Application.Status
APPLICANT = "applicant"
SYSTEM = "system"
PARTNER = "partner"
DECIDERS = frozenset({"reviewer", "supervisor"})
STAFF = frozenset({"clerk", "reviewer", "supervisor", "admin"})

OPEN = frozenset(
    {
        S.SUBMITTED,
        S.AUTO_REVIEW,
        S.WAITING_REVIEW,
        S.PENDING_CHECK,
        S.RETURNED,
        S.APPROVED,
        S.WITH_PARTNER,
    }
)
# Services whose decisions move money: a second person who did not prepare the decision must
# confirm it (审核/复核, maker-checker), enforced in `services.application_check`.
MAKER_CHECKER = frozenset({"pension_claim", "unemployment_claim", "survivor_claim", "transfer"})
CLOSED = frozenset({S.REJECTED, S.COMPLETED, S.WITHDRAWN})

_COMMON: dict[str, dict[str, frozenset[str]]] = {
    S.SUBMITTED: {
        S.AUTO_REVIEW: frozenset({SYSTEM}),
        S.WAITING_REVIEW: frozenset({SYSTEM}) | STAFF,
        S.WITHDRAWN: frozenset({APPLICANT}),
    },
    S.AUTO_REVIEW: {
        S.WAITING_REVIEW: frozenset({SYSTEM}),
        S.APPROVED: frozenset({SYSTEM}),
        S.RETURNED: frozenset({SYSTEM}),
    },
    S.WAITING_REVIEW: {
        S.APPROVED: DECIDERS,
        S.REJECTED: DECIDERS,
        S.RETURNED: STAFF,
        S.WITHDRAWN: frozenset({APPLICANT}),
    },
    S.RETURNED: {
        S.SUBMITTED: frozenset({APPLICANT}),
        S.WITHDRAWN: frozenset({APPLICANT}),
    },
    S.APPROVED: {S.COMPLETED: frozenset({SYSTEM}) | STAFF},
}

# Decisions that move money wait for a second person's check before they take effect.
_CHECKED = {
    **_COMMON,
    S.WAITING_REVIEW: {
        S.PENDING_CHECK: DECIDERS,
        S.RETURNED: STAFF,
        S.WITHDRAWN: frozenset({APPLICANT}),
    },
    S.PENDING_CHECK: {
        S.APPROVED: DECIDERS,
        S.REJECTED: DECIDERS,
        S.WAITING_REVIEW: DECIDERS,  # sent back by the checker
    },
}

# A transfer goes to the other office after approval here, and completes when it answers.
_TRANSFER = {
    **_CHECKED,
    S.APPROVED: {S.WITH_PARTNER: frozenset({SYSTEM}) | STAFF},
    S.WITH_PARTNER: {
        S.COMPLETED: frozenset({PARTNER}),
        S.RETURNED: frozenset({PARTNER}),
        S.REJECTED: frozenset({PARTNER}),
    },
}

TABLES = {
    "transfer": _TRANSFER,
    **{code: _CHECKED for code in MAKER_CHECKER - {"transfer"}},
}

# Who holds the application in each status, as the person reads it.
HOLDER = {
    S.SUBMITTED: _("The office (received, checking automatically)"),
    S.AUTO_REVIEW: _("The office (automated checks)"),
    S.WAITING_REVIEW: _("A reviewer at the office"),
    S.PENDING_CHECK: _("A second reviewer at the office (checking the decision)"),
    S.RETURNED: _("You (please correct and send again)"),
    S.APPROVED: _("The office (carrying out the decision)"),
    S.WITH_PARTNER: _("The other region's office"),
    S.REJECTED: _("Nobody (closed)"),
    S.COMPLETED: _("Nobody (done)"),
    S.WITHDRAWN: _("Nobody (withdrawn)"),
}


def table(service: str) -> dict[str, dict[str, frozenset[str]]]:
    return TABLES.get(service, _COMMON)


def allowed(service: str, from_status: str, to_status: str, role: str) -> bool:
    return role in table(service).get(from_status, {}).get(to_status, frozenset())


def next_statuses(service: str, from_status: str) -> list[str]:
    return list(table(service).get(from_status, {}))
