"""Klachten: the year's figures against last year, the monthly trend with the previous year,
splits by category, channel and outcome, lead times against the norm, open complaints by age,
category × dienst, and complaints per 100 VTE over the years."""

from __future__ import annotations

import streamlit as st

from dashboard.charts import generic as charts
from dashboard.charts.figure_cache import cached
from dashboard.reads import data, splits, years
from dashboard.style.formatting import fmt_date, fmt_decimal
from dashboard.ui import cards, chart_sections as sections, components as ui, late_block
from dashboard.ui.filters import current_filters
from i18n import N_, Text, _, pgettext

# Bins of days: beside the card of those past the norm and the quarters, the days between two
# dates let a reader work out a small count, so the netwerk view does not show them.
BINS_WITHHELD = N_("Per aantal dagen staat dit niet in de netwerkweergave: met de kwartalen en de kaarten zou een klein aantal terug te rekenen zijn.")

REGISTER = "klachten"

access = ui.require()
filters = current_filters()
ui.page_header(_("Klachten"), register=REGISTER)
late_block.focus_row(access, "klachten")
ui.stop_if_empty_database()

report = data.get_report(access, filters)
previous = cards.previous_report(access, filters)
if ui.no_rows(
    report,
    "complaints_received",
    "complaints_closed",
    "complaints_open",
    what=_("klachten in {year}").format(year=filters.year),
    hint=_("Er zijn in dit jaar geen klachten ontvangen, afgesloten of open. Kies een ander jaar in de zijbalk."),
):
    st.stop()

cards.cards(
    report,
    previous,
    [
        "complaints_received",
        "complaints_closed",
        "complaints_open",
        "complaints_overdue",
        "complaints_median_lead_days",
        "complaints_within_norm_rate",
        "complaints_founded_rate",
        "complaints_per_100_fte",
    ],
    filters,
)

st.subheader(_("Verloop"), anchor=False)
sections.trend_chart(access, filters, REGISTER, _("Klachten ontvangen per maand"),
                     quarter_title=_("Klachten ontvangen per kwartaal"), noun=_("Klachten"))
ui.drill_down(REGISTER, label=Text(N_("klachten ontvangen in {year}"), year=filters.year), filters=filters)

st.subheader(_("Verdeling"), anchor=False)
left, right = st.columns(2, gap="large")
with left:
    sections.split_chart(report, "complaints_by_category", REGISTER, pgettext("klachten", "Ontvangen in {year}: per categorie").format(year=filters.year))
with right:
    sections.split_chart(report, "complaints_by_channel", REGISTER, pgettext("klachten", "Ontvangen in {year}: per kanaal").format(year=filters.year))

norm = int(report.settings["complaint_norm_days"])
edges = splits.norm_edges(norm, splits.BIN_EDGES)  # the norm line falls between two bins
bins = charts.day_bins(edges)
left, right = st.columns(2, gap="large")
with left:
    sections.split_chart(report, "complaints_by_outcome", REGISTER, _("Afgesloten in {year}: per beoordeling").format(year=filters.year))
with right:
    counts = splits.lead_time_bins(access, REGISTER, filters.year, filters.as_of, edges, dienst=filters.dienst)
    title = _("Doorlooptijd afgesloten klachten {year}").format(year=filters.year)
    if counts is None:
        sections.withheld(title, _(BINS_WITHHELD) if access.aggregated_only else None)
    elif not any(counts):
        ui.empty_state(_("afgesloten klachten in {year}").format(year=filters.year))
    else:
        fig = cached(charts.histogram_with_norm, bins, counts, register=REGISTER, title=title, norm=norm, x_title=_("Dagen tot afsluiting"))
        sections.show(fig, counts, key="klachten_doorlooptijd")

st.subheader(_("Openstaande klachten"), anchor=False)
left, right = st.columns(2, gap="large")
with left:
    counts = splits.open_complaint_age_bins(access, filters.as_of, edges, dienst=filters.dienst)
    title = _("Open op {date}, naar leeftijd").format(date=fmt_date(filters.as_of))
    if counts is None:
        sections.withheld(title, _(BINS_WITHHELD) if access.aggregated_only else None)
    elif not any(counts):
        st.success(_("Geen openstaande klachten op {date}.").format(date=fmt_date(filters.as_of)), icon=":material/check_circle:")
    else:
        fig = cached(charts.age_buckets, bins, counts, register=REGISTER, title=title, norm=norm)
        sections.show(fig, counts, key="klachten_leeftijd")
with right:
    title = _("Klachten per 100 VTE per jaar")
    if filters.dienst:
        st.info(_("Klachten per 100 VTE bestaat enkel voor de hele zone: het personeelsbestand (VTE) is niet per dienst gekend."),
                icon=":material/info:")
    elif (years := years.per_fte_frame(access, filters, _("Klachten per 100 VTE"))).empty or years.iloc[:, 0].isna().all():
        ui.empty_state(_("klachten per 100 VTE"), _("Vul de indicator 'personeelsbestand (VTE)' in het register Indicatoren in."))
    else:
        sections.year_chart(years, register=REGISTER, title=title, key="klachten_vte", y_title=_("Per 100 VTE"), fmt=fmt_decimal)
ui.drill_down(REGISTER, label=Text(N_("klachten open op {date}"), date=fmt_date(filters.as_of)), filters=filters,
              open_column="datum_afsluiting")

st.subheader(_("Categorie × dienst ({year})").format(year=filters.year), anchor=False)
table = splits.cross_table(access, REGISTER, filters.year, filters.as_of, "categorie", "dienst", dienst=filters.dienst)
if table is None:
    sections.withheld(_("Klachten per categorie en dienst"), _("Per dienst staat dit niet in de netwerkweergave: die toont enkel "
                      "cijfers van de hele zone.") if access.aggregated_only else None)
elif table.empty or not table.to_numpy().any():
    ui.empty_state(_("klachten ontvangen in {year}").format(year=filters.year))
else:
    # Categories in the order of the bar chart 'per categorie' above: the largest first.
    table = table.loc[charts.largest_first(table.sum(axis=1).to_dict())]
    table.index = sections.shown_values(table.index)  # categories as the language shows them
    fig = cached(charts.heatmap, table, register=REGISTER, title=_("Ontvangen klachten per categorie en dienst, {year}").format(year=filters.year))
    sections.show(fig, table.to_numpy().ravel().tolist(), key="klachten_heatmap")
