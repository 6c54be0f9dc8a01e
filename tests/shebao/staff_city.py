"""A small staff city for the figures, time-limit and holiday tests (no tests here): the demo's
offices and staff accounts, built through the real services without the whole demo population,
including 晋州's reviewer and supervisor."""

from __future__ import annotations

import base64

from shebao.accounts.services import staff_account_create
from shebao.demo.personas import DEMO_TOTP_BASE32, STAFF
from shebao.demo.seed import DEMO_PASSWORD, OFFICES, PROVINCE
from shebao.regions.services import office_create

XINJI, JINZHOU = OFFICES["xinji"][0], OFFICES["jinzhou"][0]


def build_staff_city() -> dict:
    """Offices by code (xinji, jinzhou, hebei) with the demo staff."""
    offices = {
        code: office_create(
            code=code, name=name, region_code=region, province_code="130000", ledger_origin=origin
        )
        for code, (name, region, origin) in OFFICES.items()
    }
    code, name, region, origin = PROVINCE
    offices[code] = office_create(
        code=code, name=name, region_code=region, province_code="130000", ledger_origin=origin
    )
    secret = base64.b32decode(DEMO_TOTP_BASE32).hex()
    for member in STAFF:
        staff_account_create(
            username=member.username,
            office=offices[member.office],
            role=member.role,
            password=DEMO_PASSWORD,
            totp_secret_hex=secret,
        )
    return offices
