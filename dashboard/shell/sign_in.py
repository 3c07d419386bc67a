"""Local sign-in that lasts: the form, the session cookie, the first-account setup page and the
forced password change. dashboard.shell.auth calls `local_access(engine)` when neither OIDC nor the
demo applies.

How a sign-in lasts (docs/auth.md, "Sessies"):
- After the right password data_access.sessions.start makes a server-side session; the token
  goes to the browser as a cookie (SESSION_COOKIE, SameSite=Strict, Secure over HTTPS, no
  longer than the absolute lifetime) written by a small script, Streamlit's own st.html with
  JavaScript, and read back by st.context.cookies: the cookies the browser sent when its
  connection opened. A reload or a new tab opens a new connection and brings the cookie.
- Every run checks the token on the server (idle and absolute limits, sign-out, password or
  role change, account disabled). A token counts only when this connection brought it as a
  cookie, or when it was issued on this very connection (the WebSocket's handshake key, which
  a second browser that resumes the Streamlit session by its id does not have): knowing a
  Streamlit session id is not enough.
- "Afmelden" ends the session on the server and clears the cookie; any tab still holding it is
  signed out at its next run.
- A second, long-lived cookie (BROWSER_COOKIE) marks a browser where the user signed in
  before: the account lock-out does not apply there (data_access.users.verify_login).
"""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import streamlit as st

from dashboard.shell import setup_code
from dashboard.style.text import plain
from dashboard.ui import import_view
from data_access import audit, sessions, throttle
from data_access.access import Access
from data_access.user_admin import WrongSetupCode, create_first_account, has_accounts
from data_access.users import change_own_password, current_role, must_change_password, throttle_message, verify_login
from i18n import N_, _

SESSION_COOKIE = "dashboard_sessie"
BROWSER_COOKIE = "dashboard_browser"
BROWSER_COOKIE_DAYS = sessions.KNOWN_BROWSER_DAYS
_ISSUED = "_auth_issued"  # (session token, browser token, connection key) of a sign-in on this connection
_NOTICE = "_auth_notice"  # a message for the sign-in page after the session ended
_ENDED = "_auth_beeindigd"  # a token found ended: the cookie this connection brought, now cleared
_REQUESTED = "_auth_gevraagd"  # (page url path, query parameters) the link asked for, before sign-in
DEMO_ENDED_REPORT = "_demo_einde_rapport"  # the import report that ended the demo, for the setup page
SIGNED_OUT_NOTICE = N_("U bent afgemeld.")
ENDED_NOTICE = N_("Uw aanmelding is beëindigd of verlopen. Meld u opnieuw aan.")

# The menu of an earlier run stays in the sidebar when a run stops before st.navigation (after
# "Afmelden", or when an import ends the demo): hidden while a sign-in page is shown.
_NO_MENU = '<style>[data-testid="stSidebarNav"], [data-testid="stSidebarNavSeparator"] { display: none; }</style>'
_HIDDEN = (
    '<style>div[data-testid="stElementContainer"]:has(.auth-script) { display: none; }</style>'
    '<span class="auth-script"></span>'
)


# --- the browser side ---------------------------------------------------------------------


def _cookie(name: str) -> str | None:
    try:
        value = st.context.cookies.get(name)
    except Exception:  # no browser connection
        return None
    return value if isinstance(value, str) else None  # AppTest has no real cookies


def connection_key() -> str | None:
    """The WebSocket handshake key of this browser connection (None without a browser)."""
    try:
        value = st.context.headers.get("Sec-Websocket-Key")
    except Exception:
        return None
    return value if isinstance(value, str) else None


def client_key() -> str:
    """Whom the sign-in delay applies to: the client's address as the server sees it."""
    try:
        value = st.context.ip_address
    except Exception:
        value = None
    return value if isinstance(value, str) and value else "lokaal"


def _secure() -> str:
    try:
        url = st.context.url
    except Exception:
        url = None
    return "; Secure" if isinstance(url, str) and url.startswith("https:") else ""


def _write_cookies(cookies: dict[str, tuple[str, int]]) -> None:
    """Sets (max-age > 0) or clears (max-age 0) cookies in the browser with a hidden script."""
    lines = "".join(
        f"document.cookie = {json.dumps(f'{name}={value}; path=/; max-age={age}; SameSite=Strict{_secure()}')};"
        for name, (value, age) in cookies.items()
    )
    st.sidebar.html(f"{_HIDDEN}<script>{lines}</script>", unsafe_allow_javascript=True)


