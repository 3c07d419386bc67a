"""What the figures of year Y at reference date D rest on, and where it has gaps (for the
integriteitscoördinator; the Overzicht says in one line when something is wrong).

`checks(conn, year, as_of)` returns one `Check` per item, in this order:
- imports: when each register was last imported (import_log of the rows' import_id); a register
  without rows is a gap;
- VTE: the indicator `personeelsbestand (VTE)` for period Y (without it the figures per 100 VTE
  are empty);
- criteria not yet validated: Evaluatiecriteria of Y without `gevalideerd op`;
- actions without a recent update: not afgerond or geschrapt, `laatste update` empty or more
  than STALE_DAYS days before D;
- open rows missing a field the figures need: klachten with status afgesloten but no datum
  afsluiting (they count as open), functioneringsnota's with status open but no opvolgingsdatum
  (notes_followup_overdue cannot see them).
Rows name a key (dossier, nota, criterium or actie id) and never a person.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

import pandas as pd
import sqlalchemy as sa

from data_access.registers import FTE_INDICATOR, REGISTERS
from data_access.schema import REGISTER_TABLES, import_log
from i18n import N_, Text
from kpis.context import indicator_values, name_key

STALE_DAYS = 90


@dataclass(frozen=True)
class Check:
    title: str  # an i18n.Text: reads as Dutch, i18n.shown in any language
    ok: bool
    summary: str  # the same, one line
    rows: pd.DataFrame = field(default_factory=pd.DataFrame)  # the rows concerned (Dutch headers, marked N_; register
    # labels and list values as stored: dashboard.ui.data_quality_view shows them in the reader's language)


def _n(count: int, one: str, many: str, **params) -> Text:
    """Text `one` for a count of 1, else `many` (both with {n})."""
    return Text(one if count == 1 else many, n=count, **params)


def _frame(conn, stmt, headers: list[str]) -> pd.DataFrame:
    return pd.DataFrame([tuple(r) for r in conn.execute(stmt)], columns=headers)


def last_imports(conn: sa.Connection) -> pd.DataFrame:
    """Per register (label): rows, and when its rows were last imported (None: never)."""
    out = []
    for register in REGISTERS:
        t = REGISTER_TABLES[register.name]
        rows, last = conn.execute(
            sa.select(sa.func.count(), sa.func.max(import_log.c.at)).select_from(
                t.outerjoin(import_log, import_log.c.id == t.c.import_id))
        ).one()
        out.append((register.label, int(rows), last.date() if last is not None else None))
    return pd.DataFrame(out, columns=[N_("Register"), N_("Rijen"), N_("Laatst ingelezen")])


def _imports(conn) -> Check:
    table = last_imports(conn)
    empty = table[table["Rijen"] == 0]
    title = Text(N_("Laatste import per register"))
    if empty.empty:
        return Check(title, True, Text(N_("Elk register heeft gegevens.")), table)
    return Check(title, False, Text(N_("Zonder gegevens: {registers}."), registers=", ".join(empty["Register"])), table)


def _fte(conn, year: int) -> Check:
    title = Text(N_("Personeelsbestand (VTE) {year}"), year=year)
    if indicator_values(conn, str(year)).get(name_key(FTE_INDICATOR)):
        return Check(title, True, Text(N_("Ingevuld voor {year}."), year=year))
    return Check(title, False, Text(N_("De indicator '{indicator}' ontbreekt voor {year}: de cijfers per 100 VTE blijven leeg."),
                                    indicator=FTE_INDICATOR, year=year),
                 pd.DataFrame({N_("Indicator"): [FTE_INDICATOR], N_("Periode"): [str(year)]}))


def _criteria(conn, year: int) -> Check:
    t = REGISTER_TABLES["evaluatiecriteria"]
    rows = _frame(conn, sa.select(t.c.criterium_id, t.c.omschrijving).where(t.c.jaar == year, t.c.gevalideerd_op.is_(None))
                  .order_by(t.c.criterium_id), [N_("Criterium"), N_("Omschrijving")])
    title = Text(N_("Evaluatiecriteria {year} niet gevalideerd"), year=year)
    if rows.empty:
        return Check(title, True, Text(N_("Alle criteria van {year} zijn gevalideerd (of er zijn er geen)."), year=year))
    return Check(title, False, _n(len(rows), N_("{n} criterium van {year} nog niet gevalideerd door de korpsleiding."),
                                  N_("{n} criteria van {year} nog niet gevalideerd door de korpsleiding."), year=year), rows)


def _stale_actions(conn, as_of: date) -> Check:
    t = REGISTER_TABLES["actieplan"]
    limit = as_of - timedelta(days=STALE_DAYS)
    stmt = (sa.select(t.c.actie_id, t.c.actie, t.c.trekker, t.c.status, t.c.laatste_update)
            .where(t.c.status.not_in(("afgerond", "geschrapt")),
                   sa.or_(t.c.laatste_update.is_(None), t.c.laatste_update < limit))
            .order_by(t.c.laatste_update.is_(None).desc(), t.c.laatste_update, t.c.actie_id))
    rows = _frame(conn, stmt, [N_("Actie id"), N_("Actie"), N_("Trekker"), N_("Status"), N_("Laatste update")])
    title = Text(N_("Acties zonder update in {days} dagen"), days=STALE_DAYS)
    if rows.empty:
        return Check(title, True, Text(N_("Elke lopende actie kreeg een update in de laatste {days} dagen."), days=STALE_DAYS))
    return Check(title, False, _n(len(rows), N_("{n} actie zonder update sinds {day} (of nooit)."),
                                  N_("{n} acties zonder update sinds {day} (of nooit)."), day=f"{limit:%d/%m/%Y}"), rows)


def _missing_fields(conn, as_of: date) -> Check:
    k = REGISTER_TABLES["klachten"]
    n = REGISTER_TABLES["functioneringsnotas"]
    closed = _frame(conn, sa.select(k.c.dossiernummer).where(k.c.status == "afgesloten", k.c.datum_afsluiting.is_(None),
                                                            k.c.datum_ontvangst <= as_of), [N_("Nummer")])
    closed = closed.assign(Register="Klachten", Ontbreekt=N_("datum afsluiting (status afgesloten: telt als open)"))
    notes = _frame(conn, sa.select(n.c.nummer).where(n.c.status == "open", n.c.opvolgingsdatum.is_(None), n.c.datum <= as_of),
                   ["Nummer"])
    notes = notes.assign(Register="Functioneringsnota's", Ontbreekt=N_("opvolgingsdatum (open: opvolging niet te bewaken)"))
    rows = pd.concat([closed, notes], ignore_index=True)[["Register", "Nummer", N_("Ontbreekt")]]
    title = Text(N_("Rijen zonder een veld dat de cijfers nodig hebben"))
    if rows.empty:
        return Check(title, True, Text(N_("Geen.")))
    return Check(title, False, _n(len(rows), N_("{n} rij mist een veld dat de cijfers nodig hebben."),
                                  N_("{n} rijen missen een veld dat de cijfers nodig hebben.")), rows)


def checks(conn: sa.Connection, year: int, as_of: date) -> list[Check]:
    return [_imports(conn), _fte(conn, year), _criteria(conn, year), _stale_actions(conn, as_of), _missing_fields(conn, as_of)]
