"""API operations for payments."""

from ninja import Router

router = Router(tags=["payments"])
