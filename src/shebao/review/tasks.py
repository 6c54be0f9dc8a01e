"""Automated review jobs (filled in with the review feature)."""


def review_later(application_id: int) -> None:
    """Called after an application is filed or sent again (on commit)."""
