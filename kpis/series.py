"""Time series and distributions for the pages and the export, counted in SQL.

Every function takes an Engine or a Connection, a register name from data_access.registers and
the same reference-date rule as the KPIs: a row whose main date is after D (`as_of`, or the
window's `end`) is left out. `dienst` filters the registers that have a dienst column (klachten,
functioneringsnotas, tuchtdossiers); meldingen and actieplan are zone-wide. `by` splits on one
column of the register (never a personal one); for an enum column every value is present (0
allowed), in the register's order. `date_column` picks the date counted (default: the register's
main date; actieplan: deadline). Months are Timestamps of their first day.

Returned columns:
- `monthly`        month, [by], count, previous_year, rolling_12m
- `yearly`         year, [by], count
- `year_to_date`   year, start, end, [by], count          (two years per value: Y and Y - 1)
- `per_100_fte`    year, count, fte, per_100_fte          (NaN without a VTE figure or with a dienst)
- `counts_by`      <columns...>, count                    (rows with the date in Y, known at D)
- `lead_times`     lead_days, <split column>              (attrs["norm_days"]: the norm or None)
- `open_complaints` age_days, categorie, dienst, over_norm      (one row per open complaint, no key)
"""

from __future__ import annotations

import functools
from datetime import date
from typing import Any

import numpy as np
import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from data_access.registers import BY_NAME, FTE_INDICATOR, header_key
from data_access.schema import REGISTER_TABLES
from data_access.settings import load_settings
from kpis.context import Context, indicator_values
from kpis.dates import add_months
from kpis.sql import days_between, grouped
from kpis.tucht import TUCHT_KINDS

DEFAULT_DATE = {"actieplan": "deadline"}

# lead-time populations: register -> (later date, earlier date, split column, norm setting)
LEAD_TIMES = {
    "klachten": ("datum_afsluiting", "datum_ontvangst", "categorie", "complaint_norm_days"),
    "tuchtdossiers": ("datum_beslissing", "datum_kennisname", "sanctie", None),
}


def _with_conn(fn):
    """Lets a series function take an Engine as well as a Connection."""

    @functools.wraps(fn)
    def wrapper(engine_or_conn, *args, **kwargs):
        if isinstance(engine_or_conn, Engine):
            with engine_or_conn.connect() as conn:
                return fn(conn, *args, **kwargs)
        return fn(engine_or_conn, *args, **kwargs)

    return wrapper


def _date_column(register: str, date_column: str | None) -> str:
    spec = BY_NAME[register]
    name = date_column or DEFAULT_DATE.get(register) or spec.main_date
    if name is None or spec.column(name).type != "date":
        raise ValueError(f"Register {spec.label} heeft geen datumkolom '{name}'.")
    return name


def _check_columns(register: str, columns) -> None:
    spec = BY_NAME[register]
    for name in columns:
        column = spec.column(name)  # KeyError for an unknown column
        if column.personal:
            raise ValueError(f"Kolom '{column.header}' bevat persoonsgegevens en kan niet geteld worden.")


def _fill(frame: pd.DataFrame, register: str, by: str | None, index_name: str, index_values) -> pd.DataFrame:
    """Every period (and every enum value of `by`) present, missing combinations counted 0."""
    keys = [index_name] + ([by] if by else [])
    if by:
        values = BY_NAME[register].column(by).values
        present = [v for v in frame[by].dropna().unique() if v not in values]
        levels = list(values) + sorted(present) if values else sorted(frame[by].dropna().unique())
        full = pd.MultiIndex.from_product([index_values, levels], names=keys)
    else:
        full = pd.Index(index_values, name=index_name)
    counts = frame.groupby(keys)["n"].sum() if len(frame) else pd.Series(dtype="int64")
    return counts.reindex(full, fill_value=0).astype("int64").rename("count").reset_index()


def _ctx(conn, as_of: date, dienst: str | None) -> Context:
    return Context(conn=conn, year=as_of.year, as_of=as_of, settings={}, dienst=dienst or None)


