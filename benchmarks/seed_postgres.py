"""Seed the demo city on PostgreSQL and compare with PostgreSQL's own COPY of the same rows.

    .venv/bin/python benchmarks/seed_postgres.py [--persons 100000] [--url postgres://postgres@127.0.0.1:5432]

1. Creates a fresh database `shebao_bench`, migrates it and seeds N persons through the real
   seed (plans, the policy engine for every history, the domain services and their ledger
   events) — prints rows written per second.
2. In the same run, exports every table it wrote (COPY TO, binary) and loads those exact rows
   with COPY FROM into empty copies of the tables (same columns, indexes and constraints but
   foreign keys) — PostgreSQL's own bulk-load rate, the ceiling for any loader.
The database is dropped at the end unless --keep is given.
"""

from __future__ import annotations

import argparse
import base64
import io
import os
import sys
import tempfile
import time
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
DB = "shebao_bench"


def _prepare(url: str) -> str:
    with psycopg.connect(f"{url}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DB}")
        conn.execute(f"CREATE DATABASE {DB}")
    return f"{url}/{DB}"


def _django(db_url: str) -> None:
    os.environ.update(
        {
            "DATABASE_URL": db_url,
            "SHEBAO_HOME": tempfile.mkdtemp(prefix="shebao-bench-"),
            "SHEBAO_SECRET_KEY": base64.b64encode(os.urandom(40)).decode(),
            "SHEBAO_DATA_KEYS": "b1:" + base64.b64encode(os.urandom(32)).decode(),
            "SHEBAO_INDEX_KEY": base64.b64encode(os.urandom(32)).decode(),
            "DJANGO_SETTINGS_MODULE": "shebao.config.settings",
        }
    )
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _tables_with_rows(conn) -> dict[str, int]:
    from django.apps import apps

    counts = {}
    for model in apps.get_models():
        table = model._meta.db_table
        n = conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
        if n:
            counts[table] = n
    return counts


def _copy_baseline(db_url: str, tables: dict[str, int]) -> float:
    """Seconds PostgreSQL's COPY FROM takes to load the same rows into empty look-alike tables."""
    with psycopg.connect(db_url) as conn:
        dumps = {}
        for table in tables:
            buffer = io.BytesIO()
            with conn.cursor().copy(f'COPY "{table}" TO STDOUT (FORMAT binary)') as copy:
                for chunk in copy:
                    buffer.write(chunk)
            dumps[table] = buffer.getvalue()
            conn.execute(f'CREATE TABLE "bench_{table}" (LIKE "{table}" INCLUDING ALL)')
        conn.commit()
        start = time.perf_counter()
        for table, data in dumps.items():
            with conn.cursor().copy(f'COPY "bench_{table}" FROM STDIN (FORMAT binary)') as copy:
                copy.write(data)
        conn.commit()
        return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument(
        "--url", default=os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
    )
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()

    db_url = _prepare(args.url)
    _django(db_url)
    from shebao.demo.seed import seed_city

    start = time.perf_counter()
    seed_city(persons=args.persons, progress=True)
    seed_seconds = time.perf_counter() - start

    with psycopg.connect(db_url) as conn:
        tables = _tables_with_rows(conn)
    total = sum(tables.values())
    copy_seconds = _copy_baseline(db_url, tables)

    print(f"\npersons seeded:            {args.persons:,}")
    print(f"rows written (all tables): {total:,}")
    for table, n in sorted(tables.items(), key=lambda kv: -kv[1])[:8]:
        print(f"  {table:<34} {n:>12,}")
    print(
        f"seed:  {seed_seconds:9.1f} s  {total / seed_seconds:>12,.0f} rows/s  "
        f"{args.persons / seed_seconds:>8,.0f} persons/s"
    )
    print(f"COPY:  {copy_seconds:9.1f} s  {total / copy_seconds:>12,.0f} rows/s  (same rows)")
    print(f"seed rate is {total / seed_seconds / (total / copy_seconds):.1%} of COPY's")

    if not args.keep:
        from django.db import connections

        connections.close_all()
        with psycopg.connect(f"{args.url}/postgres", autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {DB}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
