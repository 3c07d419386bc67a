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

# Bins of days: beside the card of those past the norm and the quarters, the days between two
# dates let a reader work out a small count, so the netwerk view does not show them.
BINS_WITHHELD = "Per aantal dagen staat dit niet in de netwerkweergave: met de kwartalen en de kaarten zou een klein aantal terug te rekenen zijn."

REGISTER = "klachten"

access = ui.require()
filters = current_filters()
ui.page_header("Klachten", register=REGISTER)
late_block.focus_row(access, "klachten")
ui.stop_if_empty_database()

report = data.get_report(access, filters)
previous = cards.previous_report(access, filters)
if ui.no_rows(
    report,
    "complaints_received",
    "complaints_closed",
    "complaints_open",
    what=f"klachten in {filters.year}",
    hint="Er zijn in dit jaar geen klachten ontvangen, afgesloten of open. Kies een ander jaar in de zijbalk.",
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

st.subheader("Verloop", anchor=False)
sections.trend_chart(access, filters, REGISTER, "Klachten ontvangen per maand", noun="Klachten")
ui.drill_down(REGISTER, label=f"klachten ontvangen in {filters.year}", filters=filters)

st.subheader("Verdeling", anchor=False)
left, right = st.columns(2, gap="large")
with left:
    sections.split_chart(report, "complaints_by_category", REGISTER, f"Ontvangen in {filters.year}: per categorie")
with right:
    sections.split_chart(report, "complaints_by_channel", REGISTER, f"Ontvangen in {filters.year}: per kanaal")

norm = int(report.settings["complaint_norm_days"])
edges = splits.norm_edges(norm, splits.BIN_EDGES)  # the norm line falls between two bins
bins = charts.day_bins(edges)
left, right = st.columns(2, gap="large")
with left:
    sections.split_chart(report, "complaints_by_outcome", REGISTER, f"Afgesloten in {filters.year}: per beoordeling")
with right:
    counts = splits.lead_time_bins(access, REGISTER, filters.year, filters.as_of, edges, dienst=filters.dienst)
    title = f"Doorlooptijd afgesloten klachten {filters.year}"
    if counts is None:
        sections.withheld(title, BINS_WITHHELD if access.aggregated_only else None)
    elif not any(counts):
        ui.empty_state(f"afgesloten klachten in {filters.year}")
    else:
        fig = cached(charts.histogram_with_norm, bins, counts, register=REGISTER, title=title, norm=norm, x_title="Dagen tot afsluiting")
        sections.show(fig, counts, key="klachten_doorlooptijd")

st.subheader("Openstaande klachten", anchor=False)
left, right = st.columns(2, gap="large")
with left:
    counts = splits.open_complaint_age_bins(access, filters.as_of, edges, dienst=filters.dienst)
    title = f"Open op {fmt_date(filters.as_of)}, naar leeftijd"
    if counts is None:
        sections.withheld(title, BINS_WITHHELD if access.aggregated_only else None)
    elif not any(counts):
        st.success(f"Geen openstaande klachten op {fmt_date(filters.as_of)}.", icon=":material/check_circle:")
    else:
        fig = cached(charts.age_buckets, bins, counts, register=REGISTER, title=title, norm=norm)
        sections.show(fig, counts, key="klachten_leeftijd")
with right:
    title = "Klachten per 100 VTE per jaar"
    if filters.dienst:
        st.info("Klachten per 100 VTE bestaat enkel voor de hele zone: het personeelsbestand (VTE) is niet per dienst gekend.", icon=":material/info:")
    elif (years := years.per_fte_frame(access, filters, "Klachten per 100 VTE")).empty or years.iloc[:, 0].isna().all():
        ui.empty_state("klachten per 100 VTE", "Vul de indicator 'personeelsbestand (VTE)' in het register Indicatoren in.")
    else:
        sections.year_chart(years, register=REGISTER, title=title, key="klachten_vte", y_title="Per 100 VTE", fmt=fmt_decimal)
ui.drill_down(REGISTER, label=f"klachten open op {fmt_date(filters.as_of)}", filters=filters, open_column="datum_afsluiting")

st.subheader(f"Categorie × dienst ({filters.year})", anchor=False)
table = splits.cross_table(access, REGISTER, filters.year, filters.as_of, "categorie", "dienst", dienst=filters.dienst)
if table is None:
    sections.withheld("Klachten per categorie en dienst", "Per dienst staat dit niet in de netwerkweergave: die toont enkel "
                   "cijfers van de hele zone." if access.aggregated_only else None)
elif table.empty or not table.to_numpy().any():
    ui.empty_state(f"klachten ontvangen in {filters.year}")
else:
    # Categories in the order of the bar chart 'per categorie' above: the largest first.
    table = table.loc[charts.largest_first(table.sum(axis=1).to_dict())]
    fig = cached(charts.heatmap, table, register=REGISTER, title=f"Ontvangen klachten per categorie en dienst, {filters.year}")
    sections.show(fig, table.to_numpy().ravel().tolist(), key="klachten_heatmap")
