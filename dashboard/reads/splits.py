"""A year's rows split by a column, a cross table, and lead-time and age bins, cached on small keys.

    split_counts(access, register, year, as_of, column, *, dienst=None) -> {value: count}
    cross_table(access, register, year, as_of, rows, columns, *, dienst=None) -> DataFrame
    lead_time_bins(access, register, year, as_of, edges, *, dienst=None) -> [count per bin]
    open_complaint_age_bins(access, as_of, edges, *, dienst=None) -> [count per bin]
    BIN_EDGES, norm_edges(norm, edges) -> the bins' edges, with one at norm + 1 (kpis.series)
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from dashboard.reads import data, errors
from dashboard.reads.cache import cached
from data_access.access import Access
from data_access.registers import BY_NAME
from kpis import series as series_mod
from kpis.series import BIN_EDGES, binned, norm_edges  # noqa: F401  (the pages take the bins from here)


@cached(max_entries=data.CACHE_ENTRIES)
def _cross(url, version, register, year, as_of, rows, columns, dienst, aggregated_only, threshold):

    if aggregated_only:  # a split of the year as the release shows it; no table per dienst
        release = data.release_today(url, version, threshold)
        if columns is not None or year not in release.years:
            return None
        return release.column_split(year, register, rows)
    names = [rows] if columns is None else [rows, columns]
    frame = series_mod.counts_by(data.engine_for(url), register, year, as_of, names, dienst=dienst)
    spec = BY_NAME[register]

    def levels(name):
        found = sorted({v for v in frame[name].dropna()}, key=str.lower) if len(frame) else []
        values = list(spec.column(name).values)
        return values + [v for v in found if v not in values] if values else found

    if columns is None:
        counts = frame.groupby(rows)["count"].sum() if len(frame) else pd.Series(dtype="int64")
        return {v: int(counts.get(v, 0)) for v in levels(rows)}
    table = frame.pivot_table(index=rows, columns=columns, values="count", aggfunc="sum", fill_value=0) if len(frame) else pd.DataFrame()
    return table.reindex(index=levels(rows), columns=levels(columns), fill_value=0).astype("int64")


def split_counts(access: Access, register: str, year: int, as_of: dt.date, column: str, *, dienst: str | None = None):
    """{value: count} of the rows dated in `year` (known at `as_of`) per value of `column`,
    every enum value present. Suppressed as a split for the netwerk view (None: withheld)."""
    as_of, dienst = data.effective_view(access, year, as_of, dienst)
    with errors.database_guard():
        return _cross(*data.cache_key(), register, year, as_of, column, None, dienst, *data.view_key(access))


def cross_table(
    access: Access, register: str, year: int, as_of: dt.date, rows: str, columns: str, *, dienst: str | None = None
) -> pd.DataFrame | None:
    """Counts of the rows dated in `year` per `rows` value (index) × `columns` value (columns),
    e.g. categorie × dienst, enum values in the register's order. None for the netwerk view: it
    is zone-wide, and a table per dienst beside the zone's counts gives small ones back."""
    as_of, dienst = data.effective_view(access, year, as_of, dienst)
    with errors.database_guard():
        return _cross(*data.cache_key(), register, year, as_of, rows, columns, dienst, *data.view_key(access))


@cached(max_entries=data.CACHE_ENTRIES)
def _lead_bins(url, version, register, year, as_of, edges, dienst, aggregated_only, threshold):

    if aggregated_only:  # not in the netwerk view (kpis.disclosure.figures says why)
        return None
    frame = series_mod.lead_times(data.engine_for(url), register, year, as_of, dienst=dienst)
    return binned(frame["lead_days"], edges)


def lead_time_bins(
    access: Access,
    register: str,
    year: int,
    as_of: dt.date,
    edges: tuple[int, ...],
    *,
    dienst: str | None = None,
):
    """Items finished in `year` (kpis.series.lead_times) counted per lead-time bin: bin i holds
    edges[i] <= days < edges[i + 1], the last bin is open (charts.day_bins(edges) labels them).
    None for the netwerk view: beside the card of those past the norm and the quarters, the days
    between two dates would let a small count be worked out (kpis.disclosure.figures)."""
    as_of, dienst = data.effective_view(access, year, as_of, dienst)
    with errors.database_guard():
        return _lead_bins(*data.cache_key(), register, year, as_of, tuple(edges), dienst, *data.view_key(access))


@cached(max_entries=data.CACHE_ENTRIES)
def _open_bins(url, version, as_of, edges, dienst, aggregated_only, threshold):

    if aggregated_only:  # not in the netwerk view (kpis.disclosure.figures says why)
        return None
    frame = series_mod.open_complaints(data.engine_for(url), as_of, dienst=dienst)
    return binned(frame["age_days"], edges)


def open_complaint_age_bins(access: Access, as_of: dt.date, edges: tuple[int, ...], *, dienst: str | None = None):
    """Complaints open at `as_of` counted per age bin (days since datum ontvangst), bins as in
    lead_time_bins; None for the netwerk view, as lead_time_bins."""
    as_of, dienst = data.effective_view(access, as_of.year, as_of, dienst)
    with errors.database_guard():
        return _open_bins(*data.cache_key(), as_of, tuple(edges), dienst, *data.view_key(access))

