"""What the figures rest on (kpis.data_quality), for the integriteitscoördinator: a section on the
Gegevens page with the rows concerned, and one line on the Overzicht when something is wrong.
Neither is shown to the netwerk view (the rows name dossiers), nor to a role that may not see
rows."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from dashboard.reads import data, errors
from dashboard.reads.cache import cached
from dashboard.style.formatting import fmt_date
from dashboard.style.text import plain
from dashboard.ui import components as ui
from data_access import register_terms
from data_access.registers import REGISTERS
from i18n import _, shown
from kpis.data_quality import checks as compute_checks


@cached(max_entries=data.CACHE_ENTRIES)
def _checks(url: str, version: int, year: int, as_of: dt.date):
    with data.engine_for(url).connect() as conn:
        return compute_checks(conn, year, as_of)


def checks(access, filters):
    """The checks of the filters' year at their reference date; None for a view without rows."""
    if access.aggregated_only or not access.may_see_rows:
        return None
    with errors.database_guard():
        return _checks(*data.cache_key(), filters.year, filters.as_of)


def shown_rows(rows):
    """A check's rows as shown: empty cells empty, register names, list values (a status) and
    the check's own Dutch notes in the current language."""
    labels = {r.label: register_terms.label(r) for r in REGISTERS} | {r.sheet: register_terms.label(r) for r in REGISTERS}

    def cell(value):
        if not isinstance(value, str):
            return value
        return labels.get(value) or _(register_terms.value(value))

    return rows.astype(object).where(rows.notna(), "").map(cell)


def summary_line(access, filters) -> None:
    """On the Overzicht: one warning line naming what is wrong, and where to see the rows."""
    found = checks(access, filters)
    wrong = [c for c in found or [] if not c.ok]
    if not wrong:
        return
    where = _("Zie Gegevens › Waar de cijfers op steunen.") if access.allows("import") else _("De integriteitscoördinator kan dit aanvullen.")
    st.warning(_("Gegevens onvolledig: {checks}.").format(checks=" · ".join(plain(shown(c.title)) for c in wrong)) + " " + where,
               icon=":material/report:")


def section(access, filters) -> None:
    """On the Gegevens page: every check, with the rows concerned."""
    st.subheader(_("Waar de cijfers op steunen"), anchor=False)
    st.caption(_("Voor {year} op {day} (jaar en peildatum in de zijbalk).").format(year=filters.year, day=fmt_date(filters.as_of)))
    for check in checks(access, filters) or []:
        icon = ":material/check_circle:" if check.ok else ":material/report:"
        with st.expander(f"{shown(check.title)}: {shown(check.summary)}", icon=icon, expanded=False):
            if check.rows.empty:
                st.caption(_("Niets te tonen."))
            else:
                ui.table(shown_rows(check.rows))
