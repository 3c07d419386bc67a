"""Cached, role-aware series, splits, bins and alerts for the pages (kpis.series, kpis.alerts).

The same pattern as dashboard/data.py, which this module builds on: every cached result is
keyed on (database url, data version, small plain values, aggregated_only, suppression
threshold) and never on a DataFrame; every import and settings change bumps the data version.
Whenever `access.aggregated_only` (role netwerk or screen-share mode) the result is read from
the day's netwerk release (data.release_for, kpis.disclosure.release), where every figure that
view may show was protected together; what the release does not hold (months, a table per
dienst, another date column) is None for that view. Every dienst and reference date goes
through data.effective_view / data.effective_filters first (the netwerk view: zone-wide, one
date per year).

Public functions (pages use these, not kpis.series / kpis.alerts directly):
    alert_view(access, filters, kinds=None, limit=None) -> AlertView: how many alerts of each
        kind (as the release shows them for the netwerk view), and for roles that may see rows
        the `limit` most urgent of `kinds` (kpis.alerts.Alert), their total and registers
    trend(access, register, end, periods=36, *, per="month"|"quarter", dienst=None, date_column=None)
        -> DataFrame index period start (date), columns count, previous_year (None: withheld)
    yearly(access, register, first_year, last_year, *, by=None, as_of=None, dienst=None,
        date_column=None) -> DataFrame index year, a column per value of `by` (or 'count')
    split_counts(access, register, year, as_of, column, *, dienst=None) -> {value: count}
    cross_table(access, register, year, as_of, rows, columns, *, dienst=None) -> DataFrame
    lead_time_bins(access, register, year, as_of, edges, *, dienst=None) -> [count per bin]
    open_complaint_age_bins(access, as_of, edges, *, dienst=None) -> [count per bin]
    BIN_EDGES, norm_edges(norm, edges) -> the bins' edges, with one at norm + 1 (kpis.series)
    rolling_year(access, register, end, months=24, *, dienst=None) -> Series of 12-month sums
        (None for the netwerk view)
    per_100_fte(access, kpi_id, views, *, dienst=None) -> [(value, reason)] per (year, as_of), for
        complaints_per_100_fte or reports_per_100_fte (complaints_per_100_fte(...) the first):
        the KPI as each year's report gives it, from one count per year
    counts_per_year(access, register, views, *, dienst=None) -> [count or marker] per (year, as_of):
        a register's count of rows by main date as each year's report shows it
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from data_access.access import Access
from dashboard import data, errors, memo
from kpis.disclosure.figures import quarter_start
from kpis.disclosure.policy import months_per_period
from kpis.series import BIN_EDGES, binned, norm_edges  # noqa: F401  (pages take the bins from here)

CACHE_ENTRIES = data.CACHE_ENTRIES


def _release(url: str, version: int, threshold: int):
    """Today's netwerk release for this database (dashboard.data.release_for)."""
    return data.release_for(url, version, dt.date.today(), threshold)


# --- alerts -----------------------------------------------------------------------------------


@memo.cached(max_entries=CACHE_ENTRIES)
def _alerts(url: str, version: int, as_of: dt.date, dienst: str | None, aggregated_only: bool, threshold: int):
    from kpis.alerts import alerts as compute_alerts

    if not aggregated_only:
        return compute_alerts(data.engine_for(url), as_of, dienst=dienst)
    return None  # what is late is not in the netwerk view (kpis.disclosure.figures.LATE_COUNTS)


@dataclass(frozen=True)
class AlertView:
    """counts: {kind: number} for every kind of kpis.alerts.KINDS; for the netwerk view
    None for the netwerk view (what is late is not in it). items: the most urgent
    alerts of the kinds asked (kpis.alerts.Alert: register, kind, key, due, days_late, text), at
    most `limit`; None for the netwerk view (alerts name a dossier). total: how many alerts of
    those kinds; registers: the registers they come from."""

    counts: dict | None
    items: list | None
    total: int
    registers: frozenset


@memo.cached(max_entries=CACHE_ENTRIES)
def _alert_view(url, version, as_of, dienst, kinds: tuple | None, limit: int | None, aggregated_only, threshold) -> AlertView:
    result = _alerts(url, version, as_of, dienst, aggregated_only, threshold)
    if aggregated_only:
        return AlertView(result, None, 0, frozenset())
    from kpis.alerts import KINDS

    counts = {kind: sum(1 for a in result if a.kind == kind) for kind in KINDS}
    chosen = [a for a in result if kinds is None or a.kind in kinds]
    return AlertView(counts, chosen[:limit] if limit else chosen, len(chosen), frozenset(a.register for a in chosen))


