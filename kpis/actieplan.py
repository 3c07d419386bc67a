"""Actieplan KPIs (kpi-catalog.md, section Actieplan, evaluated at D). The actieplan has no
dienst column: it is zone-wide.

Decision: startdatum and deadline are planned dates, known ahead, so the catalog's rule "any
other date after D counts as empty" (meant for events such as a closing date) does not apply to
them. At a reference date in the middle of Y the plan of Y is the whole plan of Y (deadline in Y
or startdatum in Y); D decides only which of those items are overdue. This is what a monthly
review expects: "12 of the 30 actions of this year done, 3 overdue".
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from data_access.registers import STRATEGIC_GOALS
from data_access.schema import REGISTER_TABLES
from kpis.context import Context
from kpis.measures import measured_rate
from kpis.sql import Population, count, count_populations, flag


def in_plan_conditions(ctx: Context) -> list:
    """actions_total rows: status other than geschrapt, deadline or startdatum in Y."""
    t = REGISTER_TABLES["actieplan"]
    return [
        *ctx.scope("actieplan"),
        t.c.status != "geschrapt",
        sa.or_(ctx.in_planned_year(t.c.deadline), ctx.in_planned_year(t.c.startdatum)),
    ]


def populations(ctx: Context) -> dict[str, Population]:
    t = REGISTER_TABLES["actieplan"]
    done = t.c.status == "afgerond"
    keys = {
        "doel": t.c.strategische_doelstelling,
        "afgerond": flag(done),
        "overdue": flag(sa.and_(t.c.deadline < ctx.as_of_param, sa.not_(done))),
    }
    return {"plan": (keys, in_plan_conditions(ctx))}


def compute(ctx: Context) -> dict[str, Any]:
    plan = count_populations(ctx, populations)["plan"]

    def of_goal(goal: str) -> dict[str, int]:
        return {
            "total": count(plan, lambda r: r["doel"] == goal),
            "afgerond": count(plan, lambda r: r["doel"] == goal and r["afgerond"] == 1),
            "overdue": count(plan, lambda r: r["doel"] == goal and r["overdue"] == 1),
        }

    by_goal = {goal: of_goal(goal) for goal in STRATEGIC_GOALS}
    return {
        "actions_total": count(plan),
        "actions_done_rate": measured_rate(count(plan, lambda r: r["afgerond"] == 1), count(plan)),
        "actions_overdue": count(plan, lambda r: r["overdue"] == 1),
        "actions_by_goal": by_goal,
    }
