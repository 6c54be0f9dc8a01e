"""API operations for applications."""

from ninja import Router

router = Router(tags=["applications"])
