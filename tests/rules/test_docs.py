"""docs/rules.md keeps up with the data and the commands."""

from pathlib import Path

from shebao_rules import params
from shebao_rules.cli import COMMANDS

DOC = (Path(__file__).resolve().parents[2] / "docs" / "rules.md").read_text()


def test_every_parameter_in_the_data_is_explained_with_its_level():
    missing = [n for n in params.default_store().names() if f"`{n}`" not in DOC]
    assert not missing, f"docs/rules.md does not mention: {missing}"


def test_every_command_is_documented():
    assert all(f"`{name}`" in DOC for name in COMMANDS)
