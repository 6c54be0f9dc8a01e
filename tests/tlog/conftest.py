"""Make ``src/shebao_tlog`` importable when the project is not pip-installed.

These tests need no Django; run them with ``-p no:django``.
"""

import sys
from pathlib import Path

_SRC = Path(__file__).resolve().parents[2] / "src"
if str(_SRC) not in sys.path:
    sys.path.insert(0, str(_SRC))

import pytest  # noqa: E402

from tests.tlog.tlog_vectors import load_vectors, missing_message  # noqa: E402


@pytest.fixture(scope="session")
def vectors():
    data = load_vectors()
    if data is None:
        pytest.fail(missing_message())
    return data
