"""Reading the GB/T 2260 code list that python-stdnum ships (with validity years per name)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources


@dataclass(frozen=True)
class RegionEntry:
    code: str
    name: str
    province_code: str
    valid_from_year: int | None
    valid_to_year: int | None


_NAME = re.compile(r'(?:province|county)="([^"]*)"')
_PERIOD = re.compile(r"^\[(\d*)-(\d*)\](.*)$")


def entries() -> Iterator[RegionEntry]:
    text = resources.files("stdnum.cn").joinpath("loc.dat").read_text(encoding="utf-8")
    province = ""
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        match = _NAME.search(line)
        if not match:
            continue
        if not line.startswith(" "):
            province = line.split()[0]
            yield RegionEntry(province + "0000", match.group(1), province + "0000", None, None)
            continue
        suffix = line.split()[0]
        if suffix == "0000":
            continue
        for name in match.group(1).split(","):
            period = _PERIOD.match(name)
            start = end = None
            if period:
                start = int(period.group(1)) if period.group(1) else None
                end = int(period.group(2)) if period.group(2) else None
                name = period.group(3)
            yield RegionEntry(province + suffix, name, province + "0000", start, end)
