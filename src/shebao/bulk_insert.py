"""Fast insertion of many rows of one model: PostgreSQL's COPY where available, else bulk_create.

Used by the bulk write paths (history import, the demo seed) behind their services; it bypasses
save() and signals, which hold no business logic in this project anyway.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import connection, models


def insert_rows(model: type[models.Model], columns: list[str], rows: Iterable[tuple[Any, ...]],
                *, batch_size: int = 5000) -> int:
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
    count = 0
    batch: list[models.Model] = []
    for row in rows:
        batch.append(model(**dict(zip(columns, row, strict=True))))
        if len(batch) >= batch_size:
            model.objects.bulk_create(batch)
            count += len(batch)
            batch = []
    if batch:
        model.objects.bulk_create(batch)
        count += len(batch)
    return count
