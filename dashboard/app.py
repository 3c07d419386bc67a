"""Entry point: `streamlit run dashboard/app.py`.

On every run: page config, the database (or the Dutch error page), who is looking
(dashboard.auth), the page list for that role, the shared sidebar filters, one audit row per
page view, then the chosen page, guarded so that a database failure gives the error page.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `streamlit run dashboard/app.py` without PYTHONPATH
    sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402

st.set_page_config(
    page_title="Dashboard integriteitsbeleid",
    page_icon=":material/balance:",
    layout="wide",
    initial_sidebar_state="expanded",
)

from dashboard import auth, components, data, errors, filters, navigation, theme  # noqa: E402
from data_access import audit  # noqa: E402

st.html(theme.GLOBAL_CSS + theme.uploader_css(st.get_option("server.maxUploadSize")))
data.new_run()
engine = data.get_engine()
filter_box = st.sidebar.container()  # the filters sit right under the page list, above sign-in
access = auth.current_access(engine)
st.session_state[components.ACCESS_KEY] = access

sections = navigation.visible_pages(access)
if not sections:
    st.title("Dashboard integriteitsbeleid")
    st.info("Er zijn nog geen pagina's beschikbaar voor uw rol.")
    st.stop()

menu = {spec.name for specs in sections.values() for spec in specs}
first = next(iter(sections.values()))[0]  # served at the root URL
grouped: dict[str, list] = {}
for spec in navigation.existing_pages():
    shown = "visible" if spec.name in menu else "hidden"
    grouped.setdefault(spec.section, []).append(
        st.Page(spec.path, title=spec.title, icon=spec.icon, url_path=f"{spec.name}-start" if spec is first else spec.name,
                default=spec is first, visibility=shown)
    )
# The first page's own name as a URL (/overzicht) opens it too, instead of Streamlit's English
# "Page not found"; it is left out of the menu, where the root link stands for it.
grouped[first.section].append(st.Page(first.path, title=first.title, icon=first.icon, url_path=first.name, visibility="hidden"))
page = st.navigation(grouped)  # a section whose pages are all hidden is not shown
view = filters.render_sidebar(data.available_years(), data.available_diensten(), filter_box)


def _record_page_view() -> None:
    """One "paginaweergave" per page and filter combination, not per rerun."""
    marker = (access, page.url_path, view)
    if st.session_state.get("_audited_view") == marker:
        return
    with errors.database_guard():
        with engine.begin() as conn:
            audit.record(conn, access, "paginaweergave", {"pagina": page.url_path or first.name, "filters": view.as_audit()})
    st.session_state["_audited_view"] = marker


_record_page_view()
with errors.database_guard():
    page.run()
