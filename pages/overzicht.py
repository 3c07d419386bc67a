"""Overzicht: the monthly review. This month against the previous one, the year to date against
last year up to the same day, what needs attention (most urgent first), the evaluation criteria,
and a small trend per register."""

from __future__ import annotations

import streamlit as st

from dashboard.reads import data
from dashboard.style.formatting import fmt_date
from dashboard.ui import alerts as ui_alerts, cards, components as ui, overview
from dashboard.ui.filters import current_filters

access = ui.require()
filters = current_filters()
ui.page_header("Overzicht")
ui.stop_if_empty_database()

report = data.get_report(access, filters)
previous = cards.previous_report(access, filters)

if not access.aggregated_only:  # the netwerk view has no months (kpis.disclosure.policy)
    st.subheader(f"Deze maand (tot {fmt_date(filters.as_of)})", anchor=False)
overview.month_cards(access, filters)

st.subheader(f"{filters.year} tot de peildatum", anchor=False)
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
    hint="In dit jaar is niets geregistreerd. Kies een ander jaar in de zijbalk.",
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
    )

st.subheader("Vraagt aandacht", anchor=False)
st.caption(
    f"Alles wat op {fmt_date(filters.as_of)} over of dicht bij zijn termijn is, het dringendste eerst: "
    "klachten over de norm, meldingen zonder ontvangstbevestiging of terugkoppeling, te late opvolging van "
    "functioneringsnota's, tuchtdossiers dicht bij de termijn en acties over hun deadline."
)
ui_alerts.alerts_section(access, filters, limit=15)

st.subheader(f"Evaluatiecriteria {filters.year}", anchor=False)
overview.criteria_summary(report)

st.subheader("Verloop per register", anchor=False)
overview.register_sparklines(access, filters)
