"""The Overzicht's small trends as inline SVG, drawn by the server: no chart library in the browser.

A sparkline has no axes and no interaction beyond reading a point's value, so plotly (a 4,7 MB
script that a new tab must load and run before the Overzicht shows anything, bench/README.md)
costs more than it gives there. The figure is the same as the plotly sparkline it replaces: the
register's line over a light fill, a dot per period (up to 12), the last value written at the end,
the first and last period named under it; a suppressed period is a gap in the line with an open
grey circle on the baseline and its marker ('<5', 'x') above it. Hovering a period shows its name
and value (an SVG <title>, the browser's own tooltip).

    svg = sparkline_svg(points, values, register="klachten", labels=None, scale=1.0)

`values` as the KPI engine gives them: numbers, None (missing) or suppressed markers. Every text
is escaped: labels are month names or years, but the figure never trusts what it is given.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from html import escape

from dashboard.charts.generic import HIDDEN_COLOR, Value, marker_text, plot_values, tint, value_texts
from dashboard.style import theme
from dashboard.style.formatting import fmt_int, month_label
from kpis.disclosure.markers import is_suppressed

WIDTH, HEIGHT = 240, 100  # the viewBox: the SVG fills its column (±240 px at 1440 px), its height follows
LEFT, RIGHT, TOP, BOTTOM = 6, 56, 12, 24  # room for the last value (right) and the period names (bottom)
FILL_TINT = 0.85
DOT_LIMIT = 12  # more periods than this: a line without dots
CHAR_WIDTH = 0.52  # a character's mean width in the sans-serif font, per unit of font size
BOLD_CHAR_WIDTH = 0.6  # the same for bold digits, dots and letters (generous: a cut value is worse)


def _down(size: float) -> float:
    """A font size rounded down to the tenth _num writes, so a text that fits still fits."""
    return int(size * 10) / 10


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def sparkline_svg(
    points: Sequence[dt.date],
    values: Sequence[Value],
    *,
    register: str,
    labels: Sequence[str] | None = None,
    fmt: Callable = fmt_int,
    scale: float = 1.0,
) -> str:
    """The SVG markup of one sparkline (see the module docstring). `labels` name the points
    (default: short month names); `scale` enlarges its text (screen-share mode)."""
    points, values = list(points), list(values)
    labels = [str(label) for label in labels] if labels is not None else [month_label(p) for p in points]
    color = theme.register_color(register)
    texts = value_texts(values, fmt)
    numbers = plot_values(values)
    font = theme.NOTE_FONT_SIZE * scale
    value_font = theme.BASE_FONT_SIZE * scale

    base = HEIGHT - BOTTOM
    top = max((n for n in numbers if n is not None), default=0.0)
    step = (WIDTH - LEFT - RIGHT) / max(len(points) - 1, 1)
    xs = [LEFT + i * step for i in range(len(points))]

    def y(number: float) -> float:
        return base - (number / top * (base - TOP) if top > 0 else 0.0)

    parts: list[str] = []
    for run in _runs(numbers):  # a gap (missing or suppressed) breaks the line
        line = " ".join(f"{_num(xs[i])},{_num(y(numbers[i]))}" for i in run)
        area = f"{_num(xs[run[0]])},{_num(base)} {line} {_num(xs[run[-1]])},{_num(base)}"
        parts.append(f'<polygon points="{area}" fill="{tint(color, FILL_TINT)}" stroke="none"/>')
        parts.append(f'<polyline points="{line}" fill="none" stroke="{color}" stroke-width="2.5" '
                     'stroke-linejoin="round" stroke-linecap="round"/>')
        if len(points) <= DOT_LIMIT:
            parts.extend(f'<circle cx="{_num(xs[i])}" cy="{_num(y(numbers[i]))}" r="2.5" fill="{color}"/>' for i in run)
    for i, value in enumerate(values[:-1]):  # the last value is written at the end already
        if is_suppressed(value):
            parts.append(f'<circle cx="{_num(xs[i])}" cy="{_num(base)}" r="3.5" fill="white" stroke="{HIDDEN_COLOR}" stroke-width="1.5"/>')
            parts.append(f'<text x="{_num(xs[i])}" y="{_num(base - 8)}" text-anchor="middle" font-size="{_num(font)}" '
                         f'font-weight="bold" fill="{HIDDEN_COLOR}">{escape(marker_text(value))}</text>')
    if points:
        last, last_text = numbers[-1], texts[-1] or "–"
        # the value at the end shrinks to fit what is left of the width (an inline SVG clips)
        end_font = _down(min(value_font, (WIDTH - xs[-1] - 9) / (BOLD_CHAR_WIDTH * len(last_text))))
        parts.append(f'<text x="{_num(xs[-1] + 7)}" y="{_num(y(last or 0.0))}" dominant-baseline="middle" '
                     f'font-size="{_num(end_font)}" font-weight="bold" fill="{color}">{escape(last_text)}</text>')
        room = WIDTH - RIGHT + 6 - LEFT  # the two period names share the width under the line
        period_font = _down(min(font, room / (CHAR_WIDTH * (len(labels[0]) + len(labels[-1]) + 2))))
        for x, label, anchor in ((LEFT, labels[0], "start"), (WIDTH - RIGHT + 6, labels[-1], "end")):
            parts.append(f'<text x="{_num(x)}" y="{HEIGHT - 6}" text-anchor="{anchor}" font-size="{_num(period_font)}" '
                         f'fill="{HIDDEN_COLOR}">{escape(label)}</text>')
        for i, (label, text) in enumerate(zip(labels, texts)):  # a band per period: its tooltip
            left = xs[i] - step / 2
            parts.append(f'<rect x="{_num(left)}" y="0" width="{_num(step)}" height="{HEIGHT}" fill="transparent">'
                         f"<title>{escape(label)}: {escape(text or '–')}</title></rect>")
    summary = ", ".join(f"{label}: {text or '–'}" for label, text in zip(labels, texts))
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" role="img" '
            f'aria-label="{escape(summary)}" font-family="{escape(theme.FONT_FAMILY)}" style="display:block">'
            + "".join(parts) + "</svg>")


def _runs(numbers: Sequence[float | None]) -> list[list[int]]:
    """The indexes of each unbroken run of drawable numbers: [1, None, 2, 3] -> [[0], [2, 3]]."""
    runs: list[list[int]] = []
    current: list[int] = []
    for i, number in enumerate(numbers):
        if number is None:
            if current:
                runs.append(current)
            current = []
        else:
            current.append(i)
    if current:
        runs.append(current)
    return runs
