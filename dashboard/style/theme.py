"""Colours and the plotly look, one place for the whole dashboard.

- REGISTER_COLORS: one colour per register, used for every chart, card accent and header of that
  register (colour-blind safe, none of them the green/red of a status).
- STATUS_COLORS: gehaald / niet gehaald / geen gegevens (criteria, alerts).
- TEMPLATE ("integriteit"): Dutch separators (decimal comma, thousands dot), fonts that stay
  readable on a 1920x1080 projector, a white background. It is registered as plotly's default
  template when this module is imported, so every figure made after that (go.Figure, plotly.express)
  starts with it, applied once; `style(fig)` only applies it to a figure that carries another one
  (and sets a height); the `components.chart(fig)` helper calls it for you.
- month_axis(fig, months): Dutch month names on a date axis (plotly itself prints English ones).
- For small charts made with plotly.express pass `render_mode="svg"` (px.line / px.scatter):
  above 1,000 points px switches to WebGL, and browsers cap WebGL contexts per page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import plotly.graph_objects as go
import plotly.io as pio

import i18n
from dashboard.style.formatting import month_label

REGISTER_COLORS: dict[str, str] = {
    "klachten": "#1F5F9E",  # blue
    "functioneringsnotas": "#D9822B",  # orange
    "tuchtdossiers": "#7A4BA0",  # purple
    "meldingen": "#0E8088",  # teal
    "actieplan": "#B8930B",  # ochre
    "evaluatiecriteria": "#4F6272",  # slate
    "indicatoren": "#A35C3D",  # brown
    "risicos": "#8E3B5E",  # plum
}
# The three risk levels (kpis.risicos.LEVELS) in the 5 x 5 matrix: light to dark, readable with
# black or white count text, not the green/red of a status.
RISK_LEVEL_COLORS: dict[str, str] = {"laag": "#F3E3C3", "midden": "#E8A33D", "hoog": "#B5473A"}
REGISTER_ICONS: dict[str, str] = {
    "overzicht": ":material/dashboard:",
    "klachten": ":material/feedback:",
    "functioneringsnotas": ":material/assignment_ind:",
    "tuchtdossiers": ":material/gavel:",
    "meldingen": ":material/campaign:",
    "actieplan": ":material/checklist:",
    "evaluatiecriteria": ":material/fact_check:",
    "risicoanalyse": ":material/crisis_alert:",
    "gegevens": ":material/upload_file:",
    "instellingen": ":material/tune:",
    "gebruikers": ":material/group:",
    "audit": ":material/policy:",
    "export": ":material/download:",
}

STATUS_COLORS: dict[str, str] = {
    "gehaald": "#2E7D32",
    "niet gehaald": "#C62828",
    "geen gegevens": "#9E9E9E",
}
# A legal term (melding acknowledged within 7 days, feedback within 3 months, the 6-month term of
# a tuchtdossier) breached or near: one colour and one icon wherever it is shown (the late block,
# cards, lists, charts). LEGAL_BADGE is the Streamlit markdown colour name of LEGAL_COLOR.
LEGAL_COLOR = "#C62828"
LEGAL_ICON = ":material/gavel:"
LEGAL_BADGE = "red"
# Late, but no legal term (a norm, a deadline of the zone itself).
LATE_BADGE = "orange"
# An unfinished period (the running month or year, up to the reference date): drawn lighter.
UNFINISHED_OPACITY = 0.45

# The previous period drawn next to the current one (e.g. last year's line under this year's).
PREVIOUS_COLOR = "#A7B1BA"
NORM_COLOR = "#C62828"
TODAY_COLOR = "#37474F"

FONT_FAMILY = "Source Sans, Source Sans Pro, Segoe UI, Helvetica, Arial, sans-serif"
# Every font size of a chart, in px at a normal screen. Screen-share mode multiplies all of them
# (and the chart's height) by PROJECTOR_SCALE: projector_spec.
BASE_FONT_SIZE = 16  # titles less 4, labels, values
SMALL_FONT_SIZE = BASE_FONT_SIZE - 2  # ticks, legends, cell values
NOTE_FONT_SIZE = BASE_FONT_SIZE - 4  # a hidden marker's label, the periods under a sparkline
MIN_TEXT_SIZE = NOTE_FONT_SIZE  # plotly hides a bar's value rather than draw it smaller
PROJECTOR_SCALE = 1.35  # the page's text grows from 16 to 20 px, chart text a bit more (it is smaller)

TEMPLATE_NAME = "integriteit"
TEMPLATE = go.layout.Template(
    layout=go.Layout(
        separators=",.",
        font=dict(family=FONT_FAMILY, size=BASE_FONT_SIZE, color="#1B2631"),
        title=dict(font=dict(size=BASE_FONT_SIZE + 4), x=0, xanchor="left"),
        paper_bgcolor="white",
        plot_bgcolor="white",
        colorway=list(REGISTER_COLORS.values()),
        xaxis=dict(showgrid=False, linecolor="#B0BEC5", tickfont=dict(size=SMALL_FONT_SIZE), automargin=True),
        yaxis=dict(gridcolor="#E5E8EB", zerolinecolor="#B0BEC5", tickfont=dict(size=SMALL_FONT_SIZE), automargin=True, rangemode="tozero"),
        legend=dict(font=dict(size=SMALL_FONT_SIZE), orientation="h", yanchor="bottom", y=1.02, x=0, title_text=""),
        hoverlabel=dict(font=dict(size=BASE_FONT_SIZE)),
        margin=dict(l=10, r=10, t=50, b=10),
        dragmode=False,  # no zoom by dragging (components.CHART_CONFIG: no mode bar to reset it)
    )
)
pio.templates[TEMPLATE_NAME] = TEMPLATE
# The default for every figure made from now on: plotly copies and validates a template each time
# one is set (some ms per figure), so a figure gets it once, when it is made.
pio.templates.default = TEMPLATE_NAME


SEPARATORS = {"nl": ",.", "fr": ",\u202f"}  # plotly: the decimal sign, then the thousands separator


def separators(lang: str | None = None) -> str:
    """Plotly's number separators in `lang` (default: the current language): nl 1.234,5; fr
    1 234,5 (a narrow no-break space, as Babel writes fr_BE)."""
    return SEPARATORS[i18n.normalise(lang or i18n.current())]


def style(fig: go.Figure, *, height: int | None = None) -> go.Figure:
    """Applies the dashboard template (fonts, colours) and the separators of the current
    language to a figure and returns it. A figure made after this module was imported already
    has the template (the default template); then only the separators and height are set."""
    if fig.layout.template != TEMPLATE:
        fig.update_layout(template=TEMPLATE)
    if fig.layout.separators != separators():
        fig.update_layout(separators=separators())
    if height is not None:
        fig.update_layout(height=height)
    return fig


def projector_spec(spec: dict, scale: float = PROJECTOR_SCALE) -> dict:
    """A figure's dict (fig.to_dict()) for screen-share mode: every font size in it (the
    template's, titles, axes, legend, annotations, bar texts) and its height times `scale`; the
    original is left as it is."""

    def walk(node, in_font: bool):
        if isinstance(node, dict):
            return {
                key: value * scale
                if isinstance(value, (int, float)) and not isinstance(value, bool)
                and ((key == "size" and in_font) or key in ("minsize", "height"))
                else walk(value, key.endswith("font"))
                for key, value in node.items()
            }
        if isinstance(node, list):
            return [walk(value, in_font) for value in node]
        return node

    scaled = dict(spec)
    scaled["data"] = walk(spec.get("data", []), False)
    scaled["layout"] = walk(spec.get("layout", {}), False)
    return scaled


def register_color(register: str) -> str:
    return REGISTER_COLORS.get(register, REGISTER_COLORS["indicatoren"])


def month_axis(fig: go.Figure, months: Sequence[dt.date], *, axis: str = "x", max_ticks: int = 12) -> go.Figure:
    """Labels a date axis with Dutch month names ('mrt 2025'), at most `max_ticks` of them."""
    months = sorted(set(months))
    if not months:
        return fig
    step = max(1, -(-len(months) // max_ticks))
    shown = months[::step]
    update = dict(tickmode="array", tickvals=shown, ticktext=[month_label(m) for m in shown])
    fig.update_layout({f"{axis}axis": update})
    return fig


# Page-wide CSS, injected once per run by dashboard/app.py. KPI cards: a long label wraps, and the
# delta's "t.o.v. ..." text moves under the delta, instead of being cut off with an ellipsis
# (cards are narrow at 1280 px). On a screen 1700 px or wider (a 1920x1080 projector) the root
# font is one step larger; screen-share mode (dashboard.shell.auth) enlarges it further.
GLOBAL_CSS = """
<style>
[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] * {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
}
*:has(> [data-testid="stMetricDeltaDescription"]) { flex-wrap: wrap !important; row-gap: 0.2rem; }
[data-testid="stMetricDeltaDescription"], [data-testid="stMetricDeltaDescription"] * {
  overflow: visible !important; text-overflow: clip !important; max-width: none !important;
  white-space: normal !important;
}
/* The value shrinks with a narrow card rather than being cut off ("verb…" for "verborgen"). */
[data-testid="stMetric"] { container-type: inline-size; }
[data-testid="stMetricValue"] { font-variant-numeric: tabular-nums; font-size: min(2.25rem, 17cqi); }
[data-testid="stMetricValue"] * { overflow: visible !important; text-overflow: clip !important; }
/* A 1920x1080 projector: everything one step larger (Streamlit sizes in rem). */
@media (min-width: 1700px) { html { font-size: 18px; } }
</style>
"""


def uploader_css(max_upload_mb: int) -> str:
    """Texts in the run's language for st.file_uploader's drop zone, which Streamlit writes in
    English ("Upload", "50MB per file"): the English text is drawn at size 0 and ours after it."""
    choose = i18n._("Bestand kiezen")
    drop = i18n._("of sleep het hierheen (tot {size} MB)").format(size=max_upload_mb)
    zone = '[data-testid="stFileUploaderDropzone"]'
    button = f'{zone} [data-testid="stBaseButton-secondary"] [data-testid="stMarkdownContainer"] p'
    limit = '[data-testid="stFileUploaderDropzoneInstructions"] span'
    return f"""
<style>
{button}, {limit} {{ font-size: 0 !important; }}
{button}::after {{ content: "{choose}"; font-size: 0.875rem; }}
{limit}::after {{ content: "{drop}"; font-size: 0.875rem; }}
</style>
"""
