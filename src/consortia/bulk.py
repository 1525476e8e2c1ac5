"""Writing many rows fast: what ``bulk_create`` does, without a model instance per row. Used by
billing runs (tens of thousands of invoice lines) and the benchmarks' scale data."""

from django.db import connection


def insert_rows(model, columns, rows, *, returning=(), batch_size=1000) -> list[tuple]:
    """INSERT rows of plain values (ints, strings, Decimals, dates already adapted by
    ``connection.ops``) with one multi-row statement per batch, and return the ``returning``
    columns of the rows written. What ``bulk_create`` does, without building and preparing a
    model instance per row; every column must be given (no field defaults are applied)."""
    fields = [model._meta.get_field(name) for name in columns]
    if len(fields) != len(model._meta.concrete_fields) - 1:  # all but the primary key
        raise ValueError(f"insert_rows: give every column of {model.__name__} but its primary key")
    quote = connection.ops.quote_name
    names = ", ".join(quote(f.column) for f in fields)
    tail = ""
    if returning:
        tail = " RETURNING " + ", ".join(quote(model._meta.get_field(n).column) for n in returning)
    insert = f"INSERT INTO {quote(model._meta.db_table)} ({names})"
    if connection.vendor == "postgresql":
        # One array parameter per column (as Django's own bulk_create does there): a VALUES list
        # has a placeholder per value, and psycopg parsing that query costs more than the insert.
        arrays = ", ".join(f"%s::{f.db_type(connection)}[]" for f in fields)
        statement, size = f"{insert} SELECT * FROM UNNEST({arrays}){tail}", 5000
        statements = (
            (statement, [list(column) for column in zip(*rows[start : start + size], strict=True)])
            for start in range(0, len(rows), size)
        )
    else:
        # SQLite takes 999 parameters a statement (as Django declares it).
        limit = connection.features.max_query_params
        size = min(batch_size, limit // len(fields)) if limit else batch_size
        row_sql = "(" + ", ".join(["%s"] * len(fields)) + ")"
        statements = (
            (
                f"{insert} VALUES {', '.join([row_sql] * len(batch))}{tail}",
                [value for row in batch for value in row],
            )
            for batch in (rows[start : start + size] for start in range(0, len(rows), size))
        )
    found: list[tuple] = []
    with connection.cursor() as cursor:
        for sql, params in statements:
            cursor.execute(sql, params)
            if returning:
                found.extend(cursor.fetchall())
    return found
