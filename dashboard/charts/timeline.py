"""A timeline (Gantt) figure: one row per item, a bar from its start to its end date, a diamond
on the end date when the item has no start, and a vertical line on the reference date.

    fig = timeline.gantt(frame, reference=as_of, reference_label="vandaag 22/11/2026",
                         colors={"afgerond": "#2E7D32", ...}, order=[...], title="...")

`frame` columns: label (short, unique: the row's name on the axis), hover (the full text, shown
on hover), start (date or None), end (date), group (legend entry and colour), text (written in
the bar when it fits, e.g. '55 %'). Rows are drawn top to bottom in the frame's order. Long names
are cut with `shorten` and the full text stays on hover, so no label overlaps another.
The date axis has Dutch month names (theme.month_axis); SVG only (no WebGL).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go
from dateutil.relativedelta import relativedelta

from dashboard.style import theme

ROW_HEIGHT = 34
HEIGHT_EXTRA = 150  # legend, reference label and month axis
MS_PER_DAY = 86_400_000
MAX_TICKS = 7  # month names that fit next to the labels at 1280 px without turning


def shorten(text: str, width: int = 42) -> str:
    """`text` cut at a word boundary to at most `width` characters, with '…' when cut."""
    text = " ".join(str(text).split())
    if len(text) <= width:
        return text
    cut = text[: width - 1]
    if " " in cut[width // 2 :]:
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(" ,;:-·") + "…"


def _month_starts(first: dt.date, last: dt.date) -> list[dt.date]:
    months, day = [], dt.date(first.year, first.month, 1)
    while day <= last:
        months.append(day)
        day += relativedelta(months=1)
    return months


def gantt(
    frame: pd.DataFrame,
    *,
    reference: dt.date,
    reference_label: str,
    colors: Mapping[str, str],
    order: Sequence[str] | None = None,
    title: str | None = None,
    highlight: tuple[dt.date, dt.date] | None = None,
) -> go.Figure:
    """The figure (see the module docstring); `highlight` = (first, last) shades a period (the
    year the page is about; say so in a caption: a label in the plot could cover a bar)."""
    labels = list(frame["label"])
    fig = go.Figure()
    groups = list(order or dict.fromkeys(frame["group"]))
    for group in groups:
        part = frame[frame["group"] == group]
        if part.empty:
            continue
        color = colors.get(group, theme.register_color("actieplan"))
        bars = part[part["start"].notna()]
        if len(bars):
            starts = pd.to_datetime(bars["start"])
            ends = pd.to_datetime(bars["end"])
            fig.add_trace(
                go.Bar(
                    y=bars["label"],
                    base=starts.dt.strftime("%Y-%m-%d"),
                    x=((ends - starts).dt.days + 1) * MS_PER_DAY,  # the end day included
                    orientation="h",
                    name=group,
                    legendgroup=group,
                    marker=dict(color=color, line=dict(width=0)),
                    text=bars["text"],
                    textposition="inside",
                    insidetextanchor="end",
                    textfont=dict(color="white"),
                    customdata=bars["hover"],
                    hovertemplate="%{customdata}<extra></extra>",
                )
            )
        points = part[part["start"].isna()]
        if len(points):
            fig.add_trace(
                go.Scatter(
                    y=points["label"],
                    x=pd.to_datetime(points["end"]).dt.strftime("%Y-%m-%d"),
                    mode="markers",
                    name=group,
                    legendgroup=group,
                    showlegend=bars.empty,
                    marker=dict(symbol="diamond", size=16, color=color, line=dict(width=1, color="white")),
                    customdata=points["hover"],
                    hovertemplate="%{customdata}<extra></extra>",
                )
            )
    dates = [d for d in list(frame["start"]) + list(frame["end"]) if d is not None and not pd.isna(d)] + [reference]
    if highlight is not None:
        dates += [highlight[0], highlight[1]]
    first, last = min(dates), max(dates)
    pad = dt.timedelta(days=max(10, (last - first).days // 30))
    if highlight is not None:
        fig.add_vrect(
            x0=highlight[0], x1=highlight[1] + dt.timedelta(days=1), fillcolor=theme.register_color("actieplan"),
            opacity=0.07, line_width=0, layer="below",
        )
    fig.add_shape(
        type="line", xref="x", yref="paper", x0=reference, x1=reference, y0=0, y1=1,
        line=dict(color=theme.TODAY_COLOR, width=2, dash="dot"),
    )
    fig.add_annotation(
        x=reference, y=1, xref="x", yref="paper", yanchor="bottom", text=reference_label, showarrow=False,
        font=dict(color=theme.TODAY_COLOR, size=theme.BASE_FONT_SIZE - 2), bgcolor="rgba(255,255,255,0.85)",
    )
    fig.update_layout(
        barmode="overlay",
        bargap=0.3,
        uniformtext=dict(minsize=theme.MIN_TEXT_SIZE, mode="hide"),
        height=HEIGHT_EXTRA + ROW_HEIGHT * len(labels),
        # The legend on top of the figure, the reference date's label just above the plot: the
        # month names below keep the whole width.
        legend=dict(orientation="h", x=0, xanchor="left", y=1, yanchor="top", yref="container", traceorder="normal"),
        margin=dict(t=90 if not title else 120),
    )
    fig.update_yaxes(
        type="category", categoryorder="array", categoryarray=labels, autorange="reversed", title=None, showgrid=False
    )
    fig.update_xaxes(type="date", range=[first - pad, last + pad], title=None, showgrid=True, gridcolor="#EEF1F3")
    theme.month_axis(fig, _month_starts(first - pad, last + pad), max_ticks=MAX_TICKS)
    if title:
        fig.update_layout(title=title)
    return fig
