"""Automated review jobs (智能审核).

`review_later` is called on commit after every filing and re-filing (the hook named in
`applications.services.REVIEW_HOOK`): it queues `application_review_task`. The beat entry
``review-catch-up`` runs `review_catch_up_task` every minute: anything left submitted for over a
minute (a lost message, a worker that was down) is reviewed then. Reviewing twice is harmless.
"""

from __future__ import annotations

import datetime as dt
import logging

from celery import shared_task
from django.utils import timezone

log = logging.getLogger(__name__)
CATCH_UP_AFTER = dt.timedelta(minutes=1)


def review_later(application_id: int) -> None:
    """Queue the automated review of one application (called after the filing commits). A
    broker that cannot take the message loses nothing: the catch-up reviews it."""
    try:
        application_review_task.delay(application_id)
    except Exception:  # the broker is down: the beat catch-up reviews it within minutes
        log.warning("review not queued", extra={"application": application_id}, exc_info=True)


@shared_task(name="shebao.review.tasks.application_review_task", ignore_result=True)
def application_review_task(application_id: int) -> bool:
    from shebao.applications.selectors import application_by_id

    from .services import application_review

    application = application_by_id(application_id)
    if application is None:
        return False
    return application_review(application=application) is not None


@shared_task(name="shebao.review.tasks.review_catch_up_task", ignore_result=True)
def review_catch_up_task() -> int:
    from shebao.applications.selectors import applications_submitted_before

    from .services import application_review

    done = 0
    for application in applications_submitted_before(timezone.now() - CATCH_UP_AFTER):
        done += application_review(application=application) is not None
    return done
