from __future__ import annotations

from ninja import Schema


class FieldDefinition(Schema):
    name: str
    label: str
    meaning: str
    format: str
    max_length: int | None
    allowed_values: list[str] | None
    personal: bool
    example: str


class ValidateIn(Schema):
    value: str


class ValidateOut(Schema):
    valid: bool
    value: str | None = None
    code: str | None = None
    message: str | None = None


class EnrolmentOut(Schema):
    insurance_type: str
    insurance_type_label: str
    status: str
    start_month: str


class MeOut(Schema):
    ref: str
    name: str
    id_number_masked: str
    status: str
    enrolments: list[EnrolmentOut]


class ErrorOut(Schema):
    detail: str
