"""Jaarexport: the yearly evaluation workbook of one year (by default the last complete year; the
reference date 31/12, or the shared filters' date for the filters' year), as two downloads: volledig (korpsleiding, integriteitscoördinator; not in screen-share
mode) and geanonimiseerd (every role). The file is built only when a button is clicked
(dashboard.export.workbook.build_workbook, which checks the role again and writes the audit row)."""

from __future__ import annotations

import streamlit as st

from dataclasses import replace

from dashboard.export.workbook import build_workbook, effective_as_of, export_file_name, last_complete_year, period_problem
from dashboard.reads import data
from dashboard.ui import components as ui
from dashboard.ui.filters import current_filters
from kpis.engine import default_as_of

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

access = ui.require("export_anonymised")
shared = current_filters()
ui.page_header(
    "Jaarexport",
    caption="De werkmap voor de jaarlijkse evaluatie van het integriteitsbeleid: samenvatting, "
    "evaluatiecriteria, een blad per register met grafieken, het actieplan, de aandachtspunten "
    "en de definities.",
)
# The yearly evaluation is of a whole year: the last complete one, or an earlier year chosen in
# the filters; the running year only when someone picks it here.
complete = last_complete_year()
default = min(shared.year, complete)
years = sorted(set(data.available_years()) | {default}, reverse=True)
year = st.columns([1, 3])[0].selectbox(
    "Jaar van de export",
    years,
    index=years.index(default),
    key="export_jaar",
    help="Standaard het laatste volledige jaar (of een eerder jaar gekozen in de filters links). De peildatum is "
    "31/12 van dat jaar; voor het jaar van de filters, de peildatum van de filters.",
)
filters = replace(shared, year=year, as_of=shared.as_of if year == shared.year else default_as_of(year))
running = " (lopend jaar)" if year > complete else ""
st.markdown(
    f"**Jaar {filters.year}**{running}, peildatum **{filters.as_of:%d/%m/%Y}**. "
    "De export geldt altijd voor de hele zone, ook als een dienst gekozen is. "
    "Het bestand wordt gemaakt wanneer u op een knop klikt; elke export wordt in het auditlogboek genoteerd."
)
problem = period_problem(filters.year, filters.as_of)
if problem:
    st.warning(problem, icon=":material/event_busy:")
    st.stop()
engine = data.get_engine()


def download_button(label: str, *, anonymised: bool, key: str, **button) -> None:
    """The download of one version; the workbook is built on click, on Streamlit's download
    thread. `button`: further st.download_button options (icon, type)."""
    year, as_of = filters.year, effective_as_of(access, filters.year, filters.as_of, anonymised=anonymised)
    name = export_file_name(year, as_of, anonymised=anonymised)

    def build() -> bytes:
        return build_workbook(engine, access, year, as_of, anonymised=anonymised, file_name=name)

    st.download_button(label, data=build, file_name=name, mime=XLSX, key=key, **button)


full, anonymised = st.columns(2)
with full:
    st.subheader("Volledig — vertrouwelijk")
    st.write("Voor de korpsleiding: met de dossiers van het jaar en de aandachtspunten per dossier.")
    if access.may_export_full:
        download_button("Volledige werkmap downloaden", anonymised=False, key="export_volledig", icon=":material/lock:")
    else:
        reason = "Schermdeling is actief." if access.screen_share else "Uw rol mag enkel de geanonimiseerde versie maken."
        st.info(f"{reason} De volledige werkmap is voorbehouden aan de korpsleiding en de integriteitscoördinator.", icon=":material/info:")
with anonymised:
    st.subheader("Geanonimiseerd")
    st.write(
        "Voor alle medewerkers (beleidsplan 3.1.4.4): geen personen, geen dossiers, geen vrije tekst; "
        "kleine aantallen verborgen zoals bij schermdeling."
    )
    used = effective_as_of(access, filters.year, filters.as_of, anonymised=True)
    if used != filters.as_of:
        st.caption(
            f"Peildatum {used:%d/%m/%Y}: de geanonimiseerde versie heeft enkel de standaardpeildatum "
            "(twee versies met een dag verschil zouden één dossier tonen)."
        )
    download_button(
        "Geanonimiseerde werkmap downloaden", anonymised=True, key="export_geanonimiseerd", icon=":material/download:", type="primary"
    )
