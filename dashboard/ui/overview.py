"""The Overzicht page's own sections: this month and a small trend per register, and the
criteria summary.

    month_cards(access, filters)                     this month against the previous one
    register_sparklines(access, filters)             a small trend per register
    criteria_summary(report)                         gehaald / niet gehaald / geen gegevens, and
                                                     the criteria the review has to talk about
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import pandas as pd
import streamlit as st

from dashboard.charts import generic as charts
from dashboard.charts.figure_cache import cached
from dashboard.reads import data, trends, years
from dashboard.style.formatting import HIDDEN, MONTHS, fmt_date
from dashboard.style.text import plain
from dashboard.ui import components as ui, criteria_view
from dashboard.ui.chart_sections import show, withheld
from kpis.catalog import BY_ID, kpi_for_indicator


def month_name(day: dt.date) -> str:
    return MONTHS[day.month - 1]


def month_cards(access, filters) -> None:
    """Per register the rows dated in the reference date's month (up to that date) against the
    whole previous month; the help text is the catalog definition the count follows."""
    if access.aggregated_only:
        st.caption("In de netwerkweergave geen cijfers per maand: enkel per kwartaal en per jaar, zodat geen verborgen "
                   "aantal uit het verschil kan worden teruggerekend.")
        return
    columns = st.columns(len(MONTH_FIGURES))
    for column, (register, (label, kpi_id)) in zip(columns, MONTH_FIGURES.items()):
        frame = trends.trend(access, register, filters.as_of, 2, dienst=filters.dienst)
        help_text = (
            f"{BY_ID[kpi_id].definition} Hier: in de kalendermaand tot de peildatum, vergeleken met de hele vorige maand."
        )
        with column:
            if frame is None:
                st.metric(f"{label} in {month_name(filters.as_of)}", HIDDEN, border=True, help=help_text)
                continue
            (prev_month, this_month), (before, now) = list(frame.index), list(frame["count"])
            delta = now - before if isinstance(now, int) and isinstance(before, int) else None
            st.metric(
                f"{label} in {month_name(this_month)}",
                ui.fmt_kpi("complaints_received", now),  # a count, formatted as every count
                delta=None if delta is None else ("0" if delta == 0 else f"{delta:+d}"),
                delta_color="off",
                delta_description=f"t.o.v. {month_name(prev_month)}" if delta is not None else None,
                help=help_text,
                border=True,
            )


def _criterion_shown(criterion, kpis: Mapping) -> str:
    """The value as this view may show it: a value hidden for the netwerk view reads as the
    KPI's marker ('<5') or 'verborgen', never 'geen gegevens'."""
    if criterion.value is None and criterion.problem and kpis:
        kpi = kpi_for_indicator(criterion.indicator)
        shown = kpis.get(kpi.id) if kpi else None
        if isinstance(shown, str):
            return shown
        if criterion.problem.startswith("Verborgen") or criterion.problem.startswith("Aantal onder"):
            return HIDDEN
    return criteria_view.fmt_indicator_value(criterion.indicator, criterion.value)


def criteria_frame(criteria, kpis: Mapping | None = None) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Criterium": [c.id for c in criteria],
            "Omschrijving": [c.omschrijving for c in criteria],
            "Waarde": [_criterion_shown(c, kpis or {}) for c in criteria],
            "Norm": [criteria_view.norm_text(c) for c in criteria],  # '%' and units as on Evaluatiecriteria
            "Status": [c.status for c in criteria],
        }
    )


def criteria_summary(report) -> None:
    """Gehaald / niet gehaald / geen gegevens for the year, and the criteria that are not met
    or have no data (what the review has to talk about)."""
    ui.kpi_cards(report.kpis, ["criteria_met", "criteria_not_met", "criteria_no_data"], per_row=3)
    if not report.criteria:
        ui.empty_state(f"evaluatiecriteria voor {report.year}", "Het register Evaluatiecriteria heeft geen criteria voor dit jaar.")
        return
    open_items = [c for c in report.criteria if c.status != "gehaald"]
    if not open_items:
        st.success(f"Alle {len(report.criteria)} criteria voor {report.year} zijn gehaald.", icon=":material/check_circle:")
        return
    st.markdown("**Niet gehaald of zonder gegevens**")
    ui.table(
        criteria_frame(open_items, report.kpis),
        column_config={
            "Criterium": st.column_config.TextColumn("Criterium", width="small"),
            "Omschrijving": st.column_config.TextColumn("Omschrijving", width="large"),
        },
        height=ui.table_height(len(open_items), scrollbar=True),
    )
    for c in open_items:
        if c.problem:
            st.caption(f"{plain(c.id)}: {plain(c.problem)}")  # both may quote the register


# register -> (card label, the catalog KPI whose definition the month figure follows)
MONTH_FIGURES = {
    "klachten": ("Klachten ontvangen", "complaints_received"),
    "functioneringsnotas": ("Functioneringsnota's", "notes_issued"),
    "tuchtdossiers": ("Dossiers geopend", "discipline_by_category"),
    "meldingen": ("Meldingen ontvangen", "reports_received"),
}


def register_sparklines(access, filters, months: int = 24) -> None:
    """A small trend per register in its colour: the 12-month total month by month (a smooth
    line even for a register of a few rows a year); for the netwerk view, where successive
    12-month totals would give away single months, the total per year instead."""
    columns = st.columns(len(MONTH_FIGURES))
    first_year = max(min(data.register_years() or [filters.year]), filters.year - 5)
    for column, (register, (label, _)) in zip(columns, MONTH_FIGURES.items()):
        with column:
            if access.aggregated_only:
                st.markdown(f"**{label}** · per jaar")
                frame = years.yearly(access, register, first_year, filters.year, as_of=filters.as_of, dienst=filters.dienst)
                if frame is None:
                    withheld(label)
                    continue
                shown_years = list(frame.index)
                values = list(frame["count"])
                points = [dt.date(int(y), 1, 1) for y in shown_years]
                names = [str(y) for y in shown_years]
            else:
                st.markdown(f"**{label}** · laatste 12 maanden")
                rolled = trends.rolling_year(access, register, filters.as_of, months, dienst=filters.dienst)
                points, values = list(rolled.index), [int(v) for v in rolled]
                names = None
            fig = cached(charts.sparkline, points, values, register=register, labels=names)
            show(fig, values, key=f"spark_{register}")
    if not access.aggregated_only:
        st.caption(
            f"Elk punt: het aantal over de twaalf maanden tot en met die maand (de laatste tot {fmt_date(filters.as_of)})."
        )

