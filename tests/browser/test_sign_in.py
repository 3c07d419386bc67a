"""Sign-in in a real browser, on a server of its own with a fresh database (no sample, no
account) and, for the demo, one on a fresh sample database.

- the first account from the setup page with the code from the server's log, landing on the
  page the link asked for; the coordinator adds a netwerk user, who signs in with the one-time
  password, chooses an own one and sees the netwerk view;
- the sign-in lasts: a reload and a second tab stay signed in; another browser that resumes the
  Streamlit session by its id gets the sign-in form; after "Afmelden" the old cookie is useless;
- one message for a wrong password and an unknown name, one kind of audit row;
- a personal-data download (the audit log as CSV) exists only from the click, and its /media
  address answers 404 seconds later;
- the demo: the unchanged sample workbook keeps it, other data ends it after a warning, with the
  import report on the first-account page.
Screenshots: artifacts/screenshots/aanmelden-*.png, eerste-account-*.png, gebruikers-*.png,
nieuw-wachtwoord-*.png, demo-einde-*.png.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
import sqlalchemy as sa

from dashboard.shell.sign_in import SESSION_COOKIE
from dashboard.ui.downloads import LIFETIME
from data_access import audit
from data_access.db import connect
from data_access.users import BAD_LOGIN_MESSAGE
from tests.browser.conftest import ROOT, SIZES, TIMEOUT_MS, AppPage, _env, assert_no_exception, serve, wait_for_app

pytestmark = pytest.mark.browser

CODE_LINE = re.compile(r"Eenmalige code voor het eerste account \(pagina Eerste account\): (\S+)")
COORDINATOR, COORDINATOR_PASSWORD = "els.claes", "els-wachtwoord-1"
NETWERK, NETWERK_PASSWORD = "an.peeters", "an-eigen-wachtwoord"
# Records every WebSocket the app opens and the sub-protocols it asks for: on a reconnect the
# third one is the Streamlit session id being resumed.
RECORD_SOCKETS = """
(() => {
  const Original = window.WebSocket;
  window.__sockets = []; window.__protocols = [];
  window.WebSocket = class extends Original {
    constructor(url, protocols) { super(url, protocols); window.__sockets.push(this); window.__protocols.push(protocols); }
  };
})();
"""
# Another browser presenting a known session id: every connection asks to resume that session.
RESUME_SESSION = """
(() => {
  const Original = window.WebSocket;
  window.WebSocket = class extends Original {
    constructor(url, protocols) {
      const asked = Array.isArray(protocols) ? protocols.slice(0, 2) : ['streamlit'];
      while (asked.length < 2) asked.push('geen');
      asked[2] = '%s';
      super(url, asked);
    }
  };
})();
"""


def _empty_server(tmp_path_factory, *, coordinator: bool):
    folder = tmp_path_factory.mktemp("sign-in")
    url = f"sqlite:///{folder / 'leeg.sqlite'}"
    engine = connect(url)
    if coordinator:
        from data_access.users import add_user

        with engine.begin() as conn:
            add_user(conn, COORDINATOR, "integriteitscoordinator", COORDINATOR_PASSWORD)
    engine.dispose()
    log = folder / "streamlit.log"
    with serve(url, log) as base:
        yield base, url, log


@pytest.fixture
def empty(tmp_path_factory):
    """(base URL, database URL, server log) of an app on a database without data or accounts."""
    yield from _empty_server(tmp_path_factory, coordinator=False)


@pytest.fixture(scope="module")
def fresh(tmp_path_factory):
    """The same with one account, the coordinator (each test here may run first, or alone)."""
    yield from _empty_server(tmp_path_factory, coordinator=True)


def _code(log, line: re.Pattern = CODE_LINE) -> str:
    """The one-time code the server printed in `log` (as `line` writes it), once it is there."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        found = line.findall(log.read_text())
        if found:
            return found[-1]
        time.sleep(0.3)
    raise AssertionError(f"geen code in het logboek:\n{log.read_text()[-2000:]}")


def _context(browser, script: str | None = None):
    context = browser.new_context(viewport={"width": SIZES[0][0], "height": SIZES[0][1]}, locale="nl-BE")
    if script:
        context.add_init_script(script)
    return context


def _tab(context, base: str, path: str = "") -> AppPage:
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    app = AppPage(page, base)
    page.goto(f"{base}/{path}", timeout=TIMEOUT_MS)
    page.locator("[data-testid='stMain'] h1").first.wait_for()
    wait_for_app(page)
    assert_no_exception(page, path or "startpagina")
    return app


