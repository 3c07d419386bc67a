"""Functioneringsnota's: the notes of the year per theme and reason, the status of their
follow-up, the follow-ups that are overdue, and the number of notes over the years."""

from __future__ import annotations

import streamlit as st

from dashboard.reads import alerts, data, years
from dashboard.style.formatting import fmt_date
from dashboard.ui import cards, chart_sections as sections, components as ui, late_block
from dashboard.ui.filters import current_filters
from i18n import N_, Text, _

REGISTER = "functioneringsnotas"

access = ui.require()
filters = current_filters()
ui.page_header(_("Functioneringsnota's"), register=REGISTER)
late_block.focus_row(access, "functioneringsnotas")
ui.stop_if_empty_database()

report = data.get_report(access, filters)
previous = cards.previous_report(access, filters)
if ui.no_rows(
    report,
    "notes_issued",
    "notes_followup_overdue",
    what=_("functioneringsnota's in {year}").format(year=filters.year),
    hint=_("Er is in dit jaar geen nota opgesteld en geen opvolging is te laat. Kies een ander jaar in de zijbalk."),
):
    st.stop()

cards.cards(report, previous, ["notes_issued", "notes_followup_overdue"], filters)

grace = report.settings["followup_grace_days"]
st.subheader(_("Opvolging te laat"), anchor=False)
st.caption(
    _("Nota's met status open waarvan de opvolgingsdatum op {date} meer dan {grace} dagen voorbij is, de langst verlopen eerst.").format(
        date=fmt_date(filters.as_of), grace=grace)
    if grace else
    _("Nota's met status open waarvan de opvolgingsdatum op {date} voorbij is, de langst verlopen eerst.").format(date=fmt_date(filters.as_of))
)
late_block.alerts_section(access, filters, kinds=[alerts.KIND_FOLLOWUP], none_text=_("Geen opvolging te laat"))

st.subheader(_("Nota's van {year}").format(year=filters.year), anchor=False)
left, right = st.columns(2, gap="large")
with left:
    sections.split_chart(report, "notes_by_theme", REGISTER, _("Per thema"))
with right:
    sections.column_split_chart(
        access, filters, REGISTER, "aanleiding", _("Per aanleiding"),
        what=_("functioneringsnota's in {year}").format(year=filters.year), dienst=filters.dienst, key="notas_aanleiding",
    )

left, right = st.columns(2, gap="large")
with left:
    sections.column_split_chart(
        access, filters, REGISTER, "status", _("Stand van de opvolging"),
        what=_("functioneringsnota's in {year}").format(year=filters.year), dienst=filters.dienst, key="notas_status", sort=False,
    )
    st.caption(_("Status zoals het register hem nu vermeldt, voor de nota's opgesteld in het jaar."))
with right:
    years = years.count_frame(access, filters, REGISTER, _("Functioneringsnota's"))  # the KPI notes_issued per year
    sections.year_chart(years, register=REGISTER, title=_("Functioneringsnota's per jaar"), key="notas_per_jaar")
ui.drill_down(REGISTER, label=Text(N_("functioneringsnota's van {year}"), year=filters.year), filters=filters)
