"""The data dictionary: each standard field's meaning, format, length, allowed values and label.

Models take their `max_length`, choices, validators and verbose names from here; forms and the
API validate through `FieldSpec.clean`; bulk import reads the same specs. One definition each.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

from . import validation


class InsuranceType(models.TextChoices):
    """Insurance types (险种). Maternity is merged into medical (国办发〔2019〕10号)."""

    ENTERPRISE_PENSION = "enterprise_pension", _("Enterprise employees' pension")
    RESIDENT_PENSION = "resident_pension", _("Urban–rural residents' pension")
    MEDICAL = "medical", _("Medical (incl. maternity)")
    UNEMPLOYMENT = "unemployment", _("Unemployment")
    WORK_INJURY = "work_injury", _("Work injury")


class Participation(models.TextChoices):
    EMPLOYEE = "employee", _("Employee")
    FLEXIBLE = "flexible", _("Flexible worker")
    RESIDENT = "resident", _("Resident")


class RetirementCategory(models.TextChoices):
    """Original statutory retirement age group (2025 rules: 原法定退休年龄)."""

    MALE = "male", _("Man (originally 60)")
    FEMALE_55 = "female_55", _("Woman, staff (originally 55)")
    FEMALE_50 = "female_50", _("Woman, worker (originally 50)")


class Sex(models.TextChoices):
    MALE = "M", _("Male")
    FEMALE = "F", _("Female")


@dataclass(frozen=True)
class FieldSpec:
    """One field of the data standard."""

    name: str
    label: Any  # lazy translation: Chinese first, English by i18n
    meaning: str
    format: str
    max_length: int | None = None
    choices: type[models.TextChoices] | None = None
    cleaner: Callable[[Any], Any] | None = None
    personal: bool = False  # stored encrypted, shown masked
    example: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def clean(self, raw: Any) -> Any:
        """Normalise and validate; raises `validation.FieldError` naming the problem."""
        if self.choices is not None:
            if raw not in self.choices.values:
                raise validation.FieldError("choice", _("Choose one of the listed options."))
            return raw
        return self.cleaner(raw) if self.cleaner else raw

    def django_validator(self) -> FieldValidator:
        return FieldValidator(self.name)

    def describe(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "label": str(self.label),
            "meaning": self.meaning,
            "format": self.format,
            "max_length": self.max_length,
            "allowed_values": list(self.choices.values) if self.choices else None,
            "personal": self.personal,
            "example": self.example,
        }


@deconstructible
class FieldValidator:
    """A model/form validator that applies one field of the dictionary (serialisable in
    migrations by the field's name, so the rule itself lives only here)."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, value: Any) -> None:
        try:
            FIELDS[self.name].clean(value)
        except validation.FieldError as exc:
            raise ValidationError(exc.message, code=exc.code) from None

    def __eq__(self, other: object) -> bool:
        return isinstance(other, FieldValidator) and other.name == self.name


FIELDS: dict[str, FieldSpec] = {
    spec.name: spec
    for spec in [
        FieldSpec(
            "resident_id",
            _("ID number"),
            "Resident identity card number (居民身份证号码)",
            "18 characters: 6-digit region code valid in the birth year, birth date "
            "YYYYMMDD, 3-digit order code (odd for men), ISO 7064 MOD 11-2 check digit 0-9/X",
            18,
            cleaner=validation.resident_id,
            personal=True,
            example="110101199003070000 → shown 1101**********0000",
        ),
        FieldSpec(
            "credit_code",
            _("Unified social credit code"),
            "Employer's unified social credit code (统一社会信用代码)",
            "18 characters, GB 32100-2015 with check character",
            18,
            cleaner=validation.credit_code,
            example="91130181MA0CXXXXXX",
        ),
        FieldSpec(
            "mobile",
            _("Mobile number"),
            "Mainland mobile phone number (手机号码)",
            "11 digits, 13x–19x",
            11,
            cleaner=validation.mobile,
            personal=True,
            example="13812345678 → shown 138****5678",
        ),
        FieldSpec(
            "person_name",
            _("Name"),
            "Name as on the ID card (姓名)",
            "2–30 Han characters; · between parts of a minority name",
            30,
            cleaner=validation.person_name,
            example="买买提·艾力",
        ),
        FieldSpec(
            "bank_account",
            _("Bank account"),
            "Bank card or account for benefit payments",
            "12–30 digits",
            30,
            cleaner=validation.bank_account,
            personal=True,
            example="6222 **** **** 1234",
        ),
        FieldSpec(
            "region_code",
            _("Region code"),
            "Administrative division code (GB/T 2260)",
            "6 digits",
            6,
            cleaner=validation.region_code,
            example="130181",
        ),
        FieldSpec(
            "date",
            _("Date"),
            "A calendar date",
            "YYYY-MM-DD",
            10,
            cleaner=validation.date,
            example="2026-11-28",
        ),
        FieldSpec(
            "month",
            _("Month"),
            "A contribution or benefit month",
            "YYYY-MM",
            7,
            cleaner=validation.month,
            example="2026-10",
        ),
        FieldSpec(
            "amount",
            _("Amount (yuan)"),
            "Money in yuan (元), exact to the fen (分)",
            "decimal, ≥ 0, at most 2 decimals, below 10^10",
            13,
            cleaner=validation.amount,
            example="4076.00",
        ),
        FieldSpec(
            "insurance_type",
            _("Insurance type"),
            "Insurance type (险种)",
            "code",
            32,
            choices=InsuranceType,
        ),
        FieldSpec(
            "participation",
            _("Participation"),
            "How the person takes part",
            "code",
            16,
            choices=Participation,
        ),
        FieldSpec(
            "retirement_category",
            _("Retirement group"),
            "Original statutory retirement age group",
            "code",
            16,
            choices=RetirementCategory,
        ),
        FieldSpec("sex", _("Sex"), "Sex as on the ID card", "M or F", 1, choices=Sex),
    ]
}


def spec(name: str) -> FieldSpec:
    return FIELDS[name]


MONEY = {"max_digits": 14, "decimal_places": 2}