def _heading(app: AppPage) -> str:
    return app.page.locator("[data-testid='stMain'] h1").first.inner_text()


def _submit_to_signed_in(app: AppPage, fields: dict[str, str], button: str) -> None:
    """Fills in a form by its labels, submits it and waits until the menu shows (signed in)."""
    for label, value in fields.items():
        app.page.get_by_label(label, exact=True).fill(value)
    app.page.get_by_role("button", name=button).click()
    app.page.get_by_role("button", name=button).wait_for(state="detached")  # the form is gone
    app.page.get_by_test_id("stSidebarNav").wait_for()
    wait_for_app(app.page)


def _create_first_account(app: AppPage, log) -> None:
    """Fills in the first-account page with the code from the server's log; signed in after."""
    _submit_to_signed_in(app, {
        "Eenmalige code uit het serverlogboek": _code(log), "Gebruikersnaam": COORDINATOR,
        "Wachtwoord": COORDINATOR_PASSWORD, "Herhaal het wachtwoord": COORDINATOR_PASSWORD,
    }, "Account aanmaken")


def _sign_in(app: AppPage, name: str, password: str) -> None:
    app.page.get_by_label("Gebruikersnaam", exact=True).fill(name)
    app.page.get_by_label("Wachtwoord", exact=True).fill(password)
    app.page.get_by_role("button", name="Aanmelden").click()
    # signed in (the menu shows: sign-in pages hide it), refused, or asked for a new password
    # The answer: the form is gone, or says it failed. (While the run goes on, the previous run's
    # elements, e.g. its notice or a menu it had hidden, may still show: they are no answer.)
    app.page.wait_for_function(
        """() => !document.querySelector("input[aria-label='Gebruikersnaam']")
                 || [...document.querySelectorAll("[data-testid='stAlert']")].some(a => a.innerText.includes('mislukt'))""",
        timeout=TIMEOUT_MS,
    )
    wait_for_app(app.page)


def _signed_in_as(app: AppPage) -> str | None:
    caption = app.page.get_by_test_id("stSidebar").get_by_text("Aangemeld als")
    return caption.first.inner_text() if caption.count() else None


def _sign_out(app: AppPage) -> None:
    app.page.get_by_test_id("stSidebar").get_by_role("button", name="Afmelden").click()
    app.page.get_by_text("U bent afgemeld.").wait_for()  # (the Gebruikers page has a field of that label too)
    wait_for_app(app.page)


def test_first_account_then_a_netwerk_user(browser, empty):
    base, _, log = empty
    context = _context(browser)
    app = _tab(context, base, "klachten")  # a link to a page, before any account exists
    assert _heading(app) == "Eerste account"
    app.shot("eerste-account")
    _create_first_account(app, log)
    assert app.page.url.split("?")[0].endswith("/klachten") and _heading(app).startswith("Klachten")  # the page asked for
    assert "Integriteitscoördinator" in _signed_in_as(app)

    app.open("gebruikers", "Gebruikers")
    app.page.get_by_label("Gebruikersnaam", exact=True).fill(NETWERK)  # the role select starts at Integriteitsnetwerk
    app.page.get_by_role("button", name="Toevoegen").click()
    app.page.get_by_text(f"Gebruiker {NETWERK} toegevoegd als Integriteitsnetwerk.").wait_for()
    wait_for_app(app.page)
    one_time = app.page.get_by_test_id("stCode").inner_text().strip()
    assert re.fullmatch(r"[a-z2-9]{4}(-[a-z2-9]{4}){3}", one_time), one_time
    app.shot("gebruikers")
    _sign_out(app)

    _sign_in(app, NETWERK, one_time)
    assert _heading(app) == "Nieuw wachtwoord kiezen"
    app.shot("nieuw-wachtwoord")
    _submit_to_signed_in(app, {
        "Huidig wachtwoord": one_time, "Nieuw wachtwoord": NETWERK_PASSWORD, "Herhaal het nieuwe wachtwoord": NETWERK_PASSWORD,
    }, "Wachtwoord opslaan")
    assert f"{NETWERK} (Integriteitsnetwerk)" in _signed_in_as(app)
    nav = app.page.get_by_test_id("stSidebarNav").inner_text()
    assert "Overzicht" in nav and "Gegevens" not in nav and "Gebruikers" not in nav and "Auditlogboek" not in nav
    context.close()


