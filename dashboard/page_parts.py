"""Sections the register pages share (Overzicht, Klachten, Functioneringsnota's, Tucht), so a
page file stays a list of sections. Streamlit UI on top of dashboard.data / page_data / charts;
everything it shows for the netwerk view comes suppressed from those modules.

    stop_if_empty_database()                         the Dutch message for an empty database
    previous_filters(filters, access) -> Filters | None   the view of last year compared with
    previous_report(access, filters) -> Report | None      its report
    previous_label(previous) / comparison_caption(previous)   what the card deltas compare with
    cards(report, previous, kpi_ids, filters)        KPI cards; a hidden value says 'verborgen'
    shown_kpis(report) -> dict / hidden_reason(report, kpi_id) -> str | None
    split_chart(report, kpi_id, register, title, *, sort=True)   a split KPI as bars
    column_split_chart(access, filters, register, column, title, *, what, dienst=None, key=None, sort=True)
        the year's rows per value of a column (page_data.split_counts) as bars
    show(fig, values=(), key=None)                   the chart and, when values are hidden, a caption
    Every chart here is built through figure_cache.cached: once per distinct values shown.
    withheld(what, reason=None)                      the message for a withheld chart
    year_views(filters, years=6) -> [(label, Filters)]             each year up to Y, as year_reports sees it
    year_reports(access, filters, years=6) -> [(label, Report)]   the report of each year up to Y
    per_fte_frame(access, filters, column, years=6, kpi_id=...) -> DataFrame  klachten (or meldingen) per 100 VTE per year
        (as year_frame of year_reports, from one count per year)
    count_frame(access, filters, register, column, years=6) -> DataFrame  a count KPI per year (rows
        by main date, e.g. notes_issued) as year_frame of year_reports, from one GROUP BY year
    year_frame(reports, {column: kpi id}) -> DataFrame            KPI values per year
    year_chart(frame, *, register, title, key, **year_bars options)  those as bars (or a table
        when the view hides every value)
    trend_chart(access, filters, register, title, *, date_column=None, noun="Aantal")
    alerts_section(access, filters, *, kinds=None, due_label="Termijn", limit=None, none_text=...)
        the dossiers most urgent first (days late / left), or counts only for the netwerk view
    month_cards(access, filters)                     this month against the previous one
    register_sparklines(access, filters)             a small trend per register
    criteria_summary(report)                         gehaald / niet gehaald / geen gegevens
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import replace

import pandas as pd
import streamlit as st

from dashboard import charts, data, errors, memo, page_data
from dashboard.figure_cache import cached
from dashboard import components as ui
from dashboard.formatting import fmt_date
from dashboard.text import plain

HIDDEN = "verborgen"
EMPTY_DATABASE = (
    "De databank bevat nog geen gegevens. De integriteitscoördinator kan de registers inlezen op de "
    "pagina Gegevens (een Excel-werkmap volgens het sjabloon)."
)
SMALL_COUNTS_HELP = "Kleine aantallen (onder de drempel) worden getoond als {marker}; x: verborgen om een klein aantal te beschermen."


# --- page frame ------------------------------------------------------------------------------


@memo.cached(max_entries=data.CACHE_ENTRIES)
def _is_empty(url: str, version: int) -> bool:
    from data_access.db import is_empty

    with data.engine_for(url).connect() as conn:
        return is_empty(conn)


def database_is_empty() -> bool:
    with errors.database_guard():
        return _is_empty(*data.cache_key())


def stop_if_empty_database() -> None:
    """An empty database: one clear message, and the page stops."""
    if database_is_empty():
        st.info(EMPTY_DATABASE, icon=":material/database:")
        st.stop()


def previous_filters(filters, access=None):
    """The view of last year that the filters' view is compared with (None: no comparison):
    the same day a year earlier (29/02 becomes 28/02); for a view on fixed reference dates
    (the netwerk view) the whole of last year, and nothing beside the running year
    (kpis.disclosure.policy.comparison_as_of: one reference date per year)."""
    from kpis.disclosure.policy import comparison_as_of

    access = access if access is not None else st.session_state.get(ui.ACCESS_KEY)
    fixed = access is not None and not access.allows("choose_reference_date")
    as_of = comparison_as_of(filters.year, filters.as_of, fixed=fixed)
    return None if as_of is None else replace(filters, year=filters.year - 1, as_of=as_of)


def previous_report(access, filters):
    """The report of previous_filters (None when this view has no comparison)."""
    before = previous_filters(filters, access)
    return None if before is None else data.get_report(access, before)


def previous_label(previous) -> str:
    """Short enough for a card at 1280 px: 't.o.v. 2024' (the caption above says up to which day)."""
    return f"t.o.v. {previous.year}"


NO_COMPARISON = (
    "Kaarten zonder vergelijking met vorig jaar: de netwerkweergave toont elk jaar op één peildatum, en het "
    "lopende jaar naast een deel van vorig jaar zou de laatste weken van vorig jaar prijsgeven."
)


def comparison_caption(previous) -> str:
    """'Pijltjes: verschil met 2024 tot en met 22/11/2024 (…)', '… met heel 2024.', or why
    there is no comparison (previous None)."""
    if previous is None:
        return NO_COMPARISON
    if (previous.as_of.month, previous.as_of.day) == (12, 31):
        return f"Pijltjes: verschil met heel {previous.year}."
    return f"Pijltjes: verschil met {previous.year} tot en met {fmt_date(previous.as_of)} (dezelfde periode vorig jaar)."


def hidden_reason(report, kpi_id: str) -> str | None:
    return ((report.extra or {}).get("suppression") or {}).get("reasons", {}).get(kpi_id)


def shown_kpis(report) -> dict:
    """The report's values, a value hidden for the netwerk view replaced by 'verborgen' (it
    would otherwise read 'geen gegevens')."""
    return {k: HIDDEN if v is None and hidden_reason(report, k) else v for k, v in report.kpis.items()}


def cards(report, previous, kpi_ids: Sequence[str], filters, *, per_row: int = 4) -> None:
    """KPI cards against `previous` (previous_report: last year up to the same day, or None);
    under them the reason for any value hidden in this view."""
    st.caption(comparison_caption(previous))
    ui.kpi_cards(shown_kpis(report), list(kpi_ids), previous=None if previous is None else previous.kpis,
                 previous_label=previous_label(previous or report), per_row=per_row)
    reasons = {hidden_reason(report, k) for k in kpi_ids} - {None}
    for reason in sorted(reasons):
        st.caption(reason)


# --- charts ----------------------------------------------------------------------------------


def small_marker(values) -> str | None:
    for v in values:
        if isinstance(v, str) and v.startswith("<"):
            return v
    return None


HIDDEN_HELP = "Zonder staaf: verborgen in deze weergave, het cijfer steunt op te weinig dossiers."


def show(fig, values: Sequence = (), *, key: str | None = None) -> None:
    """The chart; when some of its values are hidden, one line under it that says how."""
    ui.chart(fig, key=key)
    flat = []
    for v in values:
        flat.extend(v if isinstance(v, (list, tuple)) else [v])
    markers = {v for v in flat if isinstance(v, str)}
    if markers - {HIDDEN}:
        st.caption(SMALL_COUNTS_HELP.format(marker=small_marker(flat) or "<N"))
    if HIDDEN in markers:
        st.caption(HIDDEN_HELP)


def year_chart(frame: pd.DataFrame, *, register: str, title: str, key: str, **bar_options) -> None:
    """KPI values per year (year_frame) as bars; when the view hides every one of them (all
    '<5' or 0), a small table instead: a row of markers on an empty axis reads worse."""
    values = frame.to_numpy().ravel().tolist()
    if any(isinstance(v, str) for v in values) and not any(charts.is_shown(v) and v for v in values):
        st.markdown(f"**{title}**")
        ui.table(frame.rename_axis("Jaar").reset_index().astype(str).replace({"None": "", "nan": ""}))
        st.caption(SMALL_COUNTS_HELP.format(marker=small_marker(values) or "<N"))
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
    from kpis.catalog import BY_ID

    title = title or BY_ID[kpi_id].label
    split = report.kpis.get(kpi_id)
    if split is None:
        withheld(title, hidden_reason(report, kpi_id))
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
    value of `column` (page_data.split_counts: suppressed for the netwerk view, None when
    withheld) as horizontal bars; `dienst` narrows them to one dienst."""
    split = page_data.split_counts(access, register, filters.year, filters.as_of, column, dienst=dienst)
    if split is None:
        withheld(title)
        return
    if not any(v for v in split.values()):
        ui.empty_state(what)
        return
    show(cached(charts.split_bars, split, register=register, title=title, sort=sort), list(split.values()), key=key)


