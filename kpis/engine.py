"""The KPI engine: every KPI of the catalog for year Y at reference date D, as one Report.

`dienst` filters the registers that have a dienst column (klachten, functioneringsnota's,
tucht- en gerechtelijke dossiers), on the exact dienst text. Meldingen, the actieplan and the
risk analysis have none and stay zone-wide; `complaints_per_100_fte` is null with a dienst filter because the VTE
indicator is zone-wide. Criteria are evaluated on the (filtered) KPI values.

How it runs: each register has one step (kpis/klachten.py, notas.py, tucht.py, meldingen.py,
actieplan.py) that asks the database for a few populations (e.g. "closed in Y"), each counted
with GROUP BY on the columns its KPIs split or test on (kpis/sql.py), and sums those few
rows in plain Python (no DataFrames: on a zone's few hundred rows they would cost more than the
queries). Per-row date terms (lead times, the meldingen's calendar-month feedback term) are
computed in SQL too. No row of a register with persons and no personal column is ever read;
the risk step (kpis/risicos.py) reads the risks' own rows, a few dozen that name no person,
because a risk's linked actions are a list in one cell.

Decisions where kpi-catalog.md leaves room (also in the module named):
- "Any other date after D counts as empty" is applied to every date, planned ones too: an
  action's startdatum or deadline after D is empty, so at a D in the middle of Y the actieplan
  KPIs count the actions due or started by D (actieplan.py). At 31/12/Y nothing changes.
- Statuses, outcomes and sanctions are as the register holds them today, also for a past D
  (the catalog says so); only dates are cut at D.
- A reference date before 1 January of Y gives empty "in Y" populations; the "at D" KPIs
  (open, overdue, at risk, follow-ups) are still counted at D.
- discipline_limit_at_risk also counts dossiers whose term has already passed (D is then
  certainly >= term - warn days): they need attention all the more.
- An empty ordemaatregel is `geen`. A VTE value of 0 is a zero denominator (null).
- Rates are exact fractions (not rounded); the median of an even number of values is the mean
  of the middle two.
- Indicatoren: the value for Y is the row with periode exactly "Y" (monthly periods "Y-mm" are
  not added up); names match ignoring case, spaces, `_` and accents (criteria.py).
- Criteria: a KPI id wins over an Indicatoren name; a null KPI is `geen gegevens` (no fall-back);
  split KPIs and the criteria counts cannot be criteria; a rate KPI's norm (stored 0..100) is
  divided by 100; `gevalideerd op` after D is a draft (criteria.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from data_access.schema import REGISTER_TABLES
from data_access.settings import load_settings
from kpis import criteria as criteria_mod
from kpis.catalog import KPIS, REGISTER_STEPS, kpi_for_indicator
from kpis.context import Context
from kpis.criteria import CriterionResult
from kpis.measures import split_bases


def default_as_of(year: int, today: date | None = None) -> date:
    """31 December of Y, or today when Y is the current year."""
    today = today or date.today()
    return today if year == today.year else date(year, 12, 31)


@dataclass
class Report:
    year: int
    as_of: date
    kpis: dict[str, Any]  # every catalog id, in catalog order
    criteria: list[CriterionResult]
    settings: dict[str, int]  # the norms used
    dienst: str | None = None
    # "bases": {id: rows} of every rate, median and per-VTE figure (kpis.measures.Measured), for
    # kpis.disclosure; later layers add their annotations (e.g. "suppression"). Not in the JSON.
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json_dict(self) -> dict[str, Any]:
        """Exactly the catalog's JSON object."""
        return {
            "year": self.year,
            "as_of": self.as_of.isoformat(),
            "kpis": dict(self.kpis),
            "criteria": [c.to_json_dict() for c in self.criteria],
        }


def compute_report(
    engine_or_conn: Engine | sa.Connection,
    year: int,
    as_of: date | None = None,
    *,
    dienst: str | None = None,
) -> Report:
    """Every KPI for `year` at `as_of` (default: `default_as_of(year)`), optionally for one dienst."""
    if isinstance(engine_or_conn, Engine):
        with engine_or_conn.connect() as conn:
            return compute_report(conn, year, as_of, dienst=dienst)
    conn = engine_or_conn
    as_of = as_of or default_as_of(year)
    settings = load_settings(conn)
    ctx = Context(conn=conn, year=year, as_of=as_of, settings=settings, dienst=dienst or None)

    values: dict[str, Any] = {}
    bases: dict[str, int] = {}
    for step in REGISTER_STEPS:
        step_values, step_bases = split_bases(step(ctx))
        values.update(step_values)
        bases.update(step_bases)
    results = criteria_mod.evaluate(ctx, values, kpi_for_indicator)
    values.update(criteria_mod.status_counts(results))
    return Report(
        year=year,
        as_of=as_of,
        kpis={k.id: values[k.id] for k in KPIS},
        criteria=results,
        settings=dict(settings),
        dienst=ctx.dienst,
        extra={"bases": bases},
    )


def diensten(engine_or_conn: Engine | sa.Connection) -> list[str]:
    """Every dienst named in the registers that have one, sorted: the choices of the filter."""
    if isinstance(engine_or_conn, Engine):
        with engine_or_conn.connect() as conn:
            return diensten(conn)
    selects = [sa.select(t.c.dienst) for t in REGISTER_TABLES.values() if "dienst" in t.c]
    rows = engine_or_conn.execute(sa.union(*selects)).scalars()
    return sorted({r for r in rows if r}, key=str.lower)
