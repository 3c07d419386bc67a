"""Fictitious sample data: the zone sample (generate.py) that a first run loads, the workbook
writer (workbook.py) and the national scale for benchmarks (national.py).

A database loaded by this package is marked in the meta table (data_access.demo: key
"sample_data"), so the app can tell a demo database from one with real data (real data always
requires sign-in); any other import clears the mark."""

from __future__ import annotations

# The mark lives in data_access (the importer clears it, and data_access never imports this
# package); re-exported here for the generator and older callers.
from data_access.demo import (  # noqa: F401
    SAMPLE_KEY,
    SAMPLE_USER,
    clear_sample_mark,
    is_sample_database,
    mark_as_sample,
)
