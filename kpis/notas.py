"""Functioneringsnota's KPIs (kpi-catalog.md, section Functioneringsnota's)."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from data_access.registers import FUNCTIONERINGSNOTAS
from data_access.schema import REGISTER_TABLES
from kpis.context import Context
from kpis.sql import aggregate, count_if, split_measures, split_result

THEMES = FUNCTIONERINGSNOTAS.column("thema").values


def compute(ctx: Context) -> dict[str, Any]:
    t = REGISTER_TABLES["functioneringsnotas"]
    issued = ctx.in_year(t.c.datum)
    # D - opvolgingsdatum > grace; a follow-up date after D never meets it (grace >= 0).
    overdue = sa.and_(
        t.c.status == "open",
        t.c.opvolgingsdatum < ctx.days_before_as_of(ctx.settings["followup_grace_days"]),
    )
    measures = {
        "issued": count_if(issued),
        "overdue": count_if(overdue),
        **split_measures("thema", t.c.thema, THEMES, issued),
    }
    m = aggregate(ctx.conn, t, measures, [*ctx.scope("functioneringsnotas"), sa.or_(issued, overdue)])
    return {
        "notes_issued": m["issued"],
        "notes_followup_overdue": m["overdue"],
        "notes_by_theme": split_result("thema", m, THEMES),
    }
