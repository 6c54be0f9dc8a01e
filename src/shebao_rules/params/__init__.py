"""Policy parameters: the store and its lookup (store.py) and the data files (*.toml) beside it.

    from shebao_rules import params
    params.lookup("wage.average", "hebei", 2026)          -> Param(value=Decimal("6794"), ...)
    params.lookup("pension.employer_rate", "hebei", "2019-05")
    params.series("wage.average", "hebei")                -> [Param, ...] oldest first

See store.py for the levels, the fallback rules and the refusal errors.
"""

from .store import (
    INPUT_LEVEL,
    LEVELS,
    Param,
    ParamStore,
    Resolver,
    default_store,
    jsonable,
    load_store,
    lookup,
    series,
    supplied,
)

__all__ = [
    "INPUT_LEVEL",
    "LEVELS",
    "Param",
    "ParamStore",
    "Resolver",
    "default_store",
    "jsonable",
    "load_store",
    "lookup",
    "series",
    "supplied",
]
