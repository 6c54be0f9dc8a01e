"""Imports flow one way: rules -> domain apps -> interfaces (docs/architecture.md).

A domain app reaches another only through that app's services and selectors (or the shared
standards, personal-data and bulk-insert modules); the policy engine and the log library never
import Django or the platform.
"""

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"
INTERFACES = {"portal", "api", "backoffice", "ops", "config"}
SHARED = {
    "standards",
    "pii",
    "bulk_insert",
    "client_address",
    "pdf_common",
    "svg_charts",
    "cli",
}
DOMAIN = {
    "regions",
    "accounts",
    "registry",
    "contributions",
    "benefits",
    "ledger",
    "demo",
    "messaging",
    "certificates",
    "workdays",
    "applications",
    "payments",
    "appointments",
    "transfers",
    "review",
    "security",
}
# Read-only public data of a domain app, which other apps and the interfaces may import beside
# its services and selectors: the service catalogue and the transition table.
PUBLIC_MODULES = {"services", "selectors", "catalogue", "workflow"}


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module.count(".") == 1:  # from shebao.app import module
                names += [f"{node.module}.{a.name}" for a in node.names]
            else:
                names.append(node.module)
    return names


def test_pure_packages_import_neither_django_nor_the_platform():
    offenders = []
    for package in ("shebao_rules", "shebao_tlog"):
        for path in (SRC / package).rglob("*.py"):
            for name in _imports(path):
                if name.split(".")[0] in {"django", "shebao", "ninja", "celery"}:
                    offenders.append(f"{path.relative_to(SRC)} imports {name}")
    assert offenders == []


def test_domain_apps_do_not_import_interfaces_nor_other_apps_models():
    offenders = []
    for app in DOMAIN:
        for path in (SRC / "shebao" / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for name in _imports(path):
                parts = name.split(".")
                if parts[0] != "shebao" or len(parts) < 2:
                    continue
                target = parts[1]
                if target in INTERFACES:
                    offenders.append(f"{path.relative_to(SRC)} imports interface {name}")
                elif target in DOMAIN and target != app and app != "demo":
                    if len(parts) < 3 or parts[2] not in PUBLIC_MODULES:
                        offenders.append(f"{path.relative_to(SRC)} reaches into {name}")
    assert offenders == []


def test_interfaces_read_and_write_only_through_services_and_selectors():
    offenders = []
    for app in ("portal", "api"):
        for path in (SRC / "shebao" / app).rglob("*.py"):
            for name in _imports(path):
                parts = name.split(".")
                if (
                    parts[0] == "shebao"
                    and len(parts) > 2
                    and parts[1] in DOMAIN
                    and parts[2] not in PUBLIC_MODULES
                ):
                    offenders.append(f"{path.relative_to(SRC)} imports {name}")
    assert offenders == []
