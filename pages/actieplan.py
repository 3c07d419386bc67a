"""Actieplan: progress per strategic goal, a timeline of the actions with their deadlines and the
reference date, the actions over their deadline, and a filter by trekker. The cards are the KPI
engine's (the whole plan); the items are exactly the rows those KPIs count
(dashboard.action_items). The action plan holds no personal data: its items show for every role."""

from __future__ import annotations

import datetime as dt

import plotly.graph_objects as go
import streamlit as st

from dashboard import action_items as ai
from dashboard import components as ui
from dashboard import data, theme, timeline
from dashboard.charts import tint
from dashboard.formatting import fmt_date, fmt_int, fmt_percent
from dashboard.filters import current_filters

ALL = "Alle trekkers"
STATE_COLORS = {
    "afgerond": theme.STATUS_COLORS["gehaald"],
    "lopend": theme.register_color("actieplan"),
    "niet gestart": tint(theme.register_color("actieplan"), 0.55),
    "uitgesteld": theme.PREVIOUS_COLOR,
    ai.LATE: theme.STATUS_COLORS["niet gehaald"],
}

access = ui.require()
filters = current_filters()
ui.page_header(
    "Actieplan",
    register="actieplan",
    caption=f"{filters.year} · peildatum {fmt_date(filters.as_of)} · het actieplan geldt voor de hele zone",
)
report = data.get_report(access, filters)
if ui.no_rows(
    report,
    "actions_total",
    what=f"het actieplan in {filters.year}",
    hint="Acties tellen mee in het jaar van hun startdatum of deadline; ze worden ingelezen via Gegevens (tabblad Actieplan).",
):
    st.stop()

ui.kpi_cards(report.kpis, ["actions_total", "actions_done_rate", "actions_overdue"], per_row=3)

plan = ai.items(filters.year, filters.as_of)
choice = st.columns([1, 2])[0].selectbox(
    "Trekker",
    [ALL, *ai.trekkers(plan)],
    key="actieplan_trekker",
    help="Toon enkel de acties van één trekker. De kaarten hierboven gelden voor het hele actieplan.",
)
shown = plan if choice == ALL else plan[plan["trekker"] == choice]
if choice != ALL:
    st.caption(
        f"Trekker {choice}: {fmt_int(len(shown))} acties, {fmt_int(int((shown['status'] == ai.DONE).sum()))} afgerond, "
        f"{fmt_int(int(shown['te_laat'].sum()))} over deadline."
    )

# --- progress per strategic goal -----------------------------------------------------------
st.subheader("Voortgang per strategische doelstelling", anchor=False)
progress = ai.goal_progress(shown)
goals = list(progress.index)[::-1]  # plotly draws the first category at the bottom
fig = go.Figure()
for column, name, color in (
    ("afgerond", "afgerond", STATE_COLORS["afgerond"]),
    ("open_op_tijd", "nog open, binnen deadline", STATE_COLORS["lopend"]),
    ("overdue", ai.LATE, STATE_COLORS[ai.LATE]),
):
    values = [int(progress.at[g, column]) for g in goals]
    fig.add_trace(
        go.Bar(
            y=goals,
            x=values,
            orientation="h",
            name=name,
            marker_color=color,
            text=[fmt_int(v) if v else "" for v in values],
            textposition="inside",
            insidetextanchor="middle",
            textfont=dict(color="white"),
            hovertemplate="%{y}: %{x} " + name + "<extra></extra>",
        )
    )
for goal in goals:
    row = progress.loc[goal]
    note = (
        "geen acties"
        if row["total"] == 0
        else f"{fmt_int(row['afgerond'])} van {fmt_int(row['total'])} afgerond"
        + ("" if row["voortgang"] != row["voortgang"] else f" · gem. voortgang {fmt_percent(row['voortgang'], 0)}")
    )
    fig.add_annotation(
        x=int(row["total"]), y=goal, text=note, showarrow=False, xanchor="left", xshift=8,
        font=dict(size=theme.BASE_FONT_SIZE - 2, color=theme.TODAY_COLOR),
    )
