"""The only way pages read register rows, with the role enforced here, where the data is read.

    read_rows(conn, "klachten", access, where=RowFilter(years=(2025, 2025), dienst="Verkeer"))
        single rows for a drill-down; refused (AccessDenied, Dutch) for the netwerk view
        (role netwerk or screen-share mode); all columns, persons included, otherwise.
    read_for_aggregation(conn, "klachten", ["datum_ontvangst", "categorie"], where=...)
        rows for a computation (no role: the result must be aggregated before it is shown);
        refuses (ValueError) any personal or free-text column, in `columns` and in `where`.

`where` is a RowFilter (year range on the register's main date, a date range, dienst, equal
values per column), a SQLAlchemy boolean expression on the register's table
(REGISTER_TABLES[name].c...), or a list of either; all parts must hold.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import cast

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.sql import visitors
from sqlalchemy.sql.expression import ColumnElement

from data_access.access import Access
from data_access.registers import BY_NAME, Register
from data_access.schema import REGISTER_TABLES

# The column holding a row's year for the registers without a main date.
_YEAR_COLUMN = {"evaluatiecriteria": "jaar"}


@dataclass(frozen=True)
class RowFilter:
    """A simple filter. years: inclusive (first, last) on the register's main date (for
    Evaluatiecriteria its `jaar`, for Indicatoren the year of `periode`; ignored for
    Actieplan, which has no main date: use date_column); date_from/date_to: inclusive, on
    date_column (default the main date); dienst: one value or several; equals: {column: value
    or tuple of values}."""

    years: tuple[int, int] | None = None
    date_from: date | None = None
    date_to: date | None = None
    date_column: str | None = None
    dienst: str | Sequence[str] | None = None
    equals: Mapping[str, object] = field(default_factory=dict)

    def conditions(self, register: Register, table: sa.Table) -> list[ColumnElement[bool]]:
        out: list[ColumnElement[bool]] = []
        if self.years is not None:
            first, last = self.years
            if register.main_date:
                col = table.c[register.main_date]
                out.append(col.between(date(first, 1, 1), date(last, 12, 31)))
            elif register.name in _YEAR_COLUMN:
                out.append(table.c[_YEAR_COLUMN[register.name]].between(first, last))
            elif register.name == "indicatoren":
                year = sa.func.substr(table.c.periode, 1, 4)
                out.append(year.in_([str(y) for y in range(first, last + 1)]))
        if self.date_from is not None or self.date_to is not None:
            name = self.date_column or register.main_date
            if name is None:
                raise ValueError(f"Register {register.label} heeft geen hoofddatum: geef date_column op.")
            col = _column(table, name)
            if self.date_from is not None:
                out.append(col >= self.date_from)
            if self.date_to is not None:
                out.append(col <= self.date_to)
        if self.dienst is not None and "dienst" in table.c:
            values = [self.dienst] if isinstance(self.dienst, str) else list(self.dienst)
            out.append(table.c.dienst.in_(values))
        for name, value in self.equals.items():
            col = _column(table, name)
            if isinstance(value, (list, tuple, set, frozenset)):
                out.append(col.in_(list(value)))
            elif value is None:
                out.append(col.is_(None))
            else:
                out.append(col == value)
        return out


Where = RowFilter | ColumnElement | Iterable | None


def _column(table: sa.Table, name: str) -> sa.Column:
    if name not in table.c:
        raise ValueError(f"Onbekende kolom '{name}' in register {table.name}.")
    return table.c[name]


def _register(register_name: str) -> tuple[Register, sa.Table]:
    if register_name not in REGISTER_TABLES:
        raise ValueError(f"Onbekend register: {register_name}")
    return BY_NAME[register_name], REGISTER_TABLES[register_name]


def _conditions(where: Where, register: Register, table: sa.Table) -> list[ColumnElement[bool]]:
    if where is None:
        return []
    if isinstance(where, RowFilter):
        return where.conditions(register, table)
    if isinstance(where, sa.sql.ClauseElement):
        return [where]
    out: list[ColumnElement[bool]] = []
    for part in cast(Iterable, where):  # a list of the above
        out += _conditions(part, register, table)
    return out


def _columns_used(conditions: Iterable[ColumnElement]) -> set[str]:
    """The columns a filter reads. Raw SQL text cannot be checked, so it is refused."""
    names = set()
    for cond in conditions:
        for el in visitors.iterate(cond):
            if isinstance(el, sa.TextClause):
                raise ValueError("Een filter voor een berekening mag geen SQL-tekst bevatten; gebruik kolommen van het register.")
            if isinstance(el, sa.Column):
                names.add(el.name)
    return names


def _query(table, columns, conditions, order_by, limit) -> sa.Select:
    q = sa.select(*(table.c[c] for c in columns)).where(*conditions)
    q = q.order_by(*(table.c[c] for c in order_by))
    return q.limit(limit) if limit else q


def _frame(conn: sa.Connection, q: sa.Select, columns: Sequence[str]) -> pd.DataFrame:
    rows = conn.execute(q).all()
    return pd.DataFrame([tuple(r) for r in rows], columns=list(columns))


def read_rows(
    conn: sa.Connection,
    register_name: str,
    access: Access,
    *,
    where: Where = None,
    columns: Sequence[str] | None = None,
    limit: int | None = None,
) -> pd.DataFrame:
    """Single rows of a register for a role that may see rows (a drill-down), in the register's
    column order (or `columns`), sorted on the main date then the key. Raises AccessDenied
    (Dutch message) for the netwerk view. The caller records a "detailweergave" audit row."""
    access.require("read_rows")
    access.require("read_persons")  # rows hold persons; both go together for every role today
    register, table = _register(register_name)
    names = list(columns) if columns is not None else list(register.column_names)
    for name in names:
        _column(table, name)
    order = ([register.main_date] if register.main_date else []) + [c.name for c in register.key_columns]
    conditions = _conditions(where, register, table)
    return _frame(conn, _query(table, names, conditions, order, limit), names)


def read_for_aggregation(
    conn: sa.Connection,
    register_name: str,
    columns: Sequence[str],
    where: Where = None,
) -> pd.DataFrame:
    """Rows of `columns` for a computation whose result is aggregated before anyone sees it.
    Raises ValueError (Dutch) for a personal (P) or free-text column, asked for or filtered on:
    a computation never needs them, and a count filtered on a person would be about a person."""
    register, table = _register(register_name)
    conditions = _conditions(where, register, table)
    for name in [*columns, *sorted(_columns_used(conditions))]:
        _column(table, name)
        if name in register.column_names:
            spec = register.column(name)
            if spec.personal or spec.free_text:
                raise ValueError(
                    f"Kolom '{spec.header}' van {register.label} is een persoonsgegeven of vrije tekst "
                    "en kan niet voor een berekening gelezen worden."
                )
    order = [c.name for c in register.key_columns]
    q = _query(table, list(columns), conditions, [], None)
    # Keys to order on are selected only when asked for: no key leaks into the frame.
    q = q.order_by(*(table.c[c] for c in order))
    return _frame(conn, q, list(columns))
