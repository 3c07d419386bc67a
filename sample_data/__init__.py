"""Fictitious sample data: the zone sample (generate.py) that a first run loads, the workbook
writer (workbook.py) and the national scale for benchmarks (national.py).

A database loaded by this package is marked in the meta table (key "sample_data"), so the app
can tell a demo database from one with real data (real data always requires sign-in)."""

from __future__ import annotations

import sqlalchemy as sa

from data_access.schema import meta

SAMPLE_KEY = "sample_data"


def mark_as_sample(conn: sa.Connection) -> None:
    """Records that the registers of this database hold generated sample data."""
    updated = conn.execute(meta.update().where(meta.c.key == SAMPLE_KEY).values(value=1))
    if updated.rowcount == 0:
        conn.execute(meta.insert().values(key=SAMPLE_KEY, value=1))


def is_sample_database(conn: sa.Connection) -> bool:
    """True when the registers were filled by this package (and not marked otherwise since)."""
    value = conn.execute(sa.select(meta.c.value).where(meta.c.key == SAMPLE_KEY)).scalar()
    return bool(value)


def clear_sample_mark(conn: sa.Connection) -> None:
    """Removes the mark (for an import of real data into a database that held the sample)."""
    conn.execute(meta.delete().where(meta.c.key == SAMPLE_KEY))