# --- signed in or not --------------------------------------------------------------------


def _token() -> str | None:
    """The session token this run may use: the one issued on this very connection, else the
    cookie the connection brought."""
    issued = st.session_state.get(_ISSUED)
    if issued and issued[2] == connection_key():
        return issued[0]
    cookie = _cookie(SESSION_COOKIE)
    return None if cookie == st.session_state.get(_ENDED) else cookie


def current_token() -> str | None:
    return _token()


def local_access(engine) -> tuple[Access, str]:
    """The signed-in local user, or (stopping the run) the sign-in form, the setup page or the
    password change."""
    token = _token()
    if token:
        with engine.begin() as conn:
            user = sessions.check(conn, token)
            role = current_role(conn, user) if user else None
            change = must_change_password(conn, user) if role else False
        if role:
            issued = st.session_state.get(_ISSUED)
            if issued and issued[0] == token and issued[2] == connection_key():
                _write_cookies(_session_cookies(engine, issued[0], issued[1]))
            access = Access(user=user, role=role)
            if change:
                _password_change_page(engine, access, token, forced=True)
            return access, "lokaal"
        st.session_state.pop(_ISSUED, None)
        st.session_state[_ENDED] = token  # this connection's cookie is no use any more: not asked again
        st.session_state.setdefault(_NOTICE, ENDED_NOTICE)
        _write_cookies({SESSION_COOKIE: ("", 0)})
    _remember_requested_page()
    with engine.connect() as conn:
        accounts = has_accounts(conn)
    if not accounts:
        _setup_page(engine)
    _sign_in_page(engine)
    raise AssertionError("unreachable")  # both pages stop the run


def _remember_requested_page() -> None:
    """The page and query the URL asks for while the sign-in is shown (the run after sign-in
    starts at the default page: dashboard/app.py switches to this one, take_requested_page)."""
    try:
        url = st.context.url
        query = {key: st.query_params.get_all(key) for key in st.query_params}
    except Exception:
        return
    if isinstance(url, str):
        st.session_state[_REQUESTED] = (urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1], query)


def take_requested_page() -> tuple[str, dict] | None:
    """(url path, query parameters) asked for before the sign-in, once."""
    return st.session_state.pop(_REQUESTED, None)


def announce_setup_code(engine) -> None:
    """Prints the one-time code for the first account in the server's log, once per process,
    while the database has no account (also during the demo, which may end in the setup page)."""
    if setup_code.announced():
        return
    with engine.connect() as conn:
        if not has_accounts(conn):
            setup_code.announce()


def _session_cookies(engine, token: str, browser: str | None) -> dict[str, tuple[str, int]]:
    with engine.connect() as conn:
        _, lifetime = sessions.limits(conn)
    cookies = {SESSION_COOKIE: (token, int(lifetime.total_seconds()))}
    if browser:
        cookies[BROWSER_COOKIE] = (browser, BROWSER_COOKIE_DAYS * 86400)
    return cookies


def _signed_in(engine, user: str) -> None:
    """Starts the server-side session for a verified user and reruns (the next run writes the
    cookies and lands on the page the URL asked for)."""
    with engine.begin() as conn:
        sessions.end_expired(conn)
        token = sessions.start(conn, user)
        known = _cookie(BROWSER_COOKIE)
        browser = None if sessions.is_known_browser(conn, known, user) else sessions.remember_browser(conn, user)
    st.session_state[_ISSUED] = (token, browser, connection_key())
    st.session_state.pop(_NOTICE, None)
    st.session_state.pop(DEMO_ENDED_REPORT, None)
    st.rerun()


def sign_out(engine, reason: str = sessions.SIGNED_OUT) -> None:
    """Ends the session on the server and, at the next run, clears the cookie."""
    token = _token()
    with engine.begin() as conn:
        sessions.end(conn, token, reason)
    st.session_state.pop(_ISSUED, None)
    st.session_state[_NOTICE] = SIGNED_OUT_NOTICE


# --- pages ----------------------------------------------------------------------------------


def _hide_menu() -> None:
    st.html(_NO_MENU)


