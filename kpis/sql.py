"""Small SQL building blocks shared by the KPI steps, the same result on SQLite and PostgreSQL.

Each KPI step asks the database for a few *populations* (e.g. "complaints received in Y"),
each counted with GROUP BY over the handful of columns the KPIs split or test on (`counted`:
plain rows; `grouped`: the same as a DataFrame for the series); the step then sums those few
rows with `count` and `split` (plain Python: a report must stay fast on a zone's few hundred
rows, where building DataFrames would cost more than the queries). Dates are compared with
Python `date` literals where a cut-off is fixed (e.g. "D minus the norm", computed in Python);
date arithmetic per row compiles per dialect: `days_between`, `plus_days`, `plus_months`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import ColumnElement, FunctionElement


class days_between(FunctionElement):
    """Whole calendar days from `earlier` to `later` (`(later - earlier).days`), an integer."""

    type = sa.Integer()
    inherit_cache = True
    name = "days_between"


class plus_days(FunctionElement):
    """`day` plus a fixed number of days (a Python int), a date."""

    type = sa.Date()
    inherit_cache = True
    name = "plus_days"


class plus_months(FunctionElement):
    """`day` plus a fixed number of calendar months (a Python int), clamped to the target
    month's last day like kpis.dates.add_months (31/01 + 1 month = 28/02 or 29/02)."""

    type = sa.Date()
    inherit_cache = True
    name = "plus_months"


@compiles(days_between)
def _days_between_default(element, compiler, **kw):  # PostgreSQL: date - date is an integer
    later, earlier = list(element.clauses)
    return f"({compiler.process(later, **kw)} - {compiler.process(earlier, **kw)})"


@compiles(days_between, "sqlite")
def _days_between_sqlite(element, compiler, **kw):  # dates are stored as 'jjjj-mm-dd' text
    later, earlier = list(element.clauses)
    return (
        f"CAST(ROUND(julianday({compiler.process(later, **kw)}) - "
        f"julianday({compiler.process(earlier, **kw)})) AS INTEGER)"
    )


@compiles(plus_days)
def _plus_days_default(element, compiler, **kw):  # PostgreSQL: date + integer is a date
    day, days = (compiler.process(c, **kw) for c in element.clauses)
    return f"({day} + CAST({days} AS INTEGER))"


@compiles(plus_days, "sqlite")
def _plus_days_sqlite(element, compiler, **kw):
    day, days = (compiler.process(c, **kw) for c in element.clauses)
    return f"date({day}, ({days}) || ' days')"


@compiles(plus_months)
def _plus_months_default(element, compiler, **kw):  # PostgreSQL clamps to the month's last day itself
    day, months = (compiler.process(c, **kw) for c in element.clauses)
    return f"CAST({day} + make_interval(months => CAST({months} AS INTEGER)) AS DATE)"


@compiles(plus_months, "sqlite")
def _plus_months_sqlite(element, compiler, **kw):
    # SQLite rolls 31/01 + 1 month over into March; the last day of the target month caps it.
    day, months = (compiler.process(c, **kw) for c in element.clauses)
    return (
        f"min(date({day}, ({months}) || ' months'), "
        f"date({day}, 'start of month', ({months} + 1) || ' months', '-1 day'))"
    )


def flag(condition: ColumnElement[bool]) -> ColumnElement[int]:
    """1 where `condition` holds, else 0 (NULL counts as not holding): a group-by key."""
    return sa.case((condition, 1), else_=0)


def counted(
    conn: sa.Connection, keys: Mapping[str, ColumnElement], where: Iterable[ColumnElement[bool]]
) -> list[dict]:
    """Rows meeting every `where`, counted per combination of `keys`: one dict per combination
    with the key values and `n` (the count). No rows gives an empty list."""
    names = [*keys, "n"]
    labelled = [expr.label(name) for name, expr in keys.items()]
    stmt = sa.select(*labelled, sa.func.count().label("n")).where(*where)
    if labelled:
        stmt = stmt.group_by(*labelled)
    # no keys and no rows: one row with n = 0, left out
    return [dict(zip(names, r)) for r in conn.execute(stmt) if r[-1]]


def grouped(
    conn: sa.Connection, keys: Mapping[str, ColumnElement], where: Iterable[ColumnElement[bool]]
) -> pd.DataFrame:
    """`counted` as a frame: one column per key and `n`; no rows gives an empty frame with those
    columns."""
    return pd.DataFrame(counted(conn, keys, where), columns=[*keys, "n"]).astype({"n": "int64"})


def count(rows: list[dict], where: Callable[[dict], bool] | None = None) -> int:
    """Sum of `n`, over the rows for which `where(row)` holds when given."""
    return sum(r["n"] for r in rows if where is None or where(r))


def split(
    rows: list[dict], column: str, values: Iterable[str], where: Callable[[dict], bool] | None = None
) -> dict[str, int]:
    """{value: count} for every enum value (0 when absent), in the enum's order."""
    sums: dict = {}
    for r in rows:
        if where is None or where(r):
            sums[r[column]] = sums.get(r[column], 0) + r["n"]
    return {v: int(sums.get(v, 0)) for v in values}
