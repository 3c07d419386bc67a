"""What is late at reference date D ("Te laat en dringend"): every open item past or near its term.

One mechanism with kinds: `REGISTRY` lists each kind of late item once (a `Kind`: its Dutch
label, register, whether the term is set by law, and a function that reads its rows at D). A
register that adds a kind (e.g. risk reviews overdue) adds one entry; `alerts()` reads every
kind, and the Overzicht, the register pages and the export show them. Order: the kinds in
REGISTRY order (legal terms first), within a kind the most urgent first (most days late, then
fewest days left).

The kinds, each the same population as its KPI where there is one:
- Meldingen, ontvangst niet bevestigd (legal, 7 days): no ontvangstbevestiging and no
  terugkoppeling known at D; due = ontvangst + report_ack_days. Every unacknowledged melding is
  listed, also before its term passes (the term is short), with the days left.
- Meldingen, terugkoppeling (legal, 3 months): no terugkoppeling known at D and the feedback
  term (as in reports_feedback_in_time_rate) passed or ending within FEEDBACK_NEAR_DAYS days.
- Tuchtdossiers, termijn inleidend verslag (legal, 6 months): as discipline_limit_at_risk; due =
  the day the term ends (kennisname + discipline_limit_months).
- Klachten over de norm: open at D and older than complaint_norm_days (= complaints_overdue);
  due = ontvangst + norm.
- Functioneringsnota's, opvolging te laat: as notes_followup_overdue; due = opvolgingsdatum.
- Acties over deadline: deadline before D, status neither afgerond nor geschrapt, of any year's
  plan: actions_overdue counts those of the plan of Y, `carried_over` tells the others apart.
- Risico's (kpis.risicos.late_items): a review date passed (as risks_review_overdue), and a high
  risk without an action (as risks_high_untreated; "due" its analysis date). Page Risicoanalyse.
Meldingen and the actieplan have no dienst column: a dienst filter leaves them zone-wide.
`days_late` is D - due in days: positive = late, 0 = due today, negative = days left.
Alerts name a dossier or action id (`key`), what it is about (`what`: category, theme or the
action's title) and where (`where`: dienst, kanaal or trekker), but no person; pages show them
only to roles that may see single rows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from data_access.register_terms import Value
from data_access.schema import REGISTER_TABLES
from data_access.settings import load_settings
from i18n import N_, Text
from kpis import risicos
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
class Kind:
    """One kind of late item. `rows(ctx)` returns a frame with key, due (Timestamp), what, where
    and detail (the text in brackets of `describe`); for actions also plan_years."""

    label: str  # Dutch, e.g. "Melding: ontvangst niet bevestigd"
    register: str
    legal: bool  # a term set by law: listed first, marked wherever shown
    rows: Callable[[Context], pd.DataFrame]
    short: str = ""  # a short Dutch label for a count, e.g. "Ontvangst niet bevestigd"
    page: str = ""  # the page that shows the register, when not named after it


@dataclass(frozen=True)
class Alert:
    register: str  # register name, e.g. "klachten"
    kind: str  # Dutch label (Kind.label)
    key: str  # dossier, nota, melding or actie id
    due: date  # the day the term ends
    days_late: int  # D - due: positive late, negative days left
    text: str  # one line: an i18n.Text (reads as the Dutch line; i18n.shown in any language)
    what: str = ""  # category, theme, or the action's title
    where: str = ""  # dienst, kanaal or trekker
    legal: bool = False  # a term set by law
    plan_years: tuple[int, ...] = field(default=())  # actions: the years whose plan holds it
    page: str = ""  # the register's page (Kind.page), when not named after the register

    @property
    def page_name(self) -> str:
        return self.page or self.register


def _rows(ctx: Context, columns, where) -> pd.DataFrame:
    stmt = sa.select(*columns).where(*where)
    return pd.DataFrame([tuple(r) for r in ctx.conn.execute(stmt)], columns=[c.name for c in columns])


def _dates(series: pd.Series) -> pd.Series:
    return pd.to_datetime(series, errors="coerce")


def _complaints(ctx: Context) -> pd.DataFrame:
    t = REGISTER_TABLES["klachten"]
    norm = ctx.settings["complaint_norm_days"]
    rows = _rows(
        ctx,
        [t.c.dossiernummer, t.c.datum_ontvangst, t.c.categorie, t.c.dienst],
        [*ctx.scope("klachten"), ctx.unknown(t.c.datum_afsluiting), t.c.datum_ontvangst < ctx.days_before_as_of(norm)],
    )
    rows["due"] = _dates(rows["datum_ontvangst"]) + pd.Timedelta(days=norm)
    rows["detail"] = _details(N_("{categorie}, {dienst}; norm {norm} dagen"), rows, categorie=rows["categorie"],
                              dienst=rows["dienst"], norm=norm)
    return rows.rename(columns={"dossiernummer": "key", "categorie": "what", "dienst": "where"})


def _open_meldingen(ctx: Context) -> tuple[pd.DataFrame, pd.Series, pd.Series]:
    """Meldingen without terugkoppeling known at D, their ontvangst and acknowledgement (after D: empty)."""
    t = REGISTER_TABLES["meldingen"]
    rows = _rows(
        ctx,
        [t.c.nummer, t.c.datum_ontvangst, t.c.datum_ontvangstbevestiging, t.c.categorie, t.c.kanaal],
        [*ctx.scope("meldingen"), ctx.unknown(t.c.datum_terugkoppeling)],
    ).rename(columns={"nummer": "key", "categorie": "what"})
    received = _dates(rows["datum_ontvangst"])
    acknowledged = _dates(rows["datum_ontvangstbevestiging"])
    acknowledged = acknowledged.where(acknowledged <= pd.Timestamp(ctx.as_of))
    rows["detail"] = _texts((Value(w) if isinstance(w, str) else w for w in rows["what"]), rows.index)
    rows["where"] = _details(N_("kanaal {kanaal}"), rows, kanaal=rows["kanaal"])
    return rows, received, acknowledged


def _acknowledgements(ctx: Context) -> pd.DataFrame:
    rows, received, acknowledged = _open_meldingen(ctx)
    missing = acknowledged.isna()
    return rows[missing].assign(due=ack_deadlines(received[missing], ctx.settings["report_ack_days"]))


def _feedback(ctx: Context) -> pd.DataFrame:
    rows, received, acknowledged = _open_meldingen(ctx)
    s = ctx.settings
    rows = rows.assign(due=feedback_deadlines(received, acknowledged, s["report_ack_days"], s["report_feedback_months"]))
    return rows[rows["due"] <= pd.Timestamp(ctx.as_of) + pd.Timedelta(days=FEEDBACK_NEAR_DAYS)]


def _followups(ctx: Context) -> pd.DataFrame:
    t = REGISTER_TABLES["functioneringsnotas"]
    rows = _rows(ctx, [t.c.nummer, t.c.opvolgingsdatum, t.c.thema, t.c.dienst], overdue_conditions(ctx))
    rows["due"] = _dates(rows["opvolgingsdatum"])
    rows["detail"] = _details(N_("{thema}, {dienst}"), rows, thema=rows["thema"], dienst=rows["dienst"])
    return rows.rename(columns={"nummer": "key", "thema": "what", "dienst": "where"})


def _terms(ctx: Context) -> pd.DataFrame:
    t = REGISTER_TABLES["tuchtdossiers"]
    months = ctx.settings["discipline_limit_months"]
    rows = _rows(ctx, [t.c.dossiernummer, t.c.datum_kennisname, t.c.categorie, t.c.dienst], at_risk_conditions(ctx))
    rows["due"] = _dates(rows["datum_kennisname"]) + pd.DateOffset(months=months)
    rows["detail"] = _details(N_("{categorie}, {dienst}; {months} maanden na kennisname"), rows, categorie=rows["categorie"],
                              dienst=rows["dienst"], months=months)
    return rows.rename(columns={"dossiernummer": "key", "categorie": "what", "dienst": "where"})


def _actions(ctx: Context) -> pd.DataFrame:
    t = REGISTER_TABLES["actieplan"]
    rows = _rows(
        ctx,
        [t.c.actie_id, t.c.deadline, t.c.startdatum, t.c.actie, t.c.strategische_doelstelling, t.c.trekker],
        [t.c.deadline < ctx.as_of, t.c.status.not_in(("afgerond", "geschrapt"))],
    )
    rows["due"] = _dates(rows["deadline"])
    rows["detail"] = _details(N_("{doel}; trekker {trekker}"), rows, doel=rows["strategische_doelstelling"],
                              trekker=rows["trekker"])
    rows["plan_years"] = [
        tuple(sorted({d.year for d in (start, end) if d is not None and not pd.isna(d)}))
        for start, end in zip(rows["startdatum"], rows["deadline"])
    ]
    return rows.rename(columns={"actie_id": "key", "actie": "what", "trekker": "where"})


def _risk_rows(kind: str) -> Callable[[Context], pd.DataFrame]:
    """The risks of `kind` (kpis.risicos.KIND_REVIEW: review date passed; KIND_UNTREATED: a high
    risk that names no action, late since its analysis)."""

    def rows(ctx: Context) -> pd.DataFrame:
        items = [i for i in risicos.late_items(risicos.analysis(ctx.conn, ctx.as_of, ctx.settings)) if i.kind == kind]
        due = [pd.Timestamp(ctx.as_of) - pd.Timedelta(days=i.days) for i in items]
        detail = [Text(N_("herziening gepland") if kind == risicos.KIND_REVIEW
                       else N_("hoog risico, geen actie in het actieplan"))] * len(items)
        return pd.DataFrame({"key": [i.row_id for i in items], "due": pd.Series(due, dtype="datetime64[ns]"),
                             "what": [i.what for i in items], "where": [i.where for i in items],
                             "detail": pd.Series(detail, dtype=object)})

    return rows


# Every kind of late item, in the order the Overzicht lists them: legal terms first.
REGISTRY: tuple[Kind, ...] = (
    Kind(KIND_ACK, "meldingen", True, _acknowledgements, N_("Ontvangst melding niet bevestigd")),
    Kind(KIND_FEEDBACK, "meldingen", True, _feedback, N_("Terugkoppeling melding")),
    Kind(KIND_TERM, "tuchtdossiers", True, _terms, N_("Tucht: termijn inleidend verslag")),
    Kind(KIND_COMPLAINT, "klachten", False, _complaints, N_("Klachten over de norm")),
    Kind(KIND_FOLLOWUP, "functioneringsnotas", False, _followups, N_("Opvolging nota's te laat")),
    Kind(KIND_ACTION, "actieplan", False, _actions, N_("Acties over deadline")),
    Kind(risicos.KIND_REVIEW, "risicos", False, _risk_rows(risicos.KIND_REVIEW), N_("Herziening risico te laat"), risicos.PAGE),
    Kind(risicos.KIND_UNTREATED, "risicos", False, _risk_rows(risicos.KIND_UNTREATED), N_("Hoog risico zonder actie"),
         risicos.PAGE),
)
BY_LABEL = {k.label: k for k in REGISTRY}
_ORDER = {k.label: i for i, k in enumerate(REGISTRY)}  # a kind's place in REGISTRY
KINDS: tuple[str, ...] = tuple(k.label for k in REGISTRY)
LEGAL_KINDS: tuple[str, ...] = tuple(k.label for k in REGISTRY if k.legal)


def _texts(values, index) -> pd.Series:
    """A column of i18n.Text values kept as they are (object dtype: pandas would make a str
    column of them, and a Text would lose its message)."""
    return pd.Series(list(values), index=index, dtype=object)


def _details(template: str, rows: pd.DataFrame, **columns) -> pd.Series:
    """Per row the Text `template` with the row's values (list values as register_terms.Value,
    shown in the language of whoever looks); None for a row that lacks one of them."""
    out: list = []
    values = {k: (v.tolist() if isinstance(v, pd.Series) else [v] * len(rows)) for k, v in columns.items()}
    for i in range(len(rows)):  # by position in plain lists: Series.iloc per cell cost ±0,5 s on 6.000 rows
        params = {k: v[i] for k, v in values.items()}
        if any(v is None or (isinstance(v, float) and pd.isna(v)) for v in params.values()):
            out.append(None)
            continue
        out.append(Text(template, **{k: Value(v) if isinstance(v, str) else v for k, v in params.items()}))
    return _texts(out, rows.index)


def _days(n: int) -> Text:
    n = abs(n)
    return Text(N_("1 dag")) if n == 1 else Text(N_("{n} dagen"), n=n)


def describe(kind: str, key: str, detail: str, due: date, days_late: int) -> Text:
    """One line (an i18n.Text: Dutch as a str, any language with i18n.shown), e.g. 'Klacht over de
    norm: KL-2025-0012 (bejegening, Interventie; norm 90 dagen). Termijn verstreken op 12/03/2025,
    23 dagen te laat.'"""
    day = f"{due:%d/%m/%Y}"
    if days_late > 0:
        when = Text(N_("Termijn verstreken op {day}, {days} te laat."), day=day, days=_days(days_late))
    elif days_late == 0:
        when = Text(N_("Termijn verstrijkt vandaag ({day})."), day=day)
    else:
        when = Text(N_("Termijn verstrijkt op {day}, nog {days}."), day=day, days=_days(days_late))
    return Text(N_("{kind}: {key} ({detail}). {when}"), kind=Text(kind), key=key, detail=detail, when=when)


