"""Reading settings from the environment (12-factor), with the embedded-default locations.

Only `shebao demo` writes generated secrets (into ``$SHEBAO_HOME/secrets.env``); every other way
of running requires them in the environment. Nothing here holds a secret default.
"""

from __future__ import annotations

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured


def home() -> Path:
    """The folder holding the embedded database, broker spool and demo secrets."""
    return Path(os.environ.get("SHEBAO_HOME", "var")).resolve()


def required(name: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(
            f"{name} is not set. Set it in the environment (see docs/operations.md); "
            "`shebao demo` generates one for the demo."
        )
    return value


def flag(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return raw.strip().lower() in {"1", "true", "yes", "on"}


def listing(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def load_env_file(path: Path) -> None:
    """Load KEY=VALUE lines into os.environ without overriding what is already set."""
    if not path.exists():
        return
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, value = line.split("=", 1)
        os.environ.setdefault(key.strip(), value.strip())
