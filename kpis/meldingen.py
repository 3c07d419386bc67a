"""Meldingen integriteit KPIs (kpi-catalog.md, section Meldingen integriteit).

Meldingen have no dienst column: they are zone-wide and a dienst filter does not change them.
The feedback term (calendar months after a per-row date, clamped to the month's last day) has
no portable SQL form, so this step reads the meldingen received in Y (a few per zone, thousands
nationally: only the columns needed) and computes every rate with pandas.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import sqlalchemy as sa

from data_access.registers import INTEGRITY_CATEGORIES
from data_access.schema import REGISTER_TABLES
from kpis.context import Context
from kpis.measures import rate

VIOLATION = "schending vastgesteld"
CONCLUSIVE = (VIOLATION, "geen schending")
DATES = {"ontvangst": "datum_ontvangst", "bevestiging": "datum_ontvangstbevestiging", "terugkoppeling": "datum_terugkoppeling"}


def ack_deadlines(received: pd.Series, ack_days: int) -> pd.Series:
    return received + pd.Timedelta(days=ack_days)


def feedback_deadlines(received: pd.Series, acknowledged: pd.Series, ack_days: int, months: int) -> pd.Series:
    """(datum ontvangstbevestiging, or when there is none datum ontvangst + ack_days) + months
    calendar months, clamped to the month's last day (31/01 + 3 months = 30/04). Inputs are
    datetime64 series in which a date after D has already been made empty."""
    base = acknowledged.fillna(ack_deadlines(received, ack_days))
    return base + pd.DateOffset(months=months)


def read_received(ctx: Context, extra: tuple[str, ...] = ()) -> pd.DataFrame:
    """The meldingen received in Y (known at D): the three dates as datetime64 (a date after D
    made empty) under the names of DATES, plus the `extra` columns."""
    t = REGISTER_TABLES["meldingen"]
    columns = [t.c[c].label(name) for name, c in DATES.items()] + [t.c[c] for c in extra]
    rows = ctx.conn.execute(sa.select(*columns).where(*ctx.scope("meldingen"), ctx.in_year(t.c.datum_ontvangst)))
    frame = pd.DataFrame([tuple(r) for r in rows], columns=[*DATES, *extra])
    as_of = pd.Timestamp(ctx.as_of)
    for name in DATES:
        dates = pd.to_datetime(frame[name], errors="coerce")
        frame[name] = dates.where(dates <= as_of)
    return frame


def compute(ctx: Context) -> dict[str, Any]:
    s = ctx.settings
    m = read_received(ctx, ("anoniem", "categorie", "status", "uitkomst"))
    as_of = pd.Timestamp(ctx.as_of)
    ack_deadline = ack_deadlines(m["ontvangst"], s["report_ack_days"])
    ack_pool = (ack_deadline <= as_of) | m["bevestiging"].notna()
    fb_deadline = feedback_deadlines(m["ontvangst"], m["bevestiging"], s["report_ack_days"], s["report_feedback_months"])
    fb_pool = (fb_deadline <= as_of) | m["terugkoppeling"].notna()
    closed = m["status"] == "afgesloten"
    conclusive = closed & m["uitkomst"].isin(CONCLUSIVE)
    categories = m["categorie"].value_counts()
    return {
        "reports_received": len(m),
        "reports_anonymous_rate": rate(int((m["anoniem"] == True).sum()), len(m)),  # noqa: E712 (NULL is not True)
        "reports_ack_in_time_rate": rate(int((ack_pool & (m["bevestiging"] <= ack_deadline)).sum()), int(ack_pool.sum())),
        "reports_feedback_in_time_rate": rate(
            int((fb_pool & (m["terugkoppeling"] <= fb_deadline)).sum()), int(fb_pool.sum())
        ),
        "reports_violation_rate": rate(int((conclusive & (m["uitkomst"] == VIOLATION)).sum()), int(conclusive.sum())),
        "reports_by_category": {c: int(categories.get(c, 0)) for c in INTEGRITY_CATEGORIES},
    }