def _period_counts(conn, register, date_column, start, end, by, dienst, as_of, *, months: bool) -> pd.DataFrame:
    table = REGISTER_TABLES[register]
    column = table.c[_date_column(register, date_column)]
    _check_columns(register, [by] if by else [])
    keys: dict[str, Any] = {"y": sa.extract("year", column)}
    if months:
        keys["m"] = sa.extract("month", column)
    if by:
        keys[by] = table.c[by]
    ctx = _ctx(conn, as_of, dienst)
    frame = grouped(conn, keys, [*ctx.scope(register), column.between(start, min(end, as_of))])
    frame["y"] = frame["y"].astype("int64")
    if months:
        parts = pd.DataFrame({"year": frame["y"], "month": frame["m"].astype("int64"), "day": 1})
        frame["month"] = pd.to_datetime(parts) if len(frame) else pd.Series(dtype="datetime64[ns]")
    return frame


def _month_starts(start: date, end: date) -> pd.DatetimeIndex:
    return pd.date_range(pd.Timestamp(start.year, start.month, 1), pd.Timestamp(end.year, end.month, 1), freq="MS")


@_with_conn
def monthly(
    conn,
    register: str,
    start: date,
    end: date,
    *,
    by: str | None = None,
    dienst: str | None = None,
    date_column: str | None = None,
) -> pd.DataFrame:
    """Counts per month from `start`'s month to `end`'s month (`end` is D: later rows and dates
    are unknown). `previous_year` is the same month a year earlier (that whole month), and
    `rolling_12m` the sum of the 12 months ending with this one (the last month up to `end`)."""
    first = add_months(date(start.year, start.month, 1), -12)
    frame = _period_counts(conn, register, date_column, first, end, by, dienst, end, months=True)
    full = _fill(frame, register, by, "month", _month_starts(first, end))
    group = full.groupby(by, sort=False)["count"] if by else full["count"]
    full["previous_year"] = group.shift(12).fillna(0).astype("int64")
    rolled = group.rolling(12, min_periods=1).sum()
    full["rolling_12m"] = (rolled.reset_index(level=0, drop=True) if by else rolled).astype("int64")
    keep = full["month"] >= pd.Timestamp(start.year, start.month, 1)
    return full[keep].reset_index(drop=True)  # month by month, `by` in the register's order


@_with_conn
def yearly(
    conn,
    register: str,
    first_year: int,
    last_year: int,
    *,
    by: str | None = None,
    as_of: date | None = None,
    dienst: str | None = None,
    date_column: str | None = None,
) -> pd.DataFrame:
    """Counts per year, first_year..last_year; rows after `as_of` (default: no limit) left out."""
    as_of = as_of or date.max
    frame = _period_counts(
        conn, register, date_column, date(first_year, 1, 1), date(last_year, 12, 31), by, dienst, as_of, months=False
    )
    return _fill(frame.rename(columns={"y": "year"}), register, by, "year", list(range(first_year, last_year + 1)))


def same_day_previous_year(day: date) -> date:
    """The same day a year earlier (29 February becomes 28 February)."""
    return add_months(day, -12)


@_with_conn
def year_to_date(
    conn,
    register: str,
    as_of: date,
    *,
    by: str | None = None,
    dienst: str | None = None,
    date_column: str | None = None,
) -> pd.DataFrame:
    """Counts from 1 January to `as_of`, and over the same stretch of the previous year
    (1 January to the same day a year earlier): rows `year`, `start`, `end`, [by], `count`."""
    parts = []
    for end in (same_day_previous_year(as_of), as_of):
        start = date(end.year, 1, 1)
        frame = _period_counts(conn, register, date_column, start, end, by, dienst, end, months=False)
        part = _fill(frame.rename(columns={"y": "year"}), register, by, "year", [end.year])
        part.insert(1, "start", pd.Timestamp(start))
        part.insert(2, "end", pd.Timestamp(end))
        parts.append(part)
    return pd.concat(parts, ignore_index=True)


@_with_conn
def per_100_fte(
    conn,
    register: str,
    first_year: int,
    last_year: int,
    *,
    as_of: date | None = None,
    dienst: str | None = None,
) -> pd.DataFrame:
    """Rows per year × 100 / `personeelsbestand (VTE)` of that year. NaN when the year has no
    VTE figure, and with a dienst filter (the VTE figure is zone-wide)."""
    counts = yearly(conn, register, first_year, last_year, as_of=as_of, dienst=dienst)
    key = header_key(FTE_INDICATOR)
    fte = [indicator_values(conn, str(y)).get(key) for y in counts["year"]]
    counts["fte"] = pd.Series(fte, dtype="float64").where(lambda s: s > 0)
    counts["per_100_fte"] = np.nan if dienst else counts["count"] * 100 / counts["fte"]
    return counts


