"""Klachten KPIs (kpi-catalog.md, section Klachten): three populations counted in SQL —
received in Y, closed in Y (with their lead times), open at D."""

from __future__ import annotations

from typing import Any

from data_access.registers import KLACHTEN
from data_access.schema import REGISTER_TABLES
from kpis.context import Context
from kpis.measures import Measured, measured_median, measured_rate
from kpis.sql import Population, count, count_populations, days_between, flag, split

ASSESSED = ("gegrond", "deels gegrond", "ongegrond")
FOUNDED = ("gegrond", "deels gegrond")

CATEGORIES = KLACHTEN.column("categorie").values
CHANNELS = KLACHTEN.column("kanaal").values
OUTCOMES = KLACHTEN.column("beoordeling").values


def populations(ctx: Context) -> dict[str, Population]:
    t = REGISTER_TABLES["klachten"]
    received_on, closed_on = t.c.datum_ontvangst, t.c.datum_afsluiting
    norm = ctx.settings["complaint_norm_days"]
    scope = ctx.scope("klachten")
    return {
        "received": ({"categorie": t.c.categorie, "kanaal": t.c.kanaal}, [*scope, ctx.in_year(received_on)]),
        "closed": (
            {"beoordeling": t.c.beoordeling, "lead": days_between(closed_on, received_on)},
            [*scope, ctx.in_year(closed_on)],
        ),
        # open at D: received at or before D (the scope), not closed by D
        "open": (
            {"overdue": flag(received_on < ctx.days_before_as_of(norm))},  # D - ontvangst > norm
            [*scope, ctx.unknown(closed_on)],
        ),
    }


def compute(ctx: Context) -> dict[str, Any]:
    norm = ctx.settings["complaint_norm_days"]
    rows = count_populations(ctx, populations)
    received, closed, open_ = rows["received"], rows["closed"], rows["open"]

    n_received = count(received)
    fte = None if ctx.dienst is not None else ctx.fte()  # VTE is zone-wide: no per-dienst figure
    return {
        "complaints_received": n_received,
        "complaints_closed": count(closed),
        "complaints_open": count(open_),
        "complaints_per_100_fte": Measured(None if not fte else n_received * 100 / fte, n_received),
        "complaints_founded_rate": measured_rate(
            count(closed, lambda r: r["beoordeling"] in FOUNDED), count(closed, lambda r: r["beoordeling"] in ASSESSED)
        ),
        "complaints_median_lead_days": measured_median([r["lead"] for r in closed], [r["n"] for r in closed]),
        "complaints_within_norm_rate": measured_rate(count(closed, lambda r: r["lead"] is not None and r["lead"] <= norm), count(closed)),
        "complaints_overdue": count(open_, lambda r: r["overdue"] == 1),
        "complaints_by_category": split(received, "categorie", CATEGORIES),
        "complaints_by_channel": split(received, "kanaal", CHANNELS),
        "complaints_by_outcome": split(closed, "beoordeling", OUTCOMES),
    }
