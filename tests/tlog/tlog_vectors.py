"""Locate and load the shared RFC 6962 test vectors (transparency-dev/merkle testdata, as hex).

CI clones the repository next to ``shared/``, so the file is found relative to the
repository root, not the working directory. A missing file is a failure, never a skip.
"""

import json
from pathlib import Path

VECTORS_PATH = (
    Path(__file__).resolve().parents[2].parent / "shared" / "reference" / "rfc6962-vectors-hex.json"
)


def load_vectors():
    """Return the parsed vector file, or None if it is missing."""
    if not VECTORS_PATH.is_file():
        return None
    return json.loads(VECTORS_PATH.read_text(encoding="utf-8"))


def missing_message():
    return f"RFC 6962 test vectors missing at {VECTORS_PATH}: shared/ must sit beside the repo"
