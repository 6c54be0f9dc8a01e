"""Writes for regions and offices."""

from __future__ import annotations

from django.db import transaction

from shebao.ledger.services import record_event

from . import gbt2260
from .models import Office, Region


def regions_load_gbt2260() -> int:
    """Load (or refresh) the full GB/T 2260 code list; returns the number of codes stored."""
    rows = {(e.code, e.name, e.valid_from_year): e for e in gbt2260.entries()}
    with transaction.atomic():
        Region.objects.all().delete()
        Region.objects.bulk_create(
            [
                Region(
                    code=e.code,
                    name=e.name,
                    province_code=e.province_code,
                    valid_from_year=e.valid_from_year,
                    valid_to_year=e.valid_to_year,
                )
                for e in rows.values()
            ],
            batch_size=2000,
        )
    return len(rows)


def office_create(
    *, code: str, name: str, region_code: str, province_code: str, ledger_origin: str
) -> Office:
    with transaction.atomic():
        office = Office.objects.create(
            code=code,
            name=name,
            region_code=region_code,
            province_code=province_code,
            ledger_origin=ledger_origin,
        )
        record_event(
            office=office,
            kind="office.created",
            data={"office": office.code, "region": region_code, "origin": ledger_origin},
        )
    return office
