"""The dashboard's only way to the database and the KPI engine, cached on small keys.

Every cached result is keyed on (database url, data version, the filter values, whether the
view is aggregated-only, the suppression threshold) and never on a DataFrame. Every import and
every settings change bumps the data version in the database, so the next rerun computes fresh
figures. Whenever `access.aggregated_only` (role netwerk or screen-share mode) the figures come
from the day's netwerk release (kpis.disclosure.release: every figure that view may show,
protected together): a page cannot get unsuppressed figures for such a view. The filters go through effective_filters / effective_view first: a view
without "filter_dienst" or "choose_reference_date" gets the zone's figures on the one
reference date of the year whatever it asks (figures per dienst beside the zone's, or at two dates a day
apart, would give a small count back).

Public functions (pages use these, not the engine directly):
    get_engine() -> Engine                       the migrated engine, or the Dutch error page
    current_data_version() -> int
    get_settings() -> dict[str, int]             norms and suppression threshold
    get_zone_name() -> str | None                the zone's name (Instellingen), for the export
    get_default_language() -> str                the zone's default language, "nl" or "fr" (Instellingen)
    effective_filters(access, filters) -> Filters the filters the access may use: zone-wide on a
                                                 default reference date for the netwerk view
    effective_view(access, year, as_of, dienst) -> (as_of, dienst)   the same for single values
    get_report(access, filters) -> Report        kpis.engine.compute_report, suppressed if needed
    register_years() -> list[int]                first year with register rows .. current year, newest first
    available_years() -> list[int]               the sidebar's years: register_years widened by the
                                                 years of Evaluatiecriteria and Indicatoren
    available_diensten() -> list[str]
    read_rows(access, register, *, filters=None, where=None, open_column=None, label='') -> DataFrame (audited)
    import_history(limit=50) -> list[dict]
    database_is_empty() -> bool                  no register row yet (the pages say so and stop)
    hidden_reason(report, kpi_id) / shown_kpis(report)   a value hidden for the netwerk view
The building blocks of every cached read, here and in the other modules of dashboard.reads (and
ui.criteria_view), so that all of them key alike:
    engine_for(url) -> Engine                    the shared migrated engine (st.cache_resource)
    clear_caches()                               empties every cached read and figure (st.cache_data)
    cache_key() -> (url, data version)           the first two arguments of every cached function
    view_key(access) -> (aggregated_only, threshold)   what decides suppression, the last two
    settings_for(url, version) -> dict[str, int] the settings, cached on the cache key
    report_for(url, version, year, as_of, dienst, aggregated_only, threshold) -> Report
                                                 the KPI report behind get_report; for the netwerk
                                                 view taken from release_for (the day's release)
    release_for(url, version, today, threshold) -> kpis.disclosure.release.Release
    release_today(url, version, threshold) -> Release   release_for on today's date
    netwerk_release() -> Release                  the release of today for this run
Series, splits and alerts for the pages live beside this module (trends, years, splits, alerts).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace

import pandas as pd
import sqlalchemy as sa
import streamlit as st
from sqlalchemy.engine import Engine

from dashboard.reads import errors
from dashboard.reads.cache import cached
from data_access import audit, db
from data_access.access import Access
from data_access.reader import RowFilter, read_rows as reader_read_rows
from data_access.registers import BY_NAME as REGISTERS_BY_NAME, REGISTERS
from data_access.schema import REGISTER_TABLES, import_log
from data_access.settings import ADDRESSEES, load_cover_letter, load_language, load_settings, load_zone_name
from i18n import Text
from kpis.context import still_open
from kpis.disclosure import markers
from kpis.disclosure.policy import allowed_view, fixed_as_of
from kpis.disclosure.release import empty_report, netwerk_release as build_netwerk_release
from kpis.engine import compute_report, diensten

CACHE_ENTRIES = 256


def database_url() -> str:
    """The configured URL (DATABASE_URL or the default SQLite file), read on every run."""
    return db.resolve_url()


@st.cache_resource(show_spinner=False)
def engine_for(url: str) -> Engine:
    """The migrated engine for `url`, shared by every session and cached function."""
    # An exception is not cached: while the database is down every rerun tries again.
    return db.connect(url)


def get_engine() -> Engine:
    """The migrated engine for the configured database; an unreachable database shows the
    Dutch error page and stops the run."""
    with errors.database_guard():
        return engine_for(database_url())


_RUN_VERSION_KEY = "_data_version_of_this_run"


def new_run() -> None:
    """Called by dashboard/app.py at the top of every run: the data version is read once per
    run, not once per cached read. Every write (import, settings) is followed by st.rerun(), so
    the next run reads the new version."""
    st.session_state.pop(_RUN_VERSION_KEY, None)


def current_data_version() -> int:
    version = st.session_state.get(_RUN_VERSION_KEY)
    if version is None:
        with errors.database_guard():
            with get_engine().connect() as conn:
                version = db.data_version(conn)
        st.session_state[_RUN_VERSION_KEY] = version
    return version


def cache_key() -> tuple[str, int]:
    """(database url, data version): the first arguments of every cached read."""
    return database_url(), current_data_version()


@cached(max_entries=CACHE_ENTRIES)
def settings_for(url: str, version: int) -> dict[str, int]:
    with engine_for(url).connect() as conn:
        return load_settings(conn)


def get_settings() -> dict[str, int]:
    with errors.database_guard():
        return settings_for(*cache_key())


@cached(max_entries=CACHE_ENTRIES)
def zone_name_for(url: str, version: int) -> str | None:
    with engine_for(url).connect() as conn:
        return load_zone_name(conn)


def get_zone_name() -> str | None:
    """The zone's name as saved on the Instellingen page, or None."""
    with errors.database_guard():
        return zone_name_for(*cache_key())