# --- over the years --------------------------------------------------------------------------


def year_views(filters, years: int = 6) -> list[tuple[str, object]]:
    """The filters of each of the last `years` years up to the filters' year (that one at its
    reference date, the earlier ones over the whole year), oldest first, from the first year
    with data on. Labels: '2024', and '2025 (tot 22/11)' for a year cut off by the date."""
    first = min(data.register_years() or [filters.year])
    out = []
    for year in range(max(first, filters.year - years + 1), filters.year + 1):
        view = filters if year == filters.year else replace(filters, year=year, as_of=dt.date(year, 12, 31))
        label = str(year)
        if view.as_of < dt.date(year, 12, 31):
            label += f" (tot {view.as_of:%d/%m})"
        out.append((label, view))
    return out


def year_reports(access, filters, years: int = 6) -> list[tuple[str, object]]:
    """The report of each of year_views (label, Report): for KPIs that need the whole report of
    a past year (medians, measures); a plain count per year costs one query (e.g. per_fte_frame)."""
    return [(label, data.get_report(access, view)) for label, view in year_views(filters, years)]


def per_fte_frame(access, filters, column: str, years: int = 6, kpi_id: str = "complaints_per_100_fte") -> pd.DataFrame:
    """year_frame(year_reports(access, filters, years), {column: kpi_id}) for a per-100-VTE KPI,
    the same values and markers, from one count per year (page_data.per_100_fte)."""
    views = year_views(filters, years)
    values = page_data.per_100_fte(access, kpi_id, [(v.year, v.as_of) for _, v in views], dienst=filters.dienst)
    rows = {label: {column: HIDDEN if value is None and reason else value} for (label, _), (value, reason) in zip(views, values)}
    return pd.DataFrame.from_dict(rows, orient="index", dtype=object)


