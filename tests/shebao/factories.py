"""Factories build valid domain objects through the services, never around them."""

from __future__ import annotations

import itertools

from stdnum.cn import ric

from shebao.registry.services import PersonInput, person_register

_serial = itertools.count(101)


def resident_id(*, region: str = "130181", birth: str = "19950101", male: bool = True) -> str:
    """A valid 18-digit ID number with a fresh order code."""
    order = next(_serial) % 1000
    if (order % 2 == 1) != male:
        order = (order + 1) % 1000
    body = f"{region}{birth}{order:03d}"
    return body + ric.calc_check_digit(body + "0")


def person(office, **overrides):
    data = {
        "name": "测试人",
        "resident_id": resident_id(),
        "phone": f"1390000{next(_serial):04d}",
        "retirement_category": "male",
        "hukou_region_code": "130181",
        "bank_name": "中国工商银行",
        "bank_account": "6222020000001234567",
    }
    data.update(overrides)
    return person_register(PersonInput(**data), office=office)
