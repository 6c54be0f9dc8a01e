"""The rules package stays pure: no Django, no clock, no float money, no bare policy numbers."""

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "shebao_rules"
SOURCES = sorted(PACKAGE.rglob("*.py"))


def test_no_module_imports_django():
    for path in SOURCES:
        tree = ast.parse(path.read_text(), filename=str(path))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            assert not any(n.split(".")[0] == "django" for n in names), path


def test_no_calculation_reads_the_clock():
    clock = re.compile(r"\b(now|today|utcnow|time\.time|localtime)\s*\(")
    for path in SOURCES:
        assert not clock.search(path.read_text()), path


def test_rates_and_amounts_are_not_literals_in_the_calculations():
    # Decimal("0.16")-style literals would be policy numbers hiding in code
    literal = re.compile(r"Decimal\(\s*[\"']\d*\.\d*[1-9]")
    for path in SOURCES:
        if path.name == "money.py":
            continue
        assert not literal.search(path.read_text()), path
