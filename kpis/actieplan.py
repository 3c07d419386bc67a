"""Actieplan KPIs (kpi-catalog.md, section Actieplan, evaluated at D).

Decision: the catalog's rule "any other date after D counts as empty" is applied to startdatum
and deadline as to every other date, so at a reference date in the middle of Y an action counts
when its deadline or its startdatum falls in Y and is not after D. At the default D (31/12/Y for
a past year) this is simply "deadline in Y or startdatum in Y".
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from data_access.registers import STRATEGIC_GOALS
from data_access.schema import REGISTER_TABLES
from kpis.context import Context
from kpis.measures import rate
from kpis.sql import aggregate, count_if


def in_plan_condition(ctx: Context):
    """actions_total rows: status other than geschrapt, deadline or startdatum in Y."""
    t = REGISTER_TABLES["actieplan"]
    return sa.and_(t.c.status != "geschrapt", sa.or_(ctx.in_year(t.c.deadline), ctx.in_year(t.c.startdatum)))


def compute(ctx: Context) -> dict[str, Any]:
    t = REGISTER_TABLES["actieplan"]
    done = t.c.status == "afgerond"
    overdue = sa.and_(t.c.deadline < ctx.as_of, t.c.status != "afgerond")
    measures = {"total": count_if(sa.true()), "done": count_if(done), "overdue": count_if(overdue)}
    for goal in STRATEGIC_GOALS:
        is_goal = t.c.strategische_doelstelling == goal
        measures[f"{goal}|total"] = count_if(is_goal)
        measures[f"{goal}|afgerond"] = count_if(sa.and_(is_goal, done))
        measures[f"{goal}|overdue"] = count_if(sa.and_(is_goal, overdue))
    m = aggregate(ctx.conn, t, measures, [*ctx.scope("actieplan"), in_plan_condition(ctx)])
    return {
        "actions_total": m["total"],
        "actions_done_rate": rate(m["done"], m["total"]),
        "actions_overdue": m["overdue"],
        "actions_by_goal": {
            goal: {k: m[f"{goal}|{k}"] for k in ("total", "afgerond", "overdue")} for goal in STRATEGIC_GOALS
        },
    }
