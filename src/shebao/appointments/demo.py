"""Demo data for appointments (counters, the services each handles, slots)."""


def seed_appointments(*, offices: dict, today) -> None:
    """Filled in with the appointments feature."""
