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
3. Otherwise local accounts (dashboard.shell.sign_in): a sign-in that lasts through reloads and tabs
   (a server-side session and a cookie), the first-account setup page on a database without
   accounts, and the forced password change after a one-time password.

Screen-share mode gives any role the netwerk view (Access.screen_share), with a banner and larger
type for a projector. It is one-way on purpose: once on, only the sidebar switch turns it off, and
only after a confirmation. What turns it on, and keeps it on (see screen_share_on):
- the session: a flag in st.session_state, kept through menu clicks, Back/Forward, the demo role
  switch and a sign-out/sign-in in the same tab;
- the URL: `?scherm=` with any of SCREEN_SHARE_ON_VALUES turns it on (no value turns it off), and
  while it is on every run writes `?scherm=true`, so a reload (a new Streamlit session) finds it;
- the browser: a session cookie (SCREEN_SHARE_COOKIE) set by the banner's script, read on the first
  run of a new session, for a reload or a new tab on a URL without the parameter (e.g. Back to a
  history entry from before it was switched on, after a reload). Confirmed switching off clears it.
"""

from __future__ import annotations

import html
from dataclasses import replace

import streamlit as st

from dashboard.reads.data import get_engine
from dashboard.shell import sign_in
from dashboard.shell.language import relabel_on_switch
from dashboard.style.text import plain
from data_access import audit
from data_access.access import ROLE_LABELS, ROLES, Access
from data_access.demo import offers_demo
from data_access.users import role_for_email
from i18n import N_, _

SCREEN_SHARE_PARAM = "scherm"  # URL query parameter
SCREEN_SHARE_ON_VALUES = frozenset({"1", "ja", "aan", "true", "on", "yes"})  # case-insensitive
SCREEN_SHARE_SWITCH_KEY = "_schermdeling_schakelaar"  # the sidebar toggle (not bound to the URL)
SCREEN_SHARE_COOKIE = "dashboard_schermdeling"  # "1" while on: a browser session cookie
# Dutch, marked for the catalogs; shown with i18n._.
SCREEN_SHARE_BANNER = N_("Schermdeling actief: enkel geanonimiseerde cijfers")
CONFIRM_OFF_TITLE = N_("Schermdeling uitschakelen?")
CONFIRM_OFF_TEXT = N_("Namen en dossiers worden weer zichtbaar.")
CONFIRM_OFF_TEXT_NETWERK = N_("Uw rol blijft enkel geaggregeerde cijfers zien; de banner en de grotere letters verdwijnen.")
_SCREEN_SHARE_ON = "_schermdeling_aan"  # the mode itself, for this browser tab's session
_SCREEN_SHARE_CONFIRM = "_schermdeling_bevestigen"  # the switch was turned off: ask first
_SCREEN_SHARE_TURNED_OFF = "_schermdeling_uitgezet"  # confirmed off in this session: clear the cookie
_SESSION_RECORDED = "_auth_recorded"  # the (user, role, method) whose sign-in is in the audit log
_DEMO_ROLE_KEY = "demo_rol"
_SESSION_METHOD = "_auth_methode"  # "demo", "lokaal" or "oidc": how this run's user signed in

_PROJECTOR_CSS = """
<style>
/* Streamlit sizes its text in rem: a larger root size enlarges all of it for a projector. */
html { font-size: 20px; }
/* Tables are plain HTML in this mode (components.table): their text as large as the page's. */
[data-testid="stTable"] table { font-size: 1rem; }
.schermdeling-banner { background: #8a1c1c; color: #fff; padding: 0.6rem 1rem; border-radius: 0.4rem;
  font-size: 1.3rem; font-weight: 700; margin-bottom: 0.8rem; }
