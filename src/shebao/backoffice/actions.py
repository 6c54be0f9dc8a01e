"""The actions staff take on a case, shared by the case page and the staff API: each checks
the role table and calls exactly one write path."""

from __future__ import annotations

from django.utils.translation import gettext as _

from shebao.accounts.selectors import staff_of_office
from shebao.applications import workflow
from shebao.applications.services import (
    MakerCheckerViolation,
    TransitionRefused,
    application_assign,
    application_check,
    application_decide,
    application_transition,
)
from shebao.review.selectors import assessment_for

from .access import can

S = workflow.S
# action -> the permission it needs (backoffice.access.CAN)
ACTIONS = {
    "claim": "claim",
    "assign": "assign",
    "start": "claim",
    "return": "return",
    "approve": "decide",
    "reject": "decide",
    "confirm": "check",
    "send_back": "check",
    "complete": "complete",
}


class NotAllowed(Exception):
    """The role may not take this action (403)."""


class Refused(Exception):
    """The action is allowed for the role but not possible now; the message says why."""


def perform(
    *, user, case, action: str, reason: str = "", fields=(), assignee_pk=None
) -> tuple[object, str]:
    """Take `action` on `case` as `user`; (the case after it, a message for the person acting)."""
    permission = ACTIONS.get(action)
    if permission is None or not can(user, permission):
        raise NotAllowed(action)
    reason = (reason or "").strip()
    try:
        if action == "claim":
            return application_assign(application=case, assignee=user, actor=user), _(
                "The case is yours now."
            )
        if action == "assign":
            assignee = staff_of_office(case.office, pk=assignee_pk)
            if assignee is None:
                raise Refused(_("Choose a colleague of this office."))
            return application_assign(application=case, assignee=assignee, actor=user), _(
                "The case was assigned."
            )
        if action == "start":
            done = application_transition(
                application=case, to=S.WAITING_REVIEW, role=user.role, actor=user
            )
            return done, _("The case is waiting for review.")
        if action == "return":
            if not reason:
                raise Refused(_("Please write what the applicant must correct."))
            done = application_transition(
                application=case,
                to=S.RETURNED,
                role=user.role,
                actor=user,
                reason=reason,
                fields_to_fix=[f for f in fields if f],
            )
            return done, _("The application was returned to the applicant.")
        if action in ("approve", "reject"):
            if not reason:
                raise Refused(_("Please write the reason."))
            assessment = assessment_for(case)
            versions = {
                "figures": case.figures.get("rule_version") or case.figures.get("rule_versions"),
                "review": getattr(assessment, "versions", None),
            }
            done = application_decide(
                application=case, outcome=action, reason=reason, actor=user, versions=versions
            )
            return done, _("Your decision is recorded.")
        if action in ("confirm", "send_back"):
            done = application_check(
                application=case, confirm=action == "confirm", actor=user, note=reason
            )
            return done, _("Your check is recorded.")
        done = application_transition(application=case, to=S.COMPLETED, role=user.role, actor=user)
        return done, _("The case is completed.")
    except MakerCheckerViolation as exc:
        raise Refused(_("You prepared this decision. A second person must check it.")) from exc
    except TransitionRefused as exc:
        if action == "send_back" and not reason:
            raise Refused(_("Please write why you send it back.")) from exc
        raise Refused(_("This action is not possible in this status.")) from exc
