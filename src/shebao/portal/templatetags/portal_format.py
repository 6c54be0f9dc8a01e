"""Formatting for citizen pages."""

from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def percent(value) -> str:
    """0.0747 -> "7.47%" (two decimals, as interest rates are published)."""
    if value in (None, ""):
        return ""
    return f"{(Decimal(str(value)) * 100).quantize(Decimal('0.01'))}%"
