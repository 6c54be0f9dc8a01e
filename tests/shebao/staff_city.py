"""A small staff city for the figures, time-limit and holiday tests (no tests here): the demo's
offices and staff accounts, built through the real services without the whole demo population,
including 晋州's reviewer and supervisor."""

from __future__ import annotations

from shebao.demo.seed import OFFICES, demo_offices, demo_staff

XINJI, JINZHOU = OFFICES["xinji"][0], OFFICES["jinzhou"][0]


def build_staff_city() -> dict:
    """Offices by code (xinji, jinzhou, hebei) with the demo staff."""
    offices = demo_offices()
    demo_staff(offices)
    return offices
