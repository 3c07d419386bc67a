"""Overzicht: the monthly review. What is late and urgent first (legal terms first), a line when
the data the figures rest on has gaps, the last complete month against the month before and a
year earlier, the year to date against last year up to the same day, the evaluation criteria,
and a small trend per register."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from dashboard.reads import data
from dashboard.style.text import plain
from dashboard.ui import cards, components as ui, data_quality_view, late_block, overview
from dashboard.ui.filters import current_filters
from i18n import _

access = ui.require()
filters = current_filters()
ui.page_header(_("Overzicht"))
ui.stop_if_empty_database()

data_quality_view.summary_line(access, filters)
late_block.late_block(access, filters)

report = data.get_report(access, filters)
previous = cards.previous_report(access, filters)

overview.month_cards(access, filters)

st.subheader(_("{year} tot de peildatum").format(year=filters.year), anchor=False)
if filters.dienst:
    st.caption(_("Enkel dienst {dienst}; meldingen en het actieplan hebben geen dienst en gelden voor de hele zone.").format(
        dienst=plain(filters.dienst)))
if ui.no_rows(
    report,
    "complaints_received",
    "complaints_open",
    "notes_issued",
    "discipline_opened",
    "judicial_opened",
    "reports_received",
    "actions_total",
    what=str(filters.year),
    hint=_("In dit jaar is niets geregistreerd. Kies een ander jaar in de zijbalk."),
):
    pass
else:
    cards.cards(
        report,
        previous,
        [
            "complaints_received",
            "complaints_open",
            "complaints_overdue",
            "complaints_within_norm_rate",
            "notes_issued",
            "notes_followup_overdue",
            "discipline_opened",
            "discipline_limit_at_risk",
            "reports_received",
            "reports_ack_in_time_rate",
            "actions_done_rate",
            "actions_overdue",
        ],
        filters,
        overrides=late_block.action_card(access, filters, report),
    )

st.subheader(_("Evaluatiecriteria {year}").format(year=filters.year), anchor=False)
if filters.dienst:  # criteria are the zone's (registers.md: validated by the korpsleiding for the zone)
    st.caption(_("Voor de hele zone: de dienstfilter geldt niet voor de evaluatiecriteria."))
    report = data.get_report(access, replace(filters, dienst=None))
overview.criteria_summary(report)

st.subheader(_("Verloop per register"), anchor=False)
overview.register_sparklines(access, filters)
