"""Shared fixtures. Services this suite needs (PostgreSQL when DATABASE_URL names it, Redis,
Chromium) must be there: a test that cannot reach one fails, it does not skip."""

from __future__ import annotations

import pytest


@pytest.fixture
def office(db):
    from shebao.regions.services import office_create

    return office_create(
        code="xinji",
        name="辛集市社会保险事业服务中心",
        region_code="130181",
        province_code="130000",
        ledger_origin="xinji.shebao.example/ledger",
    )