@st.cache_data(max_entries=CACHE_ENTRIES, show_spinner=False)  # the language itself: not keyed on it
def default_language_for(url: str, version: int) -> str:
    with engine_for(url).connect() as conn:
        return load_language(conn)


def get_default_language() -> str:
    """The zone's default language as saved on the Instellingen page ("nl" unless set)."""
    with errors.database_guard():
        return default_language_for(*cache_key())


@cached(max_entries=CACHE_ENTRIES)
def cover_letters_for(url: str, version: int) -> dict[str, str]:
    with engine_for(url).connect() as conn:
        return {a: load_cover_letter(conn, a) for a in ADDRESSEES}


def get_cover_letters() -> dict[str, str]:
    """{addressee: the cover letter of the report to the authorities}, as saved or the default."""
    with errors.database_guard():
        return cover_letters_for(*cache_key())


def suppression_threshold() -> int:
    return int(get_settings()["suppression_threshold"])


def view_key(access: Access) -> tuple[bool, int]:
    """(aggregated_only, threshold): what decides suppression, part of every cache key."""
    return access.aggregated_only, suppression_threshold()


# Not keyed on the language: the release holds numbers and i18n.Text (shown in the language of
# whoever looks), and a second solve per language would double the costliest read.
@st.cache_data(max_entries=8, show_spinner=False)
def release_for(url: str, version: int, today: dt.date, threshold: int):
    """The netwerk view of `today` (kpis.disclosure.release): every figure it may show, protected
    together. Built once per data version and day (a few seconds on a zone's registers)."""
    with engine_for(url).connect() as conn:
        return build_netwerk_release(conn, today, threshold)


def release_today(url: str, version: int, threshold: int):
    """Today's netwerk release for this database (release_for)."""
    return release_for(url, version, dt.date.today(), threshold)


def netwerk_release():
    """The release of today for this run's database and threshold."""
    with errors.database_guard():
        url, version = cache_key()
        return release_for(url, version, dt.date.today(), suppression_threshold())


