"""What the Evaluatiecriteria page shows, apart from the page itself.

- kpi_for(indicator) -> KpiDef | None: the catalog KPI a criterion's indicator names (matched
  like the engine matches it: case, spaces, `_` and accents do not matter).
- value_text(criterion, hidden) / norm_text(criterion): the value (or "verborgen" for a KPI the
  netwerk view hides, hidden = hidden_kpis(report)) and the norm ("minstens 90 %") in the
  KPI's own unit; an Indicatoren value whose name ends in "(%)" reads as a percentage.
- overview_frame(report) -> DataFrame: one row per criterion (status, value, norm, validated or
  draft, the engine's problem text), the table at the top of the page.
- history_frame(access, filters, indicator) -> DataFrame[jaar, waarde, tekst, norm, status]:
  the underlying figure for each of the last six years up to the filters' year. A KPI comes from the cached
  (and, for the netwerk view, suppressed) report of each year (dashboard.reads.data.get_report; past
  years at their default reference date, the chosen year at the chosen one); an Indicatoren
  indicator from its measurements for period `jjjj`. The norm and status are those of that
  year's criterion on the same indicator, when there is one.
- history_figure(frame, indicator) -> plotly Figure: a bar per year coloured by that year's
  status, the norm as a line of markers, the value written on each bar.
"""

from __future__ import annotations

from dataclasses import replace
from numbers import Number

import pandas as pd
import plotly.graph_objects as go
import sqlalchemy as sa

from dashboard.reads import data, errors
from dashboard.reads.cache import cached
from dashboard.style import theme
from dashboard.style.formatting import HIDDEN, fmt_date, fmt_value
from dashboard.style.text import chart_text, plain
from dashboard.ui.components import status_badge
from data_access import register_terms
from data_access.registers import header_key
from data_access.schema import REGISTER_TABLES
from i18n import N_, _, shown
from kpis import catalog
from kpis.catalog import kpi_for_indicator
from kpis.criteria import NO_DATA, STATUSES
from kpis.engine import default_as_of

DRAFT = N_("ontwerp")  # shown with _()
NO_NORM = N_("geen norm")
# The overview's headers (Dutch msgids; overview_frame gives them in the current language: column()).
OVERVIEW_COLUMNS = [N_("Status"), N_("Criterium"), N_("Omschrijving"), N_("Waarde"), N_("Norm"), N_("Gevalideerd op"),
                    N_("Indicator"), N_("Toelichting")]


def column(header: str) -> str:
    """An overview header as overview_frame names it: 'Waarde' -> 'Valeur' in French."""
    return _(header)


def kpi_for(indicator: str | None):
    """The catalog KpiDef an indicator names, or None (an Indicatoren indicator)."""

    return kpi_for_indicator(indicator)


def indicator_label(indicator: str, *, markdown: bool = False) -> str:
    """The label of a KPI in the current language, or the indicator's own name (a register
    value: as text in markdown with markdown=True, dashboard.style.text.plain)."""
    kpi = kpi_for(indicator)
    if kpi is not None:
        return catalog.label(kpi)
    name = register_terms.indicator(indicator)
    return plain(name) if markdown else name


def indicator_help(indicator: str, year: int, *, markdown: bool = False) -> str:
    """The catalog definition of a KPI, or where an Indicatoren value comes from (markdown=True:
    for markdown or a help text, the indicator's name shown as text)."""
    kpi = kpi_for(indicator)
    if kpi is not None:
        return catalog.definition(kpi)
    return _("Gemeten waarde van '{indicator}' voor periode {year} in het register Indicatoren.").format(
        indicator=indicator_label(indicator, markdown=markdown), year=year)


def _unit(indicator: str) -> str:
    kpi = kpi_for(indicator)
    if kpi is not None:
        return kpi.unit
    return "percent" if indicator.strip().endswith("(%)") else "number"


def fmt_indicator_value(indicator: str, value) -> str:
    """A value of the indicator in its unit ('number' reads with at most one decimal); a norm on
    a count KPI may have decimals and then keeps them. A split (never a criterion's value) has
    no single value: 'geen gegevens'."""
    unit = _unit(indicator)
    if isinstance(value, dict):
        return fmt_value(None, unit)
    if unit == "count" and isinstance(value, Number) and not isinstance(value, bool) and value != int(value):
        unit = "number"
    return fmt_value(value, unit)


