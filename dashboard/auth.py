"""Sign-in and screen-share mode: who is looking, and in which view.

dashboard/app.py calls `current_access()` once per run, before it builds the page list:

    access = current_access()          # stops the run (st.stop) until someone is signed in
    pages = [...]                      # only the pages access allows

Three ways to sign in, the first that applies:
1. `[auth]` in .streamlit/secrets.toml -> st.login (OIDC, e.g. Microsoft Entra ID, see
   docs/auth.md); the role comes from a claim (`[dashboard_auth] role_claim`) or from the users
   table by e-mail; an unknown e-mail is refused.
2. The sample-data database (data_access.demo: marked, nothing imported but the sample) -> a
   clearly marked demo with a role switcher; never offered on a database with other data.
3. Otherwise a local sign-in form (users table, argon2 hash, lock-out after 5 failures).

Screen-share mode: a sidebar toggle bound to the URL parameter `scherm` (`?scherm=true`) gives
any role the netwerk view (Access.screen_share) until it is switched off, with a banner and
larger type for a projector.
"""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from data_access import audit
from data_access.access import ROLE_LABELS, ROLES, Access
from data_access.users import current_role, role_for_email, verify_login
from dashboard.text import plain

SCREEN_SHARE_KEY = "scherm"  # widget key = URL query parameter
SCREEN_SHARE_BANNER = "Schermdeling actief: enkel geanonimiseerde cijfers"
_SESSION_ACCESS = "_auth_access"  # (user, role, method) of the signed-in user
_SESSION_RECORDED = "_auth_recorded"  # the (user, role, method) whose sign-in is in the audit log
_DEMO_ROLE_KEY = "demo_rol"

_PROJECTOR_CSS = """
<style>
/* Streamlit sizes its text in rem: a larger root size enlarges all of it for a projector. */
html { font-size: 20px; }
.schermdeling-banner { background: #8a1c1c; color: #fff; padding: 0.6rem 1rem; border-radius: 0.4rem;
  font-size: 1.3rem; font-weight: 700; margin-bottom: 0.8rem; }
</style>
"""


def _engine():
    from dashboard.data import get_engine

    return get_engine()


def current_access(engine=None) -> Access:
    """The signed-in user's Access for this run, screen-share mode applied. Renders the
    sign-in (and stops the run) when nobody is signed in yet. `engine` defaults to
    dashboard.data.get_engine() (tests pass their own)."""
    engine = engine if engine is not None else _engine()
    if oidc_configured():
        access, method = _oidc_access(engine)
    elif _is_sample_database(engine):
        access, method = _demo_access()
    else:
        access, method = _local_access(engine)
    _record_sign_in(engine, access, method)
    _signed_in_sidebar(access, method)
    if screen_share_toggle():
        access = replace(access, screen_share=True)
        show_screen_share_banner()
    return access


# --- OIDC (st.login) ------------------------------------------------------------------------


def oidc_configured() -> bool:
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets.toml at all
        return False


def _oidc_provider() -> str | None:
    """None for a single provider written directly under [auth]; else the first [auth.NAME]."""
    section = st.secrets["auth"]
    if "client_id" in section:
        return None
    for name, value in section.items():
        if hasattr(value, "keys"):
            return name
    return None


def _role_claim() -> str | None:
    try:
        return st.secrets.get("dashboard_auth", {}).get("role_claim")
    except Exception:
        return None


def role_from_claims(claims, claim: str | None) -> str | None:
    """The first dashboard role found in the claim (a string or a list, e.g. Entra app roles)."""
    if not claim:
        return None
    value = claims.get(claim)
    values = value if isinstance(value, (list, tuple)) else [value]
    for v in values:
        if isinstance(v, str) and v.strip().lower() in ROLES:
            return v.strip().lower()
    return None


def _oidc_access(engine) -> tuple[Access, str]:
    if not st.user.is_logged_in:
        st.title("Dashboard integriteitsbeleid")
        st.write("Meld u aan met uw account van de organisatie.")
        if st.button("Aanmelden", type="primary"):
            try:
                provider = _oidc_provider()
                st.login(provider) if provider else st.login()
            except Exception as exc:  # missing Authlib or a bad [auth] section
                st.error(
                    f"Aanmelden via de organisatie lukt niet: {plain(exc)}. "
                    "Controleer [auth] in .streamlit/secrets.toml (zie docs/auth.md)."
                )
        st.stop()
    email = st.user.get("email") or st.user.get("preferred_username") or ""
    name = email or st.user.get("sub") or "onbekend"  # who the audit log names
    role = role_from_claims(st.user, _role_claim())
    if role is None:
        with engine.connect() as conn:
            role = role_for_email(conn, email)
    if role is None:
        st.error(
            f"Het account {plain(email) if email else '(zonder e-mailadres)'} heeft geen toegang tot dit dashboard. "
            "Vraag de integriteitscoördinator om u toe te voegen."
        )
        if st.button("Afmelden"):
            st.logout()
        st.stop()
    return Access(user=name, role=role), "oidc"


