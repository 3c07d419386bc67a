"""The benchmark's reference: every KPI of kpi-catalog.md for year Y at D, written as plain SQL.

Hand-written SQL text, one or two statements per register: counts and conditional counts with
SUM(CASE ...), splits with GROUP BY, the medians fetched as values (the lead times of the
population) and taken in Python. Only the dialect's date arithmetic differs between SQLite and
PostgreSQL (`_Dialect`). Norms are inlined as integers from the settings; dates are bound.

`reference_kpis(conn, year, as_of=None)` returns {kpi id: value} in the shape of
`compute_report(...).kpis`, so the benchmark can also check that the two agree.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa

from data_access.registers import (
    BY_NAME,
    DISCIPLINARY_SANCTIONS,
    FTE_INDICATOR,
    INTEGRITY_CATEGORIES,
    RISK_PROCESSES,
    STRATEGIC_GOALS,
    header_key,
)


@dataclass(frozen=True)
class _Dialect:
    name: str

    def days(self, later: str, earlier: str) -> str:
        if self.name == "sqlite":
            return f"CAST(julianday({later}) - julianday({earlier}) AS INTEGER)"
        return f"({later} - {earlier})"

    def plus_days(self, day: str, n: int) -> str:
        if self.name == "sqlite":
            return f"date({day}, '+{int(n)} days')"
        return f"({day} + {int(n)})"

    def plus_months(self, day: str, n: int) -> str:
        """Calendar months, a day past the month's end clamped to its last day."""
        if self.name == "sqlite":  # SQLite rolls 31/01 + 1 month over to 03/03: take the month end then
            return f"min(date({day}, '+{int(n)} months'), date({day}, 'start of month', '+{int(n) + 1} months', '-1 day'))"
        return f"CAST({day} + interval '{int(n)} months' AS date)"

    def known(self, column: str) -> str:
        """The date when known at D, else NULL (a date after D counts as empty)."""
        return f"CASE WHEN {column} <= :d THEN {column} END"


def _rate(numerator, denominator) -> float | None:
    return None if not denominator else (numerator or 0) / denominator


def _median(values) -> float | None:
    values = [v for v in values if v is not None]
    return float(statistics.median(values)) if values else None


def _split(rows, values) -> dict[str, int]:
    found = {key: int(n) for key, n in rows}
    return {v: found.get(v, 0) for v in values}


def _settings(conn: sa.Connection) -> dict[str, int]:
    from data_access.settings import load_settings

    return dict(load_settings(conn))


