"""Tucht- en gerechtelijke dossiers: opened per year by kind, ordemaatregelen, light and heavy
sanctions, lead time, and the tucht dossiers near the six-month term with the day it ends."""

from __future__ import annotations

import streamlit as st

from dashboard.charts import generic as charts
from dashboard.reads import alerts, data, years
from dashboard.style.formatting import fmt_date, fmt_decimal
from dashboard.ui import cards, chart_sections as sections, components as ui, late_block
from dashboard.ui.filters import current_filters
from i18n import N_, Text, _

REGISTER = "tuchtdossiers"

access = ui.require()
filters = current_filters()
ui.page_header(_("Tucht- en gerechtelijke dossiers"), register=REGISTER)
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
    what=_("tucht- en gerechtelijke dossiers in {year}").format(year=filters.year),
    hint=_("Er is in dit jaar geen dossier geopend of beslist en geen dossier nadert zijn termijn. Kies een ander jaar in de zijbalk."),
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
st.subheader(_("Dicht bij de termijn voor het inleidend verslag"), anchor=False)
st.caption(
    _("Tuchtdossiers zonder inleidend verslag en zonder beslissing: het inleidend verslag moet binnen {months} maanden "
      "na de kennisname betekend zijn. Getoond vanaf {warn} dagen voor het einde van de termijn, op {date}.").format(
        months=months, warn=warn, date=fmt_date(filters.as_of))
)
late_block.alerts_section(access, filters, kinds=[alerts.KIND_TERM], none_text=_("Geen tuchtdossier nadert zijn termijn"))
ui.drill_down(REGISTER, label=Text(N_("dossiers geopend in {year}"), year=filters.year), filters=filters)

reports = years.year_reports(access, filters)
st.subheader(_("Over de jaren"), anchor=False)
left, right = st.columns(2, gap="large")
with left:
    opened = years.year_frame(reports, {_("Tucht"): "discipline_opened", _("Gerechtelijk"): "judicial_opened"})
    sections.year_chart(opened, register=REGISTER, title=_("Geopend per jaar, per soort"), key="tucht_geopend")
    st.caption(_("Een dossier 'tucht en gerechtelijk' telt bij beide soorten."))
with right:
    measures = years.year_frame(
        reports, {_("Ordemaatregelen"): "order_measures", _("Lichte straffen"): "sanctions_light", _("Zware straffen"): "sanctions_heavy"}
    )
    sections.year_chart(measures, register=REGISTER, title=_("Ordemaatregelen en straffen per jaar"), key="tucht_straffen",
                        colors=charts.severity(REGISTER))  # light to heavy: light to dark

left, right = st.columns(2, gap="large")
with left:
    sections.split_chart(report, "sanctions_by_type", REGISTER, _("Tuchtbeslissingen {year}: per sanctie").format(year=filters.year), sort=False)
with right:
    lead = years.year_frame(reports, {_("Mediane duur"): "discipline_median_lead_days"})
    title = _("Mediane duur per jaar")
    if lead.iloc[:, 0].isna().all():
        ui.empty_state(_("de duur van tuchtdossiers"), _("Er is in deze jaren geen tuchtdossier beslist."))
    else:
        sections.year_chart(lead, register=REGISTER, title=title, key="tucht_duur", y_title=_("Dagen"), fmt=fmt_decimal)
        st.caption(_("Dagen van kennisname tot beslissing, over de tuchtdossiers beslist in dat jaar."))

sections.split_chart(report, "discipline_by_category", REGISTER, _("Geopend in {year}: per categorie").format(year=filters.year))
