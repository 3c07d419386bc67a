"""The charts of the reports, drawn by matplotlib as SVG: vector graphics WeasyPrint places in
the page, sharp at any zoom, their text kept as text (in DejaVu Sans, embedded with the rest).
A hidden value ("<5", "x", "verborgen") has no bar, only its marker where the bar would end.
Labels and names come in the report's language; the few words drawn here are translated too."""

from __future__ import annotations

import io

import matplotlib
from matplotlib.figure import Figure

from dashboard.style.formatting import fmt_rate
from i18n import _
from kpis.disclosure.markers import is_suppressed

DARK, LIGHT, GRID, TEXT = "#1f4e79", "#9dc3e6", "#d9d9d9", "#222222"
STYLE = {
    "svg.fonttype": "none",  # text stays text
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.edgecolor": GRID,
    "text.color": TEXT,
    "axes.labelcolor": TEXT,
    "xtick.color": TEXT,
    "ytick.color": TEXT,
    "svg.hashsalt": "rapport",  # the same figure gives the same SVG
}


def _svg(fig: Figure) -> str:
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    text = buffer.getvalue()
    return text[text.index("<svg"):]


def _number(value) -> float:
    return 0.0 if value is None or is_suppressed(value) else float(value)


def paired_bars(labels: list[str], current: list, previous: list, texts: tuple[list[str], list[str]],
                names: tuple[str, str], *, width: float = 6.6) -> str:
    """Horizontal bars, two per label (this year dark, last year light), each with its value
    written at its end as `texts` give it."""
    with matplotlib.rc_context(STYLE):
        fig = Figure(figsize=(width, 0.52 * len(labels) + 0.6))
        ax = fig.subplots()
        top = max([_number(v) for v in current + previous] + [1.0])
        rows = list(range(len(labels)))[::-1]
        for offset, values, words, colour, name in ((0.2, current, texts[0], DARK, names[0]),
                                                    (-0.2, previous, texts[1], LIGHT, names[1])):
            ys = [r + offset for r in rows]
            ax.barh(ys, [_number(v) for v in values], height=0.38, color=colour, label=name)
            for y, v, word in zip(ys, values, words):
                ax.text(_number(v) + top * 0.015, y, word, va="center", fontsize=8.5,
                        color=TEXT, style="italic" if _number(v) == 0 and word not in ("0",) else "normal")
        ax.set_yticks(rows, labels)
        ax.set_xlim(0, top * 1.18)
        ax.set_xticks([])
        for side in ("top", "right", "bottom"):
            ax.spines[side].set_visible(False)
        ax.tick_params(axis="y", length=0)
        ax.legend(loc="lower right", frameon=False, fontsize=8.5, ncols=2, bbox_to_anchor=(1.0, 1.0))
        return _svg(fig)


def share_bars(labels: list[str], shares: list[float | None], *, width: float = 6.6) -> str:
    """Horizontal bars of shares (0..1) with their percentage, on a 0-100 % scale."""
    with matplotlib.rc_context(STYLE):
        fig = Figure(figsize=(width, 0.42 * len(labels) + 0.4))
        ax = fig.subplots()
        rows = list(range(len(labels)))[::-1]
        ax.barh(rows, [1.0] * len(rows), height=0.55, color="#eef3f8")
        ax.barh(rows, [s or 0.0 for s in shares], height=0.55, color=DARK)
        for y, s in zip(rows, shares):
            ax.text(1.02, y, _("geen acties") if s is None else fmt_rate(s, 0), va="center", fontsize=8.5)
        ax.set_yticks(rows, labels)
        ax.set_xlim(0, 1.18)
        ax.set_xticks([])
        for side in ("top", "right", "bottom"):
            ax.spines[side].set_visible(False)
        ax.tick_params(axis="y", length=0)
        return _svg(fig)
