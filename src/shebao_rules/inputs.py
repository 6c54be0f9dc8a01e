"""Reading what the caller gives: numbers, money, months, flags — each error names its field.

The Python functions accept the same loose types the JSON contract does (a string or
a number for money, "YYYY-MM" or a `Month` for months), so the CLI and the Django side
share one validation path.
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal, InvalidOperation

from .errors import InputError
from .months import Month

_MISSING = object()
_LIMIT = Decimal(10) ** 12  # no social-insurance amount comes near; keeps arithmetic exact


def _need(value, field: str):
    if value is None or value is _MISSING:
        raise InputError(f"missing field: {field}", message_zh=f"缺少字段：{field}", field=field)
    return value


def decimal(value, field: str, *, minimum: Decimal | None = Decimal(0), optional: bool = False):
    """A Decimal from a string, int or Decimal (floats through their shortest text)."""
    if optional and value is None:
        return None
    _need(value, field)
    if isinstance(value, bool):
        raise InputError(
            f"{field} must be a number, not true/false",
            message_zh=f"{field} 必须是数字",
            field=field,
        )
    try:
        if isinstance(value, float):
            value = repr(value)
        d = Decimal(value.strip() if isinstance(value, str) else value)
    except (InvalidOperation, TypeError, ValueError, AttributeError):
        raise InputError(
            f"{field} must be a number, got {value!r}",
            message_zh=f"{field} 必须是数字",
            field=field,
        ) from None
    if not d.is_finite() or abs(d) >= _LIMIT:
        raise InputError(
            f"{field} must be a finite number below {_LIMIT:,}",
            message_zh=f"{field} 必须是有限且合理的数字",
            field=field,
        )
    if minimum is not None and d < minimum:
        raise InputError(
            f"{field} must be at least {minimum}",
            message_zh=f"{field} 不得小于 {minimum}",
            field=field,
        )
    return d


def integer(
    value,
    field: str,
    *,
    minimum: int | None = 0,
    maximum: int | None = None,
    optional: bool = False,
):
    """An int from an int or a digit string; a Decimal/number with a fraction is refused."""
    if optional and value is None:
        return None
    _need(value, field)
    if isinstance(value, bool):
        raise InputError(
            f"{field} must be a whole number", message_zh=f"{field} 必须是整数", field=field
        )
    try:
        d = Decimal(value.strip() if isinstance(value, str) else value)
        if not d.is_finite() or d != d.to_integral_value():
            raise ValueError
        n = int(d)
    except (InvalidOperation, TypeError, ValueError, AttributeError):
        raise InputError(
            f"{field} must be a whole number, got {value!r}",
            message_zh=f"{field} 必须是整数",
            field=field,
        ) from None
    if minimum is not None and n < minimum:
        raise InputError(
            f"{field} must be at least {minimum}",
            message_zh=f"{field} 不得小于 {minimum}",
            field=field,
        )
    if maximum is not None and n > maximum:
        raise InputError(
            f"{field} must be at most {maximum}",
            message_zh=f"{field} 不得大于 {maximum}",
            field=field,
        )
    return n


def month(value, field: str, *, optional: bool = False) -> Month | None:
    """A Month from "YYYY-MM", a Month or a date."""
    if optional and value is None:
        return None
    _need(value, field)
    if isinstance(value, Month):
        return value
    if isinstance(value, _dt.date):
        return Month(value.year, value.month)
    try:
        return Month.parse(value)
    except (ValueError, TypeError):
        raise InputError(
            f"{field} must be a month written YYYY-MM, got {value!r}",
            message_zh=f"{field} 须为 YYYY-MM 格式的年月",
            field=field,
        ) from None


def flag(value, field: str, *, default: bool = False) -> bool:
    if value is None:
        return default
    if not isinstance(value, bool):
        raise InputError(
            f"{field} must be true or false", message_zh=f"{field} 须为 true 或 false", field=field
        )
    return value


def choice(value, field: str, options) -> str:
    _need(value, field)
    if value not in options:
        opts = ", ".join(str(o) for o in options)
        raise InputError(
            f"{field} must be one of: {opts}; got {value!r}",
            message_zh=f"{field} 须为以下之一：{opts}",
            field=field,
        )
    return value


def mapping(value, field: str, *, optional: bool = False) -> dict | None:
    if optional and value is None:
        return None
    _need(value, field)
    if not isinstance(value, dict):
        raise InputError(f"{field} must be an object", message_zh=f"{field} 须为对象", field=field)
    return value


def sequence(value, field: str) -> list:
    _need(value, field)
    if not isinstance(value, (list, tuple)):
        raise InputError(f"{field} must be a list", message_zh=f"{field} 须为列表", field=field)
    return list(value)
