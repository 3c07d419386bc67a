"""Entry point: `streamlit run dashboard/app.py`.

On every run: page config, the database (or the Dutch error page), who is looking
(dashboard.shell.auth), the page list for that role, the shared sidebar filters, one audit row per
page view (or per refusal, for a page the role may not open), then the chosen page, guarded so that a database failure gives the error page.
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
    # A file served by the app itself: a ":material/...:" page icon makes every browser fetch it
    # from fonts.gstatic.com. It is the Material Symbols "balance" glyph (Apache 2.0) of the font
    # Streamlit ships, drawn in the theme's primary colour.
    page_icon=str(ROOT / "dashboard" / "assets" / "favicon.png"),
    layout="wide",
    initial_sidebar_state="auto",  # collapsed on a narrow screen (a phone), open on a wide one
)

from dashboard.reads import data, errors  # noqa: E402
from dashboard.shell import auth, language, navigation, sign_in  # noqa: E402
from dashboard.style import theme  # noqa: E402
from dashboard.ui import components, filters  # noqa: E402
from data_access import audit  # noqa: E402
from i18n import _  # noqa: E402

data.new_run()
engine = data.get_engine()
filter_box = st.sidebar.container()  # the filters sit right under the page list, above sign-in
language.choose_language(st.sidebar.container())  # before any text: the sign-in form is in it too
st.set_page_config(page_title=_("Dashboard integriteitsbeleid"))  # the browser tab, in the run's language
st.html(theme.GLOBAL_CSS + theme.uploader_css(st.get_option("server.maxUploadSize")))  # in the run's language
access = auth.current_access(engine)
st.session_state[auth.ACCESS_KEY] = access

sections = navigation.visible_pages(access)
if not sections:
    st.title(_("Dashboard integriteitsbeleid"))
    st.info(_("Er zijn nog geen pagina's beschikbaar voor uw rol."))
    st.stop()

menu = {spec.name for specs in sections.values() for spec in specs}
first = next(iter(sections.values()))[0]  # served at the root URL
grouped: dict[str, list] = {}
spec_of: dict[str, navigation.PageSpec] = {}  # url path -> the page it opens
for spec in navigation.existing_pages():
    shown = "visible" if spec.name in menu else "hidden"
    url_path = f"{spec.name}-start" if spec is first else spec.name
    spec_of[url_path] = spec
    grouped.setdefault(_(spec.section), []).append(
        st.Page(spec.path, title=_(spec.title), icon=spec.icon, url_path=url_path, default=spec is first, visibility=shown)
    )
# The first page's own name as a URL (/overzicht) opens it too, instead of Streamlit's English
# "Page not found"; it is left out of the menu, where the root link stands for it.
grouped[_(first.section)].append(st.Page(first.path, title=_(first.title), icon=first.icon, url_path=first.name,
                                         visibility="hidden"))
spec_of[first.name] = spec_of[""] = first
# expanded=True: above twelve pages Streamlit folds the menu behind an English "View N more"
# button, which hid the Beheer pages. A section whose pages are all hidden is not shown.
page = st.navigation(grouped, expanded=True)
requested = sign_in.take_requested_page()  # the page a link asked for before the sign-in
if requested:
    by_url = {p.url_path: p for pages_of in grouped.values() for p in pages_of}
    target = by_url.get(requested[0])
    if target is not None and target.url_path != page.url_path:
        st.switch_page(target, query_params=requested[1])
view = filters.render_sidebar(data.available_years(), data.available_diensten(), filter_box)


def _record_page_view() -> None:
    """One audit row per page and filter combination, not per rerun: "paginaweergave", or
    "geweigerd" (with the page and the Dutch reason) for a page the role may not open, which then
    only says so (dashboard.ui.components.require)."""
    marker = (access, page.url_path, view)
    if st.session_state.get("_audited_view") == marker:
        return
    spec = spec_of.get(page.url_path, first)
    refusal = navigation.refusal(spec, access)
    with errors.database_guard():
        with engine.begin() as conn:
            if refusal is None:
                audit.record(conn, access, "paginaweergave", {"pagina": spec.name, "filters": view.as_audit()})
            else:
                audit.record(conn, access, "geweigerd", {"pagina": spec.name, "reden": refusal})
    st.session_state["_audited_view"] = marker


_record_page_view()
components.start_page()
with errors.database_guard():
    page.run()
