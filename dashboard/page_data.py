"""Cached, role-aware access to the page series (kpis.series) and alerts (kpis.alerts).

The same pattern as dashboard/data.py, which this module builds on: every cached result is
keyed on (database url, data version, small plain values, aggregated_only, suppression
threshold) and never on a DataFrame; every import and settings change bumps the data version.
Whenever `access.aggregated_only` (role netwerk or screen-share mode) the result goes through
kpis.suppression before it leaves this module, so a page cannot get unsuppressed figures or a
dossier key for such a view; and every dienst and reference date goes through
data.effective_view / data.effective_filters first (the netwerk view: zone-wide, default dates).

Public functions (pages use these, not kpis.series / kpis.alerts directly):
    series(access, name, *args, shape="auto", **kwargs) -> result of kpis.series.<name>
        (engine, *args, **kwargs), args and kwargs small hashable values (int, str, date, None,
        tuples of them); suppressed for the netwerk view by `shape` (see `protect_result`).
    monthly_window(end, months) -> list[date]     the first days of the `months` months up to
                                                   `end` (inclusive), oldest first
    alert_view(access, filters, kinds=None, limit=None) -> AlertView: how many alerts of each
        kind (suppressed for the netwerk view), and for roles that may see rows the `limit` most
        urgent of `kinds` (kpis.alerts.Alert), their total and registers; small, so a warm page
        does not unpickle every alert of a national database (±4.500, ±11 ms) on each run
    trend(access, register, end, periods=36, *, per="month"|"quarter", dienst=None, date_column=None)
        -> DataFrame index period start (date), columns count, previous_year (None: withheld)
    yearly(access, register, first_year, last_year, *, by=None, as_of=None, dienst=None,
        date_column=None) -> DataFrame index year, a column per value of `by` (or 'count')
    split_counts(access, register, year, as_of, column, *, dienst=None) -> {value: count}
    cross_table(access, register, year, as_of, rows, columns, *, dienst=None) -> DataFrame
    lead_time_bins(access, register, year, as_of, edges, *, dienst=None, within_norm="exact")
        -> [count per bin]
    open_complaint_age_bins(access, as_of, edges, *, dienst=None, past_norm="exact") -> [count per bin]
    norm_sum(shown) -> "exact" | "bounded" | "unknown": how the page shows the sum on one side
        of the norm (pass it as within_norm / past_norm)
    norm_edges(norm, edges) -> edges with one at norm + 1 (the norm line between two bins)
    rolling_year(access, register, end, months=24, *, dienst=None) -> Series of 12-month sums
        (None for the netwerk view)
    complaints_per_100_fte(access, views, *, dienst=None) -> [(value, reason)] per (year, as_of):
        the KPI as each year's report gives it, from one count per year
    counts_per_year(access, register, views, *, dienst=None) -> [count or marker] per (year, as_of):
        a register's count KPI (rows by main date) as each year's report shows it, one GROUP BY

Suppression shapes (`protect_result(result, shape, threshold)`):
    "count"   an int -> suppress_count
    "split"   {value: count} -> suppress_split (the total is known); withheld -> None
    "columns" a DataFrame of counts, each column a line with a known total (a monthly series per
              column: the year's or window's total is shown elsewhere) -> suppress_frame with
              column totals; a column of months is also protected per calendar year (the
              year's total is a KPI card), see `protect_month_columns`
    "table"   a DataFrame of counts with row and column totals known (cross_table also keeps
              the hidden totals of the split beside it: kpis.suppression.suppress_crosstab)
    "auto"    the above chosen by type: int -> count, dict of ints -> split, DataFrame -> columns
              (months in the index: per calendar year too)
    "none"    only for results that hold no count of persons or dossiers (e.g. action-plan
              rows); refused (ValueError) for anything else in the netwerk view
A result that cannot be protected comes back as None (the page says it is withheld).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from data_access.access import Access
from dashboard import data, errors, memo
from kpis.disclosure.policy import months_per_period

CACHE_ENTRIES = data.CACHE_ENTRIES
SHAPES = ("auto", "count", "split", "columns", "table", "none")


# --- suppression of a result ------------------------------------------------------------------


def _is_count(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _month_index(index) -> bool:
    return len(index) > 0 and all(isinstance(v, (dt.date, pd.Timestamp)) for v in index)


def protect_month_columns(frame: pd.DataFrame, threshold: int) -> tuple[pd.DataFrame | None, str | None]:
    """A frame of counts per month or per quarter (index: the periods' first days; columns:
    series), each column protected as a monthly trend (kpis.suppression.suppress_months).
    Returns (shown frame of int / "<N" / "x", or None and a Dutch reason)."""
    from kpis.suppression import suppress_months

    shown = pd.DataFrame(index=frame.index, columns=frame.columns, dtype=object)
    for column in frame.columns:
        values, reason = suppress_months(frame[column].fillna(0).astype("int64").to_dict(), threshold)
        if values is None:
            return None, reason
        for period, value in values.items():
            shown.at[period, column] = value
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
        return protect_month_columns(result, threshold)
    return suppress_frame(result, threshold, row_totals=shape == "table", column_totals=True)


# --- series -----------------------------------------------------------------------------------


@memo.cached(max_entries=CACHE_ENTRIES)
def _series(url: str, version: int, name: str, args: tuple, kwargs: tuple, shape: str, aggregated_only: bool, threshold: int):
    from kpis import series as series_mod

    result = getattr(series_mod, name)(data.engine_for(url), *args, **dict(kwargs))
    if aggregated_only:
        result, _ = protect_result(result, shape, threshold)
    return result


def series(access: Access, name: str, *args, shape: str = "auto", **kwargs):
    """kpis.series.<name>(engine, *args, **kwargs), cached on the small arguments and the data
    version; for the netwerk view suppressed as `shape` says (None when withheld). Keyword
    arguments `dienst` and `as_of` (with `year`, default as_of's year) go through
    data.effective_view; pass them by keyword."""
    if "dienst" in kwargs or "as_of" in kwargs:
        as_of = kwargs.get("as_of")
        year = kwargs.get("year") or (as_of.year if as_of is not None else dt.date.today().year)
        view_as_of, view_dienst = data.effective_view(access, year, as_of, kwargs.get("dienst"))
        if "as_of" in kwargs:
            kwargs["as_of"] = view_as_of
        if "dienst" in kwargs:
            kwargs["dienst"] = view_dienst
    with errors.database_guard():
        return _series(*data.cache_key(), name, tuple(args), tuple(sorted(kwargs.items())), shape, *data.view_key(access))


def monthly_window(end: dt.date, months: int) -> list[dt.date]:
    """The first days of the `months` months ending with the month of `end`, oldest first."""
    first = dt.date(end.year, end.month, 1)
    out = []
    for back in range(months - 1, -1, -1):
        index = first.year * 12 + first.month - 1 - back
        out.append(dt.date(index // 12, index % 12 + 1, 1))
    return out


# --- alerts -----------------------------------------------------------------------------------


@memo.cached(max_entries=CACHE_ENTRIES)
def _alerts(url: str, version: int, as_of: dt.date, dienst: str | None, aggregated_only: bool, threshold: int):
    from kpis.alerts import KINDS, alerts as compute_alerts

    items = compute_alerts(data.engine_for(url), as_of, dienst=dienst)
    if not aggregated_only:
        return items
    # The netwerk view never gets a key: only how many alerts of each kind, suppressed as a
    # split (their total is known from the counts shown).
    counts = {kind: sum(1 for a in items if a.kind == kind) for kind in KINDS}
    return protect_result(counts, "split", threshold)[0]


@dataclass(frozen=True)
class AlertView:
    """counts: {kind: number} for every kind of kpis.alerts.KINDS; for the netwerk view
    suppressed as a split ('<5', 'x'), None when it cannot be protected. items: the most urgent
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


@memo.cached(max_entries=CACHE_ENTRIES)
def _per_100_fte(url, version, views: tuple, dienst, aggregated_only, threshold) -> list[tuple]:
    from data_access.registers import FTE_INDICATOR
    from kpis.context import indicator_values, name_key
    from kpis.suppression import suppress_derived

    out = []
    with data.engine_for(url).connect() as conn:
        for (year, _), received in zip(views, _year_counts(conn, "klachten", views, dienst)):
            # kpis.klachten: None without a VTE figure (or 0), and with a dienst (VTE is zone-wide)
            fte = None if dienst is not None else indicator_values(conn, str(year)).get(name_key(FTE_INDICATOR))
            value, reason = (None if not fte else received * 100 / fte), None
            if aggregated_only:  # as kpis.suppression.suppress_kpis treats a per_fte KPI
                hidden = suppress_derived(value, received, threshold)
                value, reason = hidden.value, hidden.reason
            out.append((value, reason))
    return out


def _effective_views(access: Access, views, dienst: str | None) -> tuple[tuple, str | None]:
    """((year, as_of), ...) and the dienst as data.get_report would see each view."""
    effective, view_dienst = [], dienst
    for year, as_of in views:
        as_of, view_dienst = data.effective_view(access, year, as_of, dienst)
        effective.append((year, as_of))
    return tuple(effective), view_dienst


def complaints_per_100_fte(access: Access, views, *, dienst: str | None = None) -> list[tuple]:
    """The KPI complaints_per_100_fte for each (year, as_of) of `views`, as the KPI report of
    that view gives it (data.get_report: the view through data.effective_view, for the netwerk
    view suppressed: kpis.suppression.suppress_derived on the count of klachten), from one
    count per year instead of a whole report per year: [(value or None, Dutch reason when
    hidden, else None)], in the order of `views`."""
    effective, view_dienst = _effective_views(access, views, dienst)
    with errors.database_guard():
        return _per_100_fte(*data.cache_key(), effective, view_dienst, *data.view_key(access))


@memo.cached(max_entries=CACHE_ENTRIES)
def _counts_per_year(url, version, register, views: tuple, dienst, aggregated_only, threshold) -> list:
    from kpis.suppression import suppress_count

    with data.engine_for(url).connect() as conn:
        counts = _year_counts(conn, register, views, dienst)
    return [suppress_count(n, threshold) for n in counts] if aggregated_only else counts


def counts_per_year(access: Access, register: str, views, *, dienst: str | None = None) -> list:
    """The rows of `register` dated (main date) in each (year, as_of) of `views` and known at
    that as_of: the count KPI the report of that view gives (e.g. notes_issued), seen and, for
    the netwerk view, suppressed as the report shows it (suppress_count per year), from one
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
    if aggregated_only and step != months_per_period(True):
        return None  # the netwerk view has time per quarter only: months beside quarters give a month back
    last = dt.date(end.year, end.month - (end.month - 1) % step, 1)  # first day of the last period
    first = _shift_months(last, -step * (periods - 1) - 12)  # one year more: the previous year
    # Suppression is worked out over the same stretch whatever window a page asks for (four
    # whole years before D's year, and that year up to D), so a month shows the same marker on
    # every page and one page cannot give away what another hides.
    first = min(first, dt.date(last.year - 4, 1, 1))
    frame = series_mod.monthly(data.engine_for(url), register, first, end, dienst=dienst, date_column=date_column)
    counts = pd.Series(frame["count"].to_numpy(), index=[_as_date(m) for m in frame["month"]])
    if step > 1:
        counts = counts.groupby([dt.date(m.year, m.month - (m.month - 1) % step, 1) for m in counts.index]).sum()
    table = counts.to_frame("count")
    if aggregated_only:
        table, _ = protect_month_columns(table, threshold)
        if table is None:
            return None
    shown = list(table["count"])
    per_year = 12 // step
    return pd.DataFrame(
        {"count": shown[-periods:], "previous_year": shown[-periods - per_year : -per_year]},
        index=list(table.index[-periods:]),
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
    For the netwerk view only per quarter (kpis.disclosure.policy: None per month), the counts
    suppressed once over both years (a quarter shows the same marker in either line); None
    when they cannot be protected."""
    end, dienst = data.effective_view(access, end.year, end, dienst)
    with errors.database_guard():
        return _trend(*data.cache_key(), register, end, periods, per, dienst, date_column, *data.view_key(access))


@memo.cached(max_entries=CACHE_ENTRIES)
def _yearly(url, version, register, first_year, last_year, by, as_of, dienst, date_column, aggregated_only, threshold):
    from kpis import series as series_mod

    frame = series_mod.yearly(
        data.engine_for(url), register, first_year, last_year, by=by, as_of=as_of, dienst=dienst, date_column=date_column
    )
    table = frame.pivot(index="year", columns=by, values="count") if by else frame.set_index("year")[["count"]]
    table = table.reindex(columns=list(dict.fromkeys(frame[by]))) if by else table
    table.columns = [str(c) for c in table.columns]
    if aggregated_only:
        table, _ = suppress_frame_rows(table, threshold)
    return table


def suppress_frame_rows(table: pd.DataFrame, threshold: int):
    """A years × values table: each year's total is known (a KPI), the columns are not summed
    anywhere."""
    from kpis.suppression import suppress_frame

    return suppress_frame(table, threshold, row_totals=True, column_totals=False)


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
    column 'count'; rows after `as_of` left out. Suppressed per year for the netwerk view."""
    as_of, dienst = data.effective_view(access, last_year, as_of, dienst)
    with errors.database_guard():
        return _yearly(
            *data.cache_key(), register, first_year, last_year, by, as_of, dienst, date_column, *data.view_key(access)
        )


@memo.cached(max_entries=CACHE_ENTRIES)
def _cross(url, version, register, year, as_of, rows, columns, dienst, aggregated_only, threshold):
    from data_access.registers import BY_NAME
    from kpis import series as series_mod

    names = [rows] if columns is None else [rows, columns]
    frame = series_mod.counts_by(data.engine_for(url), register, year, as_of, names, dienst=dienst)
    spec = BY_NAME[register]

    def levels(name):
        found = sorted({v for v in frame[name].dropna()}, key=str.lower) if len(frame) else []
        values = list(spec.column(name).values)
        return values + [v for v in found if v not in values] if values else found

    if columns is None:
        counts = frame.groupby(rows)["count"].sum() if len(frame) else pd.Series(dtype="int64")
        split = {v: int(counts.get(v, 0)) for v in levels(rows)}
        return _protect_split(url, version, register, year, as_of, rows, dienst, split, threshold) if aggregated_only else split
    table = frame.pivot_table(index=rows, columns=columns, values="count", aggfunc="sum", fill_value=0) if len(frame) else pd.DataFrame()
    table = table.reindex(index=levels(rows), columns=levels(columns), fill_value=0).astype("int64")
    if aggregated_only:
        from kpis.suppression import suppress_crosstab

        margins = _protect_split(url, version, register, year, as_of, rows, dienst, {v: int(n) for v, n in table.sum(axis=1).items()}, threshold)
        table, _ = suppress_crosstab(table, threshold, row_margins=margins, column_margins=True)
    return table


def _protect_split(url, version, register, year, as_of, column, dienst, split, threshold):
    """A split of a register's rows of `year` by `column` for the netwerk view, protected with
    the sums that a rate of the same year's report gives away (kpis.suppression.rate_lines: e.g.
    the violation rate over the meldingen per uitkomst)."""
    from kpis.suppression import linked_rates, rate_lines, suppress_split

    lines = []
    if linked_rates(register, column):
        report = data.report_for(url, version, year, as_of, dienst, True, threshold)
        lines = rate_lines(register, column, report.kpis)
    return suppress_split(split, threshold, groups=lines).values


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
    e.g. categorie × dienst, enum values in the register's order. For the netwerk view
    protected together with the split of its rows as split_counts shows it (suppress_crosstab:
    a row shown in full cannot give back a hidden "x" total of that split) and with its column
    totals taken as known (None: withheld)."""
    as_of, dienst = data.effective_view(access, year, as_of, dienst)
    with errors.database_guard():
        return _cross(*data.cache_key(), register, year, as_of, rows, columns, dienst, *data.view_key(access))


