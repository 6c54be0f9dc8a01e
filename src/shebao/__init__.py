"""Shebao: digital service platform for social insurance (社保)."""

from .config.celery import app as celery_app

__all__ = ["celery_app"]