def year_frame(reports: Sequence[tuple[str, object]], columns: Mapping[str, str], *, hidden=HIDDEN) -> pd.DataFrame:
    """Per year (index: the labels), a column per {column label: kpi id}; a hidden value as
    the marker the netwerk view shows ('<5'), or `hidden`."""
    rows = {}
    for label, report in reports:
        values = shown_kpis(report)
        rows[label] = {name: values.get(kpi_id) for name, kpi_id in columns.items()}
    return pd.DataFrame.from_dict(rows, orient="index", dtype=object)


def count_frame(access, filters, register: str, column: str, years: int = 6) -> pd.DataFrame:
    """year_frame(year_reports(access, filters, years), {column: <count KPI>}) for a count KPI of
    the rows of `register` by its main date (e.g. notes_issued), the same values and markers,
    from one GROUP BY year (page_data.counts_per_year)."""
    views = year_views(filters, years)
    counts = page_data.counts_per_year(access, register, [(v.year, v.as_of) for _, v in views], dienst=filters.dienst)
    return pd.DataFrame.from_dict({label: {column: n} for (label, _), n in zip(views, counts)}, orient="index", dtype=object)


# --- monthly trend ---------------------------------------------------------------------------


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
    step = page_data.months_per_period(access.aggregated_only)
    per = "maand" if step == 1 else "kwartaal"
    if step != 1:
        title = title.replace("per maand", "per kwartaal")
    frame = page_data.trend(access, register, filters.as_of, months // step, per="month" if step == 1 else "quarter",
                            dienst=filters.dienst, date_column=date_column)
    frame = _from_start(frame, start)
    if frame is None:
        withheld(title)
        return
    if not any(v for v in list(frame["count"]) + list(frame["previous_year"])):
        ui.empty_state(f"{title[0].lower()}{title[1:]} tot {fmt_date(filters.as_of)}")
        return
    fig = cached(trend_figure, list(frame.index), list(frame["count"]), list(frame["previous_year"]),
                 register=register, title=title, per=per, noun=noun)
    show(fig, list(frame["count"]) + list(frame["previous_year"]), key=f"trend_{register}_{date_column}")
    article, same = ("De laatste", "dezelfde") if per == "maand" else ("Het laatste", "hetzelfde")
    note = f"{article} {per} telt tot de peildatum ({fmt_date(filters.as_of)}); de lichte stippellijn is {same} {per} een jaar eerder."
    if step != 1:
        note += " In de netwerkweergave per kwartaal: maanden naast kwartalen zouden een verborgen maand prijsgeven."
    st.caption(note)