def norm_edges(norm: int, edges: tuple[int, ...]) -> tuple[int, ...]:
    """Bin edges with one at norm + 1, so that 'within the norm' (at most norm days) is a whole
    number of bins: (0, 31, 61, 181), 90 -> (0, 31, 61, 91, 181)."""
    return tuple(sorted(set(edges) | {int(norm) + 1}))


def _binned(days: pd.Series, edges: tuple[int, ...]) -> list[int]:
    bins = list(edges) + [None]
    return [int(((days >= lo) & ((hi is None) | (days < (hi if hi is not None else 0)))).sum()) for lo, hi in zip(bins, bins[1:])]


NORM_SUMS = ("exact", "bounded", "unknown")


def norm_sum(shown) -> str:
    """How a reader knows the sum of the bins on one side of the norm, from the figure the page
    shows for it: a number -> 'exact', a marker like '<5' -> 'bounded' (1..N-1), nothing shown
    (None, hidden) -> 'unknown'."""
    if isinstance(shown, str):
        return "bounded"
    return "unknown" if shown is None else "exact"


def _norm_groups(edges: tuple[int, ...], norm: int | None, side: str, known: str, threshold: int) -> list:
    """The bins within (side 'within') or past ('past') the norm as a line whose sum another
    figure shows: exactly, or only as 1..N-1 ('bounded')."""
    from kpis.suppression import Line

    if known == "unknown" or norm is None or int(norm) + 1 not in edges:
        return []
    cut = list(edges).index(int(norm) + 1)
    keys = tuple(range(cut)) if side == "within" else tuple(range(cut, len(edges)))
    return [Line(keys, 1, threshold - 1) if known == "bounded" else keys]


