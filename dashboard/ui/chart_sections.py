"""Chart sections of the register pages: a chart with a line on what it hides, or the message
for a chart withheld in this view. Every plotly figure is built through figure_cache.cached; an
SVG chart (charts.sparkline) is drawn by the server and shown through show_svg.

    show(fig, values=(), key=None)                   the chart (or one sentence when it has nothing to
                                                     draw) and, when values are hidden, the note once
    show_svg(svg, values=())                         the same for an SVG chart (charts.sparkline)
    withheld(what, reason=None)                      the message for a withheld chart
    split_chart(report, kpi_id, register, title, *, sort=True)   a split KPI as bars
    column_split_chart(access, filters, register, column, title, *, what, dienst=None, key=None, sort=True)
        the year's rows per value of a column (reads.splits.split_counts) as bars
    year_chart(frame, *, register, title, key, **year_bars options)  KPI values per year
        (reads.years.year_frame) as bars, or a table when the view hides every value
    trend_chart(access, filters, register, title, *, quarter_title=None, date_column=None, noun=None)

Every text is shown in the current language (i18n); a split's keys are the register's canonical
list values and are shown through data_access.register_terms.value.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pandas as pd
import streamlit as st

from dashboard.charts import generic as charts
from dashboard.charts.figure_cache import cached
from dashboard.reads import data, splits, trends
from dashboard.style.formatting import HIDDEN, fmt_date
from dashboard.style.text import plain
from dashboard.ui import components as ui
from data_access import register_terms
from i18n import N_, _, ngettext, pgettext, shown
from kpis.catalog import BY_ID, label as kpi_label
from kpis.disclosure import markers
from kpis.disclosure.markers import SMALL, is_suppressed

SMALL_COUNTS_HELP = N_("Kleine aantallen (onder de drempel) worden getoond als {marker}; x: verborgen om een klein aantal te beschermen.")  # shown with _()


def small_marker(values) -> str | None:
    """'<N' with the threshold of the hidden counts among `values` (also when only 'x' shows)."""
    for v in values:
        if is_suppressed(v):
            return v if v.kind == SMALL else markers.small(v.threshold)
    return None


HIDDEN_HELP = N_("Zonder staaf: verborgen in deze weergave, het cijfer steunt op te weinig dossiers.")


def show(fig, values: Sequence = (), *, key: str | None = None) -> None:
    """The chart; when some of its values are hidden, the note that says how (once per page).
    A chart with nothing to draw (every value hidden or 0) is one sentence instead."""
    _show(lambda: ui.chart(fig, key=key), chart_title(fig), values)


def show_svg(svg: str, values: Sequence = ()) -> None:
    """An SVG chart drawn by the server (charts.sparkline), with the same notes as show()."""
    _show(lambda: st.markdown(f"<div style=\"margin-bottom:0.75rem\">{svg}</div>", unsafe_allow_html=True), "", values)


def _show(draw, title: str, values: Sequence) -> None:
    flat = []
    for v in values:
        flat.extend(v if isinstance(v, (list, tuple)) else [v])
    markers = {v for v in flat if is_suppressed(v)}
    if markers and not any(charts.is_shown(v) and v for v in flat):
        st.info(all_hidden_sentence(title, flat), icon=":material/visibility_off:")
    else:
        draw()
    if markers - {HIDDEN}:
        small_counts_note(flat)
    if HIDDEN in markers:
        ui.note_once(_(HIDDEN_HELP))


def small_counts_note(values) -> None:
    """The note on small counts ('<5', 'x'), once per page."""
    ui.note_once(_(SMALL_COUNTS_HELP).format(marker=small_marker(values) or "<N"), key="small_counts")


def chart_title(fig) -> str:
    """The title of a go.Figure or of a figure_cache.Built (its dict)."""
    layout = fig.spec.get("layout", {}) if hasattr(fig, "spec") else fig.to_dict().get("layout", {})
    return str((layout.get("title") or {}).get("text") or "")


def all_hidden_sentence(title: str, values: Sequence) -> str:
    """'Tuchtbeslissingen 2026: per sanctie: geen grafiek, elk aantal is 0 of te klein om te tonen (<5).'"""
    conjunction = " " + pgettext("conjunction", "of") + " "
    markers = plain(conjunction.join(sorted({charts.marker_text(v) for v in values if is_suppressed(v)})))
    if title:
        return _("**{title}**: geen grafiek, elk aantal is 0 of te klein om te tonen ({markers}).").format(title=plain(title), markers=markers)
    return _("geen grafiek, elk aantal is 0 of te klein om te tonen ({markers}).").format(markers=markers)


def year_chart(frame: pd.DataFrame, *, register: str, title: str, key: str, **bar_options) -> None:
    """KPI values per year (year_frame) as bars; when the view hides every one of them (all
    '<5' or 0), a small table instead: a row of markers on an empty axis reads worse."""
    values = frame.to_numpy().ravel().tolist()
    if any(is_suppressed(v) for v in values) and not any(charts.is_shown(v) and v for v in values):
        st.markdown(f"**{title}**")
        shown_frame = frame.map(lambda v: charts.marker_text(v) if is_suppressed(v) else v)
        ui.table(shown_frame.rename_axis(_("Jaar")).reset_index(), static=True)  # in a half-width column: headers wrap
        small_counts_note(values)
        return
    show(cached(charts.year_bars, frame, register=register, title=title, **bar_options), values, key=key)


def withheld(what: str, reason: str | None = None) -> None:
    """'<what>: verborgen in deze weergave. <reason>' (a reason may be an i18n.Text)."""
    st.info(
        _("{what}: verborgen in deze weergave.").format(what=what) + " "
        + (shown(reason) or _("Met de getoonde totalen zou een klein aantal terug te rekenen zijn.")),
        icon=":material/visibility_off:",
    )


def shown_values(values) -> list[str]:
    """Canonical list values (a split's keys, a table's index) as the current language shows
    them (data_access.register_terms.value; any other text unchanged)."""
    return [register_terms.value(str(v)) for v in values]


def shown_split(split: dict) -> dict:
    """A split {canonical value: count} with its keys as the current language shows them."""
    return dict(zip(shown_values(split), split.values()))


def lower_first(text: str) -> str:
    return f"{text[:1].lower()}{text[1:]}"


def split_chart(report, kpi_id: str, register: str, title: str | None = None, *, key: str | None = None, sort: bool = True) -> None:
    """A split KPI of the report (e.g. complaints_by_category) as horizontal bars, largest
    first (sort=False: in the register's order, e.g. sanctions from light to heavy)."""
    title = title or kpi_label(BY_ID[kpi_id])
    split = report.kpis.get(kpi_id)
    if split is None:
        withheld(title, data.hidden_reason(report, kpi_id))
        return
    if not any(v for v in split.values()):
        ui.empty_state(_("{what} in {year}").format(what=lower_first(kpi_label(BY_ID[kpi_id])), year=report.year))
        return
    show(cached(charts.split_bars, shown_split(split), register=register, title=title, sort=sort), list(split.values()), key=key)


def column_split_chart(
    access,
    filters,
    register: str,
    column: str,
    title: str,
    *,
    what: str,
    dienst: str | None = None,
    key: str | None = None,
    sort: bool = True,
) -> None:
    """The rows of `register` dated in the filters' year, known at their reference date, per
    value of `column` (splits.split_counts: suppressed for the netwerk view, None when
    withheld) as horizontal bars; `dienst` narrows them to one dienst."""
    split = splits.split_counts(access, register, filters.year, filters.as_of, column, dienst=dienst)
    if split is None:
        withheld(title)
        return
    if not any(v for v in split.values()):
        ui.empty_state(what)
        return
    show(cached(charts.split_bars, shown_split(split), register=register, title=title, sort=sort), list(split.values()), key=key)


def trend_chart(
    access,
    filters,
    register: str,
    title: str,
    *,
    quarter_title: str | None = None,
    date_column: str | None = None,
    noun: str | None = None,
) -> None:
    """The trend up to the reference date with the same periods a year earlier, over a window
    the user picks (24 or 36 months): per month, and for the netwerk view per quarter (the only
    time unit it has: kpis.disclosure.policy.months_per_period). `title` says 'per maand',
    `quarter_title` the same per quarter (default: `title`); `noun` the y axis (default 'Aantal')."""
    months = st.segmented_control(
        _("Venster"),
        [24, 36],
        default=36,
        format_func=lambda n: ngettext("{n} maand", "{n} maanden", n).format(n=n),
        key=f"{register}_{date_column or 'main'}_venster",
        label_visibility="collapsed",
    ) or 36
    start = dt.date(min(data.register_years() or [filters.year]), 1, 1)
    step = trends.months_per_period(access.aggregated_only)
    per = "maand" if step == 1 else "kwartaal"
    if step != 1:
        title = quarter_title or title
    frame = trends.trend(access, register, filters.as_of, months // step, per="month" if step == 1 else "quarter",
                            dienst=filters.dienst, date_column=date_column)
    frame = _from_start(frame, start)
    if frame is None:
        withheld(title)
        return
    if not any(v for v in list(frame["count"]) + list(frame["previous_year"])):
        ui.empty_state(_("{what} tot {date}").format(what=lower_first(title), date=fmt_date(filters.as_of)))
        return
    unfinished = _unfinished_label(list(frame.index)[-1], filters.as_of, step)
    fig = cached(trend_figure, list(frame.index), list(frame["count"]), list(frame["previous_year"]),
                 register=register, title=title, per=per, noun=noun or _("Aantal"), unfinished=unfinished)
    show(fig, list(frame["count"]) + list(frame["previous_year"]), key=f"trend_{register}_{date_column}")
    st.caption(_trend_note(per, fmt_date(filters.as_of), unfinished=unfinished is not None))


def _trend_note(per: str, date: str, *, unfinished: bool) -> str:
    """What the trend's last period and dashed line are, per month or (netwerk view) per quarter."""
    if per == "maand":
        if unfinished:
            return _("De laatste maand telt tot de peildatum ({date}), nog niet volledig: gestippeld; "
                     "de lichte streepjeslijn is dezelfde maand een jaar eerder.").format(date=date)
        return _("De laatste maand telt tot de peildatum ({date}); de lichte streepjeslijn is dezelfde maand "
                 "een jaar eerder.").format(date=date)
    if unfinished:
        note = _("Het laatste kwartaal telt tot de peildatum ({date}), nog niet volledig: gestippeld; "
                 "de lichte streepjeslijn is hetzelfde kwartaal een jaar eerder.").format(date=date)
    else:
        note = _("Het laatste kwartaal telt tot de peildatum ({date}); de lichte streepjeslijn is hetzelfde "
                 "kwartaal een jaar eerder.").format(date=date)
    return note + " " + _("In de netwerkweergave per kwartaal: maanden naast kwartalen zouden een verborgen maand prijsgeven.")


def _unfinished_label(last: dt.date, as_of: dt.date, step: int) -> str | None:
    """'tot 05/12' when the period of `step` months starting at `last` runs past `as_of`."""
    index = last.year * 12 + last.month - 1 + step
    end = dt.date(index // 12, index % 12 + 1, 1) - dt.timedelta(days=1)
    return _("tot {date}").format(date=f"{as_of:%d/%m}") if as_of < end else None


def trend_figure(periods, counts, previous, *, register: str, title: str, per: str, noun: str, unfinished: str | None = None):
    """The trend chart of trend_chart: counts per month (per='maand') or per quarter
    ('kwartaal', labelled 'K1 2025') with the same period a year earlier; `unfinished` as
    charts.monthly_trend."""
    month = per == "maand"
    fig = charts.monthly_trend(
        periods,
        counts,
        register=register,
        title=title,
        previous=previous,
        name=_("Per maand") if month else _("Per kwartaal"),
        previous_name=_("Zelfde maand een jaar eerder") if month else _("Zelfde kwartaal een jaar eerder"),
        y_title=noun,
        unfinished=unfinished,
    )
    if per == "kwartaal":
        fig.update_xaxes(ticktext=[_quarter_label(p) for p in periods], tickvals=periods, tickmode="array")
        fig.update_traces(customdata=[_quarter_label(p) for p in periods], selector=dict(mode="lines+markers"))
        fig.update_traces(customdata=[_quarter_label(p) for p in periods[-2:]], selector=dict(mode="lines+markers+text"))
    return fig


def _from_start(frame: pd.DataFrame | None, start: dt.date) -> pd.DataFrame | None:
    """The periods from `start` (the first year with data) on: earlier months are not zero but
    unknown, and so is a previous-year value before it."""
    if frame is None:
        return None
    frame = frame[[p >= start for p in frame.index]].copy()
    frame["previous_year"] = [None if p.replace(year=p.year - 1) < start else v for p, v in zip(frame.index, frame["previous_year"])]
    return frame


def _quarter_label(day: dt.date) -> str:
    """'K1 2025' (fr: 'T1 2025')."""
    return _("K{quarter} {year}").format(quarter=(day.month - 1) // 3 + 1, year=day.year)


