"""Chart sections of the register pages: a chart with a line on what it hides, or the message
for a chart withheld in this view. Every figure is built through figure_cache.cached.

    show(fig, values=(), key=None)                   the chart (or one sentence when it has nothing to
                                                     draw) and, when values are hidden, the note once
    withheld(what, reason=None)                      the message for a withheld chart
    split_chart(report, kpi_id, register, title, *, sort=True)   a split KPI as bars
    column_split_chart(access, filters, register, column, title, *, what, dienst=None, key=None, sort=True)
        the year's rows per value of a column (reads.splits.split_counts) as bars
    year_chart(frame, *, register, title, key, **year_bars options)  KPI values per year
        (reads.years.year_frame) as bars, or a table when the view hides every value
    trend_chart(access, filters, register, title, *, date_column=None, noun="Aantal")
    register_sparklines(access, filters)             a small trend per register (Overzicht)
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
from kpis.catalog import BY_ID
from kpis.disclosure.markers import SMALL, is_suppressed

SMALL_COUNTS_HELP = "Kleine aantallen (onder de drempel) worden getoond als {marker}; x: verborgen om een klein aantal te beschermen."


def small_marker(values) -> str | None:
    for v in values:
        if is_suppressed(v) and v.kind == SMALL:
            return v
    return None


HIDDEN_HELP = "Zonder staaf: verborgen in deze weergave, het cijfer steunt op te weinig dossiers."


def show(fig, values: Sequence = (), *, key: str | None = None) -> None:
    """The chart; when some of its values are hidden, the note that says how (once per page).
    A chart with nothing to draw (every value hidden or 0) is one sentence instead."""
    flat = []
    for v in values:
        flat.extend(v if isinstance(v, (list, tuple)) else [v])
    markers = {v for v in flat if is_suppressed(v)}
    if markers and not any(charts.is_shown(v) and v for v in flat):
        st.info(all_hidden_sentence(chart_title(fig), flat), icon=":material/visibility_off:")
    else:
        ui.chart(fig, key=key)
    if markers - {HIDDEN}:
        ui.note_once(SMALL_COUNTS_HELP.format(marker=small_marker(flat) or "<N"), key="small_counts")
    if HIDDEN in markers:
        ui.note_once(HIDDEN_HELP)


def chart_title(fig) -> str:
    """The title of a go.Figure or of a figure_cache.Built (its dict)."""
    layout = fig.spec.get("layout", {}) if hasattr(fig, "spec") else fig.to_dict().get("layout", {})
    return str((layout.get("title") or {}).get("text") or "")


def all_hidden_sentence(title: str, values: Sequence) -> str:
    """'Tuchtbeslissingen 2026: per sanctie: geen grafiek, elk aantal is 0 of te klein om te tonen (<5).'"""
    markers = " of ".join(sorted({v for v in values if is_suppressed(v)}))
    what = f"**{plain(title)}**: " if title else ""
    return f"{what}geen grafiek, elk aantal is 0 of te klein om te tonen ({plain(markers)})."


def year_chart(frame: pd.DataFrame, *, register: str, title: str, key: str, **bar_options) -> None:
    """KPI values per year (year_frame) as bars; when the view hides every one of them (all
    '<5' or 0), a small table instead: a row of markers on an empty axis reads worse."""
    values = frame.to_numpy().ravel().tolist()
    if any(is_suppressed(v) for v in values) and not any(charts.is_shown(v) and v for v in values):
        st.markdown(f"**{title}**")
        ui.table(frame.rename_axis("Jaar").reset_index(), static=True)  # in a half-width column: headers wrap
        ui.note_once(SMALL_COUNTS_HELP.format(marker=small_marker(values) or "<N"), key="small_counts")
        return
    show(cached(charts.year_bars, frame, register=register, title=title, **bar_options), values, key=key)


def withheld(what: str, reason: str | None = None) -> None:
    st.info(
        f"{what}: verborgen in deze weergave. " + (reason or "Met de getoonde totalen zou een klein aantal terug te rekenen zijn."),
        icon=":material/visibility_off:",
    )


def split_chart(report, kpi_id: str, register: str, title: str | None = None, *, key: str | None = None, sort: bool = True) -> None:
    """A split KPI of the report (e.g. complaints_by_category) as horizontal bars, largest
    first (sort=False: in the register's order, e.g. sanctions from light to heavy)."""
    title = title or BY_ID[kpi_id].label
    split = report.kpis.get(kpi_id)
    if split is None:
        withheld(title, data.hidden_reason(report, kpi_id))
        return
    if not any(v for v in split.values()):
        ui.empty_state(f"{BY_ID[kpi_id].label[0].lower()}{BY_ID[kpi_id].label[1:]} in {report.year}")
        return
    show(cached(charts.split_bars, split, register=register, title=title, sort=sort), list(split.values()), key=key)


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
    show(cached(charts.split_bars, split, register=register, title=title, sort=sort), list(split.values()), key=key)


def trend_chart(access, filters, register: str, title: str, *, date_column: str | None = None, noun: str = "Aantal") -> None:
    """The trend up to the reference date with the same periods a year earlier, over a window
    the user picks (24 or 36 months): per month, and for the netwerk view per quarter (the only
    time unit it has: kpis.disclosure.policy.months_per_period)."""
    months = st.segmented_control(
        "Venster",
        [24, 36],
        default=36,
        format_func=lambda n: f"{n} maanden",
        key=f"{register}_{date_column or 'main'}_venster",
        label_visibility="collapsed",
    ) or 36
    start = dt.date(min(data.register_years() or [filters.year]), 1, 1)
    step = trends.months_per_period(access.aggregated_only)
    per = "maand" if step == 1 else "kwartaal"
    if step != 1:
        title = title.replace("per maand", "per kwartaal")
    frame = trends.trend(access, register, filters.as_of, months // step, per="month" if step == 1 else "quarter",
                            dienst=filters.dienst, date_column=date_column)
    frame = _from_start(frame, start)
    if frame is None:
        withheld(title)
        return
    if not any(v for v in list(frame["count"]) + list(frame["previous_year"])):
        ui.empty_state(f"{title[0].lower()}{title[1:]} tot {fmt_date(filters.as_of)}")
        return
    unfinished = _unfinished_label(list(frame.index)[-1], filters.as_of, step)
    fig = cached(trend_figure, list(frame.index), list(frame["count"]), list(frame["previous_year"]),
                 register=register, title=title, per=per, noun=noun, unfinished=unfinished)
    show(fig, list(frame["count"]) + list(frame["previous_year"]), key=f"trend_{register}_{date_column}")
    article, same = ("De laatste", "dezelfde") if per == "maand" else ("Het laatste", "hetzelfde")
    note = f"{article} {per} telt tot de peildatum ({fmt_date(filters.as_of)})"
    note += ", nog niet volledig: gestippeld" if unfinished else ""
    note += f"; de lichte streepjeslijn is {same} {per} een jaar eerder."
    if step != 1:
        note += " In de netwerkweergave per kwartaal: maanden naast kwartalen zouden een verborgen maand prijsgeven."
    st.caption(note)


def _unfinished_label(last: dt.date, as_of: dt.date, step: int) -> str | None:
    """'tot 05/12' when the period of `step` months starting at `last` runs past `as_of`."""
    index = last.year * 12 + last.month - 1 + step
    end = dt.date(index // 12, index % 12 + 1, 1) - dt.timedelta(days=1)
    return f"tot {as_of:%d/%m}" if as_of < end else None


def trend_figure(periods, counts, previous, *, register: str, title: str, per: str, noun: str, unfinished: str | None = None):
    """The trend chart of trend_chart: counts per month (per='maand') or per quarter
    ('kwartaal', labelled 'K1 2025') with the same period a year earlier; `unfinished` as
    charts.monthly_trend."""
    fig = charts.monthly_trend(
        periods,
        counts,
        register=register,
        title=title,
        previous=previous,
        name=f"Per {per}",
        previous_name=f"Zelfde {per} een jaar eerder",
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
    return f"K{(day.month - 1) // 3 + 1} {day.year}"


