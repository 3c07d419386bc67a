"""The 5 x 5 risk matrix (kans x impact): each cell coloured by the level its score gives
(kpis.risicos.level, with the thresholds of Instellingen) and holding the number of active risks
in it. Impact runs left to right, kans bottom to top, as risk matrices are read. A transparent
marker at each cell's centre makes the cell clickable (st.plotly_chart on_select: a heatmap
itself reports no selected points); its customdata is (kans, impact)."""

from __future__ import annotations

from collections.abc import Mapping

import plotly.graph_objects as go

from dashboard.charts.generic import _finish
from dashboard.style import theme
from dashboard.style.formatting import fmt_int
from data_access import register_terms
from i18n import N_, _, ngettext

SCALE = (1, 2, 3, 4, 5)
SCALE_NAMES = {1: N_("zeer klein"), 2: N_("klein"), 3: N_("matig"), 4: N_("groot"), 5: N_("zeer groot")}  # shown with _()
LEVEL_ORDER = ("laag", "midden", "hoog")


def _hover(kans: int, impact: int, level: str, count: int) -> str:
    """'kans 3 × impact 4 = score 12 (midden): 2 actieve risico's'."""
    return ngettext(
        "kans {kans} × impact {impact} = score {score} ({level}): {count} actieve risico's",
        "kans {kans} × impact {impact} = score {score} ({level}): {count} actieve risico's",
        count,
    ).format(kans=kans, impact=impact, score=kans * impact, level=register_terms.value(level), count=fmt_int(count))


def matrix_figure(cells: Mapping[tuple[int, int], int], levels: Mapping[tuple[int, int], str], title: str) -> go.Figure:
    """`cells`: {(kans, impact): active risks}; `levels`: {(kans, impact): level of its score}."""
    code = {level: i for i, level in enumerate(LEVEL_ORDER)}
    colorscale = []
    for i, level in enumerate(LEVEL_ORDER):  # a stepped scale: one flat colour per level
        color = theme.RISK_LEVEL_COLORS[level]
        colorscale += [[i / 3, color], [(i + 1) / 3, color]]
    z = [[code[levels[(k, i)]] + 0.5 for i in SCALE] for k in SCALE]
    text = [[fmt_int(cells[(k, i)]) if cells[(k, i)] else "" for i in SCALE] for k in SCALE]
    hover = [[_hover(k, i, levels[(k, i)], cells[(k, i)]) for i in SCALE] for k in SCALE]
    fig = go.Figure(go.Heatmap(
        z=z, x=list(SCALE), y=list(SCALE), text=text, texttemplate="%{text}",
        textfont=dict(size=theme.BASE_FONT_SIZE + 6, color="#1B2631"), colorscale=colorscale, zmin=0, zmax=3,
        showscale=False, xgap=3, ygap=3, hoverinfo="skip",
    ))
    points = [(k, i) for k in SCALE for i in SCALE]
    fig.add_trace(go.Scatter(
        x=[i for _, i in points], y=[k for k, _ in points], mode="markers",
        marker=dict(size=70, symbol="square", opacity=0.01, color="#FFFFFF"),
        customdata=[[k, i] for k, i in points], text=[hover[k - 1][i - 1] for k, i in points],
        hovertemplate="%{text}<extra></extra>", showlegend=False,
        selected=dict(marker=dict(opacity=0.01)), unselected=dict(marker=dict(opacity=0.01)),
    ))
    ticks = dict(tickmode="array", tickvals=list(SCALE), ticktext=[f"{s}<br>{_(SCALE_NAMES[s])}" for s in SCALE], showgrid=False,
                 zeroline=False, range=[0.5, 5.5], fixedrange=True)
    fig.update_xaxes(title_text=_("Impact"), **ticks)
    fig.update_yaxes(title_text=_("Kans"), **ticks, rangemode=None)
    fig.update_layout(plot_bgcolor="#FFFFFF", clickmode="event+select")
    for level in reversed(LEVEL_ORDER):  # the legend: one entry per level
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=register_terms.value(level),
                                 marker=dict(size=14, symbol="square", color=theme.RISK_LEVEL_COLORS[level])))
    return _finish(fig, title, height=520, legend=True)
