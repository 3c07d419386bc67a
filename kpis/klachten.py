"""Klachten KPIs (kpi-catalog.md, section Klachten): one scan for the counts and splits, one
query for the lead times of the complaints closed in Y."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from data_access.registers import KLACHTEN
from data_access.schema import REGISTER_TABLES
from kpis.context import Context
from kpis.measures import median, rate
from kpis.sql import aggregate, count_if, days_between, split_measures, split_result, values_of

ASSESSED = ("gegrond", "deels gegrond", "ongegrond")
FOUNDED = ("gegrond", "deels gegrond")

CATEGORIES = KLACHTEN.column("categorie").values
CHANNELS = KLACHTEN.column("kanaal").values
OUTCOMES = KLACHTEN.column("beoordeling").values


def compute(ctx: Context) -> dict[str, Any]:
    t = REGISTER_TABLES["klachten"]
    received_on, closed_on = t.c.datum_ontvangst, t.c.datum_afsluiting
    norm = ctx.settings["complaint_norm_days"]

    received = ctx.in_year(received_on)
    closed = ctx.in_year(closed_on)
    open_ = ctx.unknown(closed_on)  # with the scope: received at or before D, not closed by D
    lead = days_between(closed_on, received_on)
    measures = {
        "received": count_if(received),
        "closed": count_if(closed),
        "open": count_if(open_),
        "overdue": count_if(sa.and_(open_, received_on < ctx.days_before_as_of(norm))),
        "assessed": count_if(sa.and_(closed, t.c.beoordeling.in_(ASSESSED))),
        "founded": count_if(sa.and_(closed, t.c.beoordeling.in_(FOUNDED))),
        "within_norm": count_if(sa.and_(closed, lead <= norm)),
        **split_measures("categorie", t.c.categorie, CATEGORIES, received),
        **split_measures("kanaal", t.c.kanaal, CHANNELS, received),
        **split_measures("beoordeling", t.c.beoordeling, OUTCOMES, closed),
    }
    scope = ctx.scope("klachten")
    m = aggregate(ctx.conn, t, measures, [*scope, sa.or_(received, closed, open_)])
    leads = values_of(ctx.conn, lead, [*scope, closed])

    fte = None if ctx.dienst is not None else ctx.fte()  # VTE is zone-wide: no per-dienst figure
    return {
        "complaints_received": m["received"],
        "complaints_closed": m["closed"],
        "complaints_open": m["open"],
        "complaints_per_100_fte": None if not fte else m["received"] * 100 / fte,
        "complaints_founded_rate": rate(m["founded"], m["assessed"]),
        "complaints_median_lead_days": median(leads),
        "complaints_within_norm_rate": rate(m["within_norm"], m["closed"]),
        "complaints_overdue": m["overdue"],
        "complaints_by_category": split_result("categorie", m, CATEGORIES),
        "complaints_by_channel": split_result("kanaal", m, CHANNELS),
        "complaints_by_outcome": split_result("beoordeling", m, OUTCOMES),
    }
