"""Shared UI pieces every page is built from. A page is a thin file under pages/:

    from dataclasses import replace

    import plotly.express as px
    import streamlit as st

    from dashboard.ui import components as ui
    from dashboard.reads import data
    from dashboard.style import theme
    from dashboard.ui.filters import current_filters

    access = ui.require()                       # or ui.require("import") for a restricted page
    filters = current_filters()                 # Filters(year, as_of, dienst); dienst None = all
    ui.page_header("Klachten", register="klachten")
    report = data.get_report(access, filters)   # cached, suppressed for netwerk / screen-share
    if ui.no_rows(report, "complaints_received", what="klachten in " + str(filters.year)):
        st.stop()
    ui.kpi_cards(report.kpis, ["complaints_received", "complaints_open", "complaints_median_lead_days"],
                 previous=data.get_report(access, replace(filters, year=filters.year - 1)).kpis,
                 previous_label="t.o.v. vorig jaar")
    fig = px.bar(..., color_discrete_sequence=[theme.register_color("klachten")])
    ui.chart(fig)                               # Dutch separators, projector fonts, no logo
    ui.drill_down("klachten", label=Text(N_("klachten ontvangen in {year}"), year=2025), filters=filters)

The API:
- require(action=None) -> Access: the signed-in Access (set by dashboard/app.py); with an action
  of data_access.access.PERMISSIONS ("import", "change_settings", "view_audit", "read_rows", ...)
  it stops the page with a Dutch message when the role may not do it.
- page_access() -> Access: the same without a check.
- page_header(title, register=None, caption=None): the title with the register's colour and the
  filters in words.
- Text from the database (register values, the zone's name, user and file names) goes through
  dashboard.style.text.plain before it is put into any markdown: st.markdown, st.caption, alerts,
  labels, help texts, empty_state(what, hint).
- kpi_card(kpi_id, value, previous=None, *, previous_label=..., label=None): one st.metric with
  the catalog label, the catalog definition as help, the value formatted by the KPI's unit and
  a delta coloured by higher_is_better. A suppressed value ("<5") or None shows as such, without
  a delta.
  Under a card whose KPI has external references (register Referenties) each reference stands
  with its source, year and population, "ter vergelijking, geen norm" (reference_lines).
- kpi_cards(values, kpi_ids, previous=None, *, previous_label=..., per_row=4): a row of cards.
- fmt_kpi(kpi_id, value) -> str: a KPI value formatted by its unit (tables, labels).
- empty_state(what, hint=None): "Nog geen gegevens voor <what>." (st.info).
- no_rows(report_kpis_or_report, *kpi_ids, what) -> bool: shows the empty state and returns
  True when every given count KPI is 0 or None.
- chart(fig, *, key=None, height=None): st.plotly_chart with the dashboard template; `fig` a
  go.Figure or a figure_cache.Built (a figure built once and cached: figure_cache.cached);
  larger text in screen-share mode (projector()).
- note_once(text, key=None): a caption written once per page (e.g. what "<5" means).
- table(df, *, register=None, column_config=None, key=None, cell_style=None): st.dataframe with
  Dutch headers (register headers for register columns), dates dd/mm/jjjj, empty cells empty, no
  index, columns that fit the page at 1440 px (dashboard.style.tables.fit; what does not fit is read by
  choosing a row); in screen-share mode a plain table that grows with the text (projector()).
- status_badge(status) -> str: markdown badge for gehaald / niet gehaald / geen gegevens.
- drill_down(register, *, label, filters=None, where=None): an expander with the rows behind a
  figure, read through data_access.reader (which enforces the role) only when the user opens
  them, and recorded in the audit log as "detailweergave". Roles that may not see rows get a
  one-line explanation instead.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from numbers import Number

import pandas as pd
import streamlit as st

from dashboard.charts import figure_cache
from dashboard.reads import data
from dashboard.reads.risks import references
from dashboard.shell.auth import ACCESS_KEY
from dashboard.style import tables, theme
from dashboard.style.formatting import fmt_date, fmt_decimal, fmt_delta, fmt_int, fmt_value
from dashboard.style.text import plain
from dashboard.ui.filters import current_filters
from data_access import register_terms
from data_access.access import Access, AccessDenied
from data_access.registers import BY_NAME
from i18n import DEFAULT, N_, Text, _, current, ngettext, shown
from kpis.catalog import BY_ID, definition, label as kpi_label

DEFAULT_PREVIOUS_LABEL = N_("t.o.v. vorige periode")
STATUS_BADGES = {"gehaald": "green", "niet gehaald": "red", "geen gegevens": "gray"}


# --- Access ---------------------------------------------------------------------------------


def page_access() -> Access:
    """The Access of this run. A page opened without the entry script stops with a message."""
    access = st.session_state.get(ACCESS_KEY)
    if not isinstance(access, Access):
        st.error(_("Open het dashboard via de startpagina."))
        st.stop()
    return access


def require(action: str | None = None) -> Access:
    """The Access of this run; with an action, the page stops with a Dutch message unless the
    role (in its current mode) may do it. Every page calls this first."""
    access = page_access()
    if action is not None and not access.allows(action):
        try:
            access.require(action)
        except AccessDenied as exc:
            st.warning(shown(exc.args[0]), icon=":material/lock:")  # an i18n.Text
        st.stop()
    return access


# --- Page frame -----------------------------------------------------------------------------


def page_header(title: str, register: str | None = None, caption: str | None = None) -> None:
    """The page title with a bar in the register's colour, and the zone's name (Instellingen) with
    the active filters in words. `title` and `caption` are markdown: text from the database in a
    caption goes through dashboard.style.text.plain (the default caption does that itself)."""
    color = theme.register_color(register) if register else theme.TEMPLATE.layout.font.color
    st.html(f'<div style="height:6px;width:4rem;background:{color};border-radius:3px;margin-bottom:-1.2rem"></div>')
    st.title(title, anchor=False)
    if caption is None:
        caption = " · ".join(part for part in (plain(data.get_zone_name()), current_filters().describe(markdown=True)) if part)
    if caption:
        st.caption(caption)


def empty_state(what: str, hint: str | None = None) -> None:
    """The message for a view without data: 'Nog geen gegevens voor <what>.' `what` and `hint`
    are markdown (dashboard.style.text.plain for text from the database)."""
    text = _("Nog geen gegevens voor {what}.").format(what=what)
    if hint:
        text += f" {hint}"
    st.info(text, icon=":material/info:")


def no_rows(values, *kpi_ids: str, what: str, hint: str | None = None) -> bool:
    """True (and the empty state shown) when every given count KPI is 0 or missing. `values` is
    a report or its .kpis dict. A suppressed count ("<5") is data, so it is not empty."""
    kpis = getattr(values, "kpis", values)
    if all(kpis.get(k) in (0, None) for k in kpi_ids):
        empty_state(what, hint)
        return True
    return False


# --- KPI cards ------------------------------------------------------------------------------


def _catalog(kpi_id: str):
    return BY_ID[kpi_id]


def fmt_kpi(kpi_id: str, value) -> str:
    """A KPI value formatted by the catalog's unit for it."""
    return fmt_value(value, _catalog(kpi_id).unit)


