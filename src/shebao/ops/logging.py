"""Structured JSON logs, with anything shaped like an ID number or mobile number redacted.

The code never logs personal data on purpose; this filter is the net under that rule (a
validation message quoting input, a library's debug line), applied to the final message text.
"""

from __future__ import annotations

import logging
import re

from pythonjsonlogger.json import JsonFormatter as _JsonFormatter

_RESIDENT_ID = re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)")
_MOBILE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
_LONG_DIGITS = re.compile(r"(?<!\d)\d{12,30}(?!\d)")


def redact(text: str) -> str:
    text = _RESIDENT_ID.sub("[id-number]", text)
    text = _MOBILE.sub("[mobile]", text)
    return _LONG_DIGITS.sub("[number]", text)


class RedactPersonalData(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message or record.args:
            record.msg, record.args = cleaned, None
        if record.exc_info and record.exc_info[1] is not None:
            # Tracebacks can quote local values; keep the type and place, drop the text.
            exc_type = record.exc_info[0].__name__ if record.exc_info[0] else "Exception"
            record.msg = f"{cleaned} [{exc_type}]"
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        return True


class JsonFormatter(_JsonFormatter):
    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("fmt", "%(asctime)s %(levelname)s %(name)s %(message)s")
        kwargs.setdefault(
            "rename_fields", {"asctime": "time", "levelname": "level", "name": "logger"}
        )
        super().__init__(*args, **kwargs)
