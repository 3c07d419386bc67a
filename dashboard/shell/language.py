"""The language of a run: the user's choice in the sidebar, else the zone's default.

dashboard/app.py calls `choose_language()` before anything is written on the page (the sign-in
form included). The choice is kept in the URL (?taal=fr) like the filters, so a link keeps its
language and a page switch keeps it; without a choice the zone's default language holds (a
setting on Instellingen, "nl" unless changed). The choice is set for the whole run
(i18n.set_language): every `_()` after it, and every cached read (dashboard.reads.cache), is in
that language. Plotly's number separators follow it (dashboard.style.theme.separators).
"""

from __future__ import annotations

import streamlit as st

import i18n
from dashboard.reads import data

LANGUAGE_KEY = "taal"
LABEL = "Taal · Langue"  # both languages: whoever reads the other one finds the switch


def choose_language(container=None) -> str:
    """Draws the switch (in `container`, default the sidebar), sets the language of this run and
    returns it ("nl" or "fr")."""
    default = data.get_default_language()
    if LANGUAGE_KEY not in st.session_state:
        # A link says ?taal=fr (a code, or a language's name): taken at the session's first run.
        asked = _code(st.query_params.get(LANGUAGE_KEY))
        if asked:
            st.session_state[LANGUAGE_KEY] = asked
    chosen = st.session_state.get(LANGUAGE_KEY)
    try:
        i18n.set_language(chosen or default)  # before the widget: its help text is translated
    except i18n.UnknownLanguage:  # ?taal=en: the default, and the switch shows it
        i18n.set_language(default)
        st.query_params.pop(LANGUAGE_KEY, None)
    with container if container is not None else st.sidebar:
        lang = st.selectbox(
            LABEL,
            i18n.LANGUAGES,
            # the zone's default, unless the session already holds a choice (no second default)
            index=0 if LANGUAGE_KEY in st.session_state else i18n.LANGUAGES.index(default),
            format_func=i18n.NAMES.get,
            key=LANGUAGE_KEY,
            help=i18n._("De taal van het dashboard, de downloads en de rapporten. Standaard de taal van de zone (Instellingen)."),
        )
    # In the URL as a code (Streamlit's bind would write the option's label, ?taal=Français):
    # ?taal=fr while it differs from the zone's default, so a link opens in the same language.
    # Written on every run, so it survives a page switch like the bound filters.
    if lang != default and st.query_params.get(LANGUAGE_KEY) != lang:
        st.query_params[LANGUAGE_KEY] = lang
    elif lang == default and LANGUAGE_KEY in st.query_params:
        del st.query_params[LANGUAGE_KEY]
    return i18n.set_language(lang)


def relabel_on_switch(key: str) -> None:
    """Call before drawing the keyed widget `key` whose option labels depend on the language (a
    format_func such as 'Alle diensten' / 'Tous les services'): on the first run after a switch of
    language, its value is set again, so that the browser shows the chosen option's new label
    (Streamlit otherwise keeps the label it showed before; the value itself is unchanged)."""
    marker = f"_taal_van_{key}"
    lang = i18n.current()
    if st.session_state.get(marker) not in (None, lang) and key in st.session_state:
        st.session_state[key] = st.session_state[key]
    st.session_state[marker] = lang


def _code(asked: str | None) -> str | None:
    """'fr', 'FR', 'fr_BE' or a language's name ('Français') -> 'fr'; None for anything else."""
    if not asked:
        return None
    names = {name.lower(): code for code, name in i18n.NAMES.items()}
    try:
        return names.get(asked.strip().lower()) or i18n.normalise(asked)
    except i18n.UnknownLanguage:
        return None
