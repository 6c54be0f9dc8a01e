"""Demo data for transfers (the simulated partner office)."""


def seed_transfers(*, offices: dict, today) -> None:
    """Filled in with the transfer feature."""
