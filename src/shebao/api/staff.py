"""API operations for staff (the back office)."""

from ninja import Router

router = Router(tags=["staff"])
