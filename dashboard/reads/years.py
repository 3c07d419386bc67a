"""Counts per year for the register pages' year charts, cached on small keys.

    year_views(filters, years=6) -> [(label, Filters)]   each year up to Y as the year charts see it
    year_reports(access, filters, years=6) -> [(label, Report)]   the report of each of those
    year_frame(reports, {column: kpi id}) -> DataFrame  KPI values per year (hidden: its marker)
    per_fte_frame / count_frame(access, filters, ...) -> DataFrame   the same values as year_frame
        of year_reports for klachten per 100 VTE and for a count KPI, from one count per year
    complaints_per_100_fte(access, views, *, dienst=None) -> [(value, reason)] per (year, as_of)
    counts_per_year(access, register, views, *, dienst=None) -> [count or marker] per (year, as_of)
    yearly(access, register, first_year, last_year, *, by=None, as_of=None, dienst=None,
        date_column=None) -> DataFrame index year, a column per value of `by` (or 'count')
For the netwerk view every figure comes from the day's release (data.release_today).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import replace

import pandas as pd

from dashboard.reads import data, errors
from dashboard.reads.cache import cached
from data_access.access import Access
from data_access.registers import FTE_INDICATOR
from i18n import _
from kpis import series as series_mod
from kpis.context import indicator_values, name_key
from kpis.disclosure import markers


def _year_counts(conn, register: str, views: tuple, dienst: str | None) -> list[int]:
    """The rows of `register` dated in each (year, as_of) of `views` and known at that as_of (the
    count the KPI report of that view starts from): the years seen whole in one GROUP BY year,
    a year cut off by its as_of on its own."""

    whole = [year for year, as_of in views if as_of >= dt.date(year, 12, 31)]
    counts: dict[tuple, int] = {}
    if whole:
        frame = series_mod.yearly(conn, register, min(whole), max(whole), dienst=dienst)
        per_year = dict(zip(frame["year"], frame["count"]))
        counts.update({(year, as_of): int(per_year[year]) for year, as_of in views if year in whole})
    for year, as_of in views:
        if (year, as_of) not in counts:
            counts[(year, as_of)] = int(series_mod.yearly(conn, register, year, year, as_of=as_of, dienst=dienst)["count"].sum())
    return [counts[view] for view in views]


# The per-100-VTE KPIs and the register whose rows each counts.
PER_FTE_REGISTERS = {"complaints_per_100_fte": "klachten", "reports_per_100_fte": "meldingen"}


@cached(max_entries=data.CACHE_ENTRIES)
def _per_100_fte(url, version, kpi_id: str, views: tuple, dienst, aggregated_only, threshold) -> list[tuple]:

    if aggregated_only:  # each year's report of the release
        out = []
        for year, as_of in views:
            report = data.report_for(url, version, year, as_of, None, True, threshold)
            reason = ((report.extra or {}).get("suppression") or {}).get("reasons", {}).get(kpi_id)
            out.append((report.kpis.get(kpi_id), reason))
        return out
    out = []
    with data.engine_for(url).connect() as conn:
        for (year, _as_of), received in zip(views, _year_counts(conn, PER_FTE_REGISTERS[kpi_id], views, dienst)):
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


@cached(max_entries=data.CACHE_ENTRIES)
def _counts_per_year(url, version, register, views: tuple, dienst, aggregated_only, threshold) -> list:
    if aggregated_only:  # the rows of each year as the release shows them
        totals = data.release_today(url, version, threshold).totals(register)
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


@cached(max_entries=data.CACHE_ENTRIES)
def _yearly(url, version, register, first_year, last_year, by, as_of, dienst, date_column, aggregated_only, threshold):

    if aggregated_only:
        return _released_years(data.release_today(url, version, threshold), register, first_year, last_year, by, date_column)
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


def year_views(filters, years: int = 6) -> list[tuple[str, object]]:
    """The filters of each of the last `years` years up to the filters' year (that one at its
    reference date, the earlier ones over the whole year), oldest first, from the first year
    with data on. Labels: '2024', and '2025 (tot 22/11)' for a year cut off by the date (in the
    current language: '2025 (jusqu'au 22/11)'; charts.year_bars draws such a year lighter)."""
    first = min(data.register_years() or [filters.year])
    out = []
    for year in range(max(first, filters.year - years + 1), filters.year + 1):
        view = filters if year == filters.year else replace(filters, year=year, as_of=dt.date(year, 12, 31))
        label = str(year)
        if view.as_of < dt.date(year, 12, 31):
            label = _("{year} (tot {date})").format(year=year, date=f"{view.as_of:%d/%m}")
        out.append((label, view))
    return out


def year_reports(access, filters, years: int = 6) -> list[tuple[str, object]]:
    """The report of each of year_views (label, Report): for KPIs that need the whole report of
    a past year (medians, measures); a plain count per year costs one query (e.g. per_fte_frame)."""
    return [(label, data.get_report(access, view)) for label, view in year_views(filters, years)]


def per_fte_frame(access, filters, column: str, years: int = 6, kpi_id: str = "complaints_per_100_fte") -> pd.DataFrame:
    """year_frame(year_reports(access, filters, years), {column: kpi_id}) for a per-100-VTE KPI,
    the same values and markers, from one count per year (per_100_fte)."""
    views = year_views(filters, years)
    values = per_100_fte(access, kpi_id, [(v.year, v.as_of) for _, v in views], dienst=filters.dienst)
    hidden = markers.withheld(data.view_key(access)[1])  # 'verborgen'
    rows = {label: {column: hidden if value is None and reason else value} for (label, _), (value, reason) in zip(views, values)}
    return pd.DataFrame.from_dict(rows, orient="index", dtype=object)


def year_frame(reports: Sequence[tuple[str, object]], columns: Mapping[str, str]) -> pd.DataFrame:
    """Per year (index: the labels), a column per {column label: kpi id}; a hidden value as
    the marker the netwerk view shows ('<5', 'verborgen')."""
    rows = {}
    for label, report in reports:
        values = data.shown_kpis(report)
        rows[label] = {name: values.get(kpi_id) for name, kpi_id in columns.items()}
    return pd.DataFrame.from_dict(rows, orient="index", dtype=object)


def count_frame(access, filters, register: str, column: str, years: int = 6) -> pd.DataFrame:
    """year_frame(year_reports(access, filters, years), {column: <count KPI>}) for a count KPI of
    the rows of `register` by its main date (e.g. notes_issued), the same values and markers,
    from one GROUP BY year (counts_per_year)."""
    views = year_views(filters, years)
    counts = counts_per_year(access, register, [(v.year, v.as_of) for _, v in views], dienst=filters.dienst)
    return pd.DataFrame.from_dict({label: {column: n} for (label, _), n in zip(views, counts)}, orient="index", dtype=object)

