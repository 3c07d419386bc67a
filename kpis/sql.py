"""Small SQL building blocks shared by the KPI steps, the same result on SQLite and PostgreSQL.

Each KPI step asks the database for a few *populations* (e.g. "complaints received in Y"),
each counted with GROUP BY over the handful of columns the KPIs split or test on (`grouped`);
the step then sums those small frames. Dates are compared with Python `date` literals only (a
cut-off such as "D minus the norm" is computed in Python), so no dialect's date functions are
needed; the one exception is the number of days between two date columns (`days_between`),
which compiles per dialect.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import ColumnElement, FunctionElement


class days_between(FunctionElement):
    """Whole calendar days from `earlier` to `later` (`(later - earlier).days`), an integer."""

    type = sa.Integer()
    inherit_cache = True
    name = "days_between"


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


def flag(condition: ColumnElement[bool]) -> ColumnElement[int]:
    """1 where `condition` holds, else 0 (NULL counts as not holding): a group-by key."""
    return sa.case((condition, 1), else_=0)


def grouped(
    conn: sa.Connection, keys: Mapping[str, ColumnElement], where: Iterable[ColumnElement[bool]]
) -> pd.DataFrame:
    """Rows meeting every `where`, counted per combination of `keys`: one column per key and
    `n` (the count). No rows gives an empty frame with those columns."""
    names = list(keys)
    labelled = [expr.label(name) for name, expr in keys.items()]
    stmt = sa.select(*labelled, sa.func.count().label("n")).where(*where)
    if labelled:
        stmt = stmt.group_by(*labelled)
    rows = [tuple(r) for r in conn.execute(stmt) if r[-1]]  # no keys, no rows: one row with n = 0
    return pd.DataFrame(rows, columns=[*names, "n"]).astype({"n": "int64"})


def count(frame: pd.DataFrame, mask: pd.Series | None = None) -> int:
    """Sum of `n`, over the rows of `mask` when given."""
    n = frame["n"] if mask is None else frame.loc[mask, "n"]
    return int(n.sum())


def split(frame: pd.DataFrame, column: str, values: Iterable[str], mask: pd.Series | None = None) -> dict[str, int]:
    """{value: count} for every enum value (0 when absent), in the enum's order."""
    part = frame if mask is None else frame[mask]
    sums = part.groupby(column, dropna=True)["n"].sum()
    return {v: int(sums.get(v, 0)) for v in values}