# What each rate counts among (its base), as a card says it: "3 van 5 afgesloten klachten".
RATE_BASES = {
    "complaints_within_norm_rate": N_("afgesloten klachten"),
    "complaints_founded_rate": N_("beoordeelde afgesloten klachten"),
    "reports_anonymous_rate": N_("ontvangen meldingen"),
    "reports_ack_in_time_rate": N_("meldingen met verstreken termijn of bevestiging"),
    "reports_feedback_in_time_rate": N_("meldingen met verstreken termijn of terugkoppeling"),
    "reports_violation_rate": N_("afgesloten meldingen met schending of geen schending"),
    "actions_done_rate": N_("acties in het plan"),
}
# KPIs about a legal term: marked with theme.LEGAL_ICON wherever a card shows them.
LEGAL_KPIS = frozenset({"reports_ack_in_time_rate", "reports_feedback_in_time_rate", "discipline_limit_at_risk"})


def base_text(kpi_id: str, value, base) -> str | None:
    """'3 van 5 afgesloten meldingen' for a rate with its base (None without one)."""
    if kpi_id not in RATE_BASES or not _is_number(value) or not isinstance(base, int) or base <= 0:
        return None
    return _("{part} van {base} {what}").format(part=fmt_int(round(value * base)), base=fmt_int(base), what=_(RATE_BASES[kpi_id]))


