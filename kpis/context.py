"""What every KPI step needs: the connection, year Y, reference date D, the norms, the dienst.

The catalog's reference-date rule lives here, once: a row whose main date is after D is left
out (`scope`), and any other date after D counts as empty (`in_year`, `known`, `unknown`).

Every value that differs between two reports of one shape (Y, D, the dienst, and what is derived
from them) reaches SQL as a named bind parameter made by `param`, never as a literal: the report
steps build their statements once per `shape` and run them with each context's values
(kpis/sql.py `count_populations`). A norm is part of the shape, so it may be a literal.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

import sqlalchemy as sa
from sqlalchemy.sql.expression import BindParameter, ColumnElement

from data_access.registers import BY_NAME, FTE_INDICATOR, header_key
from data_access.schema import REGISTER_TABLES

# header_key for names read on every report (KPI ids, indicator names): normalising Unicode is
# the costliest step of a zone's report otherwise.
name_key = lru_cache(maxsize=4096)(header_key)


@dataclass(frozen=True)
class Context:
    conn: sa.Connection
    year: int
    as_of: date
    settings: Mapping[str, int]
    dienst: str | None = None
    _memo: dict = field(default_factory=dict, compare=False, repr=False)  # per report: indicators read once

    @property
    def start(self) -> date:
        return date(self.year, 1, 1)

    @property
    def end(self) -> date:
        """The last day of Y that is known at D (before `start` when D precedes Y)."""
        return min(date(self.year, 12, 31), self.as_of)

    @property
    def shape(self) -> tuple:
        """What decides the structure of a step's statements: whether one dienst is filtered,
        and the norms. Contexts of one shape differ only in their parameters (`param`)."""
        return self.dienst is not None, tuple(sorted(self.settings.items()))

    @classmethod
    def of_shape(cls, shape: tuple) -> Context:
        """A context of `shape` whose year, D and dienst are placeholders, to build statements
        with; it has no connection, so a builder that queries fails at once."""
        by_dienst, settings = shape
        return cls(conn=None, year=1900,  # type: ignore[arg-type]  # no connection: never queries
                   as_of=date(1900, 1, 1), settings=dict(settings), dienst="" if by_dienst else None)

    def param(self, name: str, value_of: Callable[[Context], object], type_=sa.Date) -> BindParameter:
        """A named bind parameter holding `value_of(self)`, recorded so that a statement built
        with this context can run for another context of the same shape with
        `value_of(that context)` (`recorded_params`)."""
        self._memo.setdefault("params", {})[name] = value_of
        return sa.bindparam(name, value_of(self), type_=type_)

    def recorded_params(self) -> dict[str, Callable[[Context], object]]:
        """{name: value_of} of every parameter made with this context."""
        return dict(self._memo.get("params", {}))

    @property
    def as_of_param(self) -> BindParameter:
        """D, as a bind parameter."""
        return self.param("as_of", lambda c: c.as_of)

    def days_before_as_of(self, days: int) -> BindParameter:
        """D minus `days` (a norm): `D - x > days` is `x < days_before_as_of(days)`."""
        return self.param(f"as_of_minus_{int(days)}", lambda c: c.as_of - timedelta(days=int(days)))

    def in_year(self, column: ColumnElement) -> ColumnElement[bool]:
        """The date falls in Y and is known at D."""
        return column.between(self.param("year_start", lambda c: c.start), self.param("year_known_end", lambda c: c.end))

    def in_planned_year(self, column: ColumnElement) -> ColumnElement[bool]:
        """A planned date (an action's startdatum or deadline) falls in Y. Plans are known
        ahead, so D does not cut them; D only decides what is overdue."""
        return column.between(
            self.param("year_start", lambda c: c.start), self.param("year_end", lambda c: date(c.year, 12, 31))
        )

    def known(self, column: ColumnElement) -> ColumnElement[bool]:
        """The date is filled in and not after D."""
        return column <= self.as_of_param

    def unknown(self, column: ColumnElement) -> ColumnElement[bool]:
        """The date is empty, or after D (which counts as empty)."""
        return sa.or_(column.is_(None), column > self.as_of_param)

    def scope(self, register: str) -> list[ColumnElement[bool]]:
        """Conditions every row of `register` must meet: main date known at D, and the dienst
        filter for the registers that have a dienst column (the others are zone-wide)."""
        table = REGISTER_TABLES[register]
        spec = BY_NAME[register]
        conditions: list[ColumnElement[bool]] = []
        if spec.main_date:
            conditions.append(table.c[spec.main_date] <= self.as_of_param)
        if self.dienst is not None and "dienst" in table.c:
            conditions.append(table.c.dienst == self.param("dienst", lambda c: c.dienst, sa.String))
        return conditions

    def indicators(self) -> dict[str, float]:
        """Indicatoren measured for period Y, keyed by normalised name (`header_key`)."""
        if "indicators" not in self._memo:
            self._memo["indicators"] = indicator_values(self.conn, str(self.year))
        return self._memo["indicators"]

    def fte(self) -> float | None:
        """`personeelsbestand (VTE)` for Y; None when absent."""
        return self.indicators().get(name_key(FTE_INDICATOR))


def indicator_values(conn: sa.Connection, period: str) -> dict[str, float]:
    """Indicator name (normalised with header_key: case, spaces, accents do not matter) to its
    value for `period` ("jjjj" or "jjjj-mm")."""
    t = REGISTER_TABLES["indicatoren"]
    rows = conn.execute(sa.select(t.c.indicator, t.c.waarde).where(sa.func.trim(t.c.periode) == period))
    return {name_key(name): float(value) for name, value in rows if value is not None}


def still_open(register: str, column: str, as_of: date, dienst: str | None = None) -> list[ColumnElement[bool]]:
    """The rows of `register` open at D: known at D (`scope`) and `column`, a closing date, empty
    or after D (`unknown`), as the KPIs count them (e.g. complaints_open); for a drill-down."""
    ctx = Context(conn=None, year=as_of.year, as_of=as_of, settings={}, dienst=dienst)  # type: ignore[arg-type]  # no query: no connection
    return [*ctx.scope(register), ctx.unknown(REGISTER_TABLES[register].c[column])]
