"""Validation of every standard field, shared by models, forms, the API and bulk import.

Each validator takes the raw text and returns the normalised value, or raises `FieldError`
whose message names the problem in the user's language (Chinese first, English by i18n).
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext_lazy as _
from stdnum import exceptions as stdnum_errors
from stdnum.cn import ric, uscc


class FieldError(ValueError):
    """A value broke its field's rule: ``code`` for programs, ``message`` for people."""

    def __init__(self, code: str, message: object) -> None:
        super().__init__(str(message))
        self.code = code
        self.message = message


def resident_id(raw: str) -> str:
    """18-digit resident ID number (居民身份证号码), GB 11643-1999."""
    value = (raw or "").strip().replace(" ", "").upper()
    if not value:
        raise FieldError("required", _("Please enter the ID number."))
    if len(value) != 18:
        raise FieldError(
            "length", _("An ID number has 18 characters; this one has %(n)d.") % {"n": len(value)}
        )
    if not value[:17].isdigit() or not (value[17].isdigit() or value[17] == "X"):
        raise FieldError("format", _("An ID number is 17 digits followed by a digit or X."))
    if ric.calc_check_digit(value) != value[17]:
        raise FieldError(
            "checksum",
            _("The last character (check digit) does not match; please check each digit again."),
        )
    try:
        birth = ric.get_birth_date(value)
    except stdnum_errors.ValidationError:
        raise FieldError(
            "birth_date",
            _("Digits 7–14 should be a birth date, but %(date)s is not a real date.")
            % {"date": f"{value[6:10]}-{value[10:12]}-{value[12:14]}"},
        ) from None
    if birth > dt.date.today() or birth.year < 1900:
        raise FieldError("birth_date", _("The birth date in the ID number is not possible."))
    try:
        ric.get_birth_place(value)
    except stdnum_errors.ValidationError:
        raise FieldError(
            "region",
            _("The first six digits (%(code)s) are not a region code that existed in %(year)d.")
            % {"code": value[:6], "year": birth.year},
        ) from None
    return value


def resident_id_sex(value: str) -> str:
    """'M' or 'F' from the 17th digit (odd: male)."""
    return "M" if int(value[16]) % 2 else "F"


def credit_code(raw: str) -> str:
    """18-character unified social credit code (统一社会信用代码), GB 32100-2015."""
    value = (raw or "").strip().replace(" ", "").upper()
    if not value:
        raise FieldError("required", _("Please enter the unified social credit code."))
    if len(value) != 18:
        raise FieldError(
            "length", _("A credit code has 18 characters; this one has %(n)d.") % {"n": len(value)}
        )
    try:
        uscc.validate(value)
    except stdnum_errors.InvalidChecksum:
        raise FieldError(
            "checksum", _("The credit code's check character does not match.")
        ) from None
    except stdnum_errors.ValidationError:
        raise FieldError(
            "format", _("The credit code contains characters it may not have.")
        ) from None
    return value


_MOBILE = re.compile(r"^1[3-9]\d{9}$")


def mobile(raw: str) -> str:
    """Mainland mobile number: 11 digits starting 13–19; +86 and spaces are dropped."""
    value = re.sub(r"[\s-]", "", raw or "")
    if value.startswith("+86"):
        value = value[3:]
    if not value:
        raise FieldError("required", _("Please enter the mobile number."))
    if not value.isdigit():
        raise FieldError("format", _("A mobile number has digits only."))
    if not _MOBILE.match(value):
        raise FieldError("format", _("A mobile number has 11 digits and starts with 13 to 19."))
    return value


# Han characters, with the middle dot of minority and foreign names (买买提·艾力).
_NAME = re.compile(
    r"^[\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0002ebef]+(?:[·•][\u3400-\u4dbf\u4e00-\u9fff]+)*$"
)


def person_name(raw: str) -> str:
    """A Chinese name as on the ID card: 2–30 Han characters, ``·`` allowed between parts."""
    value = (raw or "").strip().replace("•", "·").replace("．", "·")
    if not value:
        raise FieldError("required", _("Please enter the name."))
    if len(value) < 2 or len(value) > 30:
        raise FieldError("length", _("A name has 2 to 30 characters."))
    if not _NAME.match(value):
        raise FieldError(
            "format",
            _(
                "Write the name in Chinese characters as on the ID card; use · between parts of a "
                "minority name."
            ),
        )
    return value


def date(raw: str | dt.date) -> dt.date:
    """A calendar date written YYYY-MM-DD."""
    if isinstance(raw, dt.date):
        return raw
    try:
        return dt.date.fromisoformat((raw or "").strip())
    except ValueError:
        raise FieldError(
            "format", _("Write the date as year-month-day, e.g. 2026-01-31.")
        ) from None


def month(raw: str | dt.date) -> dt.date:
    """A month written YYYY-MM; stored as the first day of the month."""
    if isinstance(raw, dt.date):
        return raw.replace(day=1)
    text = (raw or "").strip()
    match = re.fullmatch(r"(\d{4})-(\d{1,2})", text)
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise FieldError("format", _("Write the month as year-month, e.g. 2026-01."))
    return dt.date(int(match.group(1)), int(match.group(2)), 1)


def amount(raw: str | int | Decimal, *, minimum: Decimal = Decimal("0")) -> Decimal:
    """An amount of yuan with at most two decimals (to the fen), not below ``minimum``."""
    try:
        value = Decimal(str(raw).strip().replace(",", ""))
    except (InvalidOperation, ValueError):
        raise FieldError("format", _("Write the amount in yuan, e.g. 4076 or 4076.50.")) from None
    if not value.is_finite():
        raise FieldError("format", _("Write the amount in yuan, e.g. 4076 or 4076.50."))
    if value != value.quantize(Decimal("0.01")):
        raise FieldError("precision", _("An amount has at most two decimals (fen)."))
    if value < minimum:
        raise FieldError("range", _("The amount may not be below %(min)s.") % {"min": minimum})
    if value >= Decimal("10000000000"):
        raise FieldError("range", _("The amount is too large."))
    return value.quantize(Decimal("0.01"))


def bank_account(raw: str) -> str:
    """A bank card or account number: 12–30 digits; spaces are dropped."""
    value = re.sub(r"\s", "", raw or "")
    if not value:
        raise FieldError("required", _("Please enter the bank account number."))
    if not value.isdigit():
        raise FieldError("format", _("A bank account number has digits only."))
    if not 12 <= len(value) <= 30:
        raise FieldError("length", _("A bank account number has 12 to 30 digits."))
    return value


def region_code(raw: str) -> str:
    """A six-digit administrative division code (GB/T 2260)."""
    value = (raw or "").strip()
    if not re.fullmatch(r"\d{6}", value):
        raise FieldError("format", _("A region code has six digits."))
    return value