most = max(int(progress["total"].max()), 1)
fig.update_layout(
    barmode="stack", bargap=0.35, legend=dict(orientation="h", x=0, y=1.02, yanchor="bottom", traceorder="normal")
)
fig.update_xaxes(title="Aantal acties", range=[0, most * 2.1], dtick=1 if most <= 10 else None, showgrid=True, gridcolor="#E5E8EB")
fig.update_yaxes(title=None, type="category")
ui.chart(fig, key="actieplan_doelen", height=120 + 62 * len(goals))

# --- timeline --------------------------------------------------------------------------------
st.subheader("Tijdlijn van de acties", anchor=False)
if shown.empty:
    ui.empty_state(f"acties van {choice} in {filters.year}")
else:
    reference_word = "vandaag" if filters.as_of == dt.date.today() else "peildatum"
    frame = shown.assign(
        label=[f"{a} · {timeline.shorten(t, 34)}" for a, t in zip(shown["actie_id"], shown["actie"])],
        hover=[
            f"<b>{r.actie_id}</b> · {r.status}<br>{r.actie}<br>{r.operationele_doelstelling}<br>"
            f"Trekker: {r.trekker}<br>Start: {fmt_date(r.startdatum) if r.startdatum else 'niet gepland'} · "
            f"deadline: {fmt_date(r.deadline)}<br>Voortgang: {fmt_percent(r.voortgang, 0)}"
            + (f"<br><b>{fmt_int(r.dagen_te_laat)} dagen over deadline</b>" if r.te_laat else "")
            for r in shown.itertuples()
        ],
        start=shown["startdatum"],
        end=shown["deadline"],
        group=[ai.state(r) for _, r in shown.iterrows()],
        text=[fmt_percent(v, 0) if v == v and v is not None else "" for v in shown["voortgang"]],
    )
    ui.chart(
        timeline.gantt(
            frame,
            reference=filters.as_of,
            reference_label=f"{reference_word} {fmt_date(filters.as_of)}",
            highlight=(dt.date(filters.year, 1, 1), dt.date(filters.year, 12, 31)),
            colors=STATE_COLORS,
            order=ai.STATES,
        ),
        key="actieplan_tijdlijn",
        height=timeline.HEIGHT_EXTRA + timeline.ROW_HEIGHT * len(frame),
    )
    st.caption(
        f"Een balk loopt van de startdatum tot de deadline, met de voortgang erin; een ruit is een actie zonder "
        f"startdatum. De lichte achtergrond is {filters.year}. Beweeg over een actie voor de volledige tekst."
    )

# --- overdue actions ---------------------------------------------------------------------------
st.subheader("Acties over deadline", anchor=False)
late = shown[shown["te_laat"]].sort_values("dagen_te_laat", ascending=False)
if late.empty:
    st.success(f"Geen acties over hun deadline op {fmt_date(filters.as_of)}.", icon=":material/check_circle:")
else:
    ui.table(
        late[["actie_id", "actie", "trekker", "deadline", "dagen_te_laat", "status", "voortgang"]],
        register="actieplan",
        column_config={
            "actie": st.column_config.TextColumn("Actie", width=260),
            "dagen_te_laat": st.column_config.NumberColumn("Dagen over deadline", format="%d"),
            "voortgang": st.column_config.ProgressColumn("Voortgang", min_value=0, max_value=100, format="%.0f %%"),
        },
    )

with st.expander(f"Alle acties ({fmt_int(len(shown))})", icon=":material/list:"):
    ui.table(
        shown[list(ai.COLUMNS)],
        register="actieplan",
        column_config={
            "actie": st.column_config.TextColumn("Actie", width=330),
            "voortgang": st.column_config.ProgressColumn("Voortgang", min_value=0, max_value=100, format="%.0f %%"),
        },
    )
