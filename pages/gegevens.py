"""Gegevens: upload a workbook -> validation report -> confirm -> imported; the template; the
import history. Coordinator only. The importer does the checking and writing (whole or nothing);
this page shows its messages, the same the command line prints. In the demo, a workbook that adds
or changes rows first says that importing it ends the demo; its report then opens the
first-account page (dashboard.shell.sign_in). The unchanged sample workbook keeps the demo."""

from __future__ import annotations

import hashlib

import streamlit as st

import i18n
from dashboard.reads import data, errors
from dashboard.shell import auth
from dashboard.shell.sign_in import DEMO_ENDED_REPORT
from dashboard.style.text import plain
from dashboard.ui import components as ui, data_quality_view, import_view
from dashboard.ui.filters import current_filters
from data_access.importer import import_workbook
from i18n import _

access = ui.require("import")
ui.page_header(
    _("Gegevens"),
    caption=_("Registers inlezen uit een Excel-werkmap (of één register als CSV). "
              "Eerst wordt het bestand gecontroleerd; pas na uw bevestiging wordt er iets gewijzigd."),
)

CHECK_KEY = "_gegevens_check"  # (sha256, file name, dry-run report) of the uploaded file
DONE_KEY = "_gegevens_done"  # the report of the import just done, shown once
UPLOAD_ROUND = "_gegevens_round"  # bumped after an import to empty the uploader


def _import(source: bytes, file_name: str, *, dry_run: bool):
    """The importer's report; the real import shows its progress. The importer records the
    import (not a dry run) in the audit log, in the import's own transaction."""

    bar = None if dry_run else st.progress(0.0, text=_("Importeren …"))

    def progress(message: str, fraction: float) -> None:
        if bar is not None:
            bar.progress(min(max(fraction, 0.0), 1.0), text=plain(message))  # it may name a sheet

    with errors.database_guard():
        return import_workbook(
            data.get_engine(), source, file_name=file_name, user=access.user, dry_run=dry_run, progress=progress,
            access=access,
        )


done = st.session_state.pop(DONE_KEY, None)
if done:
    import_view.show_report(done)
    st.caption(_("De cijfers op alle pagina's zijn bijgewerkt."))

upload_column, template_column = st.columns([2, 1], gap="large")

with upload_column:
    st.subheader(_("Bestand inlezen"), anchor=False)
    uploaded = st.file_uploader(
        _("Werkmap (.xlsx) of CSV-bestand van één register"),
        key=f"upload_{st.session_state.get(UPLOAD_ROUND, 0)}",
        help=_("Elk tabblad wordt gekoppeld aan een register op basis van zijn naam (Klachten, Meldingen, …). "
               "Een CSV-bestand gebruikt ; als scheidingsteken en een decimale komma."),
    )
    if uploaded is None:
        st.session_state.pop(CHECK_KEY, None)
        st.caption(_("Nog geen bestand gekozen. Download het sjabloon als vertrekpunt."))
    else:
        source = uploaded.getvalue()
        sha256 = hashlib.sha256(source).hexdigest()
        check = st.session_state.get(CHECK_KEY)
        if not check or check[0] != sha256 or check[1] != uploaded.name:
            with st.spinner(_("{file} wordt gecontroleerd …").format(file=plain(uploaded.name))):
                check = (sha256, uploaded.name, _import(source, uploaded.name, dry_run=True))
            st.session_state[CHECK_KEY] = check
        report = check[2]
        import_view.show_report(report)
        ends_demo = report.ok and auth.in_demo() and report.changes_data
        if ends_demo:
            import_view.demo_end_warning()
        if report.ok:
            label = _("Importeren en demo beëindigen") if ends_demo else _("Importeren bevestigen")
            if st.button(label, type="primary", icon=":material/upload:"):
                result = _import(source, uploaded.name, dry_run=False)
                if result.applied:
                    st.session_state.pop(CHECK_KEY, None)
                    st.session_state[UPLOAD_ROUND] = st.session_state.get(UPLOAD_ROUND, 0) + 1
                    st.session_state[DONE_KEY] = result
                    if ends_demo and result.changes_data:
                        st.session_state[DEMO_ENDED_REPORT] = result  # shown on the first-account page
                    st.rerun()
                st.session_state[CHECK_KEY] = (sha256, uploaded.name, result)
                st.rerun()

with template_column:
    st.subheader(_("Sjabloon"), anchor=False)
    st.markdown(_(
        "Het sjabloon bevat een tabblad per register met de juiste kolomkoppen, "
        "en een tabblad met uitleg over elke kolom en de toegelaten waarden."
    ))

    st.download_button(
        _("Sjabloon downloaden"),
        data=import_view.template_download(i18n.current()),
        file_name=import_view.template_file_name(),
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/download:",
        type="primary",
    )

data_quality_view.section(access, current_filters())

st.subheader(_("Importgeschiedenis"), anchor=False)
history = data.import_history()
if not history:
    ui.empty_state(_("de importgeschiedenis"), _("Er is nog geen bestand geïmporteerd."))
else:
    ui.table(import_view.history_frame(history))
