"""KPI cards of the register pages, against the same period of last year.

    previous_filters(filters, access) -> Filters | None   the view of last year compared with
    previous_report(access, filters) -> Report | None      its report
    previous_label(previous) / comparison_caption(previous)   what the card deltas compare with
    cards(report, previous, kpi_ids, filters)        KPI cards; a hidden value says 'verborgen'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

import streamlit as st

from dashboard.reads import data
from dashboard.shell.auth import ACCESS_KEY
from dashboard.style.formatting import fmt_date
from dashboard.ui import components as ui
from i18n import N_, _, shown
from kpis.disclosure.policy import comparison_as_of


def previous_filters(filters, access=None):
    """The view of last year that the filters' view is compared with (None: no comparison):
    the same day a year earlier (29/02 becomes 28/02); for a view on fixed reference dates
    (the netwerk view) the whole of last year, and nothing beside the running year
    (kpis.disclosure.policy.comparison_as_of: one reference date per year)."""
    access = access if access is not None else st.session_state.get(ACCESS_KEY)
    fixed = access is not None and not access.allows("choose_reference_date")
    as_of = comparison_as_of(filters.year, filters.as_of, fixed=fixed)
    return None if as_of is None else replace(filters, year=filters.year - 1, as_of=as_of)


def previous_report(access, filters):
    """The report of previous_filters (None when this view has no comparison)."""
    before = previous_filters(filters, access)
    return None if before is None else data.get_report(access, before)


def previous_label(previous) -> str:
    """Short enough for a card at 1280 px: 't.o.v. 2024' (the caption above says up to which day)."""
    return _("t.o.v. {year}").format(year=previous.year)


NO_COMPARISON = N_(
    "Kaarten zonder vergelijking met vorig jaar: de netwerkweergave toont elk jaar op één peildatum, en het "
    "lopende jaar naast een deel van vorig jaar zou de laatste weken van vorig jaar prijsgeven."
)


def comparison_caption(previous) -> str:
    """'Pijltjes: verschil met 2024 tot en met 22/11/2024 (…)', '… met heel 2024.', or why
    there is no comparison (previous None)."""
    if previous is None:
        return _(NO_COMPARISON)
    if (previous.as_of.month, previous.as_of.day) == (12, 31):
        return _("Pijltjes: verschil met heel {year}.").format(year=previous.year)
    return _("Pijltjes: verschil met {year} tot en met {day} (dezelfde periode vorig jaar).").format(
        year=previous.year, day=fmt_date(previous.as_of))


def cards(report, previous, kpi_ids: Sequence[str], filters, *, per_row: int = 4, overrides: Mapping | None = None) -> None:
    """KPI cards against `previous` (previous_report: last year up to the same day, or None);
    a rate says its base (the report's bases: not in the netwerk view); `overrides` as
    ui.kpi_cards' `cards`; under them the reason for any value hidden in this view."""
    st.caption(comparison_caption(previous))
    ui.kpi_cards(data.shown_kpis(report), list(kpi_ids), previous=None if previous is None else previous.kpis,
                 previous_label=previous_label(previous or report), per_row=per_row,
                 bases=(report.extra or {}).get("bases"), cards=overrides)
    reasons = {data.hidden_reason(report, k) for k in kpi_ids} - {None}
    for reason in sorted(reasons):
        ui.note_once(shown(reason))