def reference_kpis(conn: sa.Connection, year: int, as_of: date | None = None) -> dict[str, Any]:
    today = date.today()
    as_of = as_of or (today if year == today.year else date(year, 12, 31))  # the catalog's default D
    s = _settings(conn)
    sql = _Dialect(conn.dialect.name)
    start, end = date(year, 1, 1), min(date(year, 12, 31), as_of)
    p = {"start": start, "end": end, "d": as_of}

    def one(text: str, **extra):
        return conn.execute(sa.text(text), {**p, **extra}).one()

    def rows(text: str, **extra):
        return conn.execute(sa.text(text), {**p, **extra}).all()

    out: dict[str, Any] = {}

    # --- Klachten ------------------------------------------------------------------------------
    norm = int(s["complaint_norm_days"])
    lead = sql.days("datum_afsluiting", "datum_ontvangst")
    received, = one("SELECT COUNT(*) FROM klachten WHERE datum_ontvangst BETWEEN :start AND :end")
    closed, founded, assessed, within = one(
        f"""SELECT COUNT(*),
                   SUM(CASE WHEN beoordeling IN ('gegrond', 'deels gegrond') THEN 1 ELSE 0 END),
                   SUM(CASE WHEN beoordeling IN ('gegrond', 'deels gegrond', 'ongegrond') THEN 1 ELSE 0 END),
                   SUM(CASE WHEN {lead} <= {norm} THEN 1 ELSE 0 END)
            FROM klachten WHERE datum_ontvangst <= :d AND datum_afsluiting BETWEEN :start AND :end"""
    )
    open_, overdue = one(
        """SELECT COUNT(*), SUM(CASE WHEN datum_ontvangst < :cut THEN 1 ELSE 0 END)
           FROM klachten WHERE datum_ontvangst <= :d AND (datum_afsluiting IS NULL OR datum_afsluiting > :d)""",
        cut=as_of - timedelta(days=norm),
    )
    leads = [v for (v,) in rows(f"SELECT {lead} FROM klachten WHERE datum_ontvangst <= :d AND datum_afsluiting BETWEEN :start AND :end")]
    fte = {header_key(n): float(v) for n, v in rows("SELECT indicator, waarde FROM indicatoren WHERE trim(periode) = :y", y=str(year)) if v is not None}
    fte_value = fte.get(header_key(FTE_INDICATOR))
    received_where = "WHERE datum_ontvangst BETWEEN :start AND :end"
    out |= {
        "complaints_received": received,
        "complaints_closed": closed,
        "complaints_open": open_,
        "complaints_per_100_fte": None if not fte_value else received * 100 / fte_value,
        "complaints_founded_rate": _rate(founded, assessed),
        "complaints_median_lead_days": _median(leads),
        "complaints_within_norm_rate": _rate(within, closed),
        "complaints_overdue": overdue or 0,
        "complaints_by_category": _split(rows(f"SELECT categorie, COUNT(*) FROM klachten {received_where} GROUP BY categorie"), BY_NAME["klachten"].column("categorie").values),
        "complaints_by_channel": _split(rows(f"SELECT kanaal, COUNT(*) FROM klachten {received_where} GROUP BY kanaal"), BY_NAME["klachten"].column("kanaal").values),
        "complaints_by_outcome": _split(
            rows("SELECT beoordeling, COUNT(*) FROM klachten WHERE datum_ontvangst <= :d AND datum_afsluiting BETWEEN :start AND :end GROUP BY beoordeling"),
            BY_NAME["klachten"].column("beoordeling").values,
        ),
    }

    # --- Functioneringsnota's --------------------------------------------------------------------
    themes = rows("SELECT thema, COUNT(*) FROM functioneringsnotas WHERE datum BETWEEN :start AND :end GROUP BY thema")
    followup, = one(
        "SELECT COUNT(*) FROM functioneringsnotas WHERE datum <= :d AND status = 'open' AND opvolgingsdatum < :cut",
        cut=as_of - timedelta(days=int(s["followup_grace_days"])),
    )
    out |= {
        "notes_issued": sum(n for _, n in themes),
        "notes_followup_overdue": followup,
        "notes_by_theme": _split(themes, BY_NAME["functioneringsnotas"].column("thema").values),
    }

    # --- Tucht- en gerechtelijke dossiers --------------------------------------------------------
    tucht = "soort IN ('tucht', 'tucht en gerechtelijk')"
    opened_where = "WHERE datum_opening BETWEEN :start AND :end"
    discipline, judicial = one(
        f"""SELECT SUM(CASE WHEN {tucht} THEN 1 ELSE 0 END),
                   SUM(CASE WHEN soort IN ('gerechtelijk', 'tucht en gerechtelijk') THEN 1 ELSE 0 END)
            FROM tuchtdossiers {opened_where}"""
    )
    orders, = one(
        """SELECT COUNT(*) FROM tuchtdossiers WHERE datum_opening <= :d
           AND COALESCE(ordemaatregel, 'geen') <> 'geen' AND datum_ordemaatregel BETWEEN :start AND :end"""
    )
    decided_where = f"WHERE datum_opening <= :d AND {tucht} AND datum_beslissing BETWEEN :start AND :end"
    sanctions = rows(f"SELECT sanctie, COUNT(*) FROM tuchtdossiers {decided_where} GROUP BY sanctie")
    by_sanction = _split(sanctions, DISCIPLINARY_SANCTIONS)
    tucht_leads = [v for (v,) in rows(f"SELECT {sql.days('datum_beslissing', 'datum_kennisname')} FROM tuchtdossiers {decided_where}")]
    at_risk, = one(
        f"""SELECT COUNT(*) FROM tuchtdossiers
            WHERE datum_opening <= :d AND soort = 'tucht'
              AND (datum_inleidend_verslag IS NULL OR datum_inleidend_verslag > :d)
              AND (datum_beslissing IS NULL OR datum_beslissing > :d)
              AND {sql.plus_months('datum_kennisname', s['discipline_limit_months'])} <= :warn""",
        warn=as_of + timedelta(days=int(s["discipline_warn_days"])),
    )
    out |= {
        "discipline_opened": discipline or 0,
        "judicial_opened": judicial or 0,
        "order_measures": orders,
        "discipline_decided": sum(n for _, n in sanctions),
        "sanctions_light": by_sanction["waarschuwing"] + by_sanction["blaam"],
        "sanctions_heavy": sum(by_sanction[v] for v in DISCIPLINARY_SANCTIONS[3:]),
        "sanctions_by_type": by_sanction,
        "discipline_median_lead_days": _median(tucht_leads),
        "discipline_limit_at_risk": at_risk,
        "discipline_by_category": _split(
            rows(f"SELECT categorie, COUNT(*) FROM tuchtdossiers {opened_where} GROUP BY categorie"), INTEGRITY_CATEGORIES
        ),
    }

    # --- Meldingen integriteit -------------------------------------------------------------------
    ack_days, months = int(s["report_ack_days"]), int(s["report_feedback_months"])
    ack = sql.known("datum_ontvangstbevestiging")
    feedback = sql.known("datum_terugkoppeling")
    ack_deadline = sql.plus_days("datum_ontvangst", ack_days)
    fb_deadline = sql.plus_months(f"COALESCE({ack}, {ack_deadline})", months)
    m_received, anonymous, ack_ok, ack_pool, fb_ok, fb_pool, violation, conclusive = one(
        f"""SELECT COUNT(*),
                   SUM(CASE WHEN anoniem = TRUE THEN 1 ELSE 0 END),
                   SUM(CASE WHEN {ack} <= {ack_deadline} THEN 1 ELSE 0 END),
                   SUM(CASE WHEN {ack_deadline} <= :d OR {ack} IS NOT NULL THEN 1 ELSE 0 END),
                   SUM(CASE WHEN {feedback} <= {fb_deadline} THEN 1 ELSE 0 END),
                   SUM(CASE WHEN {fb_deadline} <= :d OR {feedback} IS NOT NULL THEN 1 ELSE 0 END),
                   SUM(CASE WHEN status = 'afgesloten' AND uitkomst = 'schending vastgesteld' THEN 1 ELSE 0 END),
                   SUM(CASE WHEN status = 'afgesloten' AND uitkomst IN ('schending vastgesteld', 'geen schending') THEN 1 ELSE 0 END)
            FROM meldingen WHERE datum_ontvangst BETWEEN :start AND :end"""
    )
    out |= {
        "reports_received": m_received,
        "reports_anonymous_rate": _rate(anonymous, m_received),
        "reports_ack_in_time_rate": _rate(ack_ok, ack_pool),
        "reports_feedback_in_time_rate": _rate(fb_ok, fb_pool),
        "reports_violation_rate": _rate(violation, conclusive),
        "reports_by_category": _split(
            rows("SELECT categorie, COUNT(*) FROM meldingen WHERE datum_ontvangst BETWEEN :start AND :end GROUP BY categorie"),
            INTEGRITY_CATEGORIES,
        ),
        "reports_per_100_fte": None if not fte_value else m_received * 100 / fte_value,
    }

    # --- Actieplan -------------------------------------------------------------------------------
    goals = rows(
        """SELECT strategische_doelstelling, COUNT(*),
                  SUM(CASE WHEN status = 'afgerond' THEN 1 ELSE 0 END),
                  SUM(CASE WHEN deadline < :d AND status <> 'afgerond' THEN 1 ELSE 0 END)
           FROM actieplan
           WHERE status <> 'geschrapt' AND (deadline BETWEEN :start AND :end OR startdatum BETWEEN :start AND :end)
           GROUP BY strategische_doelstelling"""
    )
    by_goal = {g: {"total": 0, "afgerond": 0, "overdue": 0} for g in STRATEGIC_GOALS}
    for goal, total, done, late in goals:
        by_goal[goal] = {"total": int(total), "afgerond": int(done or 0), "overdue": int(late or 0)}
    total = sum(g["total"] for g in by_goal.values())
    out |= {
        "actions_total": total,
        "actions_done_rate": _rate(sum(g["afgerond"] for g in by_goal.values()), total),
        "actions_overdue": sum(g["overdue"] for g in by_goal.values()),
        "actions_by_goal": by_goal,
    }

    # --- Risico's (the acties cell lists actie ids: matched as ';id;' in the list made ;-separated)
    high, medium = int(s["risk_high_score"]), int(s["risk_medium_score"])
    level = f"CASE WHEN kans * impact >= {high} THEN 'hoog' WHEN kans * impact >= {medium} THEN 'midden' ELSE 'laag' END"
    listed = "(';' || REPLACE(REPLACE(COALESCE(r.acties, ''), ' ', ''), ',', ';') || ';')"
    treated = (f"EXISTS (SELECT 1 FROM actieplan a WHERE a.status <> 'geschrapt' AND {listed} LIKE ('%;' || a.actie_id || ';%'))")
    risks = rows(
        f"""SELECT r.proces, {level},
                   CASE WHEN r.status IN ('open', 'in behandeling') AND NOT {treated} THEN 1 ELSE 0 END,
                   CASE WHEN r.herziening < :d THEN 1 ELSE 0 END
            FROM risicos r WHERE r.datum_analyse <= :d AND r.status <> 'afgesloten'"""
    )
    out |= {
        "risks_active": len(risks),
        "risks_high": sum(1 for r in risks if r[1] == "hoog"),
        "risks_high_untreated": sum(1 for r in risks if r[1] == "hoog" and r[2]),
        "risks_review_overdue": sum(1 for r in risks if r[3]),
        "risks_by_process": {p: sum(1 for r in risks if r[0] == p) for p in RISK_PROCESSES},
        "risks_by_level": {v: sum(1 for r in risks if r[1] == v) for v in ("hoog", "midden", "laag")},
    }

    # --- Evaluatiecriteria -----------------------------------------------------------------------
    criteria = rows("SELECT indicator, norm, richting FROM evaluatiecriteria WHERE jaar = :y", y=year)
    statuses = {"gehaald": 0, "niet gehaald": 0, "geen gegevens": 0}
    kpi_keys = {header_key(k): k for k in [*out, "criteria_met", "criteria_not_met", "criteria_no_data"]}
    for indicator, norm_value, richting in criteria:
        kpi = kpi_keys.get(header_key(indicator or ""))
        if kpi is not None:
            value = None if "_by_" in kpi or kpi.startswith("criteria_") else out[kpi]
            if norm_value is not None and kpi.endswith("_rate"):
                norm_value = norm_value / 100
        else:
            value = fte.get(header_key(indicator or ""))
        if value is None or norm_value is None:
            statuses["geen gegevens"] += 1
        elif (value >= norm_value) if richting == "minstens" else (value <= norm_value):
            statuses["gehaald"] += 1
        else:
            statuses["niet gehaald"] += 1
    out |= {
        "criteria_met": statuses["gehaald"],
        "criteria_not_met": statuses["niet gehaald"],
        "criteria_no_data": statuses["geen gegevens"],
    }
    return out


def differences(report: dict[str, Any], reference: dict[str, Any], tolerance: float = 1e-9) -> list[str]:
    """KPI ids whose values differ between the engine's report and this reference."""
    out = []
    for key in sorted(set(report) | set(reference)):
        a, b = report.get(key), reference.get(key)
        if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
            if abs(a - b) > tolerance * max(1.0, abs(a)):
                out.append(key)
        elif a != b:
            out.append(key)
    return out