</style>
"""
# Scripts in st.html run when the element is drawn (dashboard pages are not iframed). The cookie
# has no expiry: it lasts as long as the browser session, in every tab of this browser.
_SET_COOKIE_JS = f'<script>document.cookie = "{SCREEN_SHARE_COOKIE}=1; path=/; SameSite=Strict";</script>'
_CLEAR_COOKIE_HTML = (
    '<style>div[data-testid="stElementContainer"]:has(.schermdeling-script) { display: none; }</style>'
    '<span class="schermdeling-script"></span>'
    f'<script>document.cookie = "{SCREEN_SHARE_COOKIE}=; path=/; max-age=0; SameSite=Strict";</script>'
)


ACCESS_KEY = "_dashboard_access"  # set by dashboard/app.py on every run, before the page runs


def _engine():
    return get_engine()


def current_access(engine=None) -> Access:
    """The signed-in user's Access for this run, screen-share mode applied. Renders the
    sign-in (and stops the run) when nobody is signed in yet. `engine` defaults to
    dashboard.reads.data.get_engine() (tests pass their own)."""
    engine = engine if engine is not None else _engine()
    # Before any sign-in: a URL or cookie that turns screen-share on is taken (and the URL kept)
    # on the sign-in page already, so that signing in lands in the netwerk view.
    screen_share = screen_share_on()
    if screen_share:
        show_screen_share_banner()
    else:
        _forget_screen_share_in_browser()
    if not oidc_configured():
        sign_in.announce_setup_code(engine)  # printed in the log at the first run without an account
    if oidc_configured():
        access, method = _oidc_access(engine)
    elif _is_sample_database(engine):
        access, method = _demo_access()
    else:
        access, method = sign_in.local_access(engine)
    _record_sign_in(engine, access, method)
    st.session_state[_SESSION_METHOD] = method
    _signed_in_sidebar(engine, access, method)
    screen_share_switch(access)
    if screen_share:
        access = replace(access, screen_share=True)
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
        st.title(_("Dashboard integriteitsbeleid"))
        st.write(_("Meld u aan met uw account van de organisatie."))
        if st.button(_("Aanmelden"), type="primary"):
            try:
                provider = _oidc_provider()
                st.login(provider) if provider else st.login()
            except Exception as exc:  # missing Authlib or a bad [auth] section
                st.error(
                    _("Aanmelden via de organisatie lukt niet: {error}. "
                      "Controleer [auth] in .streamlit/secrets.toml (zie docs/auth.md).").format(error=plain(exc))
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
            _("Het account {account} heeft geen toegang tot dit dashboard. "
              "Vraag de integriteitscoördinator om u toe te voegen.").format(
                account=plain(email) if email else _("(zonder e-mailadres)"))
        )
        if st.button(_("Afmelden")):
            st.logout()
        st.stop()
    return Access(user=name, role=role), "oidc"


# --- Demo on the sample data ----------------------------------------------------------------


def _is_sample_database(engine) -> bool:
    """Marked as sample data and nothing imported since but the sample itself: once anyone
    imports a workbook (real data, perhaps in the demo), the demo is over and sign-in needed
    (data_access.demo.offers_demo)."""

    with engine.connect() as conn:
        return offers_demo(conn)


def signed_in_method() -> str | None:
    """How this run's user signed in: "demo", "lokaal" or "oidc"."""
    return st.session_state.get(_SESSION_METHOD)


def in_demo() -> bool:
    """Whether this run is the demo on the sample data (anyone may pick any role there)."""
    return signed_in_method() == "demo"


def _demo_access() -> tuple[Access, str]:
    relabel_on_switch(_DEMO_ROLE_KEY)
    st.sidebar.warning(_("**Demo met fictieve voorbeeldgegevens.** Kies hieronder een rol om het dashboard te verkennen."))
    role = st.sidebar.selectbox(
        _("Demorol"),
        ROLES,
        format_func={role: _(ROLE_LABELS[role]) for role in ROLES}.__getitem__,  # bound in this run's language
        key=_DEMO_ROLE_KEY,
        help=_("Enkel in de demo: elke rol ziet wat die rol in het echt zou zien."),
    )
    return Access(user="demo", role=role), "demo"


# --- Shared pieces --------------------------------------------------------------------------


def sign_out() -> None:
    """Forgets who signed in in this Streamlit session (screen-share mode stays as it is)."""
    st.session_state.pop(_SESSION_RECORDED, None)


def _record_sign_in(engine, access: Access, method: str) -> None:
    """One "aanmelding" audit row per sign-in (and per role switch in the demo); a local
    sign-in is recorded when its server-side session starts (data_access.sessions)."""
    if method == "lokaal":
        return
    marker = (access.user, access.role, method)
    if st.session_state.get(_SESSION_RECORDED) == marker:
        return
    with engine.begin() as conn:
        audit.record(conn, access, "aanmelding", {"methode": method, "resultaat": "gelukt"})
    st.session_state[_SESSION_RECORDED] = marker


def _signed_in_sidebar(engine, access: Access, method: str) -> None:
    if method == "demo":
        return
    st.sidebar.caption(_("Aangemeld als **{user}** ({role})").format(user=plain(access.user), role=_(access.role_label)))
    if method == "lokaal":
        with st.sidebar.popover(_("Wachtwoord wijzigen"), icon=":material/key:"):
            sign_in.password_form(engine, access, sign_in.current_token())
    if st.sidebar.button(_("Afmelden"), key="afmelden"):
        if method == "lokaal":
            sign_in.sign_out(engine)
        sign_out()
        if method == "oidc":
            st.logout()
        st.rerun()


def url_turns_screen_share_on(values) -> bool:
    """True when one of the URL's `scherm` values is an "on" value (1, ja, aan, true, on, yes;
    any case, spaces ignored). Nothing in the URL ever turns screen-share off."""
    return any(str(v).strip().lower() in SCREEN_SHARE_ON_VALUES for v in values)


def _cookie_turns_screen_share_on() -> bool:
    """The browser's screen-share cookie (set while the mode was on in this browser session). It
    comes with the connection, so it is read once per Streamlit session."""
    try:
        return st.context.cookies.get(SCREEN_SHARE_COOKIE) == "1"
    except Exception:  # no browser connection (e.g. AppTest)
        return False


