"""Risico's KPIs (kpi-catalog.md, section Risico's, evaluated at D) and the risk analysis the
Risicoanalyse page, the netwerk release and the export show.

Score = kans x impact (1..25); level `hoog` from the setting risk_high_score (default 15),
`midden` from risk_medium_score (default 8), else `laag` (registers.md §8). The register names
processes and functions, never persons, and has no dienst column: it is zone-wide.

A risk's `acties` is a list of actie ids in one text cell, so "treated" (risks_high_untreated)
is decided in Python on the register's rows: a zone's analysis is a few dozen risks. Only the
columns below are read (none is personal).

Decisions where the catalog leaves room:
- Active at D: datum analyse on or before D and status other than afgesloten, the status as the
  register holds it today (as for every register).
- A herziening after D is not yet due (like any date after D): never overdue.
- A linked actie id that is not (or no longer) in the Actieplan counts as no action.
- Late items (`late_items`): an overdue review is late by D - herziening days; a high risk
  without an action has no term of its own, so its "days late" are the days since its datum
  analyse (how long it has been known without a treating action).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import sqlalchemy as sa

from data_access import register_terms
from data_access.registers import RISK_PROCESSES
from data_access.schema import REGISTER_TABLES
from data_access.validation import action_ids
from i18n import N_, NP_, _
from kpis.context import Context

# Canonical; shown as list values (data_access.register_terms.value), as a split's keys are.
LEVELS = (NP_("value", "hoog"), NP_("value", "midden"), NP_("value", "laag"))
SCALE = (1, 2, 3, 4, 5)
TREATING = ("open", "in behandeling")  # statuses for which an action is expected
CLOSED = "afgesloten"
DROPPED_ACTION = "geschrapt"
NOT_IN_PLAN = N_("niet in het actieplan")  # a linked actie id the Actieplan does not hold
PAGE = "risicoanalyse"  # the register page of a late item

_COLUMNS = (
    "risico_id", "proces", "omschrijving", "kritieke_functie", "kans", "impact", "beheersmaatregelen", "acties",
    "eigenaar", "datum_analyse", "herziening", "status",
)


def level(score: int, settings: Mapping[str, int]) -> str:
    """`hoog`, `midden` or `laag` for a score (kans x impact)."""
    if score >= settings["risk_high_score"]:
        return "hoog"
    if score >= settings["risk_medium_score"]:
        return "midden"
    return "laag"


@dataclass(frozen=True)
class LinkedAction:
    actie_id: str
    actie: str | None  # None: not in the Actieplan
    status: str | None
    deadline: date | None

    @property
    def treats(self) -> bool:
        """An action counts as treating the risk when it exists and is not geschrapt."""
        return self.status is not None and self.status != DROPPED_ACTION


@dataclass(frozen=True)
class Risk:
    risico_id: str
    proces: str
    omschrijving: str
    kritieke_functie: str | None
    kans: int
    impact: int
    beheersmaatregelen: str | None
    eigenaar: str
    datum_analyse: date | None  # required by the importer; None only in a hand-edited database
    herziening: date | None
    status: str
    score: int
    level: str
    actions: tuple[LinkedAction, ...]
    review_overdue: bool

    @property
    def active(self) -> bool:
        return self.status != CLOSED

    @property
    def treated(self) -> bool:
        return any(a.treats for a in self.actions)

    @property
    def high_untreated(self) -> bool:
        return self.level == "hoog" and self.status in TREATING and not self.treated

    @property
    def actions_text(self) -> str:
        """'A-2025-03 (lopend); A-2025-07 (niet in het actieplan)', or '' without actions, in the
        current language (the status as a list value, data_access.register_terms)."""
        return "; ".join(f"{a.actie_id} ({register_terms.value(a.status) if a.status else _(NOT_IN_PLAN)})"
                         for a in self.actions)


@dataclass
class RiskAnalysis:
    """The risks analysed on or before D (closed ones included), with what the KPIs need."""

    as_of: date
    settings: dict
    risks: list[Risk] = field(default_factory=list)

    @property
    def active(self) -> list[Risk]:
        return [r for r in self.risks if r.active]

    def matrix(self) -> dict[tuple[int, int], int]:
        """{(kans, impact): active risks} for every cell of the 5 x 5 matrix (0 allowed)."""
        cells = {(k, i): 0 for k in SCALE for i in SCALE}
        for r in self.active:
            cells[(r.kans, r.impact)] += 1
        return cells

    def in_cell(self, kans: int, impact: int) -> list[Risk]:
        return [r for r in self.active if (r.kans, r.impact) == (kans, impact)]

    def actions_of(self) -> dict[str, list[str]]:
        """{actie id: the risico ids (active at D) that name it}: what each action treats."""
        out: dict[str, list[str]] = {}
        for r in self.active:
            for a in r.actions:
                out.setdefault(a.actie_id, []).append(r.risico_id)
        return out


def analysis(conn: sa.Connection, as_of: date, settings: Mapping[str, int]) -> RiskAnalysis:
    """The risk analysis at D: every risk with datum analyse on or before D."""
    t = REGISTER_TABLES["risicos"]
    a = REGISTER_TABLES["actieplan"]
    rows = conn.execute(
        sa.select(*(t.c[c] for c in _COLUMNS)).where(t.c.datum_analyse <= as_of).order_by(t.c.risico_id)
    ).mappings().all()
    actions: dict[str, tuple] = {}
    if any(r["acties"] for r in rows):
        for actie_id, actie, status, deadline in conn.execute(sa.select(a.c.actie_id, a.c.actie, a.c.status, a.c.deadline)):
            actions[actie_id] = (actie, status, deadline)
    result = RiskAnalysis(as_of=as_of, settings=dict(settings))
    for r in rows:
        score = int(r["kans"]) * int(r["impact"])
        linked = tuple(LinkedAction(i, *actions.get(i, (None, None, None))) for i in action_ids(r["acties"]))
        herziening = _day(r["herziening"])
        result.risks.append(Risk(
            risico_id=r["risico_id"], proces=r["proces"], omschrijving=r["omschrijving"],
            kritieke_functie=r["kritieke_functie"], kans=int(r["kans"]), impact=int(r["impact"]),
            beheersmaatregelen=r["beheersmaatregelen"], eigenaar=r["eigenaar"], datum_analyse=_day(r["datum_analyse"]),
            herziening=herziening, status=r["status"], score=score, level=level(score, settings), actions=linked,
            review_overdue=r["status"] != CLOSED and herziening is not None and herziening < as_of,
        ))
    return result


def _day(value) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def figures(risks: RiskAnalysis) -> dict[str, Any]:
    """The catalog's Risico's KPIs of an analysis."""
    active = risks.active
    high = [r for r in active if r.level == "hoog"]
    by_process = {p: 0 for p in RISK_PROCESSES}
    for r in active:
        by_process[r.proces] = by_process.get(r.proces, 0) + 1
    by_level = {v: 0 for v in LEVELS}
    for r in active:
        by_level[r.level] += 1
    return {
        "risks_active": len(active),
        "risks_high": len(high),
        "risks_high_untreated": sum(r.high_untreated for r in high),
        "risks_review_overdue": sum(r.review_overdue for r in active),
        "risks_by_process": by_process,
        "risks_by_level": by_level,
    }


def compute(ctx: Context) -> dict[str, Any]:
    return figures(analysis(ctx.conn, ctx.as_of, ctx.settings))


# ---------------------------------------------------------------------------------------------
# Late items, for the Overzicht's "Te laat en dringend"

KIND_REVIEW = N_("Herziening risico te laat")
KIND_UNTREATED = N_("Hoog risico zonder actie")


@dataclass(frozen=True)
class LateItem:
    kind: str  # Dutch, e.g. "Herziening risico te laat"
    what: str  # the risk, in its own words
    where: str  # the process
    days: int  # days late (positive) or left (negative)
    page: str  # the register page that shows it
    row_id: str  # the risico id


def late_items(risks: RiskAnalysis) -> list[LateItem]:
    """Overdue reviews and high risks without an action at D, most late first."""
    items = []
    for r in risks.active:
        if r.review_overdue and r.herziening is not None:
            items.append(LateItem(KIND_REVIEW, r.omschrijving, r.proces, (risks.as_of - r.herziening).days, PAGE, r.risico_id))
        if r.high_untreated:
            since = (risks.as_of - r.datum_analyse).days if r.datum_analyse is not None else 0
            items.append(LateItem(KIND_UNTREATED, r.omschrijving, r.proces, since, PAGE, r.risico_id))
    return sorted(items, key=lambda i: (-i.days, i.row_id, i.kind))
