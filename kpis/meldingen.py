"""Meldingen integriteit KPIs (kpi-catalog.md, section Meldingen integriteit).

Meldingen have no dienst column: they are zone-wide and a dienst filter does not change them.
The feedback term (a number of calendar months after a per-row date, clamped to the month's
last day) has no portable SQL form, so that one rate is computed with pandas on the dates of
the meldingen received in Y; everything else is one SQL scan.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import sqlalchemy as sa

from data_access.registers import INTEGRITY_CATEGORIES
from data_access.schema import REGISTER_TABLES
from kpis.context import Context
from kpis.measures import rate
from kpis.sql import aggregate, count_if, days_between, split_measures, split_result

VIOLATION = "schending vastgesteld"
CONCLUSIVE = (VIOLATION, "geen schending")


def feedback_deadlines(received: pd.Series, acknowledged: pd.Series, ack_days: int, months: int) -> pd.Series:
    """(datum ontvangstbevestiging, or when there is none datum ontvangst + ack_days) + months
    calendar months, clamped to the month's last day. Inputs are datetime64 series in which a
    date after D has already been made empty."""
    base = acknowledged.fillna(received + pd.Timedelta(days=ack_days))
    return base + pd.DateOffset(months=months)


def _as_datetimes(values) -> pd.Series:
    return pd.to_datetime(pd.Series(values, dtype=object), errors="coerce")


def compute(ctx: Context) -> dict[str, Any]:
    t = REGISTER_TABLES["meldingen"]
    s = ctx.settings
    ack_days = s["report_ack_days"]
    received_on, ack_on, feedback_on = t.c.datum_ontvangst, t.c.datum_ontvangstbevestiging, t.c.datum_terugkoppeling
    received = ctx.in_year(received_on)
    ack_known = ctx.known(ack_on)
    ack_pool = sa.or_(received_on <= ctx.days_before_as_of(ack_days), ack_known)
    measures = {
        "received": count_if(received),
        "anonymous": count_if(t.c.anoniem.is_(True)),
        "ack_pool": count_if(ack_pool),
        "ack_in_time": count_if(sa.and_(ack_pool, ack_known, days_between(ack_on, received_on) <= ack_days)),
        "conclusive": count_if(sa.and_(t.c.status == "afgesloten", t.c.uitkomst.in_(CONCLUSIVE))),
        "violation": count_if(sa.and_(t.c.status == "afgesloten", t.c.uitkomst == VIOLATION)),
        **split_measures("categorie", t.c.categorie, INTEGRITY_CATEGORIES, received),
    }
    where = [*ctx.scope("meldingen"), received]
    m = aggregate(ctx.conn, t, measures, where)

    rows = ctx.conn.execute(sa.select(received_on, ack_on, feedback_on).where(*where)).all()
    dates = pd.DataFrame(rows, columns=["ontvangst", "bevestiging", "terugkoppeling"])
    as_of = pd.Timestamp(ctx.as_of)
    received_ts = _as_datetimes(dates["ontvangst"])
    acknowledged = _as_datetimes(dates["bevestiging"])
    feedback = _as_datetimes(dates["terugkoppeling"])
    acknowledged = acknowledged.where(acknowledged <= as_of)  # a date after D counts as empty
    feedback = feedback.where(feedback <= as_of)
    deadline = feedback_deadlines(received_ts, acknowledged, ack_days, s["report_feedback_months"])
    pool = (deadline <= as_of) | feedback.notna()
    in_time = pool & (feedback <= deadline)

    return {
        "reports_received": m["received"],
        "reports_anonymous_rate": rate(m["anonymous"], m["received"]),
        "reports_ack_in_time_rate": rate(m["ack_in_time"], m["ack_pool"]),
        "reports_feedback_in_time_rate": rate(int(in_time.sum()), int(pool.sum())),
        "reports_violation_rate": rate(m["violation"], m["conclusive"]),
        "reports_by_category": split_result("categorie", m, INTEGRITY_CATEGORIES),
    }
