"""Evaluatiecriteria: each criterion of the year against its norm (status colour, validated or
draft, why a value is missing), and the history of the underlying figure over the years.
Values and statuses are the KPI engine's (dashboard.reads.data.get_report, suppressed for the netwerk
view); the history reads the cached report of every year (dashboard.ui.criteria_view)."""

from __future__ import annotations

import streamlit as st

from dashboard.charts.figure_cache import cached
from dashboard.reads import data
from dashboard.style.text import plain
from dashboard.ui import components as ui, criteria_view as cv
from dashboard.ui.filters import current_filters

access = ui.require()
filters = current_filters()
ui.page_header("Evaluatiecriteria", register="evaluatiecriteria")
report = data.get_report(access, filters)
criteria = report.criteria

if not criteria:
    ui.empty_state(
        f"evaluatiecriteria in {filters.year}",
        "Criteria worden per jaar opgenomen in het register Evaluatiecriteria (tabblad Evaluatiecriteria "
        "van de werkmap, in te lezen via Gegevens).",
    )
    st.stop()

ui.kpi_cards(report.kpis, ["criteria_met", "criteria_not_met", "criteria_no_data"], per_row=3)
drafts = sum(c.validated_on is None for c in criteria)
st.caption(
    f"{len(criteria)} criteria voor {filters.year}; "
    + (f"{drafts} nog niet gevalideerd door de korpsleiding (ontwerp)." if drafts else "alle gevalideerd door de korpsleiding.")
)

st.subheader("Waarde tegenover norm", anchor=False)
overview = cv.overview_frame(report)
ui.table(
    overview,
    cell_style={"Status": cv.status_style},
    height=35 * (len(overview) + 1) + 3,  # every criterion visible, no inner scrolling
    key="criteria_overzicht",
    column_config={
        "Waarde": st.column_config.TextColumn(
            "Waarde", help=f"De waarde voor {filters.year} op de peildatum; de definitie staat bij het criterium hieronder."
        ),
        "Norm": st.column_config.TextColumn("Norm", help="Gehaald als de waarde minstens of hoogstens de norm is."),
        "Gevalideerd op": st.column_config.TextColumn(
            "Gevalideerd op", help="Datum van validatie door de korpsleiding; ontwerp: nog niet gevalideerd."
        ),
        "Toelichting": st.column_config.TextColumn("Toelichting", help="Waarom er geen waarde is."),
    },
)

st.subheader("Historiek per criterium", anchor=False)
by_id = {c.id: c for c in criteria}
chosen = by_id[
    st.selectbox(
        "Criterium",
        list(by_id),
        format_func=lambda cid: f"{cid} · {by_id[cid].omschrijving}",
        key="evaluatiecriterium",
    )
]
value_col, norm_col, status_col = st.columns(3)
with value_col:
    st.metric(
        f"Waarde {filters.year}",
        cv.value_text(chosen, cv.hidden_kpis(report)),
        help=cv.indicator_help(chosen.indicator, filters.year, markdown=True),
        border=True,
    )
with norm_col:
    st.metric(f"Norm ({chosen.richting})", cv.norm_value_text(chosen), border=True)
with status_col:
    st.markdown(
        f"**{cv.indicator_label(chosen.indicator, markdown=True)}**  \n"
        f"Status: {ui.status_badge(chosen.status)} · {cv.validated_text(chosen).capitalize()}"
    )
    st.caption(cv.indicator_help(chosen.indicator, filters.year, markdown=True))
if chosen.problem:
    st.warning(plain(chosen.problem), icon=":material/help:")  # it quotes the indicator and criterion

history = cv.history_frame(access, filters, chosen.indicator)
if history["waarde"].notna().any():
    ui.chart(cached(cv.history_figure, history, chosen.indicator), key="criteria_history", height=380)
else:
    st.info(
        f"Geen waarden om te tonen voor {cv.indicator_label(chosen.indicator, markdown=True)} in "
        f"{history['jaar'].min()}–{history['jaar'].max()}: geen gegevens, of verborgen in deze weergave.",
        icon=":material/info:",
    )
st.caption(
    "Elke staaf is de waarde van het jaar (vorige jaren op 31/12, het gekozen jaar op de peildatum), gekleurd "
    f"volgens de status van het criterium van dat jaar: {cv.status_legend()}; grijsblauw: geen criterium voor dat jaar. "
    "De rode streepjes zijn de norm."
)

with st.expander("Definities van de indicatoren", icon=":material/menu_book:"):
    seen = []
    for c in criteria:
        if c.indicator not in seen:
            seen.append(c.indicator)
            st.markdown(
                f"**{cv.indicator_label(c.indicator, markdown=True)}**: {cv.indicator_help(c.indicator, filters.year, markdown=True)}"
            )
