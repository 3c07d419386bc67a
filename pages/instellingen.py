"""Instellingen: the zone's name (for the yearly export), the norms of the KPI catalog, the
suppression threshold, the sign-in session limits and the cover letters of the report to the
authorities (coordinator only)."""

from __future__ import annotations

import streamlit as st

import i18n
from dashboard.reads import data, errors
from dashboard.style.text import plain
from dashboard.ui import components as ui
from dashboard.ui.settings_view import grouped_settings
from data_access import audit
from data_access.settings import (
    ADDRESSEES,
    COVER_LETTER_MAX,
    DEFAULT_COVER_LETTERS,
    LANGUAGE_KEY,
    LANGUAGE_LABEL,
    SETTINGS,
    ZONE_NAME_KEY,
    ZONE_NAME_LABEL,
    ZONE_NAME_MAX,
    addressee_object,
    cover_letter_key,
    save_cover_letter,
    save_language,
    save_settings,
    save_zone_name,
    tidy_zone_name,
)
from i18n import _

SAVED_KEY = "_instellingen_saved"
LETTERS_SAVED_KEY = "_instellingen_brieven_saved"

access = ui.require("change_settings")
ui.page_header(
    _("Instellingen"),
    caption=_("De naam van de zone, de normen en termijnen voor de indicatoren, de drempel voor kleine "
              "aantallen en hoe lang een aanmelding geldt. Een wijziging geldt meteen voor alle cijfers en wordt in het auditlogboek genoteerd."),
)

saved = st.session_state.pop(SAVED_KEY, None)
if saved:
    labels = {s.key: _(s.label) for s in SETTINGS} | {ZONE_NAME_KEY: _(ZONE_NAME_LABEL), LANGUAGE_KEY: _(LANGUAGE_LABEL)}
    shown = {k: i18n.NAMES[v] if k == LANGUAGE_KEY else v for k, v in saved.items()}
    st.success(_("Opgeslagen: {changes}").format(changes="; ".join(f"{labels[k]} = {plain(v)}" for k, v in shown.items())),
               icon=":material/check:")

current = data.get_settings()
current_zone = data.get_zone_name() or ""
current_language = data.get_default_language()
groups = grouped_settings()

with st.form("instellingen", border=False):
    with st.container(border=True):
        st.markdown(_("**Zone**"))
        zone = st.text_input(
            _(ZONE_NAME_LABEL),
            value=current_zone,
            max_chars=ZONE_NAME_MAX,
            placeholder=_("bv. PZ Schoten"),
            key=f"instelling_{ZONE_NAME_KEY}",
            help=_("Staat op het voorblad en in de kop van elk blad van de jaarexport."),
        )
        default_language = st.selectbox(
            _(LANGUAGE_LABEL),
            i18n.LANGUAGES,
            index=i18n.LANGUAGES.index(current_language),
            format_func=i18n.NAMES.get,
            key=f"instelling_{LANGUAGE_KEY}",
            help=_("De taal waarin het dashboard opent; elke gebruiker kan links kiezen voor een andere taal."),
        )
    values = {}
    columns = st.columns(3, gap="medium")
    for i, (title, settings) in enumerate(groups.items()):
        with columns[i % 3].container(border=True):
            st.markdown(f"**{_(title)}**")
            for setting in settings:
                values[setting.key] = st.number_input(
                    _(setting.label),
                    min_value=setting.minimum,
                    max_value=setting.maximum,
                    value=int(current[setting.key]),
                    step=1,
                    key=f"instelling_{setting.key}",
                    help=_("Standaard {default}; toegelaten van {minimum} tot {maximum}.").format(
                        default=setting.default, minimum=setting.minimum, maximum=setting.maximum),
                )
    submitted = st.form_submit_button(_("Opslaan"), type="primary", icon=":material/save:")

if submitted:
    changes = {key: int(value) for key, value in values.items() if int(value) != int(current[key])}
    zone_changed = tidy_zone_name(zone) != current_zone
    language_changed = default_language != current_language
    if not changes and not zone_changed and not language_changed:
        st.info(_("Er is niets gewijzigd."))
    else:
        try:
            with errors.database_guard(), data.get_engine().begin() as conn:
                saved = dict(changes)
                if changes:
                    save_settings(conn, changes)
                if zone_changed:
                    saved[ZONE_NAME_KEY] = save_zone_name(conn, zone)
                if language_changed:
                    saved[LANGUAGE_KEY] = save_language(conn, default_language)
                audit.record(conn, access, "instellingen", {"wijzigingen": saved})
        except ValueError as exc:
            st.error(str(exc))
        else:
            st.session_state[SAVED_KEY] = saved
            st.session_state.pop(f"instelling_{ZONE_NAME_KEY}", None)  # the field shows the name as saved
            st.rerun()


# --- the cover letters of the report to the authorities ------------------------------------------

st.subheader(_("Begeleidende brieven"))
st.caption(
    _("De brief bij de periodieke rapportage aan de overheden (Export en rapporten). De cijfers zijn voor elke "
      "geadresseerde dezelfde; enkel de brief verschilt. {periode} en {zone} worden ingevuld.")
)
letters_saved = st.session_state.pop(LETTERS_SAVED_KEY, None)
if letters_saved:
    st.success(_("Opgeslagen: brief aan {addressees}").format(addressees=", ".join(addressee_object(a) for a in letters_saved)),
               icon=":material/check:")
current_letters = data.get_cover_letters()
with st.form("brieven", border=False):
    letters = {}
    for addressee in ADDRESSEES:
        letters[addressee] = st.text_area(
            _("Brief aan {addressee}").format(addressee=addressee_object(addressee)), value=current_letters[addressee], height=220, max_chars=COVER_LETTER_MAX,
            key=f"instelling_{cover_letter_key(addressee)}",
        )
    letters_submitted = st.form_submit_button(_("Brieven opslaan"), icon=":material/save:")
if letters_submitted:
    changed = {a: t for a, t in letters.items() if t.strip() != current_letters[a].strip()}
    if not changed:
        st.info(_("Er is niets gewijzigd."))
    else:
        try:
            with errors.database_guard(), data.get_engine().begin() as conn:
                for addressee, text in changed.items():
                    save_cover_letter(conn, addressee, text)
                audit.record(conn, access, "instellingen", {"wijzigingen": {cover_letter_key(a): "brief gewijzigd" for a in changed}})
        except ValueError as exc:
            st.error(str(exc))
        else:
            st.session_state[LETTERS_SAVED_KEY] = list(changed)
            st.rerun()
with st.expander(_("Standaardtekst van de brieven")):
    for addressee, label in ADDRESSEES.items():
        st.markdown(f"**{_(label)}**")
        st.text(DEFAULT_COVER_LETTERS[addressee])
