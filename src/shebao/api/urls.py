"""Thin handlers over the data dictionary and the selectors."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import NinjaAPI
from ninja.errors import Throttled
from ninja.responses import Status
from ninja.security import django_auth

from shebao.contributions.selectors import enrolments_current
from shebao.ops.ratelimit import ApiThrottle, api_throttled
from shebao.standards.dictionary import FIELDS
from shebao.standards.validation import FieldError

from .schemas import ErrorOut, FieldDefinition, MeOut, ValidateIn, ValidateOut

api = NinjaAPI(
    title="Shebao API",
    version="0.1.0",
    urls_namespace="api",
    description="Social insurance (社保) services. Personal identifiers are always masked.",
    throttle=[ApiThrottle()],
)
api.add_exception_handler(Throttled, api_throttled)


@api.get("/dictionary", response=list[FieldDefinition], tags=["data standards"])
def dictionary(request: HttpRequest):
    """Every standard field: meaning, format, length, allowed values and label."""
    return [spec.describe() for spec in FIELDS.values()]


@api.post(
    "/dictionary/{name}/validate",
    response={200: ValidateOut, 404: ErrorOut},
    tags=["data standards"],
)
def validate(request: HttpRequest, name: str, payload: ValidateIn):
    """Check one value against its field's rule; the message is in the request's language."""
    spec = FIELDS.get(name)
    if spec is None:
        return Status(404, {"detail": f"unknown field {name!r}"})
    try:
        value = spec.clean(payload.value)
    except FieldError as exc:
        return Status(200, {"valid": False, "code": exc.code, "message": str(exc.message)})
    shown = None if spec.personal else str(value)
    return Status(200, {"valid": True, "value": shown})


@api.get("/me", response={200: MeOut, 403: ErrorOut}, auth=django_auth, tags=["insured person"])
def me(request: HttpRequest):
    """The signed-in person's own summary (masked identifiers)."""
    person = request.user.person
    if person is None:
        return Status(403, {"detail": "not an insured person's account"})
    return Status(
        200,
        {
            "ref": str(person.ref),
            "name": person.name,
            "id_number_masked": person.id_number_masked,
            "status": person.status,
            "enrolments": [
                {
                    "insurance_type": e.insurance_type,
                    "insurance_type_label": str(e.get_insurance_type_display()),
                    "status": e.status,
                    "start_month": e.start_month.strftime("%Y-%m"),
                }
                for e in enrolments_current(person)
            ],
        },
    )


# Service operations, one router per subject (each module thin over its app's services).
from . import applications, appointments, claims, payments, staff, transfers  # noqa: E402

api.add_router("/applications", applications.router)
api.add_router("/claims", claims.router)
api.add_router("/transfers", transfers.router)
api.add_router("/payments", payments.router)
api.add_router("/appointments", appointments.router)
api.add_router("/staff", staff.router)
