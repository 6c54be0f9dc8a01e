"""How a calculation shows its work: the list of steps and the result object.

A step is a dict with at least
    what    plain English words saying what was computed or decided
    value   the value of that step
    params  the parameters used, each {name, value, region, valid_from, valid_to,
            source, level[, basis]}
and, where useful, `formula` and `inputs`. A result carries the values, the steps, the
rule version, the version of the parameter data and the names of assumed parameters,
so a decision can be recomputed years later and give the same answer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .params import Param, jsonable


class Steps:
    def __init__(self) -> None:
        self._items: list[dict] = []
        self._assumed: list[str] = []

    def add(
        self,
        what: str,
        value: Any,
        *,
        params: tuple[Param, ...] | list[Param] = (),
        formula: str | None = None,
        inputs: dict | None = None,
        **more: Any,
    ) -> Any:
        """Record one step and return its value, so code reads `x = steps.add(..., x)`."""
        item: dict[str, Any] = {
            "what": what,
            "value": jsonable(value),
            "params": [p.to_step() for p in params],
        }
        if formula:
            item["formula"] = formula
        if inputs:
            item["inputs"] = jsonable(inputs)
        item.update(jsonable(more))
        for p in params:
            if p.assumed and p.name not in self._assumed:
                self._assumed.append(p.name)
        self._items.append(item)
        return value

    def extend(self, other: Steps, *, prefix: str = "") -> None:
        for item in other._items:
            copy = dict(item)
            if prefix:
                copy["what"] = f"{prefix}{copy['what']}"
            self._items.append(copy)
        for name in other._assumed:
            if name not in self._assumed:
                self._assumed.append(name)

    @property
    def assumed(self) -> list[str]:
        return list(self._assumed)

    def as_list(self) -> list[dict]:
        return [dict(i) for i in self._items]


@dataclass
class Result:
    """Values of a calculation plus how they were obtained. `result.base` reads a value."""

    rule_version: str
    values: dict[str, Any]
    steps: list[dict]
    assumed: list[str] = field(default_factory=list)
    data_version: str = ""

    def __getattr__(self, name: str) -> Any:
        values = self.__dict__.get("values", {})
        if name in values:
            return values[name]
        raise AttributeError(name)

    def __getitem__(self, name: str) -> Any:
        return self.values[name]

    def to_json(self) -> dict:
        """The JSON shape of the CLI contract: money as strings with two decimals."""
        out = jsonable(self.values)
        out["rule_version"] = self.rule_version
        out["data_version"] = self.data_version
        out["assumed"] = list(self.assumed)
        out["steps"] = self.steps
        return out


def finish(rule_version: str, values: dict, steps: Steps, resolver) -> Result:
    return Result(
        rule_version=rule_version,
        values=values,
        steps=steps.as_list(),
        assumed=steps.assumed,
        data_version=resolver.store.version,
    )


__all__ = ["Steps", "Result", "finish", "jsonable"]