@cached(max_entries=CACHE_ENTRIES)
def report_for(url: str, version: int, year: int, as_of: dt.date, dienst: str | None, aggregated_only: bool, threshold: int):
    """The KPI report; for the netwerk view the year's report of today's release (a year it
    cannot choose: its case registers withheld)."""
    if aggregated_only:
        today = dt.date.today()
        report = release_for(url, version, today, threshold).report(year)
        if report is not None and as_of == fixed_as_of(year, today) and dienst is None:
            return report
        return empty_report(compute_report(engine_for(url), year, as_of), threshold)
    return compute_report(engine_for(url), year, as_of, dienst=dienst)


def hidden_reason(report, kpi_id: str) -> str | None:
    """The Dutch reason a value of `report` is hidden in this view, or None."""
    return ((report.extra or {}).get("suppression") or {}).get("reasons", {}).get(kpi_id)


def shown_kpis(report) -> dict:
    """The report's values, a value hidden for the netwerk view replaced by the marker
    'verborgen' (markers.withheld; it would otherwise read 'geen gegevens')."""
    threshold = ((report.extra or {}).get("suppression") or {}).get("threshold", 0)
    return {k: markers.withheld(threshold) if v is None and hidden_reason(report, k) else v for k, v in report.kpis.items()}


def effective_view(access: Access, year: int, as_of: dt.date | None, dienst: str | None) -> tuple[dt.date, str | None]:
    """The (as_of, dienst) `access` may see for `year` (kpis.disclosure.policy.allowed_view): the
    netwerk view (no "filter_dienst", no "choose_reference_date") is zone-wide on the one
    reference date of each year, whatever the page or the URL asked. Every cached read here and
    in the other modules of dashboard.reads goes through this before it touches the data."""
    return allowed_view(access, year, as_of, dienst)


def effective_filters(access: Access, filters):
    """`filters` (a dashboard.ui.filters.Filters) as `access` may use them (effective_view)."""
    as_of, dienst = effective_view(access, filters.year, filters.as_of, filters.dienst)
    if (as_of, dienst) == (filters.as_of, filters.dienst):
        return filters
    return replace(filters, as_of=as_of, dienst=dienst)


def get_report(access: Access, filters):
    """The KPI report for the filters' year, reference date and dienst (a `Filters`; use
    dataclasses.replace(filters, year=..., as_of=...) for another period), as effective_filters
    allows them."""
    filters = effective_filters(access, filters)
    with errors.database_guard():
        return report_for(*cache_key(), filters.year, filters.as_of, filters.dienst, *view_key(access))


PLAN_REGISTERS = ("evaluatiecriteria", "indicatoren")  # years of the policy cycle, not of dossiers


def _year_columns() -> dict:
    """Where each register's years are read: the main date of a dated register, the jaar of
    Evaluatiecriteria and the periode (jjjj or jjjj-mm) of Indicatoren."""
    columns = {r.name: REGISTER_TABLES[r.name].c[r.main_date] for r in REGISTERS if r.main_date}
    columns["evaluatiecriteria"] = REGISTER_TABLES["evaluatiecriteria"].c.jaar
    columns["indicatoren"] = sa.func.trim(REGISTER_TABLES["indicatoren"].c.periode)
    return columns


@cached(max_entries=CACHE_ENTRIES)
def _year_bounds(url: str, version: int) -> dict[str, tuple[int, int]]:
    """{register: (first year, last year)} for every register of _year_columns that holds rows."""
    bounds = {}
    with engine_for(url).connect() as conn:
        for name, column in _year_columns().items():
            low, high = conn.execute(sa.select(sa.func.min(column), sa.func.max(column))).one()
            if low is not None:
                bounds[name] = (_year(low), _year(high))
    return bounds


def _year(value) -> int:
    return value.year if hasattr(value, "year") else int(str(value)[:4])


