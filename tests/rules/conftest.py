"""Tests of the rules engine run without Django; the package is imported from src/."""

import io
import json
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src"
if str(SRC) not in sys.path:
    sys.path.insert(0, str(SRC))


def run_cli(name, payload):
    """Call the CLI contract with a JSON payload; returns (exit status, parsed output)."""
    from shebao_rules.cli import main

    stdin = io.StringIO(payload if isinstance(payload, str) else json.dumps(payload))
    stdout = io.StringIO()
    code = main([name], stdin=stdin, stdout=stdout)
    return code, json.loads(stdout.getvalue())


@pytest.fixture
def cli():
    return run_cli
