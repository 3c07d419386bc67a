"""The block "Te laat en dringend" at the top of the Overzicht, and the row a link opens.

    alerts_section(access, filters, *, kinds, none_text)   on a register page: its kinds of late
        items as the same rows (for roles that may see rows; the first PAGE_ROWS, the others when
        asked), or a sentence for the netwerk view
    late_block(access, filters, *, rows=ROWS)   what is late at the reference date: a count per
        kind (kpis.alerts.REGISTRY, legal terms first and marked), the `rows` most urgent items
        (each: how late or how long left, what, where, and a link that opens its register page on
        that row), every item in an expander drawn only when opened. For the netwerk view the
        counts per kind only, as the day's release holds them
        (kpis.disclosure.release.Release.alerts: withheld for the registers about persons).
    focus_row(access, register)                 on a register page: the row a link of the block
        asked for (?rij=KEY), read and audited once per row and view.
    link_params(key) -> dict                    the query parameters of such a link
    action_split(carried, total, year) -> str   '2 uit plan 2026 + 3 uit vorige jaren'
    action_card(access, filters, report) -> dict    the card of every overdue action (ui.kpi_cards' cards)
"""

from __future__ import annotations

import streamlit as st

from dashboard.reads import alerts as page_data, data
from dashboard.style import theme
from dashboard.style.formatting import fmt_date, fmt_int
from dashboard.style.text import plain
from dashboard.ui import components as ui
from data_access.register_terms import value
from data_access.registers import BY_NAME
from i18n import N_, Text, _, ngettext, shown
from kpis.alerts import BY_LABEL, KIND_ACTION, REGISTRY
from kpis.catalog import BY_ID, definition
from kpis.disclosure.release import LATE_REASON

ROWS = 6  # rows above the fold at 1440x900, under the title and the counts
ROW_PARAM = "rij"  # ?rij=KL-2025-0012 opens a register page on that row


ALL_KEY = "te_laat_alle"  # the lazy lists' open state (st.session_state): the Overzicht's, and per page with its kinds
PAGE_ROWS = 10  # a register page's late items shown at once, kind by kind, the most urgent first


def days_text(days_late: int) -> str:
    """23 -> '23 dagen te laat', 0 -> 'vandaag', -5 -> 'nog 5 dagen'."""
    n = abs(int(days_late))
    if days_late > 0:
        return ngettext("{n} dag te laat", "{n} dagen te laat", n).format(n=n)
    return _("vandaag") if days_late == 0 else ngettext("nog {n} dag", "nog {n} dagen", n).format(n=n)


def action_split(carried: int | None, total: int | None, year: int) -> str:
    """'2 uit plan 2026 + 3 uit vorige jaren' (the overdue actions of the year's plan, as the KPI
    actions_overdue, and those carried over)."""
    if carried is None or total is None:
        return ""
    return _("{plan} uit plan {year} + {carried} uit vorige jaren").format(plan=fmt_int(total - carried), year=year,
                                                                              carried=fmt_int(carried))


def _badge(kind, count, view, year) -> str:
    label = _(kind.short or kind.label)
    if count is None:
        return _(":gray-badge[{label}: verborgen]").format(label=label)
    color = "gray" if count == 0 else theme.LEGAL_BADGE if kind.legal else theme.LATE_BADGE
    icon = f"{theme.LEGAL_ICON} " if kind.legal else ""
    text = _("{label}: {count}").format(label=label, count=fmt_int(count))
    if kind.label == KIND_ACTION and count:
        text += f" ({action_split(view.carried_over, count, year)})"
    return f":{color}-badge[{icon}{text}]"


# The card of every overdue action, whatever year's plan: not the catalog label, which is the
# plan of the year alone (actions_overdue).
TOTAL_ACTIONS_LABEL = N_("Acties over deadline, alle plannen")


def action_card(access, filters, report) -> dict:
    """The card "Acties over deadline" as the late block counts them (ui.kpi_cards' `cards`):
    every overdue action, the plan of the year (the KPI actions_overdue) and those carried over
    from earlier years' plans, so the card and the list beside it agree."""
    view = _summary(access, filters)
    total = (view.counts or {}).get(KIND_ACTION)
    if total is None:
        return {}
    text = definition(BY_ID["actions_overdue"])
    return {"actions_overdue": {
        "label": _(TOTAL_ACTIONS_LABEL),
        "value": total,
        "note": action_split(view.carried_over, total, filters.year) if total else None,
        "help_text": _("Alle acties met een deadline vóór de peildatum die niet afgerond of geschrapt zijn. Uit het plan "
                       "van {year}: {definition} Uit vorige jaren: acties van het plan van een vroeger jaar, nog niet "
                       "afgerond.").format(year=filters.year, definition=f"{text[0].lower()}{text[1:]}"),
    }}


def counts_line(view, year: int) -> str:
    """One markdown line: a badge per kind, legal terms first (red, with the gavel), then the
    others (orange); a kind without items grey."""
    counts = view.counts or {}
    return " ".join(_badge(kind, counts.get(kind.label), view, year) for kind in REGISTRY)


def link_params(key: str) -> dict:
    """The row (?rij=KEY). The view's year, reference date and dienst follow by themselves (the
    sidebar's widgets keep them for the session); a register value never goes into a link."""
    return {ROW_PARAM: key}