def trend_figure(periods, counts, previous, *, register: str, title: str, per: str, noun: str):
    """The trend chart of trend_chart: counts per month (per='maand') or per quarter
    ('kwartaal', labelled 'K1 2025') with the same period a year earlier."""
    fig = charts.monthly_trend(
        periods,
        counts,
        register=register,
        title=title,
        previous=previous,
        name=f"Per {per}",
        previous_name=f"Zelfde {per} een jaar eerder",
        y_title=noun,
    )
    if per == "kwartaal":
        fig.update_xaxes(ticktext=[_quarter_label(p) for p in periods], tickvals=periods, tickmode="array")
        fig.update_traces(customdata=[_quarter_label(p) for p in periods], selector=dict(mode="lines+markers"))
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


# --- alerts ("Vraagt aandacht") ----------------------------------------------------------------

REGISTER_LABELS = {
    "klachten": "Klachten",
    "functioneringsnotas": "Functioneringsnota's",
    "tuchtdossiers": "Tuchtdossiers",
    "meldingen": "Meldingen",
    "actieplan": "Actieplan",
}


def _table_height(rows: int, *, scrollbar: bool = False) -> int:
    """Tall enough to show every row without an inner scrollbar (st.dataframe rows are 35 px),
    plus room for a horizontal scrollbar when long text may overflow."""
    return 35 * (rows + 1) + (14 if scrollbar else 3)


def days_text(days_late: int) -> str:
    """23 -> '23 dagen te laat', 0 -> 'vandaag', -5 -> 'nog 5 dagen'."""
    n = abs(int(days_late))
    days = "1 dag" if n == 1 else f"{n} dagen"
    if days_late > 0:
        return f"{days} te laat"
    return "vandaag" if days_late == 0 else f"nog {days}"


def alerts_frame(items, *, due_label: str = "Termijn") -> pd.DataFrame:
    """The alerts as the table a page shows: Toestand, Soort, Nummer, Termijn, Register."""
    return pd.DataFrame(
        {
            "Toestand": [days_text(a.days_late) for a in items],
            "Soort": [a.kind for a in items],
            "Nummer": [a.key for a in items],
            due_label: [a.due for a in items],
            "Register": [REGISTER_LABELS.get(a.register, a.register) for a in items],
        }
    )


