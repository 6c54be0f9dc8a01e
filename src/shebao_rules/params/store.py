"""Policy parameters (政策参数) as data: the store, its loading, and lookup by region and date.

Every rate, base, limit, table, interest rate and scheme the rules use is a row in the
TOML files of `shebao_rules/params/`, carrying its name, value, region, validity period,
source (document number or address from the reference) and confidence level:

    V-src   seen in an official text or a verbatim copy of one
    V-calc  reproduces official benefit notices to the fen
    R       claimed by third-party repositories only
    R+M     as R, and matching memory
    I       inferred (e.g. back-computed from notices)
    M       from memory, to be checked by a person
    assumed not published at all: a projection or an older value, with its basis;
            refused unless the caller allows assumptions (estimates, never decisions)
    input   supplied by the caller in the input (only in results, never in the data)

Lookup is by (name, region, date). A region's own rows win; a city falls back to its
province (provincial rules apply in its cities); any region falls back to a `national`
row only where that row is marked `nationwide` (the rule is national). Nothing else is
ever substituted: no other year, no other province.
"""

from __future__ import annotations

import datetime as _dt
import functools
import hashlib
import re
import tomllib
from dataclasses import dataclass, replace
from decimal import Decimal
from importlib import resources
from typing import Any

from ..errors import (
    AssumedNotAllowed,
    DataError,
    InputError,
    ParameterChangesWithinYear,
    ParameterMissing,
)
from ..months import Month

LEVELS = ("V-src", "V-calc", "R", "R+M", "I", "M", "assumed")
INPUT_LEVEL = "input"
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


@dataclass(frozen=True)
class Param:
    """One value of one parameter for one region and validity period."""

    name: str
    value: Any
    region: str
    valid_from: Month | None
    valid_to: Month | None  # None: in force until changed
    source: str
    level: str
    basis: str = ""
    nationwide: bool = False

    @property
    def assumed(self) -> bool:
        return self.level == "assumed"

    def covers(self, m: Month) -> bool:
        return (self.valid_from is None or self.valid_from <= m) and (
            self.valid_to is None or m <= self.valid_to
        )

    def pick(self, key) -> Param:
        """The entry `key` of a table parameter, as a parameter of its own for the steps."""
        table = self.value
        k = str(key)
        if not isinstance(table, dict) or k not in table:
            raise KeyError(k)
        return replace(self, name=f"{self.name}[{k}]", value=table[k])

    def to_step(self) -> dict:
        out = {
            "name": self.name,
            "value": jsonable(self.value),
            "region": self.region,
            "valid_from": str(self.valid_from) if self.valid_from else None,
            "valid_to": str(self.valid_to) if self.valid_to else None,
            "source": self.source,
            "level": self.level,
        }
        if self.basis:
            out["basis"] = self.basis
        return out


def jsonable(value):
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Month):
        return str(value)
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    return value


