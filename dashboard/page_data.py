"""Cached, role-aware access to the page series (kpis.series) and alerts (kpis.alerts).

The same pattern as dashboard/data.py, which this module builds on: every cached result is
keyed on (database url, data version, small plain values, aggregated_only, suppression
threshold) and never on a DataFrame; every import and settings change bumps the data version.
Whenever `access.aggregated_only` (role netwerk or screen-share mode) the result goes through
kpis.suppression before it leaves this module, so a page cannot get unsuppressed figures or a
dossier key for such a view.

Public functions (pages use these, not kpis.series / kpis.alerts directly):
    series(access, name, *args, shape="auto", **kwargs) -> result of kpis.series.<name>
        (engine, *args, **kwargs), args and kwargs small hashable values (int, str, date, None,
        tuples of them); suppressed for the netwerk view by `shape` (see `protect_result`).
    monthly_window(end, months) -> list[date]     the first days of the `months` months up to
                                                   `end` (inclusive), oldest first
    alerts(access, filters) -> list               dashboard.data.get_alerts (already cached)

Suppression shapes (`protect_result(result, shape, threshold)`):
    "count"   an int -> suppress_count
    "split"   {value: count} -> suppress_split (the total is known); withheld -> None
    "columns" a DataFrame of counts, each column a line with a known total (a monthly series per
              column: the year's or window's total is shown elsewhere) -> suppress_frame with
              column totals; a column of months is also protected per calendar year (the
              year's total is a KPI card), see `protect_months`
    "table"   a DataFrame of counts with row and column totals known (category × dienst)
    "auto"    the above chosen by type: int -> count, dict of ints -> split, DataFrame -> columns
              (months in the index: per calendar year too)
    "none"    only for results that hold no count of persons or dossiers (e.g. action-plan
              rows); refused (ValueError) for anything else in the netwerk view
A result that cannot be protected comes back as None (the page says it is withheld).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import pandas as pd
import streamlit as st

from data_access.access import Access
from dashboard import data, errors

CACHE_ENTRIES = data.CACHE_ENTRIES
SHAPES = ("auto", "count", "split", "columns", "table", "none")


# --- suppression of a result ------------------------------------------------------------------


def _is_count(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _month_index(index) -> bool:
    return len(index) > 0 and all(isinstance(v, (dt.date, pd.Timestamp)) for v in index)


def protect_months(frame: pd.DataFrame, threshold: int) -> tuple[pd.DataFrame | None, str | None]:
    """A frame of counts per month (index: first days of months; columns: series). Each column
    is protected with the lines a reader knows: the whole window and each calendar year in it
    from January on (the year's total, up to the reference date, is shown as a KPI). Returns (shown frame of int / "<N" / "x", or None and
    a Dutch reason)."""
    from kpis.suppression import _render, protect, withheld_reason

    counts = frame.fillna(0).astype("int64")
    shown = pd.DataFrame(index=frame.index, columns=frame.columns, dtype=object)
    for column in counts.columns:
        values = {m: int(counts.at[m, column]) for m in counts.index}
        lines = [tuple(counts.index)]
        years: dict[int, list] = {}
        for m in counts.index:
            years.setdefault(m.year, []).append(m)
        last = max(counts.index)
        lines += [
            tuple(ms)
            for year, ms in years.items()
            if len(ms) < len(counts.index) and min(ms).month == 1 and (max(ms).month == 12 or max(ms) == last)
        ]
        protected = protect(values, lines, threshold)
        if protected is None:
            return None, withheld_reason(threshold)
        primary, secondary = protected
        for m in counts.index:
            shown.at[m, column] = _render(values[m], m, primary, secondary, threshold)
    return shown, None


def protect_result(result, shape: str, threshold: int):
    """The netwerk-safe form of a series result (see the module docstring). Returns
    (value, reason): reason is a Dutch sentence when something was withheld, else None."""
    from kpis.suppression import suppress_count, suppress_frame, suppress_split

    if shape not in SHAPES:
        raise ValueError(f"unknown shape {shape!r}")
    if result is None:
        return None, None
    if shape == "auto":
        if _is_count(result):
            shape = "count"
        elif isinstance(result, Mapping) and all(_is_count(v) for v in result.values()):
            shape = "split"
        elif isinstance(result, pd.DataFrame):
            shape = "columns"
        else:
            raise ValueError(f"cannot suppress a {type(result).__name__} automatically: give a shape")
    if shape == "none":
        return result, None
    if shape == "count":
        return suppress_count(result, threshold), None
    if shape == "split":
        out = suppress_split(dict(result), threshold)
        return out.values, out.reason
    if shape == "columns" and _month_index(result.index):
        return protect_months(result, threshold)
    return suppress_frame(result, threshold, row_totals=shape == "table", column_totals=True)


# --- series -----------------------------------------------------------------------------------


@st.cache_data(max_entries=CACHE_ENTRIES, show_spinner=False)
def _series(url: str, version: int, name: str, args: tuple, kwargs: tuple, shape: str, aggregated_only: bool, threshold: int):
    from kpis import series as series_mod

    result = getattr(series_mod, name)(data._engine(url), *args, **dict(kwargs))
    if aggregated_only:
        result, _ = protect_result(result, shape, threshold)
    return result


def series(access: Access, name: str, *args, shape: str = "auto", **kwargs):
    """kpis.series.<name>(engine, *args, **kwargs), cached on the small arguments and the data
    version; for the netwerk view suppressed as `shape` says (None when withheld)."""
    with errors.database_guard():
        return _series(*data._cache_key(), name, tuple(args), tuple(sorted(kwargs.items())), shape, *data._view_key(access))


def monthly_window(end: dt.date, months: int) -> list[dt.date]:
    """The first days of the `months` months ending with the month of `end`, oldest first."""
    first = dt.date(end.year, end.month, 1)
    out = []
    for back in range(months - 1, -1, -1):
        index = first.year * 12 + first.month - 1 - back
        out.append(dt.date(index // 12, index % 12 + 1, 1))
    return out


# --- alerts -----------------------------------------------------------------------------------


def alerts(access: Access, filters) -> list:
    """The alerts of the view (dashboard.data.get_alerts, cached there)."""
    return data.get_alerts(access, filters)