def hidden_kpis(report) -> frozenset[str]:
    """The KPI ids the netwerk view hides in this report (the reasons of kpis.disclosure.release)."""
    return frozenset((report.extra or {}).get("suppression", {}).get("reasons", {}))


def is_hidden(criterion, hidden: frozenset[str]) -> bool:
    kpi = kpi_for(criterion.indicator)
    return criterion.value is None and kpi is not None and kpi.id in hidden


def value_text(criterion, hidden: frozenset[str] = frozenset()) -> str:
    """The value in its unit; 'verborgen' when the netwerk view hides it (`hidden`: the ids of
    hidden_kpis(report); the criterion's problem then says why)."""
    if is_hidden(criterion, hidden):
        return _(HIDDEN)
    return fmt_indicator_value(criterion.indicator, criterion.value)


def norm_value_text(criterion) -> str:
    """The norm alone: '90 %', '45 dagen'."""
    if criterion.norm is None:
        return _(NO_NORM)
    return fmt_indicator_value(criterion.indicator, criterion.norm)


def norm_text(criterion) -> str:
    """'minstens 90 %', 'hoogstens 45 dagen'."""
    if criterion.norm is None:
        return _(NO_NORM)
    return f"{register_terms.value(criterion.richting)} {norm_value_text(criterion)}"


def validated_text(criterion) -> str:
    if criterion.validated_on:
        return _("gevalideerd op {date}").format(date=fmt_date(criterion.validated_on))
    return _(DRAFT)


def overview_frame(report) -> pd.DataFrame:
    """One row per criterion of the report, in the engine's order (by id)."""
    hidden = hidden_kpis(report)
    rows = [
        [
            _(c.status),
            c.id,
            c.omschrijving,
            value_text(c, hidden),
            norm_text(c),
            fmt_date(c.validated_on) if c.validated_on else _(DRAFT),
            indicator_label(c.indicator),
            shown(c.problem) or "",
        ]
        for c in report.criteria
    ]
    return pd.DataFrame(rows, columns=[column(h) for h in OVERVIEW_COLUMNS])


def status_style(status: str) -> str:
    """CSS for a status cell (the status as shown, in any language): the theme's status colour
    as background, white bold text."""
    canonical = {_(s): s for s in STATUSES}.get(status, status)
    color = theme.STATUS_COLORS.get(canonical, theme.STATUS_COLORS[NO_DATA])
    return f"background-color: {color}; color: white; font-weight: 600"


# --- history ----------------------------------------------------------------------------------


@cached(max_entries=64)
def _measurements(url: str, version: int, key: str) -> dict[int, float]:
    """{year: value} of the Indicatoren indicator (normalised name `key`) for periods 'jjjj'."""

    t = REGISTER_TABLES["indicatoren"]
    with data.engine_for(url).connect() as conn:
        rows = conn.execute(sa.select(t.c.indicator, t.c.periode, t.c.waarde)).all()
    out: dict[int, float] = {}
    for name, period, value in rows:
        period = str(period or "").strip()
        if header_key(name) == key and len(period) == 4 and period.isdigit() and value is not None:
            out[int(period)] = float(value)
    return out


def measurements(indicator: str) -> dict[int, float]:
    with errors.database_guard():
        return _measurements(*data.cache_key(), header_key(indicator))


HISTORY_YEARS = 6  # as the register pages' year charts (reads.years.year_reports): same cached reports


def history_years(filters) -> list[int]:
    """The years with data up to the chosen year, at most the last HISTORY_YEARS, oldest first."""
    years = sorted(y for y in data.register_years() if filters.year - HISTORY_YEARS < y <= filters.year)
    return years or [filters.year]


def report_for_year(access, filters, year: int):
    """The cached report of `year`: at the chosen reference date for the chosen year, else at
    that year's default reference date."""
    if year == filters.year:
        return data.get_report(access, filters)
    return data.get_report(access, replace(filters, year=year, as_of=default_as_of(year)))


