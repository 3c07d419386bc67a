"""Small SQL building blocks shared by the KPI steps, the same result on SQLite and PostgreSQL.

Each KPI step asks the database for a few *populations* (e.g. "complaints received in Y"),
each counted with GROUP BY over the handful of columns the KPIs split or test on (`counted`:
plain rows; `grouped`: the same as a DataFrame for the series); the step then sums those few
rows with `count` and `split` (plain Python: a report must stay fast on a zone's few hundred
rows, where building DataFrames would cost more than the queries). A step declares its
populations in a builder, and `count_populations` builds their statements once per builder and
context shape and runs them with each report's parameters: on a zone's data, building a
SQLAlchemy statement costs more than running it. Cut-off dates (e.g. "D minus the norm") are
computed in Python and bound by name (kpis/context.py `Context.param`); date arithmetic per row
compiles per dialect: `days_between`, `plus_days`, `plus_months`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import ColumnElement, FunctionElement

from kpis.context import Context


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


Population = tuple[Mapping[str, ColumnElement], Iterable[ColumnElement[bool]]]  # (keys, where)


def counted_statement(keys: Mapping[str, ColumnElement], where: Iterable[ColumnElement[bool]]) -> sa.Select:
    """SELECT the `keys` and n = count(*) of the rows meeting every `where`, GROUP BY the keys."""
    labelled = [expr.label(name) for name, expr in keys.items()]
    stmt = sa.select(*labelled, sa.func.count().label("n")).where(*where)
    return stmt.group_by(*labelled) if labelled else stmt


def _counted_rows(result) -> list[dict]:
    names = list(result.keys())
    # no keys and no rows: one row with n = 0, left out
    return [dict(zip(names, r)) for r in result if r[-1]]


def counted(
    conn: sa.Connection, keys: Mapping[str, ColumnElement], where: Iterable[ColumnElement[bool]]
) -> list[dict]:
    """Rows meeting every `where`, counted per combination of `keys`: one dict per combination
    with the key values and `n` (the count). No rows gives an empty list."""
    return _counted_rows(conn.execute(counted_statement(keys, where)))


def count_populations(ctx: Context, build: Callable[[Context], Mapping[str, Population]]) -> dict[str, list[dict]]:
    """`counted` for every population `build(ctx)` declares ({name: (keys, where)}). The
    statements are built once per builder and `ctx.shape` and run with this context's values of
    the parameters they use. A builder puts every value that may differ within one shape into
    SQL through ctx.param."""
    statements, params = _built(build, ctx.shape)
    values = {name: value_of(ctx) for name, value_of in params.items()}
    return {name: _counted_rows(ctx.conn.execute(stmt, values)) for name, stmt in statements.items()}


@functools.lru_cache(maxsize=64)
def _built(build: Callable, shape: tuple) -> tuple[dict[str, sa.Select], dict[str, Callable]]:
    """`build`'s statements for contexts of `shape`, and the parameters they use. Built with
    placeholder values (Context.of_shape), so a value put in as a literal instead of through
    ctx.param would be wrong for every report, not only for the ones after the first."""
    ctx = Context.of_shape(shape)
    statements = {name: counted_statement(keys, where) for name, (keys, where) in build(ctx).items()}
    return statements, ctx.recorded_params()


def clear_built_statements() -> int:
    """Forgets every statement count_populations built; returns how many builds there were."""
    built = _built.cache_info().currsize
    _built.cache_clear()
    return built


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
