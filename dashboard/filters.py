"""The sidebar filters every page shares: year, reference date (peildatum) and dienst.

dashboard/app.py calls `render_sidebar()` on every run, before the page runs; the widgets are
keyed and bound to the URL (?jaar=2025&peildatum=2025-06-30&dienst=Verkeer), so a link reproduces
a view and the values survive page switches. Pages read them with `current_filters()`.

Changing the year puts the reference date back on that year's default (31/12 of the year, or
today for the current year), as kpis.engine.default_as_of says.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import streamlit as st

from dashboard.formatting import fmt_date
from kpis.engine import default_as_of

YEAR_KEY = "jaar"
AS_OF_KEY = "peildatum"
DIENST_KEY = "dienst"
ALL_DIENSTEN = "Alle diensten"


@dataclass(frozen=True)
class Filters:
    year: int
    as_of: dt.date
    dienst: str | None = None  # None: all diensten

    @property
    def dienst_label(self) -> str:
        return self.dienst or ALL_DIENSTEN.lower()

    def describe(self) -> str:
        """'2025 · peildatum 31/12/2025 · alle diensten', for captions and the audit log."""
        return f"{self.year} · peildatum {fmt_date(self.as_of)} · {self.dienst_label}"

    def as_audit(self) -> dict:
        return {"jaar": self.year, "peildatum": self.as_of.isoformat(), "dienst": self.dienst or "Alle"}


def _reset_as_of() -> None:
    """on_change of the year: the reference date follows the new year."""
    year = st.session_state.get(YEAR_KEY)
    if year is not None:
        st.session_state[AS_OF_KEY] = default_as_of(int(year))


def render_sidebar(years: list[int], diensten: list[str], container=None) -> Filters:
    """Draws the three filters (in `container`, default the sidebar) and returns their values.
    `years` newest first (the current year among them), `diensten` sorted."""
    this_year = dt.date.today().year
    years = list(years) or [this_year]
    default_year = this_year if this_year in years else years[0]
    with container if container is not None else st.sidebar:
        st.markdown("**Filters**")
        year = st.selectbox(
            "Jaar",
            years,
            index=years.index(default_year),
            key=YEAR_KEY,
            bind="query-params",
            on_change=_reset_as_of,
            help="Het jaar waarover de cijfers gaan.",
        )
        as_of = st.date_input(
            "Peildatum",
            value=default_as_of(int(year)),
            key=AS_OF_KEY,
            bind="query-params",
            format="DD/MM/YYYY",
            help="De datum waarop de toestand bekeken wordt (wat na deze datum gebeurde, telt niet mee). "
            "Standaard 31/12 van het jaar, of vandaag voor het lopende jaar.",
        )
        dienst = st.selectbox(
            "Dienst",
            [ALL_DIENSTEN, *diensten],
            key=DIENST_KEY,
            bind="query-params",
            help="Beperk de cijfers tot één dienst; registers zonder dienst (actieplan, criteria) blijven volledig.",
        )
    as_of = as_of or default_as_of(int(year))  # a cleared field means the default
    return Filters(int(year), as_of, None if dienst in (None, ALL_DIENSTEN) else dienst)


def current_filters() -> Filters:
    """The filters of this run, as the sidebar holds them (defaults when not drawn yet)."""
    state = st.session_state
    year = int(state.get(YEAR_KEY) or dt.date.today().year)
    as_of = state.get(AS_OF_KEY) or default_as_of(year)
    dienst = state.get(DIENST_KEY)
    return Filters(year, as_of, None if dienst in (None, ALL_DIENSTEN) else dienst)