def alert_view(access: Access, filters, kinds=None, limit: int | None = None) -> AlertView:
    """The alerts at the filters' reference date as the page shows them (AlertView)."""
    filters = data.effective_filters(access, filters)
    with errors.database_guard():
        return _alert_view(*data.cache_key(), filters.as_of, filters.dienst, tuple(kinds) if kinds else None, limit,
                           *data.view_key(access))


# --- klachten per 100 VTE over the years -------------------------------------------------------


def _year_counts(conn, register: str, views: tuple, dienst: str | None) -> list[int]:
    """The rows of `register` dated in each (year, as_of) of `views` and known at that as_of (the
    count the KPI report of that view starts from): the years seen whole in one GROUP BY year,
    a year cut off by its as_of on its own."""
    from kpis.series import yearly

    whole = [year for year, as_of in views if as_of >= dt.date(year, 12, 31)]
    counts: dict[tuple, int] = {}
    if whole:
        frame = yearly(conn, register, min(whole), max(whole), dienst=dienst)
        per_year = dict(zip(frame["year"], frame["count"]))
        counts.update({(year, as_of): int(per_year[year]) for year, as_of in views if year in whole})
    for year, as_of in views:
        if (year, as_of) not in counts:
            counts[(year, as_of)] = int(yearly(conn, register, year, year, as_of=as_of, dienst=dienst)["count"].sum())
    return [counts[view] for view in views]


# The per-100-VTE KPIs and the register whose rows each counts.
PER_FTE_REGISTERS = {"complaints_per_100_fte": "klachten", "reports_per_100_fte": "meldingen"}


@memo.cached(max_entries=CACHE_ENTRIES)
def _per_100_fte(url, version, kpi_id: str, views: tuple, dienst, aggregated_only, threshold) -> list[tuple]:
    from data_access.registers import FTE_INDICATOR
    from kpis.context import indicator_values, name_key

    if aggregated_only:  # each year's report of the release
        out = []
        for year, as_of in views:
            report = data.report_for(url, version, year, as_of, None, True, threshold)
            reason = ((report.extra or {}).get("suppression") or {}).get("reasons", {}).get(kpi_id)
            out.append((report.kpis.get(kpi_id), reason))
        return out
    out = []
    with data.engine_for(url).connect() as conn:
        for (year, _), received in zip(views, _year_counts(conn, PER_FTE_REGISTERS[kpi_id], views, dienst)):
            # as kpis.klachten / kpis.meldingen: None without a VTE figure (or 0), and with a
            # dienst (VTE is zone-wide; meldingen have no dienst and are asked without one)
            fte = None if dienst is not None else indicator_values(conn, str(year)).get(name_key(FTE_INDICATOR))
            out.append((None if not fte else received * 100 / fte, None))
    return out


def _effective_views(access: Access, views, dienst: str | None) -> tuple[tuple, str | None]:
    """((year, as_of), ...) and the dienst as data.get_report would see each view."""
    effective, view_dienst = [], dienst
    for year, as_of in views:
        as_of, view_dienst = data.effective_view(access, year, as_of, dienst)
        effective.append((year, as_of))
    return tuple(effective), view_dienst


def per_100_fte(access: Access, kpi_id: str, views, *, dienst: str | None = None) -> list[tuple]:
    """A per-100-VTE KPI (PER_FTE_REGISTERS) for each (year, as_of) of `views`, as the KPI report
    of that view gives it (data.get_report: the view through data.effective_view, for the netwerk
    view taken from the year's report of the release), from one count per year instead of a
    whole report per year: [(value or None, Dutch reason when hidden, else None)], in the order
    of `views`. Meldingen are zone-wide: asked without a dienst."""
    if PER_FTE_REGISTERS[kpi_id] == "meldingen":
        dienst = None
    effective, view_dienst = _effective_views(access, views, dienst)
    with errors.database_guard():
        return _per_100_fte(*data.cache_key(), kpi_id, effective, view_dienst, *data.view_key(access))


def complaints_per_100_fte(access: Access, views, *, dienst: str | None = None) -> list[tuple]:
    """per_100_fte for complaints_per_100_fte."""
    return per_100_fte(access, "complaints_per_100_fte", views, dienst=dienst)


@memo.cached(max_entries=CACHE_ENTRIES)
def _counts_per_year(url, version, register, views: tuple, dienst, aggregated_only, threshold) -> list:
    if aggregated_only:  # the rows of each year as the release shows them
        totals = _release(url, version, threshold).totals(register)
        return [totals.get(year) for year, _ in views]
    with data.engine_for(url).connect() as conn:
        return _year_counts(conn, register, views, dienst)