def _coordinator_tab(browser, fresh) -> tuple[object, AppPage]:
    base = fresh[0]
    context = _context(browser, RECORD_SOCKETS)
    app = _tab(context, base)
    _sign_in(app, COORDINATOR, COORDINATOR_PASSWORD)
    assert COORDINATOR in _signed_in_as(app)
    return context, app


def test_the_sign_in_lasts_and_ends_on_the_server(browser, fresh):
    base, _, log = fresh
    context, app = _coordinator_tab(browser, fresh)
    app.shot("aanmelden-aangemeld")
    app.page.reload()
    app.page.get_by_test_id("stSidebarNav").wait_for()
    wait_for_app(app.page)
    assert COORDINATOR in _signed_in_as(app)  # a reload is a new Streamlit session
    second = _tab(context, base, "audit")
    assert COORDINATOR in _signed_in_as(second) and _heading(second) == "Auditlogboek"
    second.page.close()

    # The Streamlit session id, as the browser asks to resume it after a dropped connection
    app.page.evaluate("() => window.__sockets[window.__sockets.length - 1].close()")
    app.page.wait_for_function("() => window.__protocols.length >= 2 && window.__protocols.at(-1).length >= 3")
    wait_for_app(app.page)
    session_id = app.page.evaluate("() => window.__protocols.at(-1)[2]")
    assert re.fullmatch(r"[0-9a-f-]{36}", session_id), session_id
    assert COORDINATOR in _signed_in_as(app)  # the reconnected tab brought the cookie
    # Another browser presenting that id takes over the session, but not the sign-in
    intruder_context = _context(browser, RESUME_SESSION % session_id)
    intruder = intruder_context.new_page()
    intruder.goto(base, timeout=TIMEOUT_MS)
    intruder.get_by_label("Gebruikersnaam", exact=True).wait_for()
    wait_for_app(intruder)
    assert intruder.get_by_test_id("stSidebarNav").count() == 0
    # it did resume that very session (Streamlit logs it), and still got the sign-in form
    assert f"Session with id {session_id} is already connected! Reconnecting to existing session." in log.read_text()
    intruder_context.close()

    # Afmelden ends the session on the server: the old cookie, replayed elsewhere, is useless
    cookie = next(c for c in context.cookies() if c["name"] == SESSION_COOKIE)
    app.page.reload()  # the tab whose session the intruder took over signs in again by its cookie
    app.page.get_by_test_id("stSidebarNav").wait_for()
    wait_for_app(app.page)
    _sign_out(app)
    app.shot("aanmelden-afgemeld")
    assert "U bent afgemeld." in app.main_text()
    assert SESSION_COOKIE not in {c["name"] for c in context.cookies()}
    replay_context = _context(browser)
    replay_context.add_cookies([cookie])
    replay = _tab(replay_context, base)
    assert replay.page.get_by_label("Gebruikersnaam", exact=True).count() == 1 and _signed_in_as(replay) is None
    replay_context.close()
    context.close()


def test_one_message_for_a_wrong_password_and_an_unknown_name(browser, fresh):
    base, url, _ = fresh
    context = _context(browser)
    app = _tab(context, base)
    messages = []
    for name in (COORDINATOR, "niemand.bekend"):
        app.page.get_by_label("Gebruikersnaam", exact=True).fill(name)
        app.page.get_by_label("Wachtwoord", exact=True).fill("helemaal-fout")
        app.page.get_by_role("button", name="Aanmelden").click()
        app.page.get_by_test_id("stAlert").first.wait_for()
        wait_for_app(app.page)
        messages.append(app.page.get_by_test_id("stAlert").first.inner_text())
    app.shot("aanmelden-mislukt")
    assert messages == [BAD_LOGIN_MESSAGE] * 2
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        rows = audit.search(conn, action="aanmelding", text="mislukt")
    engine.dispose()
    latest = {r.user_name: (r.role, r.detail) for r in rows.itertuples()}
    assert latest[COORDINATOR] == latest["niemand.bekend"] == ("", '{"methode": "lokaal", "resultaat": "mislukt"}')
    context.close()