def alert_table(items, *, due_label: str = "Termijn", total: int | None = None, register_column: bool = True,
                kind_column: bool = True) -> None:
    """A table of alerts, most urgent first, with days late or days left in words; `total` the
    number of alerts of which these are the most urgent (said under the table when larger)."""
    frame = alerts_frame(items, due_label=due_label)
    if not register_column:
        frame = frame.drop(columns="Register")
    if not kind_column:
        frame = frame.drop(columns="Soort")
    ui.table(
        frame,
        height=_table_height(len(frame)),
        column_config={
            "Toestand": st.column_config.TextColumn("Toestand", width="small"),
            "Soort": st.column_config.TextColumn("Soort", width="medium"),
            "Nummer": st.column_config.TextColumn("Nummer", width="small"),
        },
    )
    if total is not None and total > len(items):
        st.caption(f"De {len(items)} dringendste van {total}.")


def alerts_section(access, filters, *, kinds: Sequence[str] | None = None, due_label: str = "Termijn",
                   limit: int | None = None, none_text: str = "Niets vraagt aandacht") -> None:
    """The alerts of the view (optionally of some kinds): for roles that may see rows the
    dossiers, most urgent first, with days late or left; for the netwerk view only counts."""
    selected = list(kinds) if kinds else None
    view = page_data.alert_view(access, filters, selected, limit)
    counts = view.counts
    if access.aggregated_only:  # kpis.disclosure.figures.LATE_COUNTS says why
        from kpis.disclosure.release import LATE_REASON

        st.info(LATE_REASON, icon=":material/visibility_off:")
        return
    if not view.items:
        st.success(f"{none_text} op {fmt_date(filters.as_of)}.", icon=":material/check_circle:")
        return
    alert_table(
        view.items,
        due_label=due_label,
        total=view.total,
        register_column=selected is None or len(view.registers) > 1,
        kind_column=selected is None or len(selected) > 1,
    )


# --- Overzicht: this month, and a small trend per register -------------------------------------

# register -> (card label, the catalog KPI whose definition the month figure follows)
MONTH_FIGURES = {
    "klachten": ("Klachten ontvangen", "complaints_received"),
    "functioneringsnotas": ("Functioneringsnota's", "notes_issued"),
    "tuchtdossiers": ("Dossiers geopend", "discipline_by_category"),
    "meldingen": ("Meldingen ontvangen", "reports_received"),
}


def month_name(day: dt.date) -> str:
    from dashboard.formatting import MONTHS

    return MONTHS[day.month - 1]


def month_cards(access, filters) -> None:
    """Per register the rows dated in the reference date's month (up to that date) against the
    whole previous month; the help text is the catalog definition the count follows."""
    from kpis.catalog import BY_ID

    if access.aggregated_only:
        st.caption("In de netwerkweergave geen cijfers per maand: enkel per kwartaal en per jaar, zodat geen verborgen "
                   "aantal uit het verschil kan worden teruggerekend.")
        return
    columns = st.columns(len(MONTH_FIGURES))
    for column, (register, (label, kpi_id)) in zip(columns, MONTH_FIGURES.items()):
        frame = page_data.trend(access, register, filters.as_of, 2, dienst=filters.dienst)
        help_text = (
            f"{BY_ID[kpi_id].definition} Hier: in de kalendermaand tot de peildatum, vergeleken met de hele vorige maand."
        )
        with column:
            if frame is None:
                st.metric(f"{label} in {month_name(filters.as_of)}", HIDDEN, border=True, help=help_text)
                continue
            (prev_month, this_month), (before, now) = list(frame.index), list(frame["count"])
            delta = now - before if isinstance(now, int) and isinstance(before, int) else None
            st.metric(
                f"{label} in {month_name(this_month)}",
                ui.fmt_kpi("complaints_received", now),  # a count, formatted as every count
                delta=None if delta is None else ("0" if delta == 0 else f"{delta:+d}"),
                delta_color="off",
                delta_description=f"t.o.v. {month_name(prev_month)}" if delta is not None else None,
                help=help_text,
                border=True,
            )


