"""Risicoanalyse: the integrity risks of the policy plan (§2.1, §3.1.3.3) at the reference date:
a 5 x 5 matrix of kans x impact with the active risks per cell (click a cell for its risks), the
risks per process, the high risks without an action, the reviews that are late and the actions
that treat each risk. The register names processes and functions, never persons: every role sees
it; the netwerk view reads it from the day's release (dashboard.reads.risks)."""

from __future__ import annotations

import streamlit as st

from dashboard.charts import risk_matrix
from dashboard.reads import data, risks as risk_data
from dashboard.style import theme
from dashboard.style.formatting import fmt_date, fmt_int
from dashboard.ui import chart_sections as parts, components as ui, late_block
from dashboard.ui.filters import current_filters
from data_access import register_terms
from i18n import N_, _
from kpis.disclosure.release import NOT_IN_RELEASE
from kpis.risicos import level

REGISTER = "risicos"
ALL_CELLS = N_("Alle actieve risico's")  # shown with _()

access = ui.require()
filters = current_filters()
ui.page_header(
    _("Risicoanalyse"),
    register=REGISTER,
    caption=_("peildatum {date} · de risicoanalyse geldt voor de hele zone").format(
        date=fmt_date(data.effective_filters(access, filters).as_of)),
)
late_block.focus_row(access, "risicos")
ui.stop_if_empty_database()
report = data.get_report(access, filters)
risks = risk_data.analysis(access, filters)
if risks is None:
    st.info(NOT_IN_RELEASE.in_language(), icon=":material/info:")
    st.stop()

settings = report.settings
ui.kpi_cards(report.kpis, ["risks_active", "risks_high", "risks_high_untreated", "risks_review_overdue"], per_row=4)
st.caption(
    _("Score = kans × impact (1 tot 25): hoog vanaf {high}, midden vanaf {medium}, anders laag (drempels in "
      "Instellingen). Actief: geanalyseerd op of vóór de peildatum en niet afgesloten.").format(
        high=settings["risk_high_score"], medium=settings["risk_medium_score"])
)
if not risks.active:
    ui.empty_state(
        _("risico's op {date}").format(date=fmt_date(risks.as_of)),
        _("Risico's worden ingelezen via Gegevens (tabblad Risico's van de werkmap)."),
    )
    st.stop()


# --- matrix, levels, the risks of a cell, processes -----------------------------------------
cells = risks.matrix()
levels = {cell: level(cell[0] * cell[1], settings) for cell in cells}


def cell_text(kans: int, impact: int) -> str:
    """'kans 3 × impact 4 (score 12, midden)'."""
    return _("kans {kans} × impact {impact} (score {score}, {level})").format(
        kans=kans, impact=impact, score=kans * impact, level=register_terms.value(levels[(kans, impact)]))


left, right = st.columns([3, 2], gap="large")
with left:
    fig = risk_matrix.matrix_figure(cells, levels, _("Actieve risico's per kans en impact"))
    event = st.plotly_chart(
        theme.style(fig), theme=None, key="risico_matrix", on_select="rerun", selection_mode="points",
        config={**ui.CHART_CONFIG, "displayModeBar": False},
    )
    st.caption(_("Klik op een cel om haar risico's te zien (dubbelklik om alle risico's weer te tonen), of kies een cel hieronder."))
with right:
    parts.split_chart(report, "risks_by_level", REGISTER, _("Actieve risico's per niveau"), key="risico_niveau", sort=False)

filled = [cell for cell in sorted(cells, key=lambda c: (-c[0] * c[1], -c[0])) if cells[cell]]
options = [_(ALL_CELLS)] + [_("kans {kans} × impact {impact} ({count})").format(kans=k, impact=i, count=fmt_int(cells[(k, i)]))
                            for k, i in filled]  # in the current language: the options are their own labels
clicked = [p.get("customdata") for p in (event.selection.points if event else []) if p.get("customdata")]
if clicked:
    kans, impact = (int(v) for v in clicked[0][:2])
    shown, what = risks.in_cell(kans, impact), cell_text(kans, impact)
else:
    choice = st.selectbox(_("Cel van de matrix"), options, key="risico_cel")
    if choice == options[0]:
        shown, what = risks.active, options[0].lower()
    else:
        kans, impact = filled[options.index(choice) - 1]
        shown, what = risks.in_cell(kans, impact), cell_text(kans, impact)
st.markdown(_("**Risico's: {what}** — {count}").format(what=what, count=fmt_int(len(shown))))
description = risk_data.header("omschrijving")
wide = {description: st.column_config.TextColumn(width=320)}
if shown:
    ui.table(risk_data.risk_frame(shown), column_config=wide)
else:
    st.caption(_("Geen actieve risico's in deze cel."))

parts.split_chart(report, "risks_by_process", REGISTER, _("Actieve risico's per proces"), key="risico_proces")

# --- what needs attention ------------------------------------------------------------------------
st.subheader(_("Hoge risico's zonder actie"), anchor=False)
untreated = [r for r in risks.active if r.high_untreated]
if untreated:
    st.caption(_("Hoog, status open of in behandeling, en geen gekoppelde actie uit het actieplan die niet geschrapt is."))
    ui.table(risk_data.risk_frame(untreated), column_config=wide)
else:
    st.success(_("Elk hoog risico dat behandeld moet worden, heeft een actie."), icon=":material/check_circle:")

st.subheader(_("Herziening te laat"), anchor=False)
late = [r for r in risks.active if r.review_overdue]
if late:
    frame = risk_data.risk_frame(late, as_of=risks.as_of).sort_values(risk_data.header("dagen_te_laat"), ascending=False)
    ui.table(frame, column_config=wide)
else:
    st.success(_("Geen herziening te laat op {date}.").format(date=fmt_date(risks.as_of)), icon=":material/check_circle:")

st.subheader(_("Acties per risico"), anchor=False)
st.caption(_("Voor elk actief risico de acties uit het actieplan die het behandelen, met hun status."))
actions = risk_data.header("acties")
ui.table(
    risk_data.risk_frame(risks.active)[[risk_data.header(c) for c in ("risico_id", "proces", "omschrijving", "level", "status", "acties")]],
    column_config={**wide, actions: st.column_config.TextColumn(width=320)},
)
