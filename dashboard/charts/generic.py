"""Generic plotly chart builders for the register pages (shared by every page helper).

Every builder returns a styled `go.Figure` (the dashboard template: Dutch separators ",.",
projector-size fonts) with a title, the register's colour (theme.register_color) and Dutch
labels; pages show it with `components.chart(fig)`. Values may come suppressed (netwerk view,
screen-share): a marker (kpis.disclosure.markers, `is_suppressed`: "<5", "x", "verborgen") is never plotted as a number; the bar or point stays
at the baseline (or is left out of a line) and the marker is written as its label.

    fig = charts.monthly_trend(months, counts, register="klachten", title="Klachten per maand",
                               previous=counts_a_year_earlier)
    fig = charts.split_bars({"burger": 12, "intern": small(5)}, register="klachten", title="Per kanaal")
    fig = charts.year_bars(frame, register="tuchtdossiers", title="Geopend per jaar")
    fig = charts.histogram_with_norm(bins, counts, norm=90, register="klachten", title="Doorlooptijd")
    fig = charts.age_buckets(bins, counts, norm=90, register="klachten", title="Open klachten naar leeftijd")
    fig = charts.heatmap(frame, register="klachten", title="Categorie × dienst")

Helpers: plot_values, value_texts, count_axis, tint, darken, severity, shades, largest_first, day_bins, bin_label,
norm_position,
norm_label.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from numbers import Number

import pandas as pd
import plotly.graph_objects as go

from dashboard.style import theme
from dashboard.style.formatting import fmt_decimal, fmt_int, is_missing, month_label
from dashboard.style.text import chart_text
from i18n import _, ngettext
from kpis.disclosure.markers import SMALL, WITHHELD_KIND, Suppressed, is_suppressed

CHART_HEIGHT = 380
MONTH_TICKS = 7  # at most this many month labels on a trend
LEGEND_WIDTH = 400  # px a legend row may take: the plot width of a half-width chart at 1280 x 800
PREVIOUS_TINT = 0.55  # how much white goes into the register colour for the previous year
HIDDEN_COLOR = "#9E9E9E"

Value = int | float | Suppressed | None  # a suppressed count: a marker ("<5", "x", "verborgen")


# --- values ---------------------------------------------------------------------------------


def is_shown(value) -> bool:
    """A number that may be drawn (not missing, not a suppressed marker)."""
    return isinstance(value, Number) and not isinstance(value, bool) and not is_missing(value)


def plot_values(values: Sequence[Value]) -> list[float | None]:
    """The numbers to draw: a suppressed marker or a missing value becomes None."""
    return [float(v) if is_shown(v) else None for v in values]


def marker_text(value: Suppressed) -> str:
    """A marker as the reader's language writes it: '<5' and 'x' as they are, 'verborgen'
    translated (the marker itself stays the Dutch str the KPI engine made)."""
    return _(str(value)) if value.kind == WITHHELD_KIND else str(value)


def value_texts(values: Sequence[Value], fmt: Callable = fmt_int) -> list[str]:
    """Labels: numbers formatted per language, a marker as it is (marker_text), missing as ''."""
    return [marker_text(v) if is_suppressed(v) else fmt(v) if is_shown(v) else "" for v in values]


def _baseline(values: Sequence[Value]) -> list[float | None]:
    """Bars: a suppressed value stays at 0 (its label says what it is), missing stays None."""
    return [float(v) if is_shown(v) else 0.0 if is_suppressed(v) else None for v in values]


# --- colours --------------------------------------------------------------------------------


def tint(color: str, amount: float = PREVIOUS_TINT) -> str:
    """The colour mixed with `amount` white: '#1F5F9E', 0.5 -> a lighter blue."""
    color = color.lstrip("#")
    rgb = [int(color[i : i + 2], 16) for i in (0, 2, 4)]
    mixed = [round(c + (255 - c) * amount) for c in rgb]
    return "#" + "".join(f"{c:02X}" for c in mixed)


def darken(color: str, amount: float) -> str:
    """The colour mixed with `amount` black: '#7A4BA0', 0.5 -> a dark purple."""
    color = color.lstrip("#")
    rgb = [round(int(color[i : i + 2], 16) * (1 - amount)) for i in (0, 2, 4)]
    return "#" + "".join(f"{c:02X}" for c in rgb)


def severity(register: str) -> list[str]:
    """Three tones of the register colour from light to heavy, far apart in lightness so that
    they stay distinct on a projector (e.g. ordemaatregelen, lichte straffen, zware straffen)."""
    base = theme.register_color(register)
    return [tint(base, 0.6), base, darken(base, 0.6)]


def shades(register: str, n: int) -> list[str]:
    """n tones of the register colour, from full to light (for the series of one register)."""
    base = theme.register_color(register)
    if n <= 1:
        return [base][:n]
    return [tint(base, 0.65 * i / (n - 1)) for i in range(n)]


# --- layout ---------------------------------------------------------------------------------


def count_axis(values: Sequence[Value], *, headroom: float = 1.18) -> dict:
    """Axis settings for counts: from 0 with room for the labels, whole-number ticks only
    (no '0,5' on a count axis), written in full with a thousands dot (no '8k')."""
    top = max([v for v in plot_values(values) if v is not None] or [1.0]) or 1.0
    axis: dict = dict(range=[0, top * headroom], rangemode="tozero", tickformat=",d")  # 8.000, not '8k'
    if top <= 6:
        axis.update(tick0=0, dtick=1)
    return axis


def _finish(fig: go.Figure, title: str | None, *, height: int | None, legend: bool) -> go.Figure:
    """Template, the title on top, the legend on its own line under the title (never over it or
    the plot), a fixed height so that a row of charts lines up."""
    height = height or CHART_HEIGHT
    theme.style(fig, height=height)
    top = 14
    if title:
        fig.update_layout(title=dict(text=title, y=1, yref="container", yanchor="top", pad=dict(t=10)))
        top += 40
    if legend:
        fig.update_layout(
            showlegend=True,
            legend=dict(orientation="h", x=0, xanchor="left", y=1 - top / height, yref="container", yanchor="top"),
        )
        top += 30 * _legend_rows(fig) + 4
    else:
        fig.update_layout(showlegend=False)
    fig.update_layout(margin=dict(l=10, r=20, t=top, b=10), separators=theme.separators())
    return fig


def _legend_rows(fig: go.Figure, width: float = LEGEND_WIDTH) -> int:
    """How many rows a horizontal legend takes in a half-width chart at 1280 px (estimated from
    the names: symbol and gap about 40 px, a character about 8,5 px), so the plot starts under it."""
    names = [t.name for t in fig.data if t.name and t.showlegend is not False]
    rows, used = 1, 0.0
    for name in names:
        item = 40 + 8.5 * len(name)
        if used and used + item > width:
            rows, used = rows + 1, 0.0
        used += item
    return rows


def _mark_hidden(fig: go.Figure, x: Sequence, values: Sequence[Value]) -> None:
    """A suppressed period of a line is not left out without a trace: an open grey circle on the
    baseline with its marker ('<5') above it, where the line has its gap."""
    hidden = [(point, v) for point, v in zip(x, values) if is_suppressed(v)]
    if hidden:
        fig.add_trace(
            go.Scatter(
                x=[point for point, _ in hidden],
                y=[0] * len(hidden),
                mode="markers+text",
                text=[marker_text(v) for _, v in hidden],
                textposition="top center",
                textfont=dict(color=HIDDEN_COLOR, size=theme.NOTE_FONT_SIZE),
                marker=dict(symbol="circle-open", color=HIDDEN_COLOR, size=7),
                hovertemplate="%{text}<extra>" + _("verborgen") + "</extra>",
                name=_("verborgen (klein aantal)"),
                showlegend=False,
            )
        )


# --- monthly trend --------------------------------------------------------------------------


def monthly_trend(
    months: Sequence[dt.date],
    values: Sequence[Value],
    *,
    register: str,
    title: str,
    previous: Sequence[Value] | None = None,
    name: str | None = None,
    previous_name: str | None = None,
    y_title: str | None = None,
    fmt: Callable = fmt_int,
    height: int | None = None,
    unfinished: str | None = None,
) -> go.Figure:
    """A line per month in the register's colour; `previous` (the same months one year earlier,
    aligned with `months`) as a lighter dashed line under it. Suppressed months leave a gap and
    show their marker at the baseline. `unfinished` (e.g. 'tot 05/12'): the last period is still
    running, drawn as a dotted end with an open marker and that label, not as a drop. Defaults:
    'Per maand', 'Zelfde maand een jaar eerder', y axis 'Aantal' (in the current language)."""
    name = _("Per maand") if name is None else name
    previous_name = _("Zelfde maand een jaar eerder") if previous_name is None else previous_name
    y_title = _("Aantal") if y_title is None else y_title
    months = list(months)
    color = theme.register_color(register)
    fig = go.Figure()
    series = [(previous_name, previous, tint(color), "dash", 2)] if previous is not None else []
    series.append((name, values, color, "solid", 3))
    for label, vals, line_color, dash, width in series:
        vals = list(vals)
        texts = value_texts(vals, fmt)
        if unfinished and dash == "solid" and len(vals) > 1:
            _unfinished_end(fig, months[-2:], vals[-2:], texts[-1], line_color, width, unfinished, label)
            vals = [*vals[:-1], None]
        fig.add_trace(
            go.Scatter(
                x=months,
                y=plot_values(vals),
                name=label,
                mode="lines+markers",
                line=dict(color=line_color, width=width, dash=dash),
                marker=dict(size=6 if width > 2 else 4, color=line_color),
                customdata=[month_label(m, short=False) for m in months],
                text=texts,
                hovertemplate="%{customdata}: %{text}<extra>" + label + "</extra>",
                connectgaps=False,
            )
        )
        if dash == "solid":
            _mark_hidden(fig, months, vals)
    fig.update_yaxes(title_text=y_title, rangemode="tozero")
    fig.update_xaxes(title_text=None, tickangle=0)
    # A long window is labelled on January and July only: few, regular, never rotated labels.
    ticks = [m for m in months if m.month in (1, 7)] if len(months) > 12 else months
    theme.month_axis(fig, ticks or months, max_ticks=MONTH_TICKS)
    fig.update_layout(legend=dict(traceorder="reversed"))
    return _finish(fig, title, height=height, legend=previous is not None)


def _unfinished_end(fig: go.Figure, months, vals, text: str, color: str, width: int, label: str, name: str) -> None:
    """The last segment of a line whose last period is still running: dotted, lighter, an open
    marker and the label ('tot 05/12') at it."""
    shown = plot_values(list(vals))
    fig.add_trace(go.Scatter(
        x=list(months), y=shown, mode="lines+markers+text", name=f"{name} ({label})", showlegend=False,
        line=dict(color=color, width=width, dash="dot"), opacity=0.6,
        marker=dict(size=[0, 8], symbol="circle-open", color=color, line=dict(width=2)),
        text=["", label], textposition="top center", textfont=dict(color=color, size=12),
        customdata=[month_label(m, short=False) for m in months],
        hovertemplate="%{customdata} (" + label + "): " + text + "<extra>" + name + "</extra>",
    ))


# --- bars -----------------------------------------------------------------------------------


def _sort_key(value, threshold_hint: float) -> float:
    # Only what is shown decides the order: "<N" sorts just under N, "x" (N or more) at N.
    if is_shown(value):
        return float(value)
    if getattr(value, "kind", None) == WITHHELD_KIND:  # nothing is said of it: last but the missing
        return -0.5
    if is_suppressed(value):
        return threshold_hint - 0.5 if value.kind == SMALL else threshold_hint
    return -1.0


def largest_first(split: Mapping[str, Value]) -> list[str]:
    """The keys of a split, largest value first (a marker '<5' just under 5), equal values in the
    split's own order: the order of split_bars, and of a heatmap's rows beside it."""
    markers = [v.threshold for v in split.values() if is_suppressed(v) and v.kind == SMALL]
    hint = float(markers[0]) if markers else 5.0
    return sorted(split, key=lambda key: _sort_key(split[key], hint), reverse=True)


def split_bars(
    split: Mapping[str, Value],
    *,
    register: str,
    title: str,
    sort: bool = True,
    x_title: str | None = None,
    fmt: Callable = fmt_int,
    height: int | None = None,
) -> go.Figure:
    """A split ({value: count}) as horizontal bars, largest on top, the count written next to
    each bar. Long category names stay readable (they are on the vertical axis). x_title
    default: 'Aantal'."""
    x_title = _("Aantal") if x_title is None else x_title
    items = [(key, split[key]) for key in (largest_first(split) if sort else split)]
    labels = [str(k) for k, _ in items][::-1]  # plotly draws the first category at the bottom
    vals = [v for _, v in items][::-1]
    texts = value_texts(vals, fmt)
    fig = go.Figure(
        go.Bar(
            x=_baseline(vals),
            y=labels,
            orientation="h",
            marker_color=theme.register_color(register),
            text=texts,
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{text}<extra></extra>",
        )
    )
    axis = count_axis(vals) if fmt is fmt_int else dict(range=[0, (max([v for v in plot_values(vals) if v is not None] or [1.0]) or 1.0) * 1.18])
    fig.update_xaxes(title_text=x_title, showgrid=True, gridcolor="#E5E8EB", **axis)
    if not any(v for v in plot_values(vals) if v is not None):  # only markers and zeros: no scale to read
        fig.update_xaxes(showticklabels=False, showgrid=False, title_text=None)
    fig.update_yaxes(title_text=None, type="category")
    return _finish(fig, title, height=height or 90 + 34 * max(len(items), 2), legend=False)


def year_bars(
    frame: pd.DataFrame,
    *,
    register: str,
    title: str,
    colors: Sequence[str] | Mapping[str, str] | None = None,
    barmode: str = "group",
    y_title: str | None = None,
    fmt: Callable = fmt_int,
    height: int | None = None,
) -> go.Figure:
    """Vertical bars per year (the frame's index) for each column (a series: e.g. soort), in
    tones of the register colour unless `colors` are given; values written on the bars.
    barmode 'group' (side by side) or 'stack'. A year label with a parenthesis ('2026 (tot
    22/11)', year_views) is a year cut off by the reference date, drawn lighter. y_title
    default: 'Aantal'."""
    y_title = _("Aantal") if y_title is None else y_title
    columns = list(frame.columns)
    if isinstance(colors, Mapping):
        palette = [colors.get(c) or theme.register_color(register) for c in columns]
    else:
        palette = list(colors) if colors else shades(register, len(columns))
    years = [str(y) for y in frame.index]
    ticks = [y.replace(" (", "<br>(") for y in years]  # '2026 (tot 22/11)' on two lines, not rotated
    fig = go.Figure()
    for column, color in zip(columns, palette):
        vals = list(frame[column])
        texts = value_texts(vals, fmt)
        if len(columns) > 1:  # a row of '0 0 0' under grouped bars only clutters; hover still says 0
            texts = ["" if is_shown(v) and v == 0 else t for v, t in zip(vals, texts)]
        fig.add_trace(
            go.Bar(
                x=years,
                y=_baseline(vals),
                name=str(column),
                marker_color=color,
                # a year cut off by the reference date ('2026 (tot 22/11)') is unfinished: lighter
                marker_opacity=[theme.UNFINISHED_OPACITY if " (" in y else 1 for y in years],
                text=texts,
                customdata=value_texts(vals, fmt),
                textposition="inside" if barmode == "stack" else "outside",
                insidetextanchor="middle",
                cliponaxis=False,
                hovertemplate="%{x} · " + str(column) + ": %{customdata}<extra></extra>",
            )
        )
    fig.update_layout(barmode=barmode, bargap=0.25, uniformtext=dict(minsize=theme.MIN_TEXT_SIZE, mode="hide"))
    if barmode == "stack":  # a hidden part has no height to write its marker in: it goes on top
        for position, (_year, row) in enumerate(frame.iterrows()):
            hidden = [f"{column}: {marker_text(v)}" for column, v in row.items() if is_suppressed(v)]
            if hidden:  # x as the category's position: the axis stays one of categories
                top = sum(v for v in plot_values(list(row)) if v is not None)
                fig.add_annotation(x=position, y=top, text="<br>".join(hidden), showarrow=False, yanchor="bottom",
                                   font=dict(size=theme.NOTE_FONT_SIZE, color=HIDDEN_COLOR))
    fig.update_xaxes(title_text=None, type="category", tickangle=0, tickmode="array", tickvals=years, ticktext=ticks)
    every = [v for c in columns for v in frame[c]]
    if fmt is fmt_int:
        stacked = frame.apply(lambda row: sum(v for v in plot_values(list(row)) if v is not None), axis=1)
        fig.update_yaxes(**count_axis(list(stacked) if barmode == "stack" else every, headroom=1.15))
    fig.update_yaxes(title_text=y_title, rangemode="tozero")
    if not any(v for v in plot_values(every) if v is not None):
        fig.update_yaxes(showticklabels=False, showgrid=False, title_text=None)
    return _finish(fig, title, height=height, legend=len(columns) > 1)


# --- distributions with a norm line -----------------------------------------------------------


def day_bins(edges: Sequence[int]) -> list[tuple[int, int | None]]:
    """[0, 31, 61, 91] -> [(0, 30), (31, 60), (61, 90), (91, None)]: inclusive day ranges,
    the last one open."""
    edges = list(edges)
    return [(lo, hi - 1) for lo, hi in zip(edges, edges[1:])] + [(edges[-1], None)]


def bin_label(lo: int, hi: int | None) -> str:
    if hi is None:
        return f"{lo}+"
    return f"{lo}–{hi}"


def norm_position(bins: Sequence[tuple[int, int | None]], norm: float) -> float | None:
    """Where a value `norm` (days, 'at most norm' is within) falls on an axis of bins drawn at
    0, 1, 2, ...: between the bin holding norm and the next one, in proportion."""
    for i, (lo, hi) in enumerate(bins):
        if hi is None or norm <= hi:
            if norm < lo:
                return i - 0.5
            span = (hi - lo + 1) if hi is not None else 30
            return i - 0.5 + min((norm - lo + 1) / span, 1.0)
    return len(bins) - 0.5


def norm_label(norm: float) -> str:
    """'norm 90 dagen'."""
    return ngettext("norm {days} dag", "norm {days} dagen", 1 if norm == 1 else 2).format(days=fmt_decimal(norm))


def histogram_with_norm(
    bins: Sequence[tuple[int, int | None]],
    counts: Sequence[Value],
    *,
    register: str,
    title: str,
    norm: float | None = None,
    x_title: str | None = None,
    y_title: str | None = None,
    over_norm_tint: bool = False,
    height: int | None = None,
) -> go.Figure:
    """Counts per day range (day_bins) as bars, with a vertical red dashed line at the norm
    labelled 'norm 90 dagen'. over_norm_tint: the bins past the norm in a lighter tone (they
    stay the register's colour, the line says what is late). Axis titles by default
    'Doorlooptijd (dagen)' and 'Aantal'."""
    x_title = _("Doorlooptijd (dagen)") if x_title is None else x_title
    y_title = _("Aantal") if y_title is None else y_title
    labels = [bin_label(lo, hi) for lo, hi in bins]
    color = theme.register_color(register)
    position = norm_position(bins, norm) if norm is not None else None
    colors = [
        tint(color, 0.0) if not over_norm_tint or position is None or i < position else theme.NORM_COLOR
        for i in range(len(bins))
    ]
    counts = list(counts)
    fig = go.Figure(
        go.Bar(
            x=list(range(len(bins))),
            y=_baseline(counts),
            marker_color=colors,
            text=value_texts(counts),
            textposition="outside",
            cliponaxis=False,
            customdata=labels,
            hovertemplate=_("{days} dagen: {count}").format(days="%{customdata}", count="%{text}") + "<extra></extra>",
        )
    )
    fig.update_layout(bargap=0.12)
    fig.update_xaxes(
        title_text=x_title, tickmode="array", tickvals=list(range(len(bins))), ticktext=labels, tickangle=0,
        tickfont=dict(size=theme.SMALL_FONT_SIZE - 1),
    )
    fig.update_yaxes(title_text=y_title, **count_axis(counts, headroom=1.2))
    if position is not None:
        fig.add_vline(x=position, line=dict(color=theme.NORM_COLOR, width=2, dash="dash"))
        fig.add_annotation(
            x=position,
            y=1,
            yref="paper",
            text=norm_label(norm),
            showarrow=False,
            xanchor="left",
            yanchor="top",
            xshift=6,
            font=dict(color=theme.NORM_COLOR, size=theme.SMALL_FONT_SIZE),
            bgcolor="rgba(255,255,255,0.85)",
        )
    return _finish(fig, title, height=height, legend=False)


def age_buckets(
    bins: Sequence[tuple[int, int | None]],
    counts: Sequence[Value],
    *,
    register: str,
    title: str,
    norm: float | None = None,
    x_title: str | None = None,
    height: int | None = None,
) -> go.Figure:
    """Open items by age (days since they came in), the buckets past the norm in red: the same
    drawing as histogram_with_norm. x_title default: 'Dagen sinds ontvangst'."""
    x_title = _("Dagen sinds ontvangst") if x_title is None else x_title
    return histogram_with_norm(
        bins, counts, register=register, title=title, norm=norm, x_title=x_title, over_norm_tint=True, height=height
    )


# --- heatmap --------------------------------------------------------------------------------


def heatmap(
    frame: pd.DataFrame,
    *,
    register: str,
    title: str,
    x_title: str | None = None,
    y_title: str | None = None,
    height: int | None = None,
) -> go.Figure:
    """A table of counts (rows × columns) as coloured cells from white to the register colour,
    every count written in its cell (a marker like '<5' too, on a white cell). The row and
    column names (register values, e.g. diensten) are drawn as text, never read as HTML."""
    rows = [chart_text(r) for r in frame.index]
    columns = [chart_text(c) for c in frame.columns]
    z = [plot_values(list(frame.loc[r])) for r in frame.index]
    text = [value_texts(list(frame.loc[r])) for r in frame.index]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=columns,
            y=rows,
            text=text,
            texttemplate="%{text}",
            textfont=dict(size=theme.SMALL_FONT_SIZE),
            colorscale=[[0, "#FFFFFF"], [1, theme.register_color(register)]],
            zmin=0,
            showscale=False,
            xgap=2,
            ygap=2,
            hovertemplate="%{y} · %{x}: %{text}<extra></extra>",
        )
    )
    fig.update_layout(plot_bgcolor="#F4F6F7")
    fig.update_xaxes(title_text=x_title, side="top", type="category", showgrid=False, tickangle=0)
    fig.update_yaxes(title_text=y_title, autorange="reversed", type="category", showgrid=False, rangemode=None)
    _finish(fig, title, height=height or 150 + 34 * max(len(rows), 2), legend=False)
    fig.update_layout(margin=dict(t=fig.layout.margin.t + 34))  # the column names sit on top, under the title
    return fig
