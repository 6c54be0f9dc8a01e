"""Planted cases for the automated review: people whose data shows each risk pattern, hidden
among the ordinary population (nothing marks them; the checks must find them from the data)."""


def plant_review_cases(*, offices: dict, today) -> None:
    """Filled in with the automated review."""
