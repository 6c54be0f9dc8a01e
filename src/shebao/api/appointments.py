"""API operations for appointments."""

from ninja import Router

router = Router(tags=["appointments"])