def history_frame(access, filters, indicator: str) -> pd.DataFrame:
    """One row per year: jaar, waarde (a number or None), tekst (as shown, e.g. '<5'), norm
    (number or None), status (of that year's criterion on the indicator, or None)."""
    kpi = kpi_for(indicator)
    measured = measurements(indicator) if kpi is None else {}
    key = header_key(indicator)
    rows = []
    for year in history_years(filters):
        report = report_for_year(access, filters, year)
        value = report.kpis.get(kpi.id) if kpi is not None else measured.get(year)
        same = [c for c in report.criteria if header_key(c.indicator or "") == key]
        criterion = same[0] if same else None
        number = value if isinstance(value, Number) and not isinstance(value, bool) else None
        hidden = kpi is not None and value is None and kpi.id in hidden_kpis(report)
        rows.append(
            {
                "jaar": year,
                "waarde": number,
                "tekst": _(HIDDEN) if hidden else fmt_indicator_value(indicator, value),
                "norm": criterion.norm if criterion else None,
                "status": criterion.status if criterion else None,
            }
        )
    return pd.DataFrame(rows, columns=["jaar", "waarde", "tekst", "norm", "status"])


def _scaled(indicator: str, values: pd.Series) -> pd.Series:
    """Rates (fractions) drawn on the 0-100 scale, so the axis reads as percentages."""
    return values.astype(float) * 100 if _unit(indicator) == "rate" else values.astype(float)


def history_figure(frame: pd.DataFrame, indicator: str) -> go.Figure:
    """Bars per year in the status colour of that year's criterion (the register colour when
    the year has none), the value on each bar (also '<5' or 'geen gegevens'), the norm as
    markers joined by a line."""
    unit = _unit(indicator)
    years = [str(y) for y in frame["jaar"]]
    values = _scaled(indicator, frame["waarde"].astype("float64"))
    colors = [
        theme.STATUS_COLORS[s] if isinstance(s, str) and s in theme.STATUS_COLORS else theme.register_color("evaluatiecriteria")
        for s in frame["status"]
    ]
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            x=years,
            y=values.fillna(0),  # every year keeps its place on the axis
            marker_color=colors,
            text=[t if v == v and v != 0 else "" for t, v in zip(frame["tekst"], values)],
            textposition="inside",
            insidetextanchor="start",
            textfont=dict(color="white", size=theme.BASE_FONT_SIZE),
            name=chart_text(indicator_label(indicator)),
            customdata=list(frame["tekst"]),  # hover: also 'verborgen' or 'geen gegevens'
            hovertemplate="%{x}: %{customdata}<extra></extra>",
            showlegend=False,
        )
    )
    # A year without a value (no data, or hidden as '<5') has no bar: its text stands on the axis.
    # On a category axis a numeric-looking x ('2021') is read as the category's index: use the index.
    for index, (number, text) in enumerate(zip(values, frame["tekst"])):
        if pd.isna(number) or number == 0:
            fig.add_annotation(x=index, y=0, text=str(text), showarrow=False, yanchor="bottom", yshift=4,
                               font=dict(color=theme.TEMPLATE.layout.font.color, size=theme.BASE_FONT_SIZE - 2))
    norms = _scaled(indicator, frame["norm"].astype("float64"))
    if norms.notna().any():
        norm_texts = [
            fmt_indicator_value(indicator, n) if n == n else "" for n in frame["norm"].astype("float64")
        ]
        fig.add_trace(
            go.Scatter(
                x=years,
                y=norms,
                mode="lines+markers",
                line=dict(color=theme.NORM_COLOR, dash="dash", width=2),
                marker=dict(symbol="line-ew-open", size=28, line=dict(width=3, color=theme.NORM_COLOR)),
                name=_("Norm"),
                customdata=norm_texts,  # hover only: a norm is no count to label the chart with
                hovertemplate=_("Norm {year}: {norm}").format(year="%{x}", norm="%{customdata}") + "<extra></extra>",
                connectgaps=False,
            )
        )
    top = pd.concat([values, norms]).max()
    top = 1.0 if pd.isna(top) or top <= 0 else float(top)
    suffix = " %" if unit in ("rate", "percent") else ""
    fig.update_layout(
        showlegend=bool(norms.notna().any()),
        yaxis=dict(range=[0, top * 1.1], ticksuffix=suffix, title=None),
        xaxis=dict(type="category", title=None),
        bargap=0.35,
    )
    return fig


def status_legend() -> str:
    """Markdown naming the three status colours (for under the chart)."""

    return " ".join(status_badge(s) for s in ("gehaald", "niet gehaald", "geen gegevens"))