@_with_conn
def counts_by(
    conn,
    register: str,
    year: int,
    as_of: date,
    columns: list[str] | tuple[str, ...],
    *,
    dienst: str | None = None,
    date_column: str | None = None,
) -> pd.DataFrame:
    """Rows whose date falls in `year` (known at `as_of`), counted per combination of `columns`
    (e.g. categorie × dienst for a heatmap); only combinations that occur."""
    table = REGISTER_TABLES[register]
    column = table.c[_date_column(register, date_column)]
    _check_columns(register, columns)
    ctx = Context(conn=conn, year=year, as_of=as_of, settings={}, dienst=dienst or None)
    frame = grouped(conn, {c: table.c[c] for c in columns}, [*ctx.scope(register), ctx.in_year(column)])
    return frame.rename(columns={"n": "count"})


@_with_conn
def lead_times(conn, register: str, year: int, as_of: date, *, dienst: str | None = None) -> pd.DataFrame:
    """One row per item finished in `year` (known at `as_of`): `lead_days` and the split column
    (klachten: closed in Y, afsluiting - ontvangst, by categorie; tuchtdossiers: tucht rows
    decided in Y, beslissing - kennisname, by sanctie). Its median is the KPI's median.
    attrs["norm_days"]: the complaint norm for klachten, None for tuchtdossiers."""
    later, earlier, split_column, norm_key = LEAD_TIMES[register]
    table = REGISTER_TABLES[register]
    ctx = Context(conn=conn, year=year, as_of=as_of, settings={}, dienst=dienst or None)
    where = [*ctx.scope(register), ctx.in_year(table.c[later])]
    if register == "tuchtdossiers":
        where.append(table.c.soort.in_(TUCHT_KINDS))
    stmt = sa.select(days_between(table.c[later], table.c[earlier]).label("lead_days"), table.c[split_column]).where(
        *where
    )
    frame = pd.DataFrame([tuple(r) for r in conn.execute(stmt)], columns=["lead_days", split_column])
    frame["lead_days"] = frame["lead_days"].astype("int64")
    frame.attrs["norm_days"] = load_settings(conn)[norm_key] if norm_key else None
    return frame


@_with_conn
def open_complaints(conn, as_of: date, *, dienst: str | None = None) -> pd.DataFrame:
    """Complaints open at `as_of` (as complaints_open), oldest first: age_days (D - ontvangst),
    categorie, dienst and over_norm (age above the complaint norm, as complaints_overdue).
    No dossier key: drill-down to rows is the pages' role-checked mechanism."""
    t = REGISTER_TABLES["klachten"]
    norm = load_settings(conn)["complaint_norm_days"]
    ctx = _ctx(conn, as_of, dienst)
    stmt = (
        sa.select(days_between(sa.literal(as_of, sa.Date), t.c.datum_ontvangst), t.c.categorie, t.c.dienst)
        .where(*ctx.scope("klachten"), ctx.unknown(t.c.datum_afsluiting))
    )
    frame = pd.DataFrame([tuple(r) for r in conn.execute(stmt)], columns=["age_days", "categorie", "dienst"])
    frame = frame.sort_values(["age_days", "categorie", "dienst"], ascending=[False, True, True], ignore_index=True)
    frame["age_days"] = frame["age_days"].astype("int64")
    frame["over_norm"] = frame["age_days"] > norm
    return frame


# Lead times of closed klachten and ages of open ones: these edges plus one at norm + 1.
BIN_EDGES = (0, 31, 61, 181, 366)


def norm_edges(norm: int, edges=BIN_EDGES) -> tuple[int, ...]:
    """Bin edges with one at norm + 1, so that 'within the norm' (at most norm days) is a whole
    number of bins: (0, 31, 61, 181, 366), 90 -> (0, 31, 61, 91, 181, 366)."""
    return tuple(sorted(set(edges) | {int(norm) + 1}))


def binned(days: pd.Series, edges: tuple[int, ...]) -> list[int]:
    """How many of `days` fall in each bin: edges[i] <= days < edges[i + 1], the last bin open."""
    bounds = list(edges) + [None]
    return [int(((days >= lo) & (True if hi is None else days < hi)).sum()) for lo, hi in zip(bounds, bounds[1:])]


__all__ = [
    "monthly",
    "yearly",
    "year_to_date",
    "per_100_fte",
    "counts_by",
    "lead_times",
    "open_complaints",
    "same_day_previous_year",
    "BIN_EDGES",
    "norm_edges",
    "binned",
]
