"""Small SQL building blocks shared by the KPI steps, the same result on SQLite and PostgreSQL.

Dates are compared with Python `date` literals only (a cut-off such as "D minus the norm" is
computed in Python), so no dialect's date functions are needed; the one exception is the
number of days between two date columns (`days_between`), which compiles per dialect.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

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


def count_if(condition: ColumnElement[bool]) -> ColumnElement[int]:
    """Number of rows meeting `condition` (0 on no rows)."""
    return sa.func.coalesce(sa.func.sum(sa.case((condition, 1), else_=0)), 0)


def split_measures(
    prefix: str, column: ColumnElement, values: Iterable[str], condition: ColumnElement[bool]
) -> dict[str, ColumnElement[int]]:
    """One `count_if` per enum value, labelled `prefix|value`; read back with `split_result`."""
    return {f"{prefix}|{v}": count_if(sa.and_(condition, column == v)) for v in values}


def split_result(prefix: str, row: Mapping[str, int], values: Iterable[str]) -> dict[str, int]:
    return {v: int(row[f"{prefix}|{v}"]) for v in values}


def aggregate(
    conn: sa.Connection,
    table: sa.Table,
    measures: Mapping[str, ColumnElement],
    where: Iterable[ColumnElement[bool]],
) -> dict[str, int]:
    """Runs all `measures` in one scan of `table` over the rows that meet every `where`."""
    labels = list(measures)
    stmt = sa.select(*(m.label(f"m{i}") for i, m in enumerate(measures.values()))).select_from(table)
    stmt = stmt.where(*where)
    row = conn.execute(stmt).one()
    return {label: int(value or 0) for label, value in zip(labels, row, strict=True)}


def values_of(conn: sa.Connection, expression: ColumnElement, where: Iterable[ColumnElement[bool]]) -> list:
    """One column's values over the rows that meet every `where`."""
    return list(conn.execute(sa.select(expression).where(*where)).scalars())
