"""`shebao rules NAME`: one JSON object on stdin, one JSON object on stdout.

Names: retirement, contribution, account, pension, resident-pension, transfer,
claim-place, unemployment, adjustment, survivor. The input's keys are the keyword arguments of
the matching Python function (see shebao_rules/__init__.py). Money goes out as strings
with two decimals.

Assumed parameters (projections, older values the sources lack) are used by default here
and named in the output's "assumed" list and in the steps — the command answers questions
and estimates. Give "allow_assumed": false for an official calculation: it is then refused
when it would need one. (The Python functions default to the strict, official behaviour.)

Exit status: 0 with the result; 2 with {"error", "error_zh", "field"} for bad input,
an unknown name, invalid JSON or a missing parameter; 1 with {"error"} for a defect.
Never a traceback.
"""

from __future__ import annotations

import inspect
import json
import sys
from collections.abc import Callable
from decimal import Decimal

from . import (
    account,
    adjustment,
    contribution,
    pension,
    resident,
    retirement,
    survivor,
    transfer,
    unemployment,
)
from .errors import InputError, RulesError

COMMANDS: dict[str, Callable] = {
    "retirement": retirement.compute,
    "contribution": contribution.compute,
    "account": account.compute,
    "pension": pension.compute,
    "resident-pension": resident.compute,
    "transfer": transfer.compute,
    "claim-place": transfer.claim_place,
    "unemployment": unemployment.compute,
    "adjustment": adjustment.compute,
    "survivor": survivor.compute,
}


def run(name: str, data: dict) -> dict:
    """Call the command's function with the JSON object's keys; returns the JSON result."""
    fn = COMMANDS[name]
    sig = inspect.signature(fn)
    for key in data:
        if key not in sig.parameters:
            raise InputError(
                f"unknown field {key!r} for {name}; fields: {', '.join(sig.parameters)}",
                message_zh=f"{name} 不接受字段 {key!r}",
                field=key,
            )
    for pname, p in sig.parameters.items():
        if p.default is inspect.Parameter.empty and pname not in data:
            raise InputError(
                f"missing field: {pname}", message_zh=f"缺少字段：{pname}", field=pname
            )
    if "allow_assumed" in data and not isinstance(data["allow_assumed"], bool):
        raise InputError(
            "allow_assumed must be true or false",
            field="allow_assumed",
            message_zh="allow_assumed 须为 true 或 false",
        )
    if "allow_assumed" in sig.parameters:
        data.setdefault("allow_assumed", True)
    return fn(**data).to_json()


def _no_constant(name: str):
    raise ValueError(f"{name} is not a number")


def _write(stdout, obj: dict) -> None:
    stdout.write(json.dumps(obj, ensure_ascii=False, indent=2, default=str) + "\n")


def main(argv: list[str] | None = None, stdin=None, stdout=None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    names = ", ".join(COMMANDS)
    if len(argv) != 1 or argv[0] not in COMMANDS:
        given = argv[0] if argv else ""
        _write(
            stdout,
            {
                "error": f"unknown calculation {given!r}; use one of: {names}",
                "error_zh": f"未知的计算名称 {given!r}",
                "field": "name",
            },
        )
        return 2
    try:
        data = json.loads(stdin.read(), parse_float=Decimal, parse_constant=_no_constant)
    except (ValueError, UnicodeDecodeError) as exc:  # JSONDecodeError is a ValueError
        _write(
            stdout,
            {
                "error": f"input is not valid JSON: {exc}",
                "error_zh": "输入不是有效的 JSON",
                "field": "input",
            },
        )
        return 2
    if not isinstance(data, dict):
        _write(
            stdout,
            {
                "error": "input must be one JSON object",
                "error_zh": "输入须为一个 JSON 对象",
                "field": "input",
            },
        )
        return 2
    try:
        result = run(argv[0], data)
    except RulesError as exc:
        _write(stdout, exc.to_json())
        return 2
    except Exception as exc:  # a defect: still answer in JSON, never a traceback
        _write(
            stdout,
            {
                "error": f"internal error ({type(exc).__name__}); please report it",
                "error_zh": "内部错误，请报告",
                "field": None,
            },
        )
        return 1
    _write(stdout, result)
    return 0
