"""The Actieplan page's two figures, built from dashboard.reads.action_items frames.

    STATE_COLORS                                  colour per state of an action (theme colours)
    goal_progress_figure(progress) -> Figure      per strategic goal a stacked bar per state
                                                  (afgerond, lopend, ..., over deadline);
                                                  next to it 'n van m afgerond · gem. voortgang'
    timeline_figure(items, as_of, year) -> Figure the Gantt of the actions (dashboard.charts.timeline)
                                                  with the reference-date line and year Y shaded
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts import timeline
from dashboard.charts.generic import tint
from dashboard.reads import action_items as ai
from dashboard.style import theme
from dashboard.style.formatting import fmt_date, fmt_int, fmt_percent
from dashboard.style.text import chart_text

STATE_COLORS = {
    "afgerond": theme.STATUS_COLORS["gehaald"],
    "lopend": theme.register_color("actieplan"),
    "niet gestart": tint(theme.register_color("actieplan"), 0.55),
    "uitgesteld": theme.PREVIOUS_COLOR,
    "geschrapt": theme.STATUS_COLORS["geen gegevens"],
    ai.LATE: theme.STATUS_COLORS["niet gehaald"],
}
GOAL_ROW_HEIGHT = 62


def _goal_note(row) -> str:
    if row["total"] == 0:
        return "geen acties"
    note = f"{fmt_int(row['afgerond'])} van {fmt_int(row['total'])} afgerond"
    if not pd.isna(row["voortgang"]):
        note += f" · gem. voortgang {fmt_percent(row['voortgang'], 0)}"
    return note


def goal_progress_figure(progress: pd.DataFrame) -> go.Figure:
    """`progress` from action_items.goal_progress; goals top to bottom in plan order."""
    goals = list(progress.index)[::-1]  # plotly draws the first category at the bottom
    fig = go.Figure()
    for name in ai.STATES:  # the words and colours of the timeline's legend
        color = STATE_COLORS[name]
        values = [int(progress.at[g, name]) for g in goals]
        if not any(values):
            continue
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
                textangle=0,  # never turned on its side in a thin segment: hidden instead (hover keeps it)
                textfont=dict(color="white"),
                hovertemplate="%{y}: %{x} " + name + "<extra></extra>",
            )
        )
    for goal in goals:
        fig.add_annotation(
            x=int(progress.at[goal, "total"]), y=goal, text=_goal_note(progress.loc[goal]), showarrow=False,
            xanchor="left", xshift=8, font=dict(size=theme.BASE_FONT_SIZE - 2, color=theme.TODAY_COLOR),
        )
    most = max(int(progress["total"].max()), 1)
    fig.update_layout(
        barmode="stack",
        bargap=0.35,
        uniformtext=dict(minsize=theme.MIN_TEXT_SIZE, mode="hide"),
        height=120 + GOAL_ROW_HEIGHT * len(goals),
        legend=dict(orientation="h", x=0, y=1.02, yanchor="bottom", traceorder="normal"),
    )
    # Room on the right for the notes; whole numbers only.
    fig.update_xaxes(
        title="Aantal acties", range=[0, most * 2.1], dtick=1 if most <= 10 else None, separatethousands=True,
        showgrid=True, gridcolor="#E5E8EB",
    )
    fig.update_yaxes(title=None, type="category")
    return fig


def _hover(r) -> str:
    """The hover text: plotly's <b> and <br> around the register's texts, which are shown as
    text (chart_text), never read as HTML."""
    start = fmt_date(r.startdatum) if r.startdatum else "niet gepland"
    text = (
        f"<b>{chart_text(r.actie_id)}</b> · {chart_text(r.status)}<br>{chart_text(r.actie)}<br>"
        f"{chart_text(r.operationele_doelstelling)}<br>"
        f"Trekker: {chart_text(r.trekker)}<br>Start: {start} · deadline: {fmt_date(r.deadline)}<br>"
        f"Voortgang: {fmt_percent(r.voortgang, 0)}"
    )
    if r.te_laat:
        text += f"<br><b>{fmt_int(r.dagen_te_laat)} dagen over deadline</b>"
    return text


def timeline_figure(items: pd.DataFrame, as_of: dt.date, year: int) -> go.Figure:
    """The actions (action_items.items, not empty) as a Gantt: a bar per action in its state's
    colour with its voortgang, 'A-2026-01 · <short name>' on the axis, the whole text on hover."""
    frame = items.assign(
        label=[chart_text(f"{a} · {timeline.shorten(t, 34)}") for a, t in zip(items["actie_id"], items["actie"])],
        hover=[_hover(r) for r in items.itertuples()],
        start=items["startdatum"],
        end=items["deadline"],
        group=[ai.state(r) for _, r in items.iterrows()],
        text=[fmt_percent(v, 0) if v is not None and not pd.isna(v) else "" for v in items["voortgang"]],
    )
    word = "vandaag" if as_of == dt.date.today() else "peildatum"
    return timeline.gantt(
        frame,
        reference=as_of,
        reference_label=f"{word} {fmt_date(as_of)}",
        highlight=(dt.date(year, 1, 1), dt.date(year, 12, 31)),
        colors=STATE_COLORS,
        order=ai.STATES,
    )
