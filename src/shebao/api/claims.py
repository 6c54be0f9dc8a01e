"""API operations for claims."""

from ninja import Router

router = Router(tags=["claims"])