def screen_share_on() -> bool:
    """Whether screen-share mode is on for this run, called once per run before sign-in.

    On the first run of a Streamlit session (a new tab, a reload) it starts from the cookie;
    any run whose URL carries an "on" value turns it on. Once on, it stays on for the session
    whatever the URL says (?scherm=0, no parameter, Back to an older URL) until the switch is
    turned off and that is confirmed (screen_share_switch). While on, every run makes sure the
    URL says ?scherm=true (a page switch drops plain query parameters, Back may land on an
    older URL), so that a reload, which starts a new session, finds it again. It is written only
    when the URL says otherwise: a write that changes the URL adds a browser history entry."""
    state = st.session_state
    if _SCREEN_SHARE_ON not in state:
        state[_SCREEN_SHARE_ON] = _cookie_turns_screen_share_on()
    if url_turns_screen_share_on(st.query_params.get_all(SCREEN_SHARE_PARAM)):
        state[_SCREEN_SHARE_ON] = True
        state.pop(_SCREEN_SHARE_TURNED_OFF, None)
    if state[_SCREEN_SHARE_ON] and st.query_params.get_all(SCREEN_SHARE_PARAM) != ["true"]:
        st.query_params[SCREEN_SHARE_PARAM] = "true"
    return bool(state[_SCREEN_SHARE_ON])


def _switch_changed() -> None:
    """The switch turns screen-share on at once; turning it off only asks for confirmation."""
    if st.session_state[SCREEN_SHARE_SWITCH_KEY]:
        st.session_state[_SCREEN_SHARE_ON] = True
        st.session_state[_SCREEN_SHARE_CONFIRM] = False
        st.session_state.pop(_SCREEN_SHARE_TURNED_OFF, None)
    elif st.session_state.get(_SCREEN_SHARE_ON):
        st.session_state[_SCREEN_SHARE_CONFIRM] = True


def screen_share_switch(access: Access) -> None:
    """The sidebar switch. It always shows the mode of this run (screen_share_on); switched off
    while on, it stays on and a dialog asks for confirmation."""
    st.session_state[SCREEN_SHARE_SWITCH_KEY] = bool(st.session_state.get(_SCREEN_SHARE_ON))
    st.sidebar.toggle(
        _("Schermdeling"),
        key=SCREEN_SHARE_SWITCH_KEY,
        on_change=_switch_changed,
        help=_("Voor een gedeeld scherm of projector: enkel geanonimiseerde cijfers, kleine aantallen "
               "verborgen, grotere letters. Blijft aan, ook na herladen of een andere link, tot u het hier "
               "uitschakelt en dat bevestigt."),
    )
    if st.session_state.get(_SCREEN_SHARE_ON) and st.session_state.get(_SCREEN_SHARE_CONFIRM):
        _confirm_switch_off(_(CONFIRM_OFF_TEXT_NETWERK if access.aggregated_only else CONFIRM_OFF_TEXT))


def _confirm_switch_off(text: str) -> None:
    """The confirmation dialog, its title in the run's language (a dialog's title is fixed when
    it is declared, so it is declared here, on each run that opens it)."""

    @st.dialog(_(CONFIRM_OFF_TITLE), dismissible=False)
    def confirm_dialog() -> None:
        st.write(text)
        confirm, cancel = st.columns(2)
        if confirm.button(_("Uitschakelen"), key="_schermdeling_uitschakelen", type="primary", width="stretch"):
            turn_screen_share_off()
            st.rerun()
        if cancel.button(_("Annuleren"), key="_schermdeling_annuleren", width="stretch"):
            st.session_state[_SCREEN_SHARE_CONFIRM] = False
            st.rerun()

    confirm_dialog()


def turn_screen_share_off() -> None:
    """Confirmed: the mode off for this session, ?scherm out of the URL and (next run) the
    cookie cleared. An older history entry that still carries ?scherm=true turns it on again."""
    st.session_state[_SCREEN_SHARE_ON] = False
    st.session_state[_SCREEN_SHARE_CONFIRM] = False
    st.session_state[_SCREEN_SHARE_TURNED_OFF] = True
    if SCREEN_SHARE_PARAM in st.query_params:
        del st.query_params[SCREEN_SHARE_PARAM]


def _forget_screen_share_in_browser() -> None:
    """After a confirmed switch-off, the cookie is cleared (on every run: a page switch or a
    lost run must not leave it behind)."""
    if st.session_state.get(_SCREEN_SHARE_TURNED_OFF):
        st.sidebar.html(_CLEAR_COOKIE_HTML, unsafe_allow_javascript=True)


def show_screen_share_banner() -> None:
    """The banner on top of the page and in the sidebar, the projector's larger type, and the
    script that remembers the mode in the browser (SCREEN_SHARE_COOKIE)."""
    st.html(_PROJECTOR_CSS)
    st.html(
        f'<div class="schermdeling-banner" role="status">{html.escape(_(SCREEN_SHARE_BANNER))}</div>{_SET_COOKIE_JS}',
        unsafe_allow_javascript=True,
    )
    st.sidebar.error(_(SCREEN_SHARE_BANNER))
