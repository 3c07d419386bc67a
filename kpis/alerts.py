"""Alerts at reference date D ("Vraagt aandacht"): every open item past or near its term.

Sources, each the same population as its KPI where there is one:
- Klachten over de norm: open at D and older than complaint_norm_days (= complaints_overdue);
  due = ontvangst + norm.
- Meldingen, ontvangst niet bevestigd: no ontvangstbevestiging and no terugkoppeling known at D;
  due = ontvangst + report_ack_days. Every unacknowledged melding is listed, also before its
  term passes (the term is short), with the days left.
- Meldingen, terugkoppeling: no terugkoppeling known at D and the feedback term (as in
  reports_feedback_in_time_rate) passed or ending within FEEDBACK_NEAR_DAYS days.
- Functioneringsnota's, opvolging te laat: as notes_followup_overdue; due = opvolgingsdatum.
- Tuchtdossiers, termijn inleidend verslag: as discipline_limit_at_risk; due = the day the term
  ends (kennisname + discipline_limit_months).
- Acties over deadline: deadline before D, status neither afgerond nor geschrapt (any year).
Meldingen and the actieplan have no dienst column: a dienst filter leaves them zone-wide.
`days_late` is D - due in days: positive = late, 0 = due today, negative = days left.
Alerts name a dossier or action id (`key`) but no person; pages show them only to roles that
may see single rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from data_access.schema import REGISTER_TABLES
from data_access.settings import load_settings
from i18n import N_
from kpis.context import Context
from kpis.meldingen import ack_deadlines, feedback_deadlines
from kpis.notas import overdue_conditions
from kpis.tucht import at_risk_conditions

FEEDBACK_NEAR_DAYS = 14

# Canonical (Dutch) kinds, marked for the catalogs; shown with i18n._ where displayed.
KIND_COMPLAINT = N_("Klacht over de norm")
KIND_ACK = N_("Melding: ontvangst niet bevestigd")
KIND_FEEDBACK = N_("Melding: terugkoppeling")
KIND_FOLLOWUP = N_("Opvolging functioneringsnota te laat")
KIND_TERM = N_("Tuchtdossier: termijn inleidend verslag")
KIND_ACTION = N_("Actie over deadline")


@dataclass(frozen=True)
class Alert:
    register: str  # register name, e.g. "klachten"
    kind: str  # Dutch label
    key: str  # dossier, nota, melding or actie id
    due: date  # the day the term ends
    days_late: int  # D - due: positive late, negative days left
    text: str  # Dutch, one line


def _rows(ctx: Context, columns, where) -> pd.DataFrame:
    stmt = sa.select(*columns).where(*where)
    return pd.DataFrame([tuple(r) for r in ctx.conn.execute(stmt)], columns=[c.name for c in columns])


def _dates(series: pd.Series) -> pd.Series:
    return pd.to_datetime(series, errors="coerce")


def _complaints(ctx: Context) -> tuple[pd.DataFrame, str]:
    t = REGISTER_TABLES["klachten"]
    norm = ctx.settings["complaint_norm_days"]
    rows = _rows(
        ctx,
        [t.c.dossiernummer, t.c.datum_ontvangst, t.c.categorie, t.c.dienst],
        [*ctx.scope("klachten"), ctx.unknown(t.c.datum_afsluiting), t.c.datum_ontvangst < ctx.days_before_as_of(norm)],
    )
    rows["due"] = _dates(rows["datum_ontvangst"]) + pd.Timedelta(days=norm)
    rows["detail"] = rows["categorie"] + ", " + rows["dienst"] + f"; norm {norm} dagen"
    return rows.rename(columns={"dossiernummer": "key"}), "klachten"


def _meldingen(ctx: Context) -> list[tuple[pd.DataFrame, str, str]]:
    t = REGISTER_TABLES["meldingen"]
    s = ctx.settings
    rows = _rows(
        ctx,
        [t.c.nummer, t.c.datum_ontvangst, t.c.datum_ontvangstbevestiging, t.c.categorie],
        [*ctx.scope("meldingen"), ctx.unknown(t.c.datum_terugkoppeling)],
    ).rename(columns={"nummer": "key"})
    received = _dates(rows["datum_ontvangst"])
    acknowledged = _dates(rows["datum_ontvangstbevestiging"])
    acknowledged = acknowledged.where(acknowledged <= pd.Timestamp(ctx.as_of))  # after D: empty
    rows["detail"] = rows["categorie"]
    ack = rows[acknowledged.isna()].assign(due=ack_deadlines(received[acknowledged.isna()], s["report_ack_days"]))
    feedback = rows.assign(
        due=feedback_deadlines(received, acknowledged, s["report_ack_days"], s["report_feedback_months"])
    )
    feedback = feedback[feedback["due"] <= pd.Timestamp(ctx.as_of) + pd.Timedelta(days=FEEDBACK_NEAR_DAYS)]
    return [(ack, "meldingen", KIND_ACK), (feedback, "meldingen", KIND_FEEDBACK)]


def _followups(ctx: Context) -> tuple[pd.DataFrame, str]:
    t = REGISTER_TABLES["functioneringsnotas"]
    rows = _rows(ctx, [t.c.nummer, t.c.opvolgingsdatum, t.c.thema, t.c.dienst], overdue_conditions(ctx))
    rows["due"] = _dates(rows["opvolgingsdatum"])
    rows["detail"] = rows["thema"] + ", " + rows["dienst"]
    return rows.rename(columns={"nummer": "key"}), "functioneringsnotas"


def _terms(ctx: Context) -> tuple[pd.DataFrame, str]:
    t = REGISTER_TABLES["tuchtdossiers"]
    months = ctx.settings["discipline_limit_months"]
    rows = _rows(ctx, [t.c.dossiernummer, t.c.datum_kennisname, t.c.categorie, t.c.dienst], at_risk_conditions(ctx))
    rows["due"] = _dates(rows["datum_kennisname"]) + pd.DateOffset(months=months)
    rows["detail"] = rows["categorie"] + ", " + rows["dienst"] + f"; {months} maanden na kennisname"
    return rows.rename(columns={"dossiernummer": "key"}), "tuchtdossiers"


def _actions(ctx: Context) -> tuple[pd.DataFrame, str]:
    t = REGISTER_TABLES["actieplan"]
    rows = _rows(
        ctx,
        [t.c.actie_id, t.c.deadline, t.c.strategische_doelstelling, t.c.trekker],
        [t.c.deadline < ctx.as_of, t.c.status.not_in(("afgerond", "geschrapt"))],
    )
    rows["due"] = _dates(rows["deadline"])
    rows["detail"] = rows["strategische_doelstelling"] + "; trekker " + rows["trekker"]
    return rows.rename(columns={"actie_id": "key"}), "actieplan"


def _days(n: int) -> str:
    return "1 dag" if abs(n) == 1 else f"{abs(n)} dagen"


def describe(kind: str, key: str, detail: str, due: date, days_late: int) -> str:
    """One Dutch line, e.g. 'Klacht over de norm: KL-2025-0012 (bejegening, Interventie; norm 90
    dagen). Termijn verstreken op 12/03/2025, 23 dagen te laat.'"""
    day = f"{due:%d/%m/%Y}"
    if days_late > 0:
        when = f"Termijn verstreken op {day}, {_days(days_late)} te laat."
    elif days_late == 0:
        when = f"Termijn verstrijkt vandaag ({day})."
    else:
        when = f"Termijn verstrijkt op {day}, nog {_days(days_late)}."
    return f"{kind}: {key} ({detail}). {when}"