def kpi_card(
    kpi_id: str,
    value,
    previous=None,
    *,
    previous_label: str | None = None,
    label: str | None = None,
    base=None,
    note: str | None = None,
    help_text: str | None = None,
) -> None:
    """One KPI: catalog label and definition (help), value by unit, delta against `previous`
    coloured green when it moves the good way (the KPI's higher_is_better). A rate with its
    `base` (rows it counts among) says '3 van 5 …'; `note` is a line of its own under the value
    (then no delta); a KPI about a legal term carries theme.LEGAL_ICON."""
    kpi = _catalog(kpi_id)
    delta = None
    if _is_number(value) and _is_number(previous) and note is None:
        delta = fmt_delta(value - previous, kpi.unit)
    higher_is_better = getattr(kpi, "higher_is_better", None)
    delta_color = "off" if higher_is_better is None else "normal" if higher_is_better else "inverse"
    description = (previous_label or _(DEFAULT_PREVIOUS_LABEL)) if delta is not None else None
    extra = note or base_text(kpi_id, value, base)
    arrow = "auto"
    if extra and delta is None:
        delta, delta_color, arrow = extra, "off", "off"
    elif extra:
        description = f"{description} · {extra}"
    st.metric(
        label or card_label(kpi),
        fmt_value(value, kpi.unit),
        delta=delta,
        delta_color=delta_color,
        delta_arrow=arrow,
        delta_description=description,
        help=help_text or definition(kpi),
        icon=theme.LEGAL_ICON if kpi_id in LEGAL_KPIS else None,
        border=True,
    )
    for line in reference_lines(kpi_id):
        st.caption(line)


def reference_lines(kpi_id: str) -> list[str]:
    """One markdown line per external reference of the KPI: value on the KPI's scale, population,
    source and year; a comparison, never a norm."""
    kpi = _catalog(kpi_id)
    # as published: 0,67 stays 0,67 (a card rounds the zone's own figure to one decimal)
    value_of = (lambda v: fmt_value(v, kpi.unit)) if kpi.unit == "rate" else (lambda v: fmt_decimal(v, 2))
    return [
        _("Ter vergelijking (geen norm): {value} · {population} · {source}, cijfers {year}").format(
            value=value_of(ref.on_kpi_scale), population=plain(ref.populatie), source=plain(ref.bron), year=ref.jaar)
        for ref in references().get(kpi_id, [])
    ]


# The unit a label names in brackets, where the value on a card writes it already ('37 dagen').
UNIT_IN_LABEL = {"days": N_("dagen"), "rate": "%", "percent": "%"}


def card_label(kpi) -> str:
    """The catalog label (in the current language) without the unit its value says itself:
    'Mediane doorlooptijd (dagen)' on a card reads 'Mediane doorlooptijd', its value '37 dagen'
    (the unit once)."""
    unit = UNIT_IN_LABEL.get(kpi.unit)
    return kpi_label(kpi).removesuffix(f" ({_(unit)})" if unit else "")


def kpi_cards(
    values: Mapping,
    kpi_ids: Sequence[str],
    previous: Mapping | None = None,
    *,
    previous_label: str | None = None,
    per_row: int = 4,
    bases: Mapping | None = None,
    cards: Mapping[str, Mapping] | None = None,
) -> None:
    """A row (or rows) of kpi_card for the ids, values from a report's .kpis dict; `bases` the
    report's bases (rates say theirs); `cards` {kpi id: kpi_card options (value, note,
    help_text, label)} for a card that shows more than the KPI (e.g. carried-over actions)."""
    for start in range(0, len(kpi_ids), per_row):
        columns = st.columns(per_row)
        for column, kpi_id in zip(columns, kpi_ids[start : start + per_row]):
            options = dict((cards or {}).get(kpi_id, {}))
            with column:
                kpi_card(
                    kpi_id,
                    options.pop("value", values.get(kpi_id)),
                    None if previous is None else previous.get(kpi_id),
                    previous_label=previous_label,
                    base=(bases or {}).get(kpi_id),
                    **options,
                )


