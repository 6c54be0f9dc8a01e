"""The training database's settings entry, for config/settings.py (no Django import here).

TRAINING_DATABASE_URL chooses it. Without it the sandbox sits beside the real database on the
same kind of server, so practice runs the same SQL: an SQLite file `$SHEBAO_HOME/training.sqlite3`
beside an SQLite default, or a database named `<default name>_training` on the same PostgreSQL
server (create it once: `createdb <name>_training`).
"""

from __future__ import annotations

import copy
import os
from pathlib import Path
from typing import Any

import dj_database_url


def training_database(default: dict[str, Any], home: Path) -> dict[str, Any]:
    url = os.environ.get("TRAINING_DATABASE_URL", "").strip()
    if url:
        entry = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    elif default["ENGINE"] == "django.db.backends.sqlite3":
        entry = {**copy.deepcopy(default), "NAME": str(home / "training.sqlite3")}
    else:
        entry = {**copy.deepcopy(default), "NAME": f"{default['NAME']}_training"}
        entry.pop("TEST", None)
    if entry["ENGINE"] == "django.db.backends.sqlite3":
        entry["OPTIONS"] = {
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000;"
            ),
            "transaction_mode": "IMMEDIATE",
        }
        entry["CONN_MAX_AGE"] = 0
        entry.pop("TEST", None)
    return entry
