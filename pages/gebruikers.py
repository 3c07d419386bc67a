"""Gebruikers: the coordinator adds users, changes roles, disables and re-enables accounts,
resets a password (a one-time password, to be changed at the first sign-in) and unlocks a
locked account. Every change is audited and ends the user's open sessions where it takes
something away (data_access.user_admin)."""

from __future__ import annotations

import streamlit as st

from dashboard.reads import data, errors
from dashboard.shell import auth
from dashboard.style.text import plain
from dashboard.ui import components as ui
from dashboard.ui.user_admin_view import status, users_frame
from data_access import user_admin
from data_access.access import ROLE_LABELS, ROLES
from i18n import _

ONE_TIME_KEY = "_gebruikers_eenmalig"  # (user, one-time password): shown once, right after
DONE_KEY = "_gebruikers_gedaan"  # the confirmation of the last change

access = ui.require("manage_users")
ui.page_header(
    _("Gebruikers"),
    caption=_("Wie het dashboard mag gebruiken en met welke rol. Elke wijziging staat in het auditlogboek; "
              "een andere rol, uitschakelen of een nieuw wachtwoord meldt de gebruiker overal af."),
)
if auth.in_demo():
    st.info(
        _("In de demo is er geen gebruikersbeheer: iedereen kan er elke rol kiezen. Wanneer u eigen gegevens "
          "importeert (pagina Gegevens), eindigt de demo en maakt u het eerste account aan."),
        icon=":material/info:",
    )
    st.stop()
engine = data.get_engine()


def _role_label(role: str) -> str:
    return _(ROLE_LABELS[role])


def _apply(change, *args, done: str, **kwargs):
    """Runs one change of data_access.user_admin in its own transaction; reruns with `done` shown."""
    try:
        with errors.database_guard(), engine.begin() as conn:
            result = change(conn, *args, by=access, **kwargs)
    except ValueError as exc:
        st.error(str(exc))
        return
    st.session_state[DONE_KEY] = done
    if isinstance(result, str):
        st.session_state[ONE_TIME_KEY] = (args[0].strip(), result)
    st.rerun()


done = st.session_state.pop(DONE_KEY, None)
if done:
    st.success(done, icon=":material/check:")
one_time = st.session_state.pop(ONE_TIME_KEY, None)
if one_time:
    st.warning(
        _("Eenmalig wachtwoord voor **{user}** (wordt maar één keer getoond). Geef het veilig door: "
          "bij de eerste aanmelding kiest de gebruiker een eigen wachtwoord.").format(user=plain(one_time[0])),
        icon=":material/key:",
    )
    st.code(one_time[1], language=None)

with errors.database_guard(), engine.connect() as conn:
    users = user_admin.list_users(conn)
ui.table(users_frame(users))

add_column, change_column = st.columns(2, gap="large")
with add_column:
    st.subheader(_("Gebruiker toevoegen"), anchor=False)
    with st.form("gebruiker_toevoegen", clear_on_submit=True):
        name = st.text_input(_("Gebruikersnaam"), help=_("Bv. voornaam.naam; voor de organisatie-login het e-mailadres."))
        role = st.selectbox(_("Rol"), ROLES, format_func=_role_label, index=ROLES.index("netwerk"))
        oidc_only = (
            st.checkbox(_("Enkel via de organisatie-login (geen wachtwoord)")) if auth.oidc_configured() else False
        )
        if st.form_submit_button(_("Toevoegen"), type="primary", icon=":material/person_add:"):
            _apply(user_admin.create_user, name, role, oidc_only=oidc_only,
                   done=_("Gebruiker {user} toegevoegd als {role}.").format(user=plain(name.strip()), role=_role_label(role)))

with change_column:
    st.subheader(_("Gebruiker wijzigen"), anchor=False)
    if not users:
        st.info(_("Er zijn nog geen gebruikers."))
        st.stop()
    chosen = st.selectbox(_("Gebruiker"), users, format_func=lambda u: f"{u.name} ({status(u).lower()})", key="gebruiker_keuze")
    self = chosen.name == access.user
    role_column, role_button = st.columns([2, 1], vertical_alignment="bottom")
    new_role = role_column.selectbox(_("Rol"), ROLES, index=ROLES.index(chosen.role), format_func=_role_label,
                                     key=f"rol_{chosen.name}")
    if role_button.button(_("Rol opslaan"), disabled=new_role == chosen.role, width="stretch"):
        _apply(user_admin.set_role, chosen.name, new_role,
               done=_("{user} heeft nu de rol {role}.").format(user=plain(chosen.name), role=_role_label(new_role)))
    left, right = st.columns(2)
    if chosen.disabled:
        if left.button(_("Inschakelen"), icon=":material/person_check:", width="stretch"):
            _apply(user_admin.set_disabled, chosen.name, False, done=_("{user} is weer ingeschakeld.").format(user=plain(chosen.name)))
    elif left.button(_("Uitschakelen"), icon=":material/person_off:", width="stretch", disabled=self,
                     help=_("Uw eigen account kunt u niet uitschakelen.") if self else None):
        _apply(user_admin.set_disabled, chosen.name, True,
               done=_("{user} is uitgeschakeld en overal afgemeld.").format(user=plain(chosen.name)))
    if right.button(_("Ontgrendelen"), icon=":material/lock_open:", width="stretch", disabled=not chosen.locked,
                    help=None if chosen.locked else _("Het account is niet vergrendeld.")):
        _apply(user_admin.unlock, chosen.name, done=_("{user} is ontgrendeld.").format(user=plain(chosen.name)))
    if st.button(_("Nieuw eenmalig wachtwoord"), icon=":material/key:", width="stretch", disabled=chosen.oidc_only,
                 help=_("Het huidige wachtwoord vervalt; de gebruiker kiest bij de eerste aanmelding een eigen wachtwoord.")):
        _apply(user_admin.reset_password, chosen.name,
               done=_("Het wachtwoord van {user} is opnieuw ingesteld.").format(user=plain(chosen.name)))