def _is_number(value) -> bool:
    return isinstance(value, Number) and not isinstance(value, bool) and value == value


def status_badge(status: str) -> str:
    """Markdown for a criterion status: ':green-badge[gehaald]' and so on (in the current language)."""
    return f":{STATUS_BADGES.get(status, 'gray')}-badge[{_(status)}]"


# --- Charts and tables ----------------------------------------------------------------------

# Every chart's plotly config, in one place: no mode bar (its zoom, pan and download buttons have
# English tooltips and nothing a reader of these counts needs), no zooming by drag, scroll or
# double-click (the template sets dragmode off); hover keeps the exact values.
CHART_CONFIG = {"displayModeBar": False, "scrollZoom": False, "doubleClick": False, "showAxisDragHandles": False}
_NOTES_KEY = "_page_notes"


def start_page() -> None:
    """Called by dashboard/app.py before the page runs: no note of note_once written yet."""
    st.session_state[_NOTES_KEY] = set()


def note_once(text: str, *, key: str | None = None) -> None:
    """A caption (markdown) written once per page: the second chart with small counts does not
    repeat what the first one's note said. `key`: notes that say the same thing in other words
    (the small-count note with "<5" or "x") count as one."""
    seen = st.session_state.setdefault(_NOTES_KEY, set())
    if (key or text) not in seen:
        seen.add(key or text)
        st.caption(text)


def chart(fig, *, key: str | None = None, height: int | None = None) -> None:
    """A plotly figure with the dashboard template (Dutch separators, projector-size fonts):
    a go.Figure, or a figure_cache.Built (figure_cache.cached), shown without building it again.
    In screen-share mode its text and height grow by theme.PROJECTOR_SCALE."""

    if isinstance(fig, figure_cache.Built):
        fig = figure_cache.displayable(fig, height)
    else:
        theme.style(fig, height=height)
    if projector():  # read from the back of a room: every chart text larger (theme.projector_spec)
        fig = figure_cache.displayable(figure_cache.Built(theme.projector_spec(fig.to_dict())))
    st.plotly_chart(fig, theme=None, key=key, config=CHART_CONFIG)


def headers_for(register: str | None, columns: Iterable[str]) -> dict[str, str]:
    """Display names in the current language: a register column's header ('datum ontvangst' ->
    'Datum ontvangst' / 'Date de réception', data_access.register_terms), any other name looked up
    in the catalogs (a frame's Dutch column name marked with N_) with its underscores as spaces."""
    known: dict[str, str] = {}
    if register:
        known = {c.name: register_terms.header(c) for c in BY_NAME[register].columns}
    return {c: _first_upper(known.get(c) or _(str(c)).replace("_", " ")) for c in columns}


def _first_upper(text: str) -> str:
    """'meldingen per 100 VTE' -> 'Meldingen per 100 VTE' (str.capitalize would write 'vte')."""
    return text[:1].upper() + text[1:]


def shown_cells(df: pd.DataFrame, register: str | None) -> pd.DataFrame:
    """The frame with the list values of a register's columns in the current language ('afgesloten'
    reads 'clôturé'): the database and the frame a page holds keep the canonical Dutch value."""
    if register is None or current() == DEFAULT:
        return df
    listed = [c for c in BY_NAME[register].columns if c.values and c.name in df.columns]
    if not listed:
        return df
    df = df.copy()
    for column in listed:
        df[column.name] = df[column.name].map(lambda v: register_terms.value(v) if isinstance(v, str) else v)
    return df


def projector() -> bool:
    """True in screen-share mode (dashboard.auth): the page is read from the back of a room."""
    return bool(getattr(st.session_state.get(ACCESS_KEY), "screen_share", False))