def _years_spanning(bounds) -> list[int]:
    """Every year from the first of `bounds` ((first, last) pairs) up to the current year (or
    the last, if later), newest first."""
    first = last = dt.date.today().year
    for low, high in bounds:
        first, last = min(first, low), max(last, high)
    return list(range(last, first - 1, -1))


def register_years() -> list[int]:
    """Every year from the first dated row (main date of a register) up to the current year
    (or the last row, if later), newest first; a year without rows is listed too. Charts over
    the years start with the first of these: before it the registers are unknown, not zero."""
    with errors.database_guard():
        bounds = _year_bounds(*cache_key())
    return _years_spanning(b for name, b in bounds.items() if name not in PLAN_REGISTERS)


def available_years() -> list[int]:
    """The years the sidebar offers: register_years widened by the years of Evaluatiecriteria
    (jaar) and Indicatoren (periode), so that the criteria of a year without other rows (e.g.
    next year's, or one before the registers) can be chosen."""
    with errors.database_guard():
        return _years_spanning(_year_bounds(*cache_key()).values())


@cached(max_entries=CACHE_ENTRIES)
def _diensten(url: str, version: int) -> list[str]:
    return diensten(engine_for(url))


def available_diensten() -> list[str]:
    with errors.database_guard():
        return _diensten(*cache_key())


def import_history(limit: int = 50) -> list[dict]:
    """The latest imports, newest first: at (datetime), user_name, file_name, sha256, counts
    ({register: {added, updated, unchanged}}), warnings (text). Not cached: it is small."""
    with errors.database_guard():
        with get_engine().connect() as conn:
            rows = conn.execute(sa.select(import_log).order_by(import_log.c.at.desc(), import_log.c.id.desc()).limit(limit))
            history = []
            for row in rows.mappings():
                entry = dict(row)
                try:
                    entry["counts"] = json.loads(entry["counts"] or "{}")
                except ValueError:
                    entry["counts"] = {}
                history.append(entry)
            return history


def read_rows(
    access: Access, register: str, *, filters=None, where=None, open_column: str | None = None, label: Text | str = ""
) -> pd.DataFrame:
    """The single rows behind a figure (drill-down): read through data_access.reader, which
    refuses the netwerk view, restricted to the filters' year up to their reference date (on the
    register's main date, as the KPIs count them) and dienst, plus `where`
    ({column: value or tuple}), and recorded in the audit log as "detailweergave". Not cached:
    every read is a fresh, audited look. With `open_column` (e.g. datum_afsluiting) the rows
    still open at the filters' reference date instead, from any year: known at D and that date
    empty or after D, the KPI engine's own rule (kpis.context)."""

    parts = []
    if open_column is not None:
        parts.extend(still_open(register, open_column, filters.as_of, filters.dienst))
    elif filters is not None:
        up_to_d = filters.as_of if REGISTERS_BY_NAME[register].main_date else None
        parts.append(RowFilter(years=(filters.year, filters.year), date_to=up_to_d, dienst=filters.dienst))
    if where:
        parts.append(RowFilter(equals=dict(where)))
    with errors.database_guard(), get_engine().begin() as conn:
        rows = reader_read_rows(conn, register, access, where=parts)
        detail = {"register": register, "label": label, "rijen": len(rows)}
        if filters is not None:
            detail["filters"] = filters.as_audit()
        if where:
            detail["voorwaarden"] = {k: v for k, v in where.items()}
        audit.record(conn, access, "detailweergave", detail)
    return rows


@cached(max_entries=CACHE_ENTRIES)
def _is_empty(url: str, version: int) -> bool:
    with engine_for(url).connect() as conn:
        return db.is_empty(conn)


def database_is_empty() -> bool:
    """No register holds a row yet."""
    with errors.database_guard():
        return _is_empty(*cache_key())


def clear_caches() -> None:
    """Drops every cached result (not the engine): the reads of dashboard.reads and the built
    figures (all st.cache_data). The data version already invalidates them after an import;
    this frees memory, and gives the tests and the benchmark a cold start."""
    st.cache_data.clear()
