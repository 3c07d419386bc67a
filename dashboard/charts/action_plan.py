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
from data_access import register_terms
from i18n import N_, _, ngettext

STATE_COLORS = {
    "afgerond": theme.STATUS_COLORS["gehaald"],
    "lopend": theme.register_color("actieplan"),
    "niet gestart": tint(theme.register_color("actieplan"), 0.55),
    "uitgesteld": theme.PREVIOUS_COLOR,
    "geschrapt": theme.STATUS_COLORS["geen gegevens"],
    ai.LATE: theme.STATUS_COLORS["niet gehaald"],
}
GOAL_ROW_HEIGHT = 62
LATE_NAME = N_("over deadline")  # ai.LATE as shown


def state_name(state: str) -> str:
    """A state as shown: a status of the register in the current language, or 'over deadline'."""
    return _(LATE_NAME) if state == ai.LATE else register_terms.value(state)


def _goal_note(row) -> str:
    if row["total"] == 0:
        return _("geen acties")
    note = ngettext("{done} van {total} afgerond", "{done} van {total} afgerond", int(row["afgerond"])).format(
        done=fmt_int(row["afgerond"]), total=fmt_int(row["total"]))
    if not pd.isna(row["voortgang"]):
        note += _(" · gem. voortgang {progress}").format(progress=fmt_percent(row["voortgang"], 0))
    return note


def goal_progress_figure(progress: pd.DataFrame) -> go.Figure:
    """`progress` from action_items.goal_progress; goals top to bottom in plan order."""
    goals = list(progress.index)[::-1]  # plotly draws the first category at the bottom
    names = {g: register_terms.value(g) for g in goals}  # the strategic goals are a list of the register
    fig = go.Figure()
    for name in ai.STATES:  # the words and colours of the timeline's legend
        color = STATE_COLORS[name]
        values = [int(progress.at[g, name]) for g in goals]
        if not any(values):
            continue
        fig.add_trace(
            go.Bar(
                y=[names[g] for g in goals],
                x=values,
                orientation="h",
                name=state_name(name),
                marker_color=color,
                text=[fmt_int(v) if v else "" for v in values],
                textposition="inside",
                insidetextanchor="middle",
                textangle=0,  # never turned on its side in a thin segment: hidden instead (hover keeps it)
                textfont=dict(color="white"),
                hovertemplate="%{y}: %{x} " + state_name(name) + "<extra></extra>",
            )
        )
    for goal in goals:
        fig.add_annotation(
            x=int(progress.at[goal, "total"]), y=names[goal], text=_goal_note(progress.loc[goal]), showarrow=False,
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
        title=_("Aantal acties"), range=[0, most * 2.1], dtick=1 if most <= 10 else None, separatethousands=True,
        showgrid=True, gridcolor="#E5E8EB",
    )
    fig.update_yaxes(title=None, type="category")
    return fig


def _hover(r) -> str:
    """The hover text: plotly's <b> and <br> around the register's texts, which are shown as
    text (chart_text), never read as HTML."""
    start = fmt_date(r.startdatum) if r.startdatum else _("niet gepland")
    text = (
        f"<b>{chart_text(r.actie_id)}</b> · {chart_text(register_terms.value(r.status))}<br>{chart_text(r.actie)}<br>"
        f"{chart_text(r.operationele_doelstelling)}<br>"
        + _("Trekker: {trekker}<br>Start: {start} · deadline: {deadline}<br>Voortgang: {progress}").format(
            trekker=chart_text(r.trekker), start=start, deadline=fmt_date(r.deadline), progress=fmt_percent(r.voortgang, 0))
    )
    if r.te_laat:
        days = ngettext("{days} dagen over deadline", "{days} dagen over deadline", int(r.dagen_te_laat))
        text += f"<br><b>{days.format(days=fmt_int(r.dagen_te_laat))}</b>"
    return text


def timeline_figure(items: pd.DataFrame, as_of: dt.date, year: int) -> go.Figure:
    """The actions (action_items.items, not empty) as a Gantt: a bar per action in its state's
    colour with its voortgang, 'A-2026-01 · <short name>' on the axis, the whole text on hover."""
    frame = items.assign(
        label=[chart_text(f"{a} · {timeline.shorten(t, 34)}") for a, t in zip(items["actie_id"], items["actie"])],
        hover=[_hover(r) for r in items.itertuples()],
        start=items["startdatum"],
        end=items["deadline"],
        group=[state_name(ai.state(r)) for _row, r in items.iterrows()],
        text=[fmt_percent(v, 0) if v is not None and not pd.isna(v) else "" for v in items["voortgang"]],
    )
    word = _("vandaag {date}") if as_of == dt.date.today() else _("peildatum {date}")
    return timeline.gantt(
        frame,
        reference=as_of,
        reference_label=word.format(date=fmt_date(as_of)),
        highlight=(dt.date(year, 1, 1), dt.date(year, 12, 31)),
        colors={state_name(state): color for state, color in STATE_COLORS.items()},
        order=[state_name(state) for state in ai.STATES],
    )