def _protect_bins(counts: list[int], groups, threshold):
    from kpis.suppression import suppress_split

    result = suppress_split(dict(enumerate(counts)), threshold, groups=groups)
    return None if result.values is None else [result.values[i] for i in range(len(counts))]


@memo.cached(max_entries=CACHE_ENTRIES)
def _lead_bins(url, version, register, year, as_of, edges, dienst, known, aggregated_only, threshold):
    from kpis import series as series_mod

    frame = series_mod.lead_times(data.engine_for(url), register, year, as_of, dienst=dienst)
    counts = _binned(frame["lead_days"], edges)
    if not aggregated_only:
        return counts
    return _protect_bins(counts, _norm_groups(edges, frame.attrs.get("norm_days"), "within", known, threshold), threshold)


def lead_time_bins(
    access: Access,
    register: str,
    year: int,
    as_of: dt.date,
    edges: tuple[int, ...],
    *,
    dienst: str | None = None,
    within_norm: str = "exact",
):
    """Items finished in `year` (kpis.series.lead_times) counted per lead-time bin: bin i holds
    edges[i] <= days < edges[i + 1], the last bin is open (charts.day_bins(edges) labels them).
    Suppressed as a split for the netwerk view (None: withheld); `within_norm` (see norm_sum)
    says how the page shows the number within the norm (the within-norm rate x the total)."""
    if within_norm not in NORM_SUMS:
        raise ValueError(within_norm)
    as_of, dienst = data.effective_view(access, year, as_of, dienst)
    with errors.database_guard():
        return _lead_bins(*data.cache_key(), register, year, as_of, tuple(edges), dienst, within_norm, *data.view_key(access))


@memo.cached(max_entries=CACHE_ENTRIES)
def _open_bins(url, version, as_of, edges, dienst, known, aggregated_only, threshold):
    from kpis import series as series_mod

    frame = series_mod.open_complaints(data.engine_for(url), as_of, dienst=dienst)
    counts = _binned(frame["age_days"], edges)
    if not aggregated_only:
        return counts
    norm = data.settings_for(url, version)["complaint_norm_days"]
    return _protect_bins(counts, _norm_groups(edges, norm, "past", known, threshold), threshold)


def open_complaint_age_bins(
    access: Access, as_of: dt.date, edges: tuple[int, ...], *, dienst: str | None = None, past_norm: str = "exact"
):
    """Complaints open at `as_of` counted per age bin (days since datum ontvangst), bins as in
    lead_time_bins. Suppressed for the netwerk view; `past_norm` (see norm_sum) says how the
    page shows the number past the norm (the card 'Klachten over de norm')."""
    if past_norm not in NORM_SUMS:
        raise ValueError(past_norm)
    as_of, dienst = data.effective_view(access, as_of.year, as_of, dienst)
    with errors.database_guard():
        return _open_bins(*data.cache_key(), as_of, tuple(edges), dienst, past_norm, *data.view_key(access))


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