def register_sparklines(access, filters, months: int = 24) -> None:
    """A small trend per register in its colour: the 12-month total month by month (a smooth
    line even for a register of a few rows a year); for the netwerk view, where successive
    12-month totals would give away single months, the total per year instead."""
    columns = st.columns(len(MONTH_FIGURES))
    first_year = max(min(data.register_years() or [filters.year]), filters.year - 5)
    for column, (register, (label, _)) in zip(columns, MONTH_FIGURES.items()):
        with column:
            if access.aggregated_only:
                st.markdown(f"**{label}** · per jaar")
                frame = page_data.yearly(access, register, first_year, filters.year, as_of=filters.as_of, dienst=filters.dienst)
                if frame is None:
                    withheld(label)
                    continue
                years = list(frame.index)
                values = list(frame["count"])
                points = [dt.date(int(y), 1, 1) for y in years]
                names = [str(y) for y in years]
            else:
                st.markdown(f"**{label}** · laatste 12 maanden")
                rolled = page_data.rolling_year(access, register, filters.as_of, months, dienst=filters.dienst)
                points, values = list(rolled.index), [int(v) for v in rolled]
                names = None
            fig = cached(charts.sparkline, points, values, register=register, labels=names)
            show(fig, values, key=f"spark_{register}")
    if not access.aggregated_only:
        st.caption(
            f"Elk punt: het aantal over de twaalf maanden tot en met die maand (de laatste tot {fmt_date(filters.as_of)})."
        )


# --- evaluation criteria summary ---------------------------------------------------------------


def criterion_value(indicator: str, value) -> str:
    """A criterion's value or norm on its indicator's scale: a KPI by its unit, an Indicatoren
    value as a plain number."""
    from dashboard.formatting import fmt_decimal
    from kpis.catalog import kpi_for_indicator

    kpi = kpi_for_indicator(indicator)
    return ui.fmt_kpi(kpi.id, value) if kpi else fmt_decimal(value, 2)


def _criterion_shown(criterion, kpis: Mapping) -> str:
    """The value as this view may show it: a value hidden for the netwerk view reads as the
    KPI's marker ('<5') or 'verborgen', never 'geen gegevens'."""
    from kpis.catalog import kpi_for_indicator

    if criterion.value is None and criterion.problem and kpis:
        kpi = kpi_for_indicator(criterion.indicator)
        shown = kpis.get(kpi.id) if kpi else None
        if isinstance(shown, str):
            return shown
        if criterion.problem.startswith("Verborgen") or criterion.problem.startswith("Aantal onder"):
            return HIDDEN
    return criterion_value(criterion.indicator, criterion.value)


def criteria_frame(criteria, kpis: Mapping | None = None) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Criterium": [c.id for c in criteria],
            "Omschrijving": [c.omschrijving for c in criteria],
            "Waarde": [_criterion_shown(c, kpis or {}) for c in criteria],
            "Norm": [f"{c.richting} {criterion_value(c.indicator, c.norm)}" for c in criteria],
            "Status": [c.status for c in criteria],
        }
    )


def criteria_summary(report) -> None:
    """Gehaald / niet gehaald / geen gegevens for the year, and the criteria that are not met
    or have no data (what the review has to talk about)."""
    ui.kpi_cards(report.kpis, ["criteria_met", "criteria_not_met", "criteria_no_data"], per_row=3)
    if not report.criteria:
        ui.empty_state(f"evaluatiecriteria voor {report.year}", "Het register Evaluatiecriteria heeft geen criteria voor dit jaar.")
        return
    open_items = [c for c in report.criteria if c.status != "gehaald"]
    if not open_items:
        st.success(f"Alle {len(report.criteria)} criteria voor {report.year} zijn gehaald.", icon=":material/check_circle:")
        return
    st.markdown("**Niet gehaald of zonder gegevens**")
    ui.table(
        criteria_frame(open_items, report.kpis),
        column_config={
            "Criterium": st.column_config.TextColumn("Criterium", width="small"),
            "Omschrijving": st.column_config.TextColumn("Omschrijving", width="large"),
        },
        height=_table_height(len(open_items), scrollbar=True),
    )
    for c in open_items:
        if c.problem:
            st.caption(f"{plain(c.id)}: {plain(c.problem)}")  # both may quote the register
