"""Meldingen integriteit KPIs (kpi-catalog.md, section Meldingen integriteit).

Meldingen have no dienst column: they are zone-wide and a dienst filter does not change them.
One query counts the meldingen received in Y per combination of the flags the rates need; the
acknowledgement and feedback terms are computed per row in SQL (kpis/sql.py `plus_days`,
`plus_months`: calendar months clamped to the month's last day, the same on SQLite and
PostgreSQL), a date after D made empty first. `ack_deadlines` and `feedback_deadlines` are the
same terms on pandas series, for the alerts (kpis/alerts.py), which list single meldingen.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import sqlalchemy as sa

from data_access.registers import INTEGRITY_CATEGORIES
from data_access.schema import REGISTER_TABLES
from kpis.context import Context
from kpis.measures import Measured, measured_rate
from kpis.sql import Population, count, count_populations, flag, plus_days, plus_months, split

VIOLATION = "schending vastgesteld"
CONCLUSIVE = (VIOLATION, "geen schending")


def ack_deadlines(received: pd.Series, ack_days: int) -> pd.Series:
    return received + pd.Timedelta(days=ack_days)


def feedback_deadlines(received: pd.Series, acknowledged: pd.Series, ack_days: int, months: int) -> pd.Series:
    """(datum ontvangstbevestiging, or when there is none datum ontvangst + ack_days) + months
    calendar months, clamped to the month's last day (31/01 + 3 months = 30/04). Inputs are
    datetime64 series in which a date after D has already been made empty."""
    base = acknowledged.fillna(ack_deadlines(received, ack_days))
    return base + pd.DateOffset(months=months)


def populations(ctx: Context) -> dict[str, Population]:
    s = ctx.settings
    t = REGISTER_TABLES["meldingen"]
    acknowledged, feedback = (
        sa.case((ctx.known(t.c[c]), t.c[c])) for c in ("datum_ontvangstbevestiging", "datum_terugkoppeling")
    )  # a date after D is empty
    ack_deadline = plus_days(t.c.datum_ontvangst, s["report_ack_days"])
    fb_deadline = plus_months(sa.func.coalesce(acknowledged, ack_deadline), s["report_feedback_months"])
    keys = {
        "categorie": t.c.categorie,
        "anoniem": flag(t.c.anoniem == sa.true()),
        "ack_pool": flag(sa.or_(ack_deadline <= ctx.as_of_param, acknowledged.is_not(None))),
        "ack_ok": flag(acknowledged <= ack_deadline),
        "fb_pool": flag(sa.or_(fb_deadline <= ctx.as_of_param, feedback.is_not(None))),
        "fb_ok": flag(feedback <= fb_deadline),
        "verdict": sa.case((sa.and_(t.c.status == "afgesloten", t.c.uitkomst.in_(CONCLUSIVE)), t.c.uitkomst)),
    }
    return {"received": (keys, [*ctx.scope("meldingen"), ctx.in_year(t.c.datum_ontvangst)])}


def compute(ctx: Context) -> dict[str, Any]:
    m = count_populations(ctx, populations)["received"]
    received = count(m)
    fte = ctx.fte()
    return {
        "reports_received": received,
        "reports_anonymous_rate": measured_rate(count(m, lambda r: r["anoniem"] == 1), received),
        "reports_ack_in_time_rate": measured_rate(
            count(m, lambda r: r["ack_pool"] == 1 and r["ack_ok"] == 1), count(m, lambda r: r["ack_pool"] == 1)
        ),
        "reports_feedback_in_time_rate": measured_rate(
            count(m, lambda r: r["fb_pool"] == 1 and r["fb_ok"] == 1), count(m, lambda r: r["fb_pool"] == 1)
        ),
        "reports_violation_rate": measured_rate(count(m, lambda r: r["verdict"] == VIOLATION), count(m, lambda r: r["verdict"] is not None)),
        "reports_by_category": split(m, "categorie", INTEGRITY_CATEGORIES),
        "reports_per_100_fte": Measured(None if not fte else received * 100 / fte, received),
    }
