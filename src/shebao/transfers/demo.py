"""Demo data for transfers: the simulated partner office.

刘芳's years in Chengdu (2000-07…2015-12) are seeded as contribution records held by another
region's office (enrolments without an office here). The Chengdu office is a second `Office`
row with its own ledger origin; `exchange.SimulatedPartner` answers for it.
"""

from shebao.regions.selectors import offices_all
from shebao.regions.services import office_create

PARTNERS = {
    # code: (name, region, province, ledger origin)
    "chengdu": ("成都市社会保险事业管理局", "510100", "510000", "chengdu.shebao.example/ledger"),
}


def seed_transfers(*, offices: dict, today) -> None:
    """Create the partner offices the demo's transfers are exchanged with (once)."""
    existing = {o.code for o in offices_all()}
    for code, (name, region, province, origin) in PARTNERS.items():
        if code not in existing:
            office_create(
                code=code,
                name=name,
                region_code=region,
                province_code=province,
                ledger_origin=origin,
            )
