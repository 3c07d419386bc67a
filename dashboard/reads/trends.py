"""Counts per month or quarter for the register pages' trends, cached on small keys.

    trend(access, register, end, periods=36, *, per="month"|"quarter", dienst=None, date_column=None)
        -> DataFrame index period start (date), columns count, previous_year (None: withheld)
    rolling_year(access, register, end, months=24, *, dienst=None) -> Series of 12-month sums
        (None for the netwerk view)
    months_per_period(aggregated_only) -> 1 or 3 (kpis.disclosure.policy: the netwerk view per quarter)
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from dashboard.reads import data, errors
from dashboard.reads.cache import cached
from data_access.access import Access
from kpis import series as series_mod
from kpis.dates import add_months
from kpis.disclosure.figures import quarter_start
from kpis.disclosure.policy import months_per_period  # noqa: F401  (the pages take the period from here)


def _as_date(value) -> dt.date:
    return value.date() if isinstance(value, pd.Timestamp) else value


@cached(max_entries=data.CACHE_ENTRIES)
def _trend(url, version, register, end, periods, per, dienst, date_column, aggregated_only, threshold):

    step = 3 if per == "quarter" else 1
    if aggregated_only:
        if step != months_per_period(True) or date_column is not None:
            return None  # the netwerk view has time per quarter of the main date only
        quarters = data.release_today(url, version, threshold).quarters(register)
        last = quarter_start(end)
        periods_shown = [add_months(last, -3 * back) for back in range(periods - 1, -1, -1)]
        return pd.DataFrame(
            {"count": [quarters.get(p) for p in periods_shown],
             "previous_year": [quarters.get(add_months(p, -12)) for p in periods_shown]},
            index=periods_shown,
            dtype=object,
        )
    last = dt.date(end.year, end.month - (end.month - 1) % step, 1)  # first day of the last period
    first = add_months(last, -step * (periods - 1) - 12)  # one year more: the previous year
    frame = series_mod.monthly(data.engine_for(url), register, first, end, dienst=dienst, date_column=date_column)
    counts = pd.Series(frame["count"].to_numpy(), index=[_as_date(m) for m in frame["month"]])
    if step > 1:
        counts = counts.groupby([dt.date(m.year, m.month - (m.month - 1) % step, 1) for m in counts.index]).sum()
    shown = [int(v) for v in counts]
    per_year = 12 // step
    return pd.DataFrame(
        {"count": shown[-periods:], "previous_year": shown[-periods - per_year : -per_year]},
        index=list(counts.index[-periods:]),
        dtype=object,
    )


def trend(
    access: Access,
    register: str,
    end: dt.date,
    periods: int = 36,
    *,
    per: str = "month",
    dienst: str | None = None,
    date_column: str | None = None,
) -> pd.DataFrame | None:
    """Counts per month (per="month") or quarter (per="quarter") for the `periods` periods up
    to the one holding `end` (the reference date: later rows are unknown), with
    `previous_year`: the same period a year earlier. Index: the periods' first days (date).
    For the netwerk view only per quarter of the main date (kpis.disclosure.policy: None per
    month or for another date column), as the day's release shows each quarter (the same in
    either line); a quarter before the first year is None."""
    end, dienst = data.effective_view(access, end.year, end, dienst)
    with errors.database_guard():
        return _trend(*data.cache_key(), register, end, periods, per, dienst, date_column, *data.view_key(access))


@cached(max_entries=data.CACHE_ENTRIES)
def _rolling(url, version, register, end, months, dienst):

    first = add_months(dt.date(end.year, end.month, 1), -(months - 1))
    frame = series_mod.monthly(data.engine_for(url), register, first, end, dienst=dienst)
    return pd.Series(frame["rolling_12m"].to_numpy(), index=[_as_date(m) for m in frame["month"]], name="rolling_12m")


def rolling_year(access: Access, register: str, end: dt.date, months: int = 24, *, dienst: str | None = None) -> pd.Series | None:
    """The 12-month sum ending with each of the `months` months up to `end` (the last month up
    to `end`). None for the netwerk view: two successive sums give away a month's count."""
    if access.aggregated_only:
        return None
    end, dienst = data.effective_view(access, end.year, end, dienst)
    with errors.database_guard():
        return _rolling(*data.cache_key(), register, end, months, dienst)

