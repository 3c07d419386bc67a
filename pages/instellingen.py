"""Instellingen: the norms of the KPI catalog and the suppression threshold (coordinator only)."""

from __future__ import annotations

import streamlit as st

from dashboard import components as ui
from dashboard import data, errors
from dashboard.settings_view import grouped_settings
from data_access import audit
from data_access.settings import SETTINGS, save_settings

SAVED_KEY = "_instellingen_saved"

access = ui.require("change_settings")
ui.page_header(
    "Instellingen",
    caption="Normen en termijnen voor de indicatoren, en de drempel voor kleine aantallen. "
    "Een wijziging geldt meteen voor alle cijfers en wordt in het auditlogboek genoteerd.",
)

saved = st.session_state.pop(SAVED_KEY, None)
if saved:
    labels = {s.key: s.label for s in SETTINGS}
    st.success("Opgeslagen: " + "; ".join(f"{labels[k]} = {v}" for k, v in saved.items()), icon=":material/check:")

current = data.get_settings()
groups = grouped_settings()

with st.form("instellingen", border=False):
    values = {}
    columns = st.columns(3, gap="medium")
    for i, (title, settings) in enumerate(groups.items()):
        with columns[i % 3].container(border=True):
            st.markdown(f"**{title}**")
            for setting in settings:
                values[setting.key] = st.number_input(
                    setting.label,
                    min_value=setting.minimum,
                    max_value=setting.maximum,
                    value=int(current[setting.key]),
                    step=1,
                    key=f"instelling_{setting.key}",
                    help=f"Standaard {setting.default}; toegelaten van {setting.minimum} tot {setting.maximum}.",
                )
    submitted = st.form_submit_button("Opslaan", type="primary", icon=":material/save:")

if submitted:
    changes = {key: int(value) for key, value in values.items() if int(value) != int(current[key])}
    if not changes:
        st.info("Er is niets gewijzigd.")
    else:
        try:
            with errors.database_guard(), data.get_engine().begin() as conn:
                save_settings(conn, changes)
                audit.record(conn, access, "instellingen", {"wijzigingen": changes})
        except ValueError as exc:
            st.error(str(exc))
        else:
            st.session_state[SAVED_KEY] = changes
            st.rerun()