def _convert(value):
    """TOML values to rule values: decimal-looking strings become Decimal (never float)."""
    if isinstance(value, str) and _NUMBER.match(value):
        return Decimal(value)
    if isinstance(value, float):
        raise DataError(f"write decimals as strings in parameter data, got float {value!r}")
    if isinstance(value, dict):
        return {k: _convert(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_convert(v) for v in value]
    return value


def _month_bound(text, *, end: bool) -> Month | None:
    if text in (None, ""):
        return None
    text = str(text)
    if re.fullmatch(r"\d{4}", text):
        return Month(int(text), 12 if end else 1)
    return Month.parse(text)


def _when(on) -> str:
    return "current rules" if on is None else str(on)


class ParamStore:
    """All parameter rows, indexed by (name, region)."""

    def __init__(self, params: list[Param], regions: dict[str, dict], version: str = "dev"):
        self.regions = regions
        self.version = version
        self._by_key: dict[tuple[str, str], list[Param]] = {}
        # The store never changes after loading, so resolved lookups are remembered: a seed or
        # a batch job asks the same (name, region, month) many thousands of times.
        self._found: dict[tuple[str, str, Month | None], Param | None] = {}
        self._year_found: dict[tuple[str, str, int], tuple[str, object]] = {}
        for p in params:
            if p.region not in regions:
                raise DataError(f"{p.name}: unknown region {p.region!r}")
            if p.level not in LEVELS:
                raise DataError(f"{p.name} ({p.region}): unknown level {p.level!r}")
            if not p.source:
                raise DataError(f"{p.name} ({p.region}): no source")
            if p.level in ("assumed", "I") and not p.basis:
                raise DataError(f"{p.name} ({p.region}): level {p.level} needs a basis")
            if p.valid_from and p.valid_to and p.valid_to < p.valid_from:
                raise DataError(f"{p.name} ({p.region}): validity ends before it starts")
            self._by_key.setdefault((p.name, p.region), []).append(p)
        for (name, region), rows in self._by_key.items():
            rows.sort(key=lambda p: p.valid_from or Month(1, 1))
            for a, b in zip(rows, rows[1:], strict=False):
                if a.valid_to is None or (b.valid_from is not None and b.valid_from <= a.valid_to):
                    raise DataError(f"{name} ({region}): validity periods overlap")

    # -- lookup ---------------------------------------------------------------------------

    def check_region(self, region: str, field: str = "region") -> str:
        if region not in self.regions:
            known = ", ".join(sorted(self.regions))
            raise InputError(
                f"unknown region {region!r}; known: {known}",
                message_zh=f"未知地区 {region!r}",
                field=field,
            )
        return region

    def _chain(self, region: str) -> list[str]:
        chain = []
        r = region
        while r and r != "national":
            chain.append(r)
            r = self.regions[r].get("parent")
        return chain

    @staticmethod
    def _select(rows, m: Month | None) -> Param | None:
        if m is None:
            open_rows = [p for p in rows if p.valid_to is None]
            return open_rows[-1] if open_rows else None
        for p in rows:
            if p.covers(m):
                return p
        return None

    def _find(self, name: str, region: str, m: Month | None) -> Param | None:
        key = (name, region, m)
        if key not in self._found:
            self._found[key] = self._resolve(name, region, m)
        return self._found[key]

    def _resolve(self, name: str, region: str, m: Month | None) -> Param | None:
        for r in self._chain(region):
            hit = self._select(self._by_key.get((name, r), ()), m)
            if hit:
                return hit
        national = self._by_key.get((name, "national"), ())
        if region != "national":
            national = [p for p in national if p.nationwide]
        return self._select(national, m)

    def lookup(
        self,
        name: str,
        region: str,
        on: Month | _dt.date | str | int | None = None,
        *,
        allow_assumed: bool = False,
        field: str | None = None,
    ) -> Param:
        """The value of `name` for `region` on a month (or a whole year, or the current rules).

        `on` may be a Month, a date, "YYYY-MM", an int year (the value must hold for the
        whole year) or None (the open-ended row: the rules in force per the data).
        Refuses with ParameterMissing / AssumedNotAllowed / ParameterChangesWithinYear.
        """
        self.check_region(region)
        if isinstance(on, int) and not isinstance(on, bool):
            hit = self._whole_year(name, region, on, field)
        else:
            m = None if on is None else (on if isinstance(on, Month) else _to_month(on))
            hit = self._find(name, region, m)
            if hit is None:
                raise ParameterMissing(name, region, _when(m), field=field)
        if hit.assumed and not allow_assumed:
            raise AssumedNotAllowed(name, region, _when(on), hit.basis, field=field)
        return hit

    def _whole_year(self, name: str, region: str, year: int, field: str | None) -> Param:
        """The one row that holds for every month of ``year``, or the refusal saying why not."""
        key = (name, region, year)
        if key not in self._year_found:
            by_month = [self._find(name, region, Month(year, mm)) for mm in range(1, 13)]
            gap = next((mm for mm, p in enumerate(by_month, start=1) if p is None), None)
            if gap is not None:
                when = str(year) if all(p is None for p in by_month) else str(Month(year, gap))
                self._year_found[key] = ("missing", when)
            elif any(p is not by_month[0] for p in by_month):
                self._year_found[key] = ("changes", None)
            else:
                self._year_found[key] = ("found", by_month[0])
        outcome, value = self._year_found[key]
        if outcome == "missing":
            raise ParameterMissing(name, region, value, field=field)
        if outcome == "changes":
            raise ParameterChangesWithinYear(name, region, year)
        return value

    def rows(self, name: str, region: str | None = None) -> list[Param]:
        """Every row of a parameter (of one region if given, without fallback), oldest first."""
        out = []
        for (n, r), rows in sorted(self._by_key.items()):
            if n == name and (region is None or r == region):
                out.extend(rows)
        return out

    def names(self) -> list[str]:
        return sorted({n for n, _ in self._by_key})

    def all(self) -> list[Param]:
        return [p for rows in self._by_key.values() for p in rows]


def _to_month(on) -> Month:
    if isinstance(on, _dt.date):
        return Month(on.year, on.month)
    return Month.parse(on)


# -- loading ------------------------------------------------------------------------------


def _rows_from_file(doc: dict, filename: str) -> list[Param]:
    out = []
    for raw in doc.get("param", []):
        try:
            out.append(
                Param(
                    name=raw["name"],
                    value=_convert(raw["value"]),
                    region=raw["region"],
                    valid_from=_month_bound(raw.get("from"), end=False),
                    valid_to=_month_bound(raw.get("to"), end=True),
                    source=raw["source"],
                    level=raw["level"],
                    basis=raw.get("basis", ""),
                    nationwide=bool(raw.get("nationwide", False)),
                )
            )
        except KeyError as exc:
            raise DataError(f"{filename}: a [[param]] lacks {exc}") from None
    for s in doc.get("series", []):
        # A yearly series: rows = [[year, value_of_names[0], value_of_names[1], ...], ...]
        names = s["names"]
        for row in s["rows"]:
            year, values = row[0], row[1:]
            if len(values) != len(names):
                raise DataError(f"{filename}: series row {row} does not match names {names}")
            for name, value in zip(names, values, strict=True):
                out.append(
                    Param(
                        name=name,
                        value=_convert(value),
                        region=s["region"],
                        valid_from=Month(year, 1),
                        valid_to=Month(year, 12),
                        source=s["source"],
                        level=s["level"],
                        basis=s.get("basis", ""),
                        nationwide=bool(s.get("nationwide", False)),
                    )
                )
    return out


def load_store(directory=None) -> ParamStore:
    """Load every *.toml file of the parameter folder (default: the packaged one)."""
    folder = directory or resources.files("shebao_rules.params")
    files = sorted((f for f in folder.iterdir() if f.name.endswith(".toml")), key=lambda f: f.name)
    digest = hashlib.sha256()
    params: list[Param] = []
    regions: dict[str, dict] = {}
    data_version = "dev"
    for f in files:
        raw = f.read_bytes()
        digest.update(f.name.encode() + b"\0" + raw)
        doc = tomllib.loads(raw.decode("utf-8"))
        if "regions" in doc:
            regions.update(doc["regions"])
            data_version = doc.get("data_version", data_version)
        params.extend(_rows_from_file(doc, f.name))
    return ParamStore(params, regions, f"{data_version}+{digest.hexdigest()[:12]}")


@functools.lru_cache(maxsize=1)
def default_store() -> ParamStore:
    return load_store()


def lookup(name: str, region: str, on=None, *, allow_assumed: bool = False) -> Param:
    """Module-level lookup in the packaged data; see `ParamStore.lookup`."""
    return default_store().lookup(name, region, on, allow_assumed=allow_assumed)


def series(name: str, region: str) -> list[Param]:
    """All rows of one parameter for one region (no fallback), oldest first."""
    return default_store().rows(name, region)


class Resolver:
    """What one calculation uses to fetch parameters.

    Holds the caller's choices: the region, whether assumed values are allowed, values
    the caller supplies (`overrides`, by parameter name), and `as_of` — the month whose
    rules apply where a rule has no date of its own (e.g. the 12 % transfer rate).
    """

    def __init__(
        self,
        region: str | None = None,
        *,
        allow_assumed: bool = False,
        overrides: dict | None = None,
        as_of: Month | None = None,
        store: ParamStore | None = None,
    ):
        self.store = store or default_store()
        self.region = self.store.check_region(region) if region is not None else "national"
        self.allow_assumed = allow_assumed
        self.overrides = dict(overrides or {})
        self.as_of = as_of

    def get(
        self, name: str, on=None, *, field: str | None = None, region: str | None = None
    ) -> Param:
        region = region or self.region
        if name in self.overrides:
            return supplied(name, self.overrides[name], region, f"params.{name}")
        if on is None:
            on = self.as_of
        return self.store.lookup(name, region, on, allow_assumed=self.allow_assumed, field=field)


def supplied(name: str, value, region: str, field: str) -> Param:
    """A parameter value the caller gave in the input, shown as such in the steps."""
    from .. import inputs  # local: inputs has no reason to know about parameters

    if isinstance(value, dict):
        value = {str(k): inputs.decimal(v, f"{field}.{k}") for k, v in value.items()}
    elif isinstance(value, (list, tuple)):
        value = [str(v) for v in value]
    else:
        value = inputs.decimal(value, field)
    return Param(
        name=name,
        value=value,
        region=region,
        valid_from=None,
        valid_to=None,
        source=f"supplied by the caller (input field {field})",
        level=INPUT_LEVEL,
    )
