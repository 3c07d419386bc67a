"""Tucht- en gerechtelijke dossiers: opened per year by kind, ordemaatregelen, light and heavy
sanctions, lead time, and the tucht dossiers near the six-month term with the day it ends."""

from __future__ import annotations

import streamlit as st

from dashboard.charts import generic as charts
from dashboard.reads import alerts, data, years
from dashboard.style.formatting import fmt_date, fmt_decimal
from dashboard.ui import cards, chart_sections as sections, components as ui, late_block
from dashboard.ui.filters import current_filters

REGISTER = "tuchtdossiers"

access = ui.require()
filters = current_filters()
ui.page_header("Tucht- en gerechtelijke dossiers", register=REGISTER)
late_block.focus_row(access, "tuchtdossiers")
ui.stop_if_empty_database()

report = data.get_report(access, filters)
previous = cards.previous_report(access, filters)
if ui.no_rows(
    report,
    "discipline_opened",
    "judicial_opened",
    "order_measures",
    "discipline_decided",
    "discipline_limit_at_risk",
    what=f"tucht- en gerechtelijke dossiers in {filters.year}",
    hint="Er is in dit jaar geen dossier geopend of beslist en geen dossier nadert zijn termijn. Kies een ander jaar in de zijbalk.",
):
    st.stop()

cards.cards(
    report,
    previous,
    [
        "discipline_opened",
        "judicial_opened",
        "order_measures",
        "discipline_decided",
        "sanctions_light",
        "sanctions_heavy",
        "discipline_median_lead_days",
        "discipline_limit_at_risk",
    ],
    filters,
)

months = report.settings["discipline_limit_months"]
warn = report.settings["discipline_warn_days"]
st.subheader("Dicht bij de termijn voor het inleidend verslag", anchor=False)
st.caption(
    f"Tuchtdossiers zonder inleidend verslag en zonder beslissing: het inleidend verslag moet binnen {months} maanden "
    f"na de kennisname betekend zijn. Getoond vanaf {warn} dagen voor het einde van de termijn, op {fmt_date(filters.as_of)}."
)
late_block.alerts_section(access, filters, kinds=[alerts.KIND_TERM], none_text="Geen tuchtdossier nadert zijn termijn")
ui.drill_down(REGISTER, label=f"dossiers geopend in {filters.year}", filters=filters)

reports = years.year_reports(access, filters)
st.subheader("Over de jaren", anchor=False)
left, right = st.columns(2, gap="large")
with left:
    opened = years.year_frame(reports, {"Tucht": "discipline_opened", "Gerechtelijk": "judicial_opened"})
    sections.year_chart(opened, register=REGISTER, title="Geopend per jaar, per soort", key="tucht_geopend")
    st.caption("Een dossier 'tucht en gerechtelijk' telt bij beide soorten.")
with right:
    measures = years.year_frame(
        reports, {"Ordemaatregelen": "order_measures", "Lichte straffen": "sanctions_light", "Zware straffen": "sanctions_heavy"}
    )
    sections.year_chart(measures, register=REGISTER, title="Ordemaatregelen en straffen per jaar", key="tucht_straffen",
                        colors=charts.severity(REGISTER))  # light to heavy: light to dark

left, right = st.columns(2, gap="large")
with left:
    sections.split_chart(report, "sanctions_by_type", REGISTER, f"Tuchtbeslissingen {filters.year}: per sanctie", sort=False)
with right:
    lead = years.year_frame(reports, {"Mediane duur": "discipline_median_lead_days"})
    title = "Mediane duur per jaar"
    if lead.iloc[:, 0].isna().all():
        ui.empty_state("de duur van tuchtdossiers", "Er is in deze jaren geen tuchtdossier beslist.")
    else:
        sections.year_chart(lead, register=REGISTER, title=title, key="tucht_duur", y_title="Dagen", fmt=fmt_decimal)
        st.caption("Dagen van kennisname tot beslissing, over de tuchtdossiers beslist in dat jaar.")

sections.split_chart(report, "discipline_by_category", REGISTER, f"Geopend in {filters.year}: per categorie")
