"""Tucht- en gerechtelijke dossiers KPIs (kpi-catalog.md, section Tucht- en gerechtelijke
dossiers)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import sqlalchemy as sa

from data_access.registers import DISCIPLINARY_SANCTIONS, HEAVY_SANCTIONS, INTEGRITY_CATEGORIES, LIGHT_SANCTIONS
from data_access.schema import REGISTER_TABLES
from kpis.context import Context
from kpis.dates import latest_base
from kpis.measures import median
from kpis.sql import aggregate, count_if, days_between, split_measures, split_result, values_of

TUCHT_KINDS = ("tucht", "tucht en gerechtelijk")
JUDICIAL_KINDS = ("gerechtelijk", "tucht en gerechtelijk")


def term_warning_cutoff(ctx: Context):
    """Latest datum kennisname for which D >= (kennisname + limit months) - warn days."""
    s = ctx.settings
    return latest_base(ctx.as_of + timedelta(days=s["discipline_warn_days"]), s["discipline_limit_months"])


def at_risk_condition(ctx: Context):
    """discipline_limit_at_risk: soort `tucht` only, no inleidend verslag and no beslissing
    known at D, and the warning window of the term reached at D."""
    t = REGISTER_TABLES["tuchtdossiers"]
    return sa.and_(
        t.c.soort == "tucht",
        ctx.unknown(t.c.datum_inleidend_verslag),
        ctx.unknown(t.c.datum_beslissing),
        t.c.datum_kennisname <= term_warning_cutoff(ctx),
    )


def compute(ctx: Context) -> dict[str, Any]:
    t = REGISTER_TABLES["tuchtdossiers"]
    tucht = t.c.soort.in_(TUCHT_KINDS)
    opened = ctx.in_year(t.c.datum_opening)
    decided = sa.and_(tucht, ctx.in_year(t.c.datum_beslissing))
    order = sa.and_(sa.func.coalesce(t.c.ordemaatregel, "geen") != "geen", ctx.in_year(t.c.datum_ordemaatregel))
    at_risk = at_risk_condition(ctx)
    measures = {
        "discipline_opened": count_if(sa.and_(tucht, opened)),
        "judicial_opened": count_if(sa.and_(t.c.soort.in_(JUDICIAL_KINDS), opened)),
        "order": count_if(order),
        "decided": count_if(decided),
        "light": count_if(sa.and_(decided, t.c.sanctie.in_(LIGHT_SANCTIONS))),
        "heavy": count_if(sa.and_(decided, t.c.sanctie.in_(HEAVY_SANCTIONS))),
        "at_risk": count_if(at_risk),
        **split_measures("sanctie", t.c.sanctie, DISCIPLINARY_SANCTIONS, decided),
        **split_measures("categorie", t.c.categorie, INTEGRITY_CATEGORIES, opened),
    }
    scope = ctx.scope("tuchtdossiers")
    m = aggregate(ctx.conn, t, measures, [*scope, sa.or_(opened, decided, order, at_risk)])
    leads = values_of(ctx.conn, days_between(t.c.datum_beslissing, t.c.datum_kennisname), [*scope, decided])
    return {
        "discipline_opened": m["discipline_opened"],
        "judicial_opened": m["judicial_opened"],
        "order_measures": m["order"],
        "discipline_decided": m["decided"],
        "sanctions_light": m["light"],
        "sanctions_heavy": m["heavy"],
        "sanctions_by_type": split_result("sanctie", m, DISCIPLINARY_SANCTIONS),
        "discipline_median_lead_days": median(leads),
        "discipline_limit_at_risk": m["at_risk"],
        "discipline_by_category": split_result("categorie", m, INTEGRITY_CATEGORIES),
    }