def counts_per_year(access: Access, register: str, views, *, dienst: str | None = None) -> list:
    """The rows of `register` dated (main date) in each (year, as_of) of `views` and known at
    that as_of: the count KPI the report of that view gives (e.g. notes_issued), seen and, for
    the netwerk view, as the release shows each year's rows), from one
    GROUP BY year instead of a whole report per year; in the order of `views`."""
    effective, view_dienst = _effective_views(access, views, dienst)
    with errors.database_guard():
        return _counts_per_year(*data.cache_key(), register, effective, view_dienst, *data.view_key(access))


# --- the register pages' series ---------------------------------------------------------------


def _as_date(value) -> dt.date:
    return value.date() if isinstance(value, pd.Timestamp) else value


def _shift_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


@memo.cached(max_entries=CACHE_ENTRIES)
def _trend(url, version, register, end, periods, per, dienst, date_column, aggregated_only, threshold):
    from kpis import series as series_mod

    step = 3 if per == "quarter" else 1
    if aggregated_only:
        if step != months_per_period(True) or date_column is not None:
            return None  # the netwerk view has time per quarter of the main date only
        quarters = _release(url, version, threshold).quarters(register)
        last = quarter_start(end)
        periods_shown = [_shift_months(last, -3 * back) for back in range(periods - 1, -1, -1)]
        return pd.DataFrame(
            {"count": [quarters.get(p) for p in periods_shown],
             "previous_year": [quarters.get(_shift_months(p, -12)) for p in periods_shown]},
            index=periods_shown,
            dtype=object,
        )
    last = dt.date(end.year, end.month - (end.month - 1) % step, 1)  # first day of the last period
    first = _shift_months(last, -step * (periods - 1) - 12)  # one year more: the previous year
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


@memo.cached(max_entries=CACHE_ENTRIES)
def _yearly(url, version, register, first_year, last_year, by, as_of, dienst, date_column, aggregated_only, threshold):
    from kpis import series as series_mod

    if aggregated_only:
        return _released_years(_release(url, version, threshold), register, first_year, last_year, by, date_column)
    frame = series_mod.yearly(
        data.engine_for(url), register, first_year, last_year, by=by, as_of=as_of, dienst=dienst, date_column=date_column
    )
    table = frame.pivot(index="year", columns=by, values="count") if by else frame.set_index("year")[["count"]]
    table = table.reindex(columns=list(dict.fromkeys(frame[by]))) if by else table
    table.columns = [str(c) for c in table.columns]
    return table


def _released_years(release, register, first_year, last_year, by, date_column) -> pd.DataFrame | None:
    """yearly() for the netwerk view: each year's rows (or its split by `by`) as the release
    shows them, each year at its one reference date; None for what the release does not hold."""
    if date_column is not None:
        return None
    years = list(range(first_year, last_year + 1))
    if by is None:
        totals = release.totals(register)
        return pd.DataFrame({"count": [totals.get(y) for y in years]}, index=pd.Index(years, name="year"), dtype=object)
    rows = {}
    for year in years:
        split = release.column_split(year, register, by)
        if split is None:
            return None
        rows[year] = {str(v): n for v, n in split.items()}
    return pd.DataFrame.from_dict(rows, orient="index", dtype=object).rename_axis("year")


def yearly(
    access: Access,
    register: str,
    first_year: int,
    last_year: int,
    *,
    by: str | None = None,
    as_of: dt.date | None = None,
    dienst: str | None = None,
    date_column: str | None = None,
) -> pd.DataFrame | None:
    """Counts per year (index) for each value of `by` (columns, every enum value), or one
    column 'count'; rows after `as_of` left out. For the netwerk view as the release shows
    each year (None for a date column other than the main date, or a split it does not hold)."""
    as_of, dienst = data.effective_view(access, last_year, as_of, dienst)
    with errors.database_guard():
        return _yearly(
            *data.cache_key(), register, first_year, last_year, by, as_of, dienst, date_column, *data.view_key(access)
        )


@memo.cached(max_entries=CACHE_ENTRIES)
def _cross(url, version, register, year, as_of, rows, columns, dienst, aggregated_only, threshold):
    from data_access.registers import BY_NAME
    from kpis import series as series_mod

    if aggregated_only:  # a split of the year as the release shows it; no table per dienst
        release = _release(url, version, threshold)
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


@memo.cached(max_entries=CACHE_ENTRIES)
def _lead_bins(url, version, register, year, as_of, edges, dienst, aggregated_only, threshold):
    from kpis import series as series_mod

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


@memo.cached(max_entries=CACHE_ENTRIES)
def _open_bins(url, version, as_of, edges, dienst, aggregated_only, threshold):
    from kpis import series as series_mod

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


@memo.cached(max_entries=CACHE_ENTRIES)
def _rolling(url, version, register, end, months, dienst):
    from kpis import series as series_mod

    first = _shift_months(dt.date(end.year, end.month, 1), -(months - 1))
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