def _download_then_gone(app: AppPage, button: str, database_url: str, kind: str) -> str:
    """Clicks a download button: the file comes with an "export" audit row of `kind` written at
    the click, and its /media address answers 404 a few seconds later. Returns the file's text
    (CSV) or an empty string."""
    assert app.page.locator("a[href*='/media/']").count() == 0  # nothing lies ready before the click
    engine = sa.create_engine(database_url)

    def exports() -> int:
        with engine.connect() as conn:
            return len(audit.search(conn, action="export", text=f"soort: {kind}"))

    before = exports()
    with app.page.expect_download(timeout=3 * TIMEOUT_MS) as download_info:  # a full export takes a while
        app.page.get_by_role("button", name=button).click()
    download = download_info.value
    assert "/media/" in download.url
    body = open(download.path(), "rb").read()
    assert exports() == before + 1  # audited at the click
    engine.dispose()
    time.sleep(LIFETIME + 2)
    with pytest.raises(urllib.error.HTTPError) as gone:
        urllib.request.urlopen(download.url, timeout=10)
    assert gone.value.code == 404
    return body.decode("utf-8-sig") if download.suggested_filename.endswith(".csv") else ""


def test_a_personal_data_download_is_gone_after_the_click(browser, fresh):
    base, url, _ = fresh
    context, app = _coordinator_tab(browser, fresh)
    app.open("audit", "Auditlogboek")
    assert COORDINATOR in _download_then_gone(app, "Exporteer als CSV", url, "auditlogboek")  # names: personal data
    context.close()


# --- the demo ---------------------------------------------------------------------------


@pytest.fixture
def demo(tmp_path_factory):
    """(base URL, server log, sample workbook, changed workbook, database URL) on a fresh sample database."""
    from tests.test_sign_in_pages import changed_workbook

    folder = tmp_path_factory.mktemp("demo")
    url = f"sqlite:///{folder / 'demo.sqlite'}"
    sample = folder / "voorbeeld.xlsx"
    result = subprocess.run([sys.executable, "-m", "sample_data", "ensure", "--database-url", url],
                            cwd=ROOT, env=_env(url), capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    result = subprocess.run([sys.executable, "-m", "sample_data", "workbook", str(sample)],
                            cwd=ROOT, env=_env(url), capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    changed = changed_workbook(sample, folder / "eigen-registers.xlsx")
    log = folder / "streamlit.log"
    with serve(url, log) as base:
        yield base, log, sample, changed, url


def _upload(app: AppPage, path) -> None:
    app.page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(path))
    app.page.get_by_text("is gecontroleerd").wait_for()
    wait_for_app(app.page)


def test_the_full_export_is_gone_after_the_click(browser, demo):
    base, url = demo[0], demo[4]
    context = _context(browser)
    app = _tab(context, base)
    app.choose_demo_role("Korpsleiding")
    app.open("export", "Export en rapporten")
    _download_then_gone(app, "Volledige werkmap downloaden", url, "volledig")
    context.close()


def test_the_demo_ends_on_purpose(browser, demo):
    base, log, sample, changed, _ = demo
    context = _context(browser)
    app = _tab(context, base)
    app.choose_demo_role("Integriteitscoördinator")
    app.open("gegevens", "Gegevens")
    _upload(app, sample)
    assert "beëindigt de demo" not in app.main_text()
    app.page.get_by_role("button", name="Importeren bevestigen").click()
    app.page.get_by_text("is geïmporteerd").wait_for()
    wait_for_app(app.page)
    assert app.page.get_by_test_id("stSidebar").get_by_role("combobox", name="Demorol").count() == 1

    _upload(app, changed)
    assert "Deze import beëindigt de demo, voor iedereen." in app.main_text()
    app.page.get_by_role("button", name="Importeren en demo beëindigen").scroll_into_view_if_needed()
    app.shot("demo-einde-waarschuwing")
    app.page.get_by_role("button", name="Importeren en demo beëindigen").click()
    app.page.get_by_text("De demo is beëindigd").wait_for()
    wait_for_app(app.page)
    assert _heading(app) == "Eerste account" and "Klachten: 1 toegevoegd" in app.main_text()
    app.shot("demo-einde-eerste-account")
    _create_first_account(app, log)
    assert "Integriteitscoördinator" in _signed_in_as(app)
    # a new visitor: no demo any more, the sign-in form
    other = _context(browser)
    visitor = _tab(other, base)
    assert visitor.page.get_by_label("Gebruikersnaam", exact=True).count() == 1
    assert visitor.page.get_by_test_id("stSidebar").get_by_role("combobox", name="Demorol").count() == 0
    other.close()
    context.close()