# --- Demo on the sample data ----------------------------------------------------------------


def _is_sample_database(engine) -> bool:
    """Marked as sample data and nothing imported since but the sample itself: once anyone
    imports a workbook (real data, perhaps in the demo), the demo is over and sign-in needed
    (data_access.demo.offers_demo)."""
    from data_access.demo import offers_demo

    with engine.connect() as conn:
        return offers_demo(conn)


def _demo_access() -> tuple[Access, str]:
    st.sidebar.warning("**Demo met fictieve voorbeeldgegevens.** Kies hieronder een rol om het dashboard te verkennen.")
    role = st.sidebar.selectbox(
        "Demorol",
        ROLES,
        format_func=ROLE_LABELS.__getitem__,
        key=_DEMO_ROLE_KEY,
        help="Enkel in de demo: elke rol ziet wat die rol in het echt zou zien.",
    )
    return Access(user="demo", role=role), "demo"


# --- Local accounts -------------------------------------------------------------------------


def _local_access(engine) -> tuple[Access, str]:
    stored = st.session_state.get(_SESSION_ACCESS)
    if stored and stored[2] == "lokaal":
        # The role as the users table holds it now: a changed role applies at the next rerun.
        with engine.connect() as conn:
            role = current_role(conn, stored[0])
        if role is not None:
            return Access(user=stored[0], role=role), "lokaal"
        sign_out()
    st.title("Dashboard integriteitsbeleid")
    st.subheader("Aanmelden")
    with st.form("aanmelden"):
        name = st.text_input("Gebruikersnaam")
        password = st.text_input("Wachtwoord", type="password")
        submitted = st.form_submit_button("Aanmelden", type="primary")
    if submitted:
        with engine.begin() as conn:
            result = verify_login(conn, name, password)
        if result.ok:
            st.session_state[_SESSION_ACCESS] = (result.access.user, result.access.role, "lokaal")
            st.rerun()
        st.error(result.message)
    st.caption("Nog geen account? De beheerder maakt het aan met `python -m data_access user add NAAM --role ROL`.")
    st.stop()


def sign_out() -> None:
    st.session_state.pop(_SESSION_ACCESS, None)
    st.session_state.pop(_SESSION_RECORDED, None)


# --- Shared pieces --------------------------------------------------------------------------


def _record_sign_in(engine, access: Access, method: str) -> None:
    """One "aanmelding" audit row per sign-in (and per role switch in the demo)."""
    marker = (access.user, access.role, method)
    if st.session_state.get(_SESSION_RECORDED) == marker:
        return
    with engine.begin() as conn:
        audit.record(conn, access, "aanmelding", {"methode": method, "resultaat": "gelukt"})
    st.session_state[_SESSION_RECORDED] = marker


def _signed_in_sidebar(access: Access, method: str) -> None:
    if method == "demo":
        return
    st.sidebar.caption(f"Aangemeld als **{plain(access.user)}** ({access.role_label})")
    if st.sidebar.button("Afmelden", key="afmelden"):
        sign_out()
        if method == "oidc":
            st.logout()
        st.rerun()


def screen_share_toggle() -> bool:
    """The sidebar switch, kept in the URL as ?scherm=true (?scherm=1, =ja or =aan also turn it on
    when the page is opened)."""
    if SCREEN_SHARE_KEY not in st.session_state:
        raw = str(st.query_params.get(SCREEN_SHARE_KEY, "")).strip().lower()
        if raw in ("1", "ja", "aan", "on", "yes"):
            st.session_state[SCREEN_SHARE_KEY] = True
    return bool(
        st.sidebar.toggle(
            "Schermdeling",
            key=SCREEN_SHARE_KEY,
            bind="query-params",
            help="Voor een gedeeld scherm of projector: enkel geanonimiseerde cijfers, "
            "kleine aantallen verborgen, grotere letters. Blijft aan tot u het uitschakelt.",
        )
    )


def show_screen_share_banner() -> None:
    st.html(_PROJECTOR_CSS)
    st.html(f'<div class="schermdeling-banner" role="status">{SCREEN_SHARE_BANNER}</div>')
    st.sidebar.error(SCREEN_SHARE_BANNER)