def _row(alert) -> None:
    kind = BY_LABEL[alert.kind]
    when = days_text(alert.days_late)
    if alert.legal:
        when = f":{theme.LEGAL_BADGE}[**{when}**]"
    elif alert.days_late > 0:
        when = f"**{when}**"
    when += " " + _("(termijn {day})").format(day=fmt_date(alert.due))
    parts = [when, plain(_(kind.short or kind.label)), plain(_shown(alert.what)), plain(_shown(alert.where)), plain(alert.key)]
    st.page_link(
        f"../pages/{alert.page_name}.py",
        label=" · ".join(p for p in parts if p),
        icon=theme.LEGAL_ICON if alert.legal else theme.REGISTER_ICONS.get(alert.page_name),
        help=_("{text} Opent de pagina van het register op deze rij.").format(text=plain(shown(alert.text))),
        query_params=link_params(alert.key),
        width="stretch",
    )


def _shown(text: str) -> str:
    """What or where an alert is, as shown: a Text in the current language, a list value (a
    category, a theme) translated, the zone's own text (an action's title) as it is."""
    return shown(text) if isinstance(text, Text) else value(text)


# The netwerk view's line under the counts: LATE_REASON (kpis.disclosure.release) said as why a
# badge reads "verborgen".
COUNTS_ONLY = N_("Enkel het aantal per soort. Verborgen: wat te laat is, volgt de korpsleiding maandelijks op; het zijn "
                 "de laatste dossiers van een register, en naast de andere cijfers zou een klein aantal terug te rekenen "
                 "zijn.")


def late_block(access, filters, *, rows: int = ROWS) -> None:
    st.subheader(_("Te laat en dringend"), anchor=False)
    view = _summary(access, filters, rows)
    st.markdown(counts_line(view, filters.year))
    scope = _("Op {day}: wettelijke termijnen eerst, dan normen en deadlines; per soort het dringendste eerst.").format(
        day=fmt_date(filters.as_of))
    if filters.dienst:
        scope += " " + _("Enkel dienst {dienst}, behalve meldingen en acties: die hebben geen dienst en gelden voor de hele "
                         "zone.").format(dienst=plain(filters.dienst))
    if access.aggregated_only:
        st.caption(_(COUNTS_ONLY))
        return
    if not view.total:
        st.success(_("Niets te laat of dringend op {day}.").format(day=fmt_date(filters.as_of)), icon=":material/check_circle:")
        return
    with st.container(gap=None):
        for alert in view.urgent:
            _row(alert)
    st.caption(scope)
    if view.total > len(view.urgent):
        _rows_when_opened(_("Alle {n} tonen, per soort").format(n=fmt_int(view.total)), ALL_KEY,
                          lambda: page_data.alert_view(access, filters).items)


def alerts_section(access, filters, *, kinds, none_text: str) -> None:
    """The late items of `kinds` (kpis.alerts kind labels) as rows like the Overzicht's, kind by
    kind and the most urgent first; for the netwerk view the reason they are not shown."""
    if access.aggregated_only:  # kpis.disclosure.figures.LATE_COUNTS says why
        st.info(shown(LATE_REASON), icon=":material/visibility_off:")
        return
    view = page_data.alert_view(access, filters, list(kinds), limit=PAGE_ROWS)
    if not view.total:
        st.success(_("{none} op {day}.").format(none=none_text, day=fmt_date(filters.as_of)), icon=":material/check_circle:")
        return
    with st.container(gap=None):
        for alert in view.items:
            _row(alert)
    st.caption(_("Een rij opent het dossier bovenaan deze pagina."))
    if view.total > len(view.items):
        _rows_when_opened(_("De andere {n} tonen").format(n=fmt_int(view.total - len(view.items))),
                          f"{ALL_KEY}_{'_'.join(sorted(kinds))}",
                          lambda: page_data.alert_view(access, filters, list(kinds)).items[PAGE_ROWS:])


def _summary(access, filters, rows: int = ROWS):
    """The late block's read: the counts and the `rows` most urgent items, not the list itself
    (st.cache_data copies what it returns on every run). The card of overdue actions reads the
    same, so both share one cached value."""
    return page_data.alert_view(access, filters, limit=0, urgent=rows)


def _rows_when_opened(label: str, key: str, read) -> None:
    """An expander of late rows whose rows `read()` are read and drawn only when it is open (a
    large zone has thousands that nobody reads closed); opening it reruns the page."""
    box = st.expander(label, icon=":material/list:", key=key, on_change="rerun")
    if box.open:
        with box:
            for alert in read():
                _row(alert)


def focus_row(access, register: str) -> None:
    """The row a link of the late block asked for (?rij=KEY): shown at the top of its register
    page, read through data.read_rows (the role's rights, the audit log) once per row and view."""
    key = st.query_params.get(ROW_PARAM)
    if not key:
        return
    with st.container(border=True):
        st.markdown(_("**{key}** · geopend vanuit *Te laat en dringend* op het Overzicht").format(key=plain(key)))
        if not access.may_see_rows:
            st.caption(_(ui.ROWS_DENIED))
            return
        marker = ("_focus_row", register, key, access)
        if st.session_state.get("_focus_marker") != marker:
            key_column = BY_NAME[register].key_columns[0].name
            st.session_state["_focus_rows"] = data.read_rows(access, register, where={key_column: key}, label=Text(N_("rij {key}"), key=key))  # audit detail
            st.session_state["_focus_marker"] = marker
        rows = st.session_state["_focus_rows"]
        if rows.empty:
            st.caption(_("Geen rij {key} in dit register.").format(key=plain(key)))
        else:
            ui.table(rows, register=register)
        if st.button(_("Sluiten"), key="_focus_close", icon=":material/close:"):
            del st.query_params[ROW_PARAM]
            st.rerun()
