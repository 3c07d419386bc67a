"""Evaluation criteria for year Y (kpi-catalog.md, section Evaluatiecriteria).

Decisions where the catalog leaves room:
- An indicator is matched to a KPI id or an Indicatoren name ignoring case, surrounding spaces,
  `_` versus space and accents (`header_key`), like headers are: a hand-typed
  `Complaints_Overdue` or `Personeelsbestand (vte)` is found.
- A KPI id wins over an Indicatoren row of the same name. A KPI whose value is null gives
  `geen gegevens` with the reason; there is no fall-back to Indicatoren then.
- Split KPIs and the three criteria counts (which would count themselves) cannot be criteria:
  `geen gegevens`, with `problem` saying why.
- A rate KPI's norm is stored as a percentage (90 for 90%) and reported as a fraction (0.9);
  every other norm is used as stored.
- `gevalideerd op` after D counts as empty (draft at D), like any other date after D.
Every `geen gegevens` carries a Dutch `problem` that names the indicator and what it lacks.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

import sqlalchemy as sa

from data_access.schema import REGISTER_TABLES
from i18n import N_, Text
from kpis.context import Context, name_key

# Canonical (Dutch) statuses; marked for the catalogs, translated where shown (i18n._).
MET, NOT_MET, NO_DATA = N_("gehaald"), N_("niet gehaald"), N_("geen gegevens")
STATUSES = (MET, NOT_MET, NO_DATA)
COUNT_IDS = {MET: "criteria_met", NOT_MET: "criteria_not_met", NO_DATA: "criteria_no_data"}


@dataclass(frozen=True)
class CriterionResult:
    id: str
    omschrijving: str
    indicator: str
    value: float | int | None
    norm: float | None  # on the KPI's own scale: a rate's norm as a fraction
    richting: str  # "minstens" | "hoogstens"
    status: str  # one of STATUSES
    validated_on: date | None  # None: draft at D
    problem: str | None = None  # why there is no value: an i18n.Text (Dutch; i18n.shown in any language)

    def to_json_dict(self) -> dict[str, Any]:
        """The catalog's criterion object."""
        return {
            "id": self.id,
            "indicator": self.indicator,
            "value": self.value,
            "norm": self.norm,
            "richting": self.richting,
            "status": self.status,
        }


def status_of(value, norm, richting: str) -> str:
    if value is None or norm is None:
        return NO_DATA
    met = value >= norm if richting == "minstens" else value <= norm
    return MET if met else NOT_MET


def evaluate(ctx: Context, kpi_values: Mapping[str, Any], kpi_for_indicator: Callable) -> list[CriterionResult]:
    """Every criterion with jaar = Y, ordered by id, with `kpi_values` the report's KPIs and
    `kpi_for_indicator` the catalog's lookup (kpis.catalog, which lists this module's counts)."""
    t = REGISTER_TABLES["evaluatiecriteria"]
    cols = (t.c.criterium_id, t.c.omschrijving, t.c.indicator, t.c.norm, t.c.richting, t.c.gevalideerd_op)
    # ordered in Python: the databases' collations may differ
    rows = sorted(ctx.conn.execute(sa.select(*cols).where(t.c.jaar == ctx.year)).all(), key=lambda r: r[0])
    if not rows:
        return []
    measured = ctx.indicators()

    @cache
    def known_indicators() -> frozenset[str]:
        """Every indicator name in the register: read only when a criterion needs it."""
        ind = REGISTER_TABLES["indicatoren"]
        return frozenset(name_key(n) for n in ctx.conn.execute(sa.select(ind.c.indicator).distinct()).scalars())

    results = []
    for crit_id, omschrijving, indicator, norm, richting, validated in rows:
        key = name_key(indicator or "")
        kpi = kpi_for_indicator(indicator)
        value, problem = None, None
        if kpi is not None:
            if kpi.unit in ("split", "goal_split"):
                problem = Text("'{indicator}' is een verdeling ({kpi}), geen enkel getal: dit kan geen criterium zijn.",
                               indicator=indicator, kpi=Text(kpi.label))
            elif kpi.id in COUNT_IDS.values():
                problem = Text("'{indicator}' telt de evaluatiecriteria zelf en kan geen criterium zijn.",
                               indicator=indicator)
            else:
                value = kpi_values[kpi.id]
                if value is None:
                    problem = Text(
                        "De KPI '{kpi}' heeft geen waarde voor {year} op {date}: er zijn geen gegevens om ze te "
                        "berekenen.", kpi=Text(kpi.label), year=ctx.year, date=f"{ctx.as_of:%d/%m/%Y}",
                    )
            if norm is not None and kpi.unit == "rate":
                norm = norm / 100
        elif key in measured:
            value = measured[key]
        elif key in known_indicators():
            problem = Text("Geen meting voor indicator '{indicator}' in periode {year} (register Indicatoren).",
                           indicator=indicator, year=ctx.year)
        else:
            problem = Text(
                "Onbekende indicator '{indicator}': geen KPI uit de catalogus en geen indicator in het register "
                "Indicatoren.", indicator=indicator,
            )
        if norm is None and problem is None:
            problem = Text("Criterium {id} heeft geen norm.", id=crit_id)
        results.append(
            CriterionResult(
                id=crit_id,
                omschrijving=omschrijving,
                indicator=indicator,
                value=value,
                norm=None if norm is None else float(norm),
                richting=richting,
                status=status_of(value, norm, richting),
                validated_on=validated if validated is not None and validated <= ctx.as_of else None,
                problem=problem,
            )
        )
    return results


def status_counts(results: list[CriterionResult]) -> dict[str, int]:
    """criteria_met, criteria_not_met, criteria_no_data."""
    counts = Counter(r.status for r in results)
    return {kpi_id: counts.get(status, 0) for status, kpi_id in COUNT_IDS.items()}