def table(
    df: pd.DataFrame,
    *,
    register: str | None = None,
    column_config: dict | None = None,
    height=None,
    key: str | None = None,
    cell_style: Mapping | None = None,
    budget: int = tables.FIT_WIDTH,
    static: bool = False,
) -> None:
    """A DataFrame with Dutch headers (register headers for register columns, or the label of a
    `column_config` entry), dates as dd/mm/jjjj, empty cells empty, no index, and columns that fit
    `budget` px (dashboard.style.tables.fit): a column that does not fit is left out of the grid, and a
    text too long for its column is cut; then a row can be chosen to read every field of it.
    In screen-share mode a plain table instead, whose text grows with the page's and wraps.
    `cell_style`: {column: function(cell) -> css} (pandas Styler.map), e.g. a status colour.
    static=True: the plain table always (a few rows in a narrow column: its headers wrap)."""
    config_of = dict(column_config or {})
    headers = headers_for(register, df.columns)
    labels = {c: (config_of.get(c) or {}).get("label") or headers[c] for c in df.columns}
    df = shown_cells(df, register)
    if static or projector():
        _static_table(df, labels, cell_style)
        return
    fitted = tables.fit(df, labels, budget=budget)
    config: dict = {}
    for name in df.columns:
        series = df[name]
        if name in config_of:
            column = dict(config_of[name])
        elif pd.api.types.is_datetime64_any_dtype(series) or _holds_dates(series):
            column = st.column_config.DateColumn(labels[name], format="DD/MM/YYYY")
        elif pd.api.types.is_bool_dtype(series):
            column = st.column_config.CheckboxColumn(labels[name])
        else:
            column = st.column_config.Column(labels[name])
        column["label"] = labels[name]
        if name in fitted.widths:
            column["width"] = fitted.widths[name]
        config[name] = column
    # In French the frame itself carries the headers as shown (its Dutch column names are the
    # page's keys; a reader of the frame, a copy or a screen reader, meets the shown ones).
    named = {c: labels[c] for c in df.columns} if current() != DEFAULT and len(set(labels.values())) == len(labels) else {}
    data = df.rename(columns=named) if named else df
    config = {named.get(c, c): column for c, column in config.items()}
    if cell_style:
        data = data.style
        for name, style in cell_style.items():
            data = data.map(style, subset=[named.get(name, name)])
    kwargs = {"height": height} if height else {}
    options = dict(hide_index=True, column_config=config, column_order=[named.get(c, c) for c in fitted.shown],
                   width="stretch", placeholder="", **kwargs)
    if not fitted.shortened or df.empty:
        st.dataframe(data, key=key, **options)
        return
    event = st.dataframe(data, key=key, on_select="rerun", selection_mode="single-row", **options)
    chosen = list(getattr(getattr(event, "selection", None), "rows", []) or [])
    if chosen:
        st.markdown("**" + _("Alle velden van de gekozen rij") + "**")
        _static_table(tables.record(df, chosen[0], labels), {"Veld": _("Veld"), "Waarde": _("Waarde")}, None)
        return
    missing = ", ".join(labels[c].lower() for c in fitted.hidden)
    st.caption(
        (_("Niet in de tabel: {columns}.").format(columns=plain(missing)) + " " if missing else _("Een lange tekst is ingekort.") + " ")
        + _("Kies een rij (het vakje links) om al haar velden te lezen.")
    )


def _static_table(df: pd.DataFrame, labels: Mapping[str, str], cell_style: Mapping | None) -> None:
    """The table as plain HTML (st.table): every cell as text (dashboard.style.tables.cell_text), long
    texts wrapped, sized with the page's text. st.table reads markdown in its cells: every cell
    goes through plain() (a register text shows as it is, never as a link or an image)."""
    # The frame carries the shown headers: st.table draws a Styler's cells but the frame's own
    # column names, not relabel_index's (two equal headers keep the frame's names apart).
    named = {c: labels[c] for c in df.columns} if len({labels[c] for c in df.columns}) == len(df.columns) else {}
    shown = tables.text_frame(df).map(plain).rename(columns=named)
    styled = shown.style.hide(axis="index")
    for name, style in (cell_style or {}).items():
        styled = styled.map(style, subset=[named.get(name, name)])
    st.table(styled)


