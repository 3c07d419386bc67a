"""Actieplan: progress per strategic goal, a timeline of the actions with their deadlines and the
reference date, the actions over their deadline, and a filter by trekker. The cards are the KPI
engine's (the whole plan); the items are exactly the rows those KPIs count
(dashboard.reads.action_items). The action plan holds no personal data: its items show for every role."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.charts import action_plan as charts
from dashboard.charts.figure_cache import cached
from dashboard.reads import action_items as ai, data, risks as risk_reads
from dashboard.style.formatting import fmt_date, fmt_int
from dashboard.style.text import plain
from dashboard.ui import components as ui, late_block
from dashboard.ui.filters import current_filters

ALL = "Alle trekkers"
TIMELINE_MAX = 40  # bars that stay readable on one screen

access = ui.require()
filters = current_filters()
ui.page_header(
    "Actieplan",
    register="actieplan",
    caption=f"{filters.year} · peildatum {fmt_date(filters.as_of)} · het actieplan geldt voor de hele zone",
)
late_block.focus_row(access, "actieplan")
report = data.get_report(access, filters)
if ui.no_rows(
    report,
    "actions_total",
    what=f"het actieplan in {filters.year}",
    hint="Acties tellen mee in het jaar van hun startdatum of deadline; ze worden ingelezen via Gegevens (tabblad Actieplan).",
):
    st.stop()

ui.kpi_cards(report.kpis, ["actions_total", "actions_done_rate", "actions_overdue"], per_row=3,
             bases=(report.extra or {}).get("bases"), cards=late_block.action_card(access, filters, report))

plan = ai.items(access, filters)
risks = risk_reads.analysis(access, filters)
treated = risk_reads.risks_by_action(risks) if risks is not None else {}
plan = plan.assign(risicos=[treated.get(a, "") for a in plan["actie_id"]])
choice = st.columns([1, 2])[0].selectbox(
    "Trekker",
    [ALL, *ai.trekkers(plan)],
    key="actieplan_trekker",
    help="Toon enkel de acties van één trekker. De kaarten hierboven gelden voor het hele actieplan.",
)
shown = plan if choice == ALL else plan[plan["trekker"] == choice]
if choice != ALL:
    st.caption(
        f"Trekker {plain(choice)}: {fmt_int(len(shown))} acties, {fmt_int(int((shown['status'] == ai.DONE).sum()))} afgerond, "
        f"{fmt_int(int(shown['te_laat'].sum()))} over deadline."
    )

# --- progress per strategic goal -----------------------------------------------------------
st.subheader("Voortgang per strategische doelstelling", anchor=False)
goals_figure = cached(charts.goal_progress_figure, ai.goal_progress(shown))
ui.chart(goals_figure, key="actieplan_doelen", height=goals_figure.height)

# --- timeline --------------------------------------------------------------------------------
st.subheader("Tijdlijn van de acties", anchor=False)
if shown.empty:
    ui.empty_state(f"acties van {plain(choice)} in {filters.year}")
else:
    drawn = ai.nearest(shown, filters.as_of, TIMELINE_MAX)
    gantt = cached(charts.timeline_figure, drawn, filters.as_of, filters.year)
    ui.chart(gantt, key="actieplan_tijdlijn", height=gantt.height)
    if len(drawn) < len(shown):
        st.caption(
            f"De {fmt_int(len(drawn))} acties met een deadline het dichtst bij de peildatum, van {fmt_int(len(shown))}. "
            "Kies een trekker om er minder te tonen; alle acties staan in de tabel onderaan."
        )
    st.caption(
        f"Een balk loopt van de startdatum tot de deadline, met de voortgang erin; een ruit is een actie zonder "
        f"startdatum. De lichte achtergrond is {filters.year}. Beweeg over een actie voor de volledige tekst."
    )

# --- overdue actions ---------------------------------------------------------------------------
st.subheader("Acties over deadline", anchor=False)
carried = ai.carried_over(access, filters)
if choice != ALL:
    carried = carried[carried["trekker"] == choice]
late = pd.concat([shown[shown["te_laat"]].assign(plan=str(filters.year)), carried.assign(plan="vorige jaren")],
                 ignore_index=True)
late = late.sort_values("dagen_te_laat", ascending=False)
st.caption(f"Uit het plan van {filters.year} en, nog niet afgerond, uit de plannen van vorige jaren: "
           f"{fmt_int(int(shown['te_laat'].sum()))} + {fmt_int(len(carried))}.")
if late.empty:
    st.success(f"Geen acties over hun deadline op {fmt_date(filters.as_of)}.", icon=":material/check_circle:")
else:
    ui.table(
        late[["actie_id", "actie", "trekker", "plan", "deadline", "dagen_te_laat", "status", "voortgang"]],
        register="actieplan",
        column_config={
            "dagen_te_laat": st.column_config.NumberColumn("Dagen over deadline", format="%d"),
            "plan": st.column_config.TextColumn("Plan", width="small"),
            "voortgang": st.column_config.ProgressColumn("Voortgang", min_value=0, max_value=100, format="%.0f %%"),
        },
        key="actieplan_te_laat",
    )

with st.expander(f"Alle acties ({fmt_int(len(shown))})", icon=":material/list:"):
    ui.table(
        shown[[*ai.TABLE_ORDER, "risicos"]],
        register="actieplan",
        column_config={
            "risicos": st.column_config.TextColumn(
                "Behandelt risico's",
                help="De actieve risico's uit de risicoanalyse die deze actie noemen, met hun niveau (pagina Risicoanalyse).",
            ),
            "voortgang": st.column_config.ProgressColumn("Voortgang", min_value=0, max_value=100, format="%.0f %%"),
        },
        key="actieplan_alle",
    )
