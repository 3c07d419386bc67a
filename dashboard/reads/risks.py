"""The risk analysis and the external references for the pages, cached on small keys.

    analysis(access, filters) -> kpis.risicos.RiskAnalysis | None
        the risks at the filters' reference date; for the netwerk view (role netwerk, screen-share
        mode) the one of the day's release (kpis.disclosure.release: the register holds no person,
        so it is there in full), None for a year that view cannot choose
    references() -> {KPI id: [kpis.references.Reference]}
        the Referenties register (no person, no figure of the zone: the same for every view)
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from dashboard.reads import data, errors
from dashboard.reads.cache import cached
from data_access import register_terms
from data_access.settings import load_settings
from i18n import N_, _
from kpis import references as refs, risicos


@cached(max_entries=data.CACHE_ENTRIES)
def _analysis(url: str, version: int, year: int, as_of: dt.date, aggregated_only: bool, threshold: int):
    if aggregated_only:
        release = data.release_today(url, version, threshold)
        return release.risks(year)
    with data.engine_for(url).connect() as conn:
        return risicos.analysis(conn, as_of, load_settings(conn))


def analysis(access, filters):
    filters = data.effective_filters(access, filters)
    with errors.database_guard():
        return _analysis(*data.cache_key(), filters.year, filters.as_of, *data.view_key(access))


@cached(max_entries=data.CACHE_ENTRIES)
def _references(url: str, version: int) -> dict:
    with data.engine_for(url).connect() as conn:
        return refs.load(conn)


def references() -> dict:
    with errors.database_guard():
        return _references(*data.cache_key())


# --- tables of the Risicoanalyse page ---------------------------------------------------------

RISK_COLUMNS = {  # the tables' headers, shown with _()
    "risico_id": N_("Risico"),
    "proces": N_("Proces"),
    "omschrijving": N_("Omschrijving"),
    "kritieke_functie": N_("Kritieke functie"),
    "kans": N_("Kans"),
    "impact": N_("Impact"),
    "score": N_("Score"),
    "level": N_("Niveau"),
    "status": N_("Status"),
    "eigenaar": N_("Eigenaar"),
    "herziening": N_("Herziening"),
    "acties": N_("Acties (status)"),
    "dagen_te_laat": N_("Dagen te laat"),
}


def header(column: str) -> str:
    """The header risk_frame gives a column ('omschrijving' -> 'Omschrijving'), in the current language."""
    return _(RISK_COLUMNS[column])


def risk_frame(risks, *, as_of: dt.date | None = None):
    """One row per risk (RISK_COLUMNS, headers and list values in the current language), highest
    score first; with `as_of` also the days the review is late."""
    rows = []
    for r in sorted(risks, key=lambda r: (-r.score, r.risico_id)):
        row = {
            "risico_id": r.risico_id, "proces": register_terms.value(r.proces), "omschrijving": r.omschrijving,
            "kritieke_functie": r.kritieke_functie or "", "kans": r.kans, "impact": r.impact, "score": r.score,
            "level": register_terms.value(r.level), "status": register_terms.value(r.status), "eigenaar": r.eigenaar,
            "herziening": r.herziening, "acties": r.actions_text,
        }
        if as_of is not None:
            row["dagen_te_laat"] = (as_of - r.herziening).days if r.herziening is not None else None
        rows.append(row)
    columns = [c for c in RISK_COLUMNS if c != "dagen_te_laat" or as_of is not None]
    frame = pd.DataFrame(rows, columns=columns)
    return frame.rename(columns={c: header(c) for c in columns})


def risks_by_action(risks) -> dict[str, str]:
    """{actie id: 'R-2025-01 (hoog), R-2025-04 (midden)'}: the active risks each action treats
    (their level in the current language)."""
    by_id = {r.risico_id: r for r in risks.active}
    return {a: ", ".join(f"{i} ({register_terms.value(by_id[i].level)})" for i in ids) for a, ids in risks.actions_of().items()}