def alerts(
    engine_or_conn: Engine | sa.Connection, as_of: date, *, dienst: str | None = None, limit: int | None = None
) -> list[Alert]:
    """Every alert at `as_of`, most urgent first (most days late, then earliest term, register,
    key); the first `limit` when given."""
    if isinstance(engine_or_conn, Engine):
        with engine_or_conn.connect() as conn:
            return alerts(conn, as_of, dienst=dienst, limit=limit)
    conn = engine_or_conn
    ctx = Context(conn=conn, year=as_of.year, as_of=as_of, settings=load_settings(conn), dienst=dienst or None)
    sources = [
        (*_complaints(ctx), KIND_COMPLAINT),
        *_meldingen(ctx),
        (*_followups(ctx), KIND_FOLLOWUP),
        (*_terms(ctx), KIND_TERM),
        (*_actions(ctx), KIND_ACTION),
    ]
    parts = [
        frame[["key", "due", "detail"]].assign(register=register, kind=kind)
        for frame, register, kind in sources
        if len(frame)
    ]
    if not parts:
        return []
    table = pd.concat(parts, ignore_index=True)
    table["days_late"] = (pd.Timestamp(as_of) - table["due"]).dt.days.astype("int64")
    table = table.sort_values(["days_late", "due", "register", "key"], ascending=[False, True, True, True])
    if limit is not None:
        table = table.head(limit)
    return [
        Alert(register, kind, key, due.date(), int(late), describe(kind, key, detail, due.date(), int(late)))
        for register, kind, key, due, late, detail in zip(
            table["register"], table["kind"], table["key"], table["due"], table["days_late"], table["detail"]
        )
    ]


def alerts_frame(items: list[Alert]) -> pd.DataFrame:
    """The alerts as a DataFrame: register, kind, key, due, days_late, text (for tables/export)."""
    columns = ["register", "kind", "key", "due", "days_late", "text"]
    return pd.DataFrame([[getattr(a, c) for c in columns] for a in items], columns=columns)


KINDS: tuple[str, ...] = (KIND_COMPLAINT, KIND_ACK, KIND_FEEDBACK, KIND_FOLLOWUP, KIND_TERM, KIND_ACTION)


# Terms of open meldingen (dashboard.reads.meldingen_terms): not yet acknowledged, within the term or
# late; feedback near or late.
TERM_CELLS = ("ack_open", "ack_late", "feedback_near", "feedback_late")


def term_cell(alert: Alert) -> str | None:
    """Which of TERM_CELLS a melding's alert falls in (None for other alerts)."""
    late = alert.days_late > 0
    if alert.kind == KIND_ACK:
        return "ack_late" if late else "ack_open"
    if alert.kind == KIND_FEEDBACK:
        return "feedback_late" if late else "feedback_near"
    return None


def term_counts(items) -> dict[str, int]:
    """{cell of TERM_CELLS: how many of the alerts `items` fall in it}."""
    counts = {cell: 0 for cell in TERM_CELLS}
    for alert in items:
        cell = term_cell(alert)
        if cell is not None:
            counts[cell] += 1
    return counts
