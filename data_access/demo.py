"""The sample-data mark: whether a database holds the generated sample (and so may offer the demo
without sign-in) or real data (always sign-in).

`python -m sample_data ensure` imports the sample under the user name SAMPLE_USER and then marks
the database (meta key SAMPLE_KEY); the national benchmark set marks it too. Any other import
that adds or updates a row clears the mark in its own transaction (data_access.importer), so once
real data has come in the demo is over for good, even if the sample's rows are still there. An
import that changes nothing (the unchanged sample workbook: 0 added, 0 updated) keeps the demo.
"""

from __future__ import annotations

import json

import sqlalchemy as sa

from data_access.schema import import_log, meta

SAMPLE_KEY = "sample_data"  # meta key: 1 while the registers hold only the generated sample
SAMPLE_USER = "voorbeeldgegevens"  # the user name under which the sample is imported


def mark_as_sample(conn: sa.Connection) -> None:
    """Records that the registers of this database hold generated sample data."""
    updated = conn.execute(meta.update().where(meta.c.key == SAMPLE_KEY).values(value=1))
    if updated.rowcount == 0:
        conn.execute(meta.insert().values(key=SAMPLE_KEY, value=1))


def is_sample_database(conn: sa.Connection) -> bool:
    """True when the registers were filled with the sample (and not marked otherwise since)."""
    value = conn.execute(sa.select(meta.c.value).where(meta.c.key == SAMPLE_KEY)).scalar()
    return bool(value)


def clear_sample_mark(conn: sa.Connection) -> None:
    """Removes the mark (an import of real data into a database that held the sample)."""
    conn.execute(meta.delete().where(meta.c.key == SAMPLE_KEY))


def changes_data(counts: dict) -> bool:
    """Import counts ({register: {"added": n, "updated": n, ...}}) that add or update a row."""
    return any(int(c.get("added", 0)) or int(c.get("updated", 0)) for c in counts.values())


def offers_demo(conn: sa.Connection) -> bool:
    """The demo without sign-in: marked as sample data and nothing imported but the sample, or
    imports that changed nothing (an import from before the importer cleared the mark still
    ends it)."""
    if not is_sample_database(conn):
        return False
    others = conn.execute(sa.select(import_log.c.counts).where(import_log.c.user_name != SAMPLE_USER))
    return not any(changes_data(json.loads(counts or "{}")) for (counts,) in others)
