"""Tucht- en gerechtelijke dossiers KPIs (kpi-catalog.md, section Tucht- en gerechtelijke
dossiers): populations opened in Y, tucht decided in Y (with lead times), ordemaatregelen in Y,
and tucht dossiers near the term for the inleidend verslag."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa

from data_access.registers import DISCIPLINARY_SANCTIONS, HEAVY_SANCTIONS, INTEGRITY_CATEGORIES, LIGHT_SANCTIONS
from data_access.schema import REGISTER_TABLES
from kpis.context import Context
from kpis.dates import latest_base
from kpis.measures import measured_median
from kpis.sql import Population, count, count_populations, days_between, split

TUCHT_KINDS = ("tucht", "tucht en gerechtelijk")
JUDICIAL_KINDS = ("gerechtelijk", "tucht en gerechtelijk")


def term_warning_cutoff(ctx: Context) -> date:
    """Latest datum kennisname for which D >= (kennisname + limit months) - warn days."""
    s = ctx.settings
    return latest_base(ctx.as_of + timedelta(days=s["discipline_warn_days"]), s["discipline_limit_months"])


def at_risk_conditions(ctx: Context) -> list:
    """discipline_limit_at_risk rows: soort `tucht` only, no inleidend verslag and no beslissing
    known at D, and kennisname on or before the day the warning window reaches at D."""
    t = REGISTER_TABLES["tuchtdossiers"]
    return [
        *ctx.scope("tuchtdossiers"),
        t.c.soort == "tucht",
        ctx.unknown(t.c.datum_inleidend_verslag),
        ctx.unknown(t.c.datum_beslissing),
        t.c.datum_kennisname <= ctx.param("discipline_warning_cutoff", term_warning_cutoff),
    ]


def populations(ctx: Context) -> dict[str, Population]:
    t = REGISTER_TABLES["tuchtdossiers"]
    scope = ctx.scope("tuchtdossiers")
    return {
        "opened": ({"soort": t.c.soort, "categorie": t.c.categorie}, [*scope, ctx.in_year(t.c.datum_opening)]),
        "decided": (
            {"sanctie": t.c.sanctie, "lead": days_between(t.c.datum_beslissing, t.c.datum_kennisname)},
            [*scope, t.c.soort.in_(TUCHT_KINDS), ctx.in_year(t.c.datum_beslissing)],
        ),
        "orders": (
            {},
            [*scope, sa.func.coalesce(t.c.ordemaatregel, "geen") != "geen", ctx.in_year(t.c.datum_ordemaatregel)],
        ),
        "at_risk": ({}, at_risk_conditions(ctx)),
    }


def compute(ctx: Context) -> dict[str, Any]:
    rows = count_populations(ctx, populations)
    opened, decided, orders, at_risk = rows["opened"], rows["decided"], rows["orders"], rows["at_risk"]
    return {
        "discipline_opened": count(opened, lambda r: r["soort"] in TUCHT_KINDS),
        "judicial_opened": count(opened, lambda r: r["soort"] in JUDICIAL_KINDS),
        "order_measures": count(orders),
        "discipline_decided": count(decided),
        "sanctions_light": count(decided, lambda r: r["sanctie"] in LIGHT_SANCTIONS),
        "sanctions_heavy": count(decided, lambda r: r["sanctie"] in HEAVY_SANCTIONS),
        "sanctions_by_type": split(decided, "sanctie", DISCIPLINARY_SANCTIONS),
        "discipline_median_lead_days": measured_median([r["lead"] for r in decided], [r["n"] for r in decided]),
        "discipline_limit_at_risk": count(at_risk),
        "discipline_by_category": split(opened, "categorie", INTEGRITY_CATEGORIES),
    }