def _holds_dates(series: pd.Series) -> bool:
    if series.dtype != object:
        return False
    sample = series.dropna().head(5)
    return len(sample) > 0 and all(isinstance(v, dt.date) for v in sample)


# --- Drill-down -----------------------------------------------------------------------------

ROWS_DENIED = N_("Individuele dossiers zijn niet zichtbaar in deze weergave; enkel geaggregeerde cijfers.")


def drill_down(register: str, *, label: Text, filters=None, where: Mapping | None = None, open_column: str | None = None) -> None:
    """The rows behind a figure, for roles that may see rows. They are read (through
    data_access.reader, which enforces the role again) and audited only when the user turns on
    'Toon de rijen'. `label` is a message (i18n.Text): shown in the reader's language, kept in
    the audit log as the message, so the log shows it in its reader's language. `where` narrows to column values, e.g. {"status": "afgesloten"}. With
    `filters`, the rows of the year up to the reference date (dashboard.reads.data.read_rows); the title
    names that date when it is before the year's end. With `open_column` too, the rows still
    open at the reference date, whatever their year (the label says so)."""
    access = page_access()
    title = _("Onderliggende rijen: {label}").format(label=shown(label))
    if open_column is None and filters is not None and filters.as_of < dt.date(filters.year, 12, 31):
        title += " " + _("tot {day}").format(day=fmt_date(filters.as_of))
    with st.expander(title, icon=":material/table_rows:"):
        if not access.may_see_rows:
            st.caption(_(ROWS_DENIED))
            return
        key = f"_drill_{register}_{label}"
        if not st.toggle(_("Toon de rijen"), key=key, help=_("Het openen van de rijen wordt in het auditlogboek genoteerd.")):
            st.session_state.pop(key + _VIEW_SUFFIX, None)  # opened again later: a new view
            st.caption(_("De rijen worden pas gelezen, en in het auditlogboek genoteerd, als u ze opent."))
            return
        rows = _viewed_rows(key, access, register, label=label, filters=filters, where=where, open_column=open_column)
        if rows.empty:
            st.caption(_("Geen rijen."))
            return
        st.caption(ngettext("{n} rij", "{n} rijen", len(rows)).format(n=fmt_int(len(rows))))
        table(rows, register=register, key=key + "_tabel")


_VIEW_SUFFIX = "_view"


def _viewed_rows(key: str, access: Access, register: str, *, label: str, filters, where, open_column) -> pd.DataFrame:
    """The rows of one detail view, read (and recorded in the audit log) once per view: while the
    drill-down stays open on the same rows, a rerun (another widget, a row chosen) shows the rows
    read when it was opened. Other filters, another role or new data make another view."""
    view = (access, register, label, filters, tuple(sorted((where or {}).items())), open_column, data.current_data_version())
    seen = st.session_state.get(key + _VIEW_SUFFIX)
    if seen is not None and seen[0] == view:
        return seen[1]
    rows = data.read_rows(access, register, filters=filters, where=where, open_column=open_column, label=label)
    st.session_state[key + _VIEW_SUFFIX] = (view, rows)
    return rows


EMPTY_DATABASE = N_(
    "De databank bevat nog geen gegevens. De integriteitscoördinator kan de registers inlezen op de "
    "pagina Gegevens (een Excel-werkmap volgens het sjabloon)."
)


def stop_if_empty_database() -> None:
    """An empty database: one clear message, and the page stops."""
    if data.database_is_empty():
        st.info(_(EMPTY_DATABASE), icon=":material/database:")
        st.stop()


def table_height(rows: int, *, scrollbar: bool = False) -> int:
    """Tall enough to show every row without an inner scrollbar (st.dataframe rows are 35 px),
    plus room for a horizontal scrollbar when long text may overflow."""
    return 35 * (rows + 1) + (14 if scrollbar else 3)
