"""Logs are JSON and never carry an ID number, a mobile number or an account number."""

import json
import logging

from shebao.ops.logging import JsonFormatter, RedactPersonalData


def _emit(message, *args, exc=None):
    record = logging.LogRecord("shebao.test", logging.WARNING, __file__, 1, message, args, exc)
    RedactPersonalData().filter(record)
    return JsonFormatter().format(record)


def test_personal_identifiers_in_a_log_line_are_redacted():
    line = _emit(
        "lookup failed for %s phone %s card %s",
        "132321196705150014",
        "13812345678",
        "6222020000001234567",
    )
    assert "132321196705150014" not in line and "13812345678" not in line
    assert "6222020000001234567" not in line
    payload = json.loads(line)
    assert payload["level"] == "WARNING" and "[id-number]" in payload["message"]


def test_tracebacks_are_redacted_too():
    try:
        raise ValueError("bad id 13232119850909005X")
    except ValueError as exc:
        line = _emit("failed", exc=(type(exc), exc, exc.__traceback__))
    assert "13232119850909005X" not in line and "ValueError" in line
