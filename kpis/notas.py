"""Functioneringsnota's KPIs (kpi-catalog.md, section Functioneringsnota's)."""

from __future__ import annotations

from typing import Any

from data_access.registers import FUNCTIONERINGSNOTAS
from data_access.schema import REGISTER_TABLES
from kpis.context import Context
from kpis.sql import Population, count, count_populations, split

THEMES = FUNCTIONERINGSNOTAS.column("thema").values


def overdue_conditions(ctx: Context) -> list:
    """notes_followup_overdue rows: status open and D - opvolgingsdatum > grace days (a date
    after D never meets it, grace being >= 0)."""
    t = REGISTER_TABLES["functioneringsnotas"]
    return [
        *ctx.scope("functioneringsnotas"),
        t.c.status == "open",
        t.c.opvolgingsdatum < ctx.days_before_as_of(ctx.settings["followup_grace_days"]),
    ]


def populations(ctx: Context) -> dict[str, Population]:
    t = REGISTER_TABLES["functioneringsnotas"]
    return {
        "issued": ({"thema": t.c.thema}, [*ctx.scope("functioneringsnotas"), ctx.in_year(t.c.datum)]),
        "overdue": ({}, overdue_conditions(ctx)),
    }


def compute(ctx: Context) -> dict[str, Any]:
    rows = count_populations(ctx, populations)
    issued, overdue = rows["issued"], rows["overdue"]
    return {
        "notes_issued": count(issued),
        "notes_followup_overdue": count(overdue),
        "notes_by_theme": split(issued, "thema", THEMES),
    }
