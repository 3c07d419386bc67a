"""The sidebar filters every page shares: year, reference date (peildatum) and dienst.

dashboard/app.py calls `render_sidebar()` on every run, before the page runs; the widgets are
keyed and bound to the URL (?jaar=2025&peildatum=2025-06-30&dienst=Verkeer), so a link reproduces
a view and the values survive page switches. Pages read them with `current_filters()`.

Changing the year puts the reference date back on that year's default (31/12 of the year, or
today for the current year), as kpis.engine.default_as_of says.

A view that may not choose a dienst or a reference date (the netwerk role, screen-share mode:
data_access.access actions "filter_dienst" and "choose_reference_date") sees both pickers
disabled on the values its figures are for (all diensten, the default date), with the reason
(DENIED_MESSAGES) as help; a dienst or date in the URL is kept for later but not used. Both
`render_sidebar` and `current_filters` return the filters as dashboard.reads.data.effective_filters
allows them, and every cached read applies that again, whatever a page passes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import streamlit as st

from dashboard.reads.data import effective_filters
from dashboard.shell.auth import ACCESS_KEY
from dashboard.shell.language import relabel_on_switch
from dashboard.style.formatting import fmt_date
from dashboard.style.text import plain
from data_access.access import DENIED_MESSAGES
from i18n import N_, _
from kpis.engine import default_as_of

YEAR_KEY = "jaar"
AS_OF_KEY = "peildatum"
DIENST_KEY = "dienst"
ALL_DIENSTEN = N_("Alle diensten")  # the canonical option (in the URL too); shown with _()


@dataclass(frozen=True)
class Filters:
    year: int
    as_of: dt.date
    dienst: str | None = None  # None: all diensten

    @property
    def dienst_label(self) -> str:
        """The dienst, or 'alle diensten' in the current language."""
        return self.dienst or _(ALL_DIENSTEN).lower()

    def describe(self, *, markdown: bool = False) -> str:
        """'2025 · peildatum 31/12/2025 · alle diensten'. markdown=True for a caption: the dienst
        (a register value) shown as text (dashboard.style.text.plain)."""
        dienst = self.dienst_label
        if markdown:
            dienst = plain(dienst)
        return _("{year} · peildatum {day} · {dienst}").format(year=self.year, day=fmt_date(self.as_of), dienst=dienst)

    def as_audit(self) -> dict:
        return {"jaar": self.year, "peildatum": self.as_of.isoformat(), "dienst": self.dienst or "Alle"}


def _reset_as_of() -> None:
    """on_change of the year: the reference date follows the new year."""
    year = st.session_state.get(YEAR_KEY)
    if year is not None:
        st.session_state[AS_OF_KEY] = default_as_of(int(year))


def _access(access=None):
    """The Access of this run (dashboard/app.py keeps it in the session state), or None."""
    if access is not None:
        return access

    return st.session_state.get(ACCESS_KEY)


def _effective(filters: Filters, access) -> Filters:
    if access is None:
        return filters

    return effective_filters(access, filters)


def render_sidebar(years: list[int], diensten: list[str], container=None, access=None) -> Filters:
    """Draws the three filters (in `container`, default the sidebar) and returns their values as
    `access` (default: the Access of this run) may use them. `years` newest first (the current
    year among them), `diensten` sorted."""
    access = _access(access)
    this_year = dt.date.today().year
    years = list(years) or [this_year]
    default_year = this_year if this_year in years else years[0]
    with container if container is not None else st.sidebar:
        st.markdown("**" + _("Filters") + "**")
        year = st.selectbox(
            _("Jaar"),
            years,
            index=years.index(default_year),
            key=YEAR_KEY,
            bind="query-params",
            on_change=_reset_as_of,
            help=_("Het jaar waarover de cijfers gaan."),
        )
        if access is None or access.allows("choose_reference_date"):
            as_of = st.date_input(
                _("Peildatum"),
                value=default_as_of(int(year)),
                key=AS_OF_KEY,
                bind="query-params",
                format="DD/MM/YYYY",
                help=_("De datum waarop de toestand bekeken wordt (wat na deze datum gebeurde, telt niet mee), ten laatste "
                       "vandaag. Standaard 31/12 van het jaar, of vandaag voor het lopende jaar. Enter past de datum toe."),
            )
            st.html(ENTER_APPLIES_DATE, unsafe_allow_javascript=True)
        else:
            as_of = None
        if access is None or access.allows("filter_dienst"):
            relabel_on_switch(DIENST_KEY)
            dienst = st.selectbox(
                _("Dienst"),
                [ALL_DIENSTEN, *diensten],
                key=DIENST_KEY,
                bind="query-params",
                format_func=_dienst_option(),
                help=_("Beperk de cijfers tot één dienst. Meldingen, het actieplan en de evaluatiecriteria hebben geen "
                       "dienst: die blijven voor de hele zone, en de pagina zegt dat waar ze staan."),
            )
        else:
            dienst = None
        as_of = as_of or default_as_of(int(year))  # a cleared field means the default
        as_of = _not_after_today(as_of)
        filters = _effective(Filters(int(year), as_of, None if dienst in (None, ALL_DIENSTEN) else dienst), access)
        _fixed_pickers(filters, access)
    return filters


def _dienst_option():
    """The format_func of the dienst filter: 'Alle diensten' in this run's language (bound now:
    a format_func may be called outside the run), a dienst (the zone's own name) as it is."""
    everything = _(ALL_DIENSTEN)
    return lambda option: everything if option == ALL_DIENSTEN else option


FUTURE_AS_OF = N_("De peildatum {chosen} ligt na vandaag: wat nog moet gebeuren is niet gekend. De cijfers gelden "
               "voor vandaag ({today}); kies een datum tot en met vandaag.")
# Enter in the date field applies the date. Streamlit's field applies a typed date only when the
# focus moves to another element (a plain blur() is not enough): on Enter a key handler moves
# the focus to an invisible button, removed right after. Our own static script.
ENTER_APPLIES_DATE = """
<script>
if (!window.__peildatumEnter) {
  window.__peildatumEnter = true;
  document.addEventListener("keydown", (event) => {
    const field = event.target && event.target.closest && event.target.closest("[data-testid='stDateInput']");
    if (event.key !== "Enter" || !field) { return; }
    const elsewhere = document.createElement("button");
    elsewhere.setAttribute("aria-hidden", "true");
    elsewhere.style.cssText = "position:fixed;opacity:0;width:1px;height:1px;left:0;top:0";
    document.body.appendChild(elsewhere);
    elsewhere.focus();
    setTimeout(() => elsewhere.remove(), 100);
  }, true);
}
</script>
"""


def _not_after_today(as_of: dt.date) -> dt.date:
    """A reference date after today is not used: a Dutch message says so, and today is used."""
    today = dt.date.today()
    if as_of <= today:
        return as_of
    st.error(_(FUTURE_AS_OF).format(chosen=fmt_date(as_of), today=fmt_date(today)), icon=":material/event_busy:")
    return today


def _fixed_pickers(filters: Filters, access) -> None:
    """For a view that may not choose them: the reference date and dienst its figures are for,
    disabled, the reason as help (not bound to the URL: a coordinator's choice comes back when
    screen-share mode is switched off)."""

    if access is None:
        return
    if not access.allows("choose_reference_date"):
        st.date_input(_("Peildatum"), value=filters.as_of, format="DD/MM/YYYY", disabled=True,
                      help=_(DENIED_MESSAGES["choose_reference_date"]))
    if not access.allows("filter_dienst"):
        st.selectbox(_("Dienst"), [ALL_DIENSTEN], disabled=True, format_func=_dienst_option(), help=_(DENIED_MESSAGES["filter_dienst"]))


def current_filters() -> Filters:
    """The filters of this run, as the sidebar holds them (defaults when not drawn yet), as the
    Access of this run may use them (dashboard.reads.data.effective_filters)."""
    state = st.session_state
    year = int(state.get(YEAR_KEY) or dt.date.today().year)
    as_of = min(state.get(AS_OF_KEY) or default_as_of(year), dt.date.today())  # never after today
    dienst = state.get(DIENST_KEY)
    return _effective(Filters(year, as_of, None if dienst in (None, ALL_DIENSTEN) else dienst), _access())
