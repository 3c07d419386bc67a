"""Export en rapporten: the yearly evaluation workbook of one year (by default the last complete
year; the reference date 31/12, or the shared filters' date for the filters' year), as two downloads:
volledig (korpsleiding, integriteitscoördinator; not in screen-share mode) and geanonimiseerd (every
role); and the PDF reports of that year (dashboard.reports: the feedback to all staff, the periodic
report to the authorities) for the roles that make them. A file is built only when a button is
clicked (dashboard.export.workbook.build_workbook and dashboard.reports.make.build_report check the
role again and write the audit row)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import streamlit as st

from dashboard.export.workbook import (
    build_workbook,
    effective_as_of,
    export_file_name,
    last_complete_year,
    period_problem,
)
from dashboard.reads import data
from dashboard.reports.make import AUTHORITIES, STAFF, build_report, file_name
from dashboard.reports.periods import Period, choices, period_problem as report_period_problem
from dashboard.ui import components as ui, downloads
from dashboard.ui.filters import current_filters
from data_access.settings import ADDRESSEES
from i18n import LANGUAGES, _, current, format_date
from kpis.engine import default_as_of

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF = "application/pdf"

access = ui.require("export_anonymised")
shared = current_filters()
lang = current()  # the files are made in the page's language (on Streamlit's download thread)
ui.page_header(
    _("Export en rapporten"),
    caption=_("De werkmap voor de jaarlijkse evaluatie van het integriteitsbeleid, de terugkoppeling aan alle "
              "medewerkers en de periodieke rapportage aan de overheden (beleidsplan 3.1.4.4)."),
)
# The yearly evaluation is of a whole year: the last complete one, or an earlier year chosen in
# the filters; the running year only when someone picks it here.
complete = last_complete_year()
default = min(shared.year, complete)
years = sorted(set(data.available_years()) | {default}, reverse=True)
year = st.columns([1, 3])[0].selectbox(
    _("Jaar van de export"),
    years,
    index=years.index(default),
    key="export_jaar",
    help=_("Standaard het laatste volledige jaar (of een eerder jaar gekozen in de filters links). De peildatum is "
           "31/12 van dat jaar; voor het jaar van de filters, de peildatum van de filters."),
)
filters = replace(shared, year=year, as_of=shared.as_of if year == shared.year else default_as_of(year))
running = _(" (lopend jaar)") if year > complete else ""
st.header(_("Jaarexport (Excel)"))
st.markdown(
    _("**Jaar {year}**{running}, peildatum **{date}**. ").format(year=filters.year, running=running, date=format_date(filters.as_of))
    + _("De export geldt altijd voor de hele zone, ook als een dienst gekozen is. "
        "Het bestand wordt gemaakt wanneer u op een knop klikt; elke export wordt in het auditlogboek genoteerd.")
)
problem = period_problem(filters.year, filters.as_of)
if problem:
    st.warning(problem, icon=":material/event_busy:")
    st.stop()
engine = data.get_engine()


def download_button(label: str, *, anonymised: bool, key: str, **button) -> None:
    """The download of one version; the workbook is built on click (dashboard.ui.downloads), and
    gone from the server seconds later. `button`: further st.download_button options (icon, type)."""
    year, as_of = filters.year, effective_as_of(access, filters.year, filters.as_of, anonymised=anonymised)
    name = export_file_name(year, as_of, anonymised=anonymised)

    def build() -> bytes:
        return build_workbook(engine, access, year, as_of, anonymised=anonymised, file_name=name, lang=lang)

    downloads.button(label, build, file_name=name, mime=XLSX, key=key, **button)


full, anonymised = st.columns(2)
with full:
    st.subheader(_("Volledig — vertrouwelijk"))
    st.write(_("Voor de korpsleiding: met de dossiers van het jaar en de aandachtspunten per dossier."))
    if access.may_export_full:
        download_button(_("Volledige werkmap downloaden"), anonymised=False, key="export_volledig", icon=":material/lock:")
    else:
        reason = _("Schermdeling is actief.") if access.screen_share else _("Uw rol mag enkel de geanonimiseerde versie maken.")
        st.info(_("{reason} De volledige werkmap is voorbehouden aan de korpsleiding en de integriteitscoördinator.").format(reason=reason),
                icon=":material/info:")
with anonymised:
    st.subheader(_("Geanonimiseerd"))
    st.write(
        _("Voor alle medewerkers (beleidsplan 3.1.4.4): geen personen, geen dossiers, geen vrije tekst; "
          "kleine aantallen verborgen zoals bij schermdeling.")
    )
    used = effective_as_of(access, filters.year, filters.as_of, anonymised=True)
    if used != filters.as_of:
        st.caption(
            _("Peildatum {date}: de geanonimiseerde versie heeft enkel de standaardpeildatum "
              "(twee versies met een dag verschil zouden één dossier tonen).").format(date=format_date(used))
        )
    download_button(
        _("Geanonimiseerde werkmap downloaden"), anonymised=True, key="export_geanonimiseerd", icon=":material/download:", type="primary"
    )


# --- the reports (PDF) ---------------------------------------------------------------------------

st.divider()
st.header(_("Rapporten (PDF)"))
st.write(
    _("Twee documenten om te lezen, met enkel geaggregeerde cijfers zoals de netwerkweergave ze toont "
      "(kleine aantallen als <5, geen personen, geen dossiers). Elk rapport wordt in het auditlogboek genoteerd.")
)
if not access.allows("make_reports"):
    reason = _("Schermdeling is actief.") + " " if access.screen_share else ""
    st.info(reason + _("De rapporten maakt de korpsleiding of de integriteitscoördinator."), icon=":material/info:")
    st.stop()
today = dt.date.today()


def report_button(label: str, kind: str, period: Period, *, key: str, addressee: str | None = None, **button) -> None:
    name = file_name(kind, period, addressee)

    def build() -> bytes:
        return build_report(engine, access, kind, period, addressee=addressee, name=name, lang=lang)

    st.download_button(label, data=build, file_name=name, mime=PDF, key=key, **button)


def per_language(key: str, options: list) -> dict:
    """A selectbox's key per language, with the choice made in the other language: a browser
    keeps showing the label of the chosen option as it was when the language changes."""
    chosen = next((st.session_state.get(f"{key}_{other}") for other in LANGUAGES if other != lang), None)
    return {"key": f"{key}_{lang}", "index": options.index(chosen) if chosen in options else 0}


staff, authorities = st.columns(2)
with staff:
    st.markdown("**" + _("Terugkoppeling aan alle medewerkers") + "**")
    st.write(_("Twee tot vier bladzijden: de cijfers van het jaar naast die van vorig jaar, het actieplan en de evaluatiecriteria."))
    year = Period(dt.date(filters.year, 1, 1), 12)
    problem = report_period_problem(year, today)
    if problem:
        st.info(problem + " " + _("Kies hierboven een afgelopen jaar."), icon=":material/event_busy:")
    else:
        report_button(_("Terugkoppeling {year} downloaden").format(year=filters.year), STAFF, year, key="rapport_medewerkers",
                      icon=":material/groups:", type="primary")
with authorities:
    st.markdown("**" + _("Rapportage aan de overheden") + "**")
    periods = choices(filters.year, today)
    if not periods:
        st.info(_("Nog geen afgelopen periode in {year}. Kies hierboven een ander jaar.").format(year=filters.year),
                icon=":material/event_busy:")
    else:
        period = st.selectbox(_("Periode"), periods, format_func=lambda p: p.label,
                              **per_language("rapport_periode", periods))
        addressee = st.selectbox(_("Geadresseerde"), list(ADDRESSEES), format_func=lambda a: _(ADDRESSEES[a]),
                                 **per_language("rapport_geadresseerde", list(ADDRESSEES)))
        st.caption(_("De begeleidende brief past de integriteitscoördinator aan op de pagina Instellingen."))
        report_button(_("Rapportage downloaden"), AUTHORITIES, period, addressee=addressee, key="rapport_overheden",
                      icon=":material/account_balance:")
