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
from data_access import register_terms
from i18n import _, ngettext, shown

access = ui.require()
filters = current_filters()
ui.page_header(_("Evaluatiecriteria"), register="evaluatiecriteria")
report = data.get_report(access, filters)
criteria = report.criteria

if not criteria:
    ui.empty_state(
        _("evaluatiecriteria in {year}").format(year=filters.year),
        _("Criteria worden per jaar opgenomen in het register Evaluatiecriteria (tabblad Evaluatiecriteria "
          "van de werkmap, in te lezen via Gegevens)."),
    )
    st.stop()

ui.kpi_cards(report.kpis, ["criteria_met", "criteria_not_met", "criteria_no_data"], per_row=3)
drafts = sum(c.validated_on is None for c in criteria)
st.caption(
    ngettext("{count} criteria voor {year}; ", "{count} criteria voor {year}; ", len(criteria)).format(
        count=len(criteria), year=filters.year)
    + (ngettext("{count} nog niet gevalideerd door de korpsleiding (ontwerp).",
                "{count} nog niet gevalideerd door de korpsleiding (ontwerp).", drafts).format(count=drafts)
       if drafts else _("alle gevalideerd door de korpsleiding."))
)

st.subheader(_("Waarde tegenover norm"), anchor=False)
overview = cv.overview_frame(report)
value_header, norm_header, validated_header, note_header = (
    cv.column(h) for h in ("Waarde", "Norm", "Gevalideerd op", "Toelichting"))
ui.table(
    overview,
    cell_style={cv.column("Status"): cv.status_style},
    height=35 * (len(overview) + 1) + 3,  # every criterion visible, no inner scrolling
    key="criteria_overzicht",
    column_config={
        value_header: st.column_config.TextColumn(
            value_header,
            help=_("De waarde voor {year} op de peildatum; de definitie staat bij het criterium hieronder.").format(year=filters.year),
        ),
        norm_header: st.column_config.TextColumn(norm_header, help=_("Gehaald als de waarde minstens of hoogstens de norm is.")),
        validated_header: st.column_config.TextColumn(
            validated_header, help=_("Datum van validatie door de korpsleiding; ontwerp: nog niet gevalideerd.")
        ),
        note_header: st.column_config.TextColumn(note_header, help=_("Waarom er geen waarde is.")),
    },
)

st.subheader(_("Historiek per criterium"), anchor=False)
by_id = {c.id: c for c in criteria}
chosen = by_id[
    st.selectbox(
        _("Criterium"),
        list(by_id),
        format_func=lambda cid: f"{cid} · {by_id[cid].omschrijving}",
        key="evaluatiecriterium",
    )
]
value_col, norm_col, status_col = st.columns(3)
with value_col:
    st.metric(
        _("Waarde {year}").format(year=filters.year),
        cv.value_text(chosen, cv.hidden_kpis(report)),
        help=cv.indicator_help(chosen.indicator, filters.year, markdown=True),
        border=True,
    )
with norm_col:
    st.metric(_("Norm ({direction})").format(direction=register_terms.value(chosen.richting)), cv.norm_value_text(chosen),
              border=True)
with status_col:
    st.markdown(
        f"**{cv.indicator_label(chosen.indicator, markdown=True)}**  \n"
        + _("Status: {status}").format(status=ui.status_badge(chosen.status)) + f" · {cv.validated_text(chosen).capitalize()}"
    )
    st.caption(cv.indicator_help(chosen.indicator, filters.year, markdown=True))
if chosen.problem:
    st.warning(plain(shown(chosen.problem)), icon=":material/help:")  # it quotes the indicator and criterion

history = cv.history_frame(access, filters, chosen.indicator)
if history["waarde"].notna().any():
    ui.chart(cached(cv.history_figure, history, chosen.indicator), key="criteria_history", height=380)
else:
    st.info(
        _("Geen waarden om te tonen voor {indicator} in {first}–{last}: geen gegevens, of verborgen in deze weergave.").format(
            indicator=cv.indicator_label(chosen.indicator, markdown=True), first=history["jaar"].min(),
            last=history["jaar"].max()),
        icon=":material/info:",
    )
st.caption(
    _("Elke staaf is de waarde van het jaar (vorige jaren op 31/12, het gekozen jaar op de peildatum), gekleurd "
      "volgens de status van het criterium van dat jaar: {legend}; grijsblauw: geen criterium voor dat jaar. "
      "De rode streepjes zijn de norm.").format(legend=cv.status_legend())
)

with st.expander(_("Definities van de indicatoren"), icon=":material/menu_book:"):
    seen = []
    for c in criteria:
        if c.indicator not in seen:
            seen.append(c.indicator)
            st.markdown(
                f"**{cv.indicator_label(c.indicator, markdown=True)}**: {cv.indicator_help(c.indicator, filters.year, markdown=True)}"
            )
