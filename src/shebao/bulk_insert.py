"""Fast insertion of many rows of one model: PostgreSQL's COPY, else one prepared INSERT.

Used by the bulk write paths (history import, the demo seed) behind their services; it bypasses
save() and signals, which hold no business logic in this project anyway.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import connection, models


def insert_rows(
    model: type[models.Model],
    columns: list[str],
    rows: Iterable[tuple[Any, ...]],
    *,
    batch_size: int = 5000,
) -> int:
    """Insert ``rows`` (tuples in ``columns`` order; FK columns by their ``*_id`` attname)."""
    table = model._meta.db_table
    if connection.vendor == "postgresql":
        cols = ", ".join(connection.ops.quote_name(c) for c in columns)
        count = 0
        with connection.cursor() as cursor:
            raw = cursor.cursor  # the psycopg 3 cursor under Django's wrapper
            with raw.copy(f"COPY {connection.ops.quote_name(table)} ({cols}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
                    count += 1
        return count
    # Elsewhere (SQLite): one prepared INSERT run over the rows, in batches.
    placeholders = ", ".join(["%s"] * len(columns))
    cols = ", ".join(connection.ops.quote_name(c) for c in columns)
    sql = f"INSERT INTO {connection.ops.quote_name(table)} ({cols}) VALUES ({placeholders})"
    count = 0
    batch: list[tuple[Any, ...]] = []
    with connection.cursor() as cursor:
        for row in rows:
            batch.append(row)
            if len(batch) >= batch_size:
                cursor.executemany(sql, batch)
                count += len(batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)
            count += len(batch)
    return count