def _text(value) -> str:
    """'' for a missing value; a str (an i18n.Text among them) as it is."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return value if isinstance(value, str) else str(value)


def alerts(
    engine_or_conn: Engine | sa.Connection,
    as_of: date,
    *,
    dienst: str | None = None,
    limit: int | None = None,
    registry: Iterable[Kind] = REGISTRY,
) -> list[Alert]:
    """Every late item at `as_of` of the kinds of `registry`: kind by kind in registry order,
    within a kind the most urgent first (most days late, then earliest term, key); the first
    `limit` when given."""
    if isinstance(engine_or_conn, Engine):
        with engine_or_conn.connect() as conn:
            return alerts(conn, as_of, dienst=dienst, limit=limit, registry=registry)
    conn = engine_or_conn
    ctx = Context(conn=conn, year=as_of.year, as_of=as_of, settings=load_settings(conn), dienst=dienst or None)
    out: list[Alert] = []
    for kind in registry:
        frame = kind.rows(ctx)
        if not len(frame):
            continue
        frame = frame.assign(days_late=(pd.Timestamp(as_of) - frame["due"]).dt.days.astype("int64"))
        frame = frame.sort_values(["days_late", "due", "key"], ascending=[False, True, True])
        plan_years = frame["plan_years"] if "plan_years" in frame else [()] * len(frame)
        for key, due, late, what, where, detail, years in zip(
            frame["key"], frame["due"], frame["days_late"], frame["what"], frame["where"], frame["detail"], plan_years
        ):
            day = due.date()
            out.append(Alert(kind.register, kind.label, str(key), day, int(late),
                             describe(kind.label, str(key), _text(detail), day, int(late)),
                             _text(what), _text(where), kind.legal, tuple(years), kind.page))
    return out[:limit] if limit is not None else out


def urgency(alert: Alert) -> tuple:
    """The order of the most urgent items across kinds (the Overzicht's first rows): late legal
    terms, then legal terms near their end, then the other kinds; within that the REGISTRY
    order and the most days late first."""
    order = _ORDER[alert.kind]
    if alert.legal:
        return (0 if alert.days_late > 0 else 1, order, -alert.days_late)
    return (2, order, -alert.days_late)


def carried_over(alert: Alert, year: int) -> bool:
    """An overdue action from the plan of an earlier year than `year` (actions_overdue of `year`
    counts the others)."""
    return alert.register == "actieplan" and year not in alert.plan_years


def alerts_frame(items: list[Alert]) -> pd.DataFrame:
    """The alerts as a DataFrame: register, kind, key, due, days_late, text (for tables/export)."""
    columns = ["register", "kind", "key", "due", "days_late", "text"]
    return pd.DataFrame([[getattr(a, c) for c in columns] for a in items], columns=columns)


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
