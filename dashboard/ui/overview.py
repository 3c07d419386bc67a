"""The Overzicht page's own sections: this month and a small trend per register, and the
criteria summary.

    month_cards(access, filters)                     the last complete month against the one before
                                                     and a year earlier; the running month in a line
    last_complete_month(as_of), month_end(first), running_month_label(as_of)
    register_sparklines(access, filters)             a small trend per register
    criteria_summary(report)                         gehaald / niet gehaald / geen gegevens, and
                                                     the criteria the review has to talk about
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from html import escape

import pandas as pd
import streamlit as st

from dashboard.charts.sparkline import sparkline_svg
from dashboard.reads import data, trends, years
from dashboard.style import theme
from dashboard.style.formatting import HIDDEN, fmt_date
from dashboard.style.text import plain
from dashboard.ui import components as ui, criteria_view
from dashboard.ui.chart_sections import show_svg, withheld
from i18n import N_, _, month_name as locale_month_name, shown
from kpis.catalog import BY_ID, definition, kpi_for_indicator
from kpis.disclosure.markers import is_suppressed


def month_name(day: dt.date) -> str:
    """'november' / 'novembre' (the current language)."""
    return locale_month_name(day.month)


DIENST_NOTE = N_("Enkel dienst {dienst}, behalve de meldingen: die hebben geen dienst en gelden voor de hele zone.")


def last_complete_month(as_of: dt.date) -> dt.date:
    """The first day of the last month complete at `as_of` (its own month when `as_of` is the
    month's last day)."""
    if (as_of + dt.timedelta(days=1)).day == 1:
        return as_of.replace(day=1)
    return (as_of.replace(day=1) - dt.timedelta(days=1)).replace(day=1)


def month_end(first: dt.date) -> dt.date:
    return (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)


def running_month_label(as_of: dt.date) -> str | None:
    """'lopende maand (tot 05/12)', or None when `as_of` ends its month."""
    if last_complete_month(as_of) == as_of.replace(day=1):
        return None
    return _("lopende maand (tot {day})").format(day=f"{as_of:%d/%m}")


def month_cards(access, filters) -> None:
    """Per register the rows dated in the last complete month at the reference date against the
    month before and the same month a year earlier; the running month, when there is one, in
    one line under them. The help text is the catalog definition the count follows."""
    if access.aggregated_only:
        st.caption(_("In de netwerkweergave geen cijfers per maand: enkel per kwartaal en per jaar, zodat geen verborgen "
                     "aantal uit het verschil kan worden teruggerekend."))
        return
    month = last_complete_month(filters.as_of)
    st.subheader(_("Maand {month} {year}").format(month=month_name(month), year=month.year), anchor=False)
    before = (month - dt.timedelta(days=1)).replace(day=1)
    st.caption(_("De laatste volledige maand op de peildatum, vergeleken met {before} {before_year} en met {month} "
                 "{year_before}.").format(before=month_name(before), before_year=before.year, month=month_name(month),
                                          year_before=month.year - 1))
    if filters.dienst:
        st.caption(_(DIENST_NOTE).format(dienst=plain(filters.dienst)))
    columns = st.columns(len(MONTH_FIGURES))
    running = []
    for column, (register, (label, kpi_id)) in zip(columns, MONTH_FIGURES.items()):
        frame = trends.trend(access, register, month_end(month), 2, dienst=filters.dienst)
        help_text = _("{definition} Hier: in de kalendermaand {month} {year}.").format(
            definition=definition(BY_ID[kpi_id]), month=month_name(month), year=month.year)
        (now, year_ago), previous = list(frame.iloc[-1]), frame["count"].iloc[0]
        delta = now - previous
        with column:
            st.metric(
                _("{label} in {month}").format(label=_(label), month=month_name(month)),
                ui.fmt_kpi("complaints_received", now),  # a count, formatted as every count
                delta="0" if delta == 0 else f"{delta:+d}",
                delta_color="off",
                delta_description=_("t.o.v. {before}; {month} {year_before}: {year_ago}").format(
                    before=month_name(before), month=month_name(month), year_before=month.year - 1, year_ago=year_ago),
                help=help_text,
                border=True,
            )
        label_running = running_month_label(filters.as_of)
        if label_running:
            current = trends.trend(access, register, filters.as_of, 1, dienst=filters.dienst)
            running.append(f"{_(label).lower()} {current['count'].iloc[-1]}")
    if running:
        st.caption(_("{running}: {counts}; nog niet volledig.").format(
            running=running_month_label(filters.as_of).capitalize(), counts=", ".join(running)))


def _criterion_shown(criterion, kpis: Mapping) -> str:
    """The value as this view may show it: a value hidden for the netwerk view reads as the
    KPI's marker ('<5') or 'verborgen', never 'geen gegevens'."""
    if criterion.value is None and criterion.problem and kpis:
        kpi = kpi_for_indicator(criterion.indicator)
        shown = kpis.get(kpi.id) if kpi else None
        if is_suppressed(shown):
            return shown
        if str(criterion.problem).startswith("Verborgen") or str(criterion.problem).startswith("Aantal onder"):
            return _(HIDDEN)
    return criteria_view.fmt_indicator_value(criterion.indicator, criterion.value)


def criteria_frame(criteria, kpis: Mapping | None = None) -> pd.DataFrame:
    """The criteria as a table; its headers (Dutch column names, components.table translates
    them) and each status (shown in the current language)."""
    return pd.DataFrame(
        {
            N_("Criterium"): [c.id for c in criteria],
            N_("Omschrijving"): [c.omschrijving for c in criteria],
            N_("Waarde"): [_criterion_shown(c, kpis or {}) for c in criteria],
            N_("Norm"): [criteria_view.norm_text(c) for c in criteria],  # '%' and units as on Evaluatiecriteria
            N_("Status"): [_(c.status) for c in criteria],
        }
    )


def criteria_summary(report) -> None:
    """Gehaald / niet gehaald / geen gegevens for the year, and the criteria that are not met
    or have no data (what the review has to talk about)."""
    ui.kpi_cards(report.kpis, ["criteria_met", "criteria_not_met", "criteria_no_data"], per_row=3)
    if not report.criteria:
        ui.empty_state(_("evaluatiecriteria voor {year}").format(year=report.year),
                       _("Het register Evaluatiecriteria heeft geen criteria voor dit jaar."))
        return
    open_items = [c for c in report.criteria if c.status != "gehaald"]
    if not open_items:
        st.success(_("Alle {n} criteria voor {year} zijn gehaald.").format(n=len(report.criteria), year=report.year),
                   icon=":material/check_circle:")
        return
    st.markdown("**" + _("Niet gehaald of zonder gegevens") + "**")
    # A plain table (st.table): a short read-only list whose texts wrap; an interactive grid
    # would make a new tab load and run its script before the Overzicht shows anything
    # (bench/README.md). The criteria's own page has the grid.
    ui.table(criteria_frame(open_items, report.kpis), static=True)
    for c in open_items:
        if c.problem:
            st.caption(_("{id}: {problem}").format(id=plain(c.id), problem=plain(shown(c.problem))))  # both may quote the register


# register -> (card label, the catalog KPI whose definition the month figure follows)
MONTH_FIGURES = {
    "klachten": (N_("Klachten ontvangen"), "complaints_received"),
    "functioneringsnotas": (N_("Functioneringsnota's"), "notes_issued"),
    "tuchtdossiers": (N_("Dossiers geopend"), "discipline_by_category"),
    "meldingen": (N_("Meldingen ontvangen"), "reports_received"),
}


def _sparkline_title(text: str) -> None:
    """A sparkline's title, two lines high even when it fits on one: the four lines side by side
    start at the same height (a title wraps or not with the language and the width)."""
    html = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", escape(text))  # the catalog's **bold**, the rest as text
    st.markdown(f'<div style="min-height:3.2em">{html}</div>', unsafe_allow_html=True)


def register_sparklines(access, filters, months: int = 12) -> None:
    """A small trend per register in its colour: the 12-month total month by month (a smooth
    line even for a register of a few rows a year); for the netwerk view, where successive
    12-month totals would give away single months, the total per year instead."""
    columns = st.columns(len(MONTH_FIGURES))
    first_year = max(min(data.register_years() or [filters.year]), filters.year - 5)
    for column, (register, (label, _kpi)) in zip(columns, MONTH_FIGURES.items()):
        with column:
            if access.aggregated_only:
                _sparkline_title(_("**{label}** · per jaar").format(label=_(label)))
                frame = years.yearly(access, register, first_year, filters.year, as_of=filters.as_of, dienst=filters.dienst)
                if frame is None:
                    withheld(_(label))
                    continue
                shown_years = list(frame.index)
                values = list(frame["count"])
                points = [dt.date(int(y), 1, 1) for y in shown_years]
                as_of = data.effective_filters(access, filters).as_of
                names = [_("{year} (tot {day})").format(year=y, day=f"{as_of:%d/%m}") if int(y) == as_of.year and as_of < dt.date(as_of.year, 12, 31)
                         else str(y) for y in shown_years]
            else:
                _sparkline_title(_("**{label}** · laatste 12 maanden").format(label=_(label)))
                end = month_end(last_complete_month(filters.as_of))
                rolled = trends.rolling_year(access, register, end, months, dienst=filters.dienst)
                points, values = list(rolled.index), [int(v) for v in rolled]
                names = None
            scale = theme.PROJECTOR_SCALE if ui.projector() else 1.0
            show_svg(sparkline_svg(points, values, register=register, labels=names, scale=scale), values)
    if not access.aggregated_only:
        end = month_end(last_complete_month(filters.as_of))
        note = _("Elk punt: het aantal over de twaalf maanden tot en met die maand, de laatste tot {day}.").format(
            day=fmt_date(end))
        if running_month_label(filters.as_of):
            note += " " + _("De {running} telt nog niet mee.").format(running=running_month_label(filters.as_of))
        if filters.dienst:
            note += " " + _(DIENST_NOTE).format(dienst=plain(filters.dienst))
        st.caption(note)