def _sign_in_page(engine) -> None:
    _hide_menu()
    st.title(_("Dashboard integriteitsbeleid"))
    st.subheader(_("Aanmelden"))
    notice = st.session_state.pop(_NOTICE, None)
    if notice:
        st.info(_(notice), icon=":material/logout:")  # SIGNED_OUT_NOTICE or ENDED_NOTICE
    _demo_ended_report()
    with st.form("aanmelden"):
        name = st.text_input(_("Gebruikersnaam"))
        password = st.text_input(_("Wachtwoord"), type="password")
        submitted = st.form_submit_button(_("Aanmelden"), type="primary")
    if submitted:
        with engine.begin() as conn:
            result = verify_login(conn, name, password, client=client_key(), known_browser=_cookie(BROWSER_COOKIE))
        if result.ok:
            _signed_in(engine, result.access.user)
        st.error(result.message)
    st.caption(_("Nog geen account of wachtwoord vergeten? Vraag het aan de integriteitscoördinator."))
    st.stop()


def _demo_ended_report() -> None:
    """After an import ended the demo in this session: that import's report."""
    report = st.session_state.get(DEMO_ENDED_REPORT)
    if report is None:
        return
    st.success(_("De demo is beëindigd: uw gegevens zijn ingelezen. Vanaf nu is aanmelden nodig."), icon=":material/check_circle:")
    with st.expander(_("Importverslag"), expanded=True):
        import_view.show_report(report)


def _setup_page(engine) -> None:
    """The first integriteitscoördinator of a database without accounts (and without the demo)."""
    code = setup_code.announce()
    _hide_menu()
    st.title(_("Eerste account"))
    _demo_ended_report()
    st.markdown(_(
        "Deze databank heeft nog geen account. Maak hier het eerste account aan: de "
        "**integriteitscoördinator**, die daarna de andere gebruikers toevoegt (Beheer → Gebruikers). "
        "Deze pagina verdwijnt zodra er een account bestaat."
    ))
    st.caption(_(
        "De eenmalige code staat in het logboek van de server (de uitvoer van het dashboard, regel "
        "'Eenmalige code voor het eerste account'). Zo kan enkel wie de server beheert de zone opeisen. "
        "Elke herstart van de server maakt een nieuwe code."
    ))
    with st.form("eerste_account"):
        typed = st.text_input(_("Eenmalige code uit het serverlogboek"))
        name = st.text_input(_("Gebruikersnaam"))
        password = st.text_input(_("Wachtwoord"), type="password", help=_("Minstens 8 tekens."))
        repeat = st.text_input(_("Herhaal het wachtwoord"), type="password")
        submitted = st.form_submit_button(_("Account aanmaken"), type="primary")
    if submitted:
        client = client_key()
        with engine.connect() as conn:
            wait = throttle.wait_seconds(conn, client, audit.utcnow())
        try:
            if wait:
                raise ValueError(throttle_message(wait))
            with engine.begin() as conn:
                access = create_first_account(conn, name, password, repeat, code=typed, expected_code=code)
        except WrongSetupCode as exc:
            with engine.begin() as conn:
                throttle.record_failure(conn, client, audit.utcnow())
            st.error(str(exc))
        except ValueError as exc:
            st.error(str(exc))
        else:
            _signed_in(engine, access.user)
    st.stop()


def _password_change_page(engine, access: Access, token: str, *, forced: bool) -> None:
    _hide_menu()
    st.title(_("Nieuw wachtwoord kiezen"))
    if forced:
        st.info(
            _("Aangemeld als **{user}** met een eenmalig wachtwoord. Kies nu uw eigen wachtwoord "
              "(minstens 8 tekens) om verder te gaan.").format(user=plain(access.user)),
            icon=":material/key:",
        )
    password_form(engine, access, token)
    st.stop()


def password_form(engine, access: Access, token: str | None) -> None:
    """Current password, new one twice; on success the user's other sessions end and the app reruns."""
    with st.form("wachtwoord_wijzigen"):
        current = st.text_input(_("Huidig wachtwoord"), type="password")
        new = st.text_input(_("Nieuw wachtwoord"), type="password", help=_("Minstens 8 tekens."))
        repeat = st.text_input(_("Herhaal het nieuwe wachtwoord"), type="password")
        submitted = st.form_submit_button(_("Wachtwoord opslaan"), type="primary")
    if submitted:
        try:
            with engine.begin() as conn:
                change_own_password(conn, access.user, current, new, repeat, keep=token)
        except ValueError as exc:
            st.error(str(exc))
        else:
            st.toast(_("Uw wachtwoord is gewijzigd; andere aanmeldingen zijn beëindigd."), icon=":material/check:")
            st.rerun()
