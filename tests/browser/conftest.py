"""Browser harness: the real app (`streamlit run dashboard/app.py`) on a temporary SQLite
database with the sample data, driven by Debian's headless Chromium through Playwright.

Fixtures (session scope, started once):
- app_url: the base URL of the running app (the server is stopped at the end); `serve(url, log)`
  starts another one on another database (a context manager yielding its base URL);
- browser: a headless Chromium (skipped, with the reason printed, failed when CI=true, when /usr/bin/chromium is
  missing);
- app: a fresh page on the app, signed in as the integriteitscoordinator (the demo role switcher
  on the sample, the local account made here should an import of other data have ended the demo); `app.open(name, title)` clicks the page in the sidebar and `app.shot(name)` checks for
  exceptions and saves artifacts/screenshots/<name>-<w>x<h>.png at 1280x800 and 1920x1080.
The approach follows Streamlit's own e2e_playwright/conftest.py: a free port, poll
/_stcore/health, wait for [data-testid='stApp'][data-test-script-state='notRunning'].
"""

from __future__ import annotations

import os
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest

from bench.browser import CHROMIUM, CHROMIUM_ARGS, serve as bench_serve
from tests.conftest import unavailable

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
SIZES = ((1280, 800), (1920, 1080))
APP_IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
EXCEPTION = "[data-testid='stException']"
TIMEOUT_MS = 60_000
LOCAL_USER, LOCAL_PASSWORD = "coordinator", "browser-test-wachtwoord"
COORDINATOR_LABEL = "Integriteitscoördinator"


def _env(database_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env["DATABASE_URL"] = database_url
    return env


@pytest.fixture(scope="session")
def app_database(tmp_path_factory) -> str:
    """A temporary SQLite database holding the zone sample (python -m sample_data ensure)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('browser-db') / 'dashboard.sqlite'}"
    result = subprocess.run(
        [sys.executable, "-m", "sample_data", "ensure", "--database-url", url],
        cwd=ROOT,
        env=_env(url),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    # A local coordinator account: should an import of other data end the demo (dashboard.shell.auth),
    # the app asks to sign in.
    from data_access.db import connect
    from data_access.users import add_user

    engine = connect(url)
    with engine.begin() as conn:
        add_user(conn, LOCAL_USER, "integriteitscoordinator", LOCAL_PASSWORD)
    engine.dispose()
    return url


@contextmanager
def serve(database_url: str, log: Path):
    """`streamlit run dashboard/app.py` on `database_url` at a free port (bench.browser.serve,
    the benchmark's own server); yields its base URL and stops the server afterwards. The
    server's output goes to `log`."""
    with bench_serve((ROOT / "dashboard" / "app.py", log, database_url)) as (server,):
        yield server.url


@pytest.fixture(scope="session")
def app_url(app_database, tmp_path_factory):
    with serve(app_database, tmp_path_factory.mktemp("streamlit-log") / "streamlit.log") as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        reason = f"{CHROMIUM} ontbreekt: browsertests overgeslagen (installeer Debian's chromium)."
        print(reason, file=sys.stderr)
        unavailable(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def wait_for_app(page) -> None:
    """Until the script has finished its run (twice, with a pause: a rerun can start late)."""
    page.wait_for_selector(APP_IDLE, timeout=TIMEOUT_MS)
    page.wait_for_timeout(400)
    page.wait_for_selector(APP_IDLE, timeout=TIMEOUT_MS)


def assert_no_exception(page, where: str) -> None:
    exceptions = page.locator(EXCEPTION)
    assert exceptions.count() == 0, f"{where}: {exceptions.first.inner_text()[:2000]}"
    assert "Traceback" not in page.locator("[data-testid='stMain']").inner_text(), where


class AppPage:
    """One browser tab on the app, signed in through the demo role switcher."""

    def __init__(self, page, base_url: str):
        self.page = page
        self.base_url = base_url

    def goto(self, path: str = "") -> AppPage:
        self.page.goto(f"{self.base_url}/{path}", timeout=TIMEOUT_MS)
        self.page.wait_for_selector("[data-testid='stMain'] h1, [data-testid='stMain'] h3", timeout=TIMEOUT_MS)
        wait_for_app(self.page)
        assert_no_exception(self.page, path or "startpagina")
        return self

    def choose_demo_role(self, label: str) -> AppPage:
        """Picks a role in the sidebar's 'Demorol' select (shown on the sample database)."""
        return self.choose_in_sidebar("Demorol", label)

    def choose_in_sidebar(self, name: str, label: str) -> AppPage:
        """Picks the option `label` in the sidebar's select named `name`."""
        combobox = self.page.get_by_test_id("stSidebar").get_by_role("combobox", name=name)
        option = self.page.get_by_role("option", name=label, exact=True)
        for _ in range(5):  # a rerun that lands while the list is open closes it: open it again
            wait_for_app(self.page)
            combobox.click()
            try:
                option.wait_for(timeout=1_500)  # the first opening often closes at once (a rerun): open it again
                option.click()
                break
            except Exception:
                self.page.keyboard.press("Escape")
        wait_for_app(self.page)
        assert combobox.input_value() == label
        return self

    def sign_in_as_coordinator(self) -> AppPage:
        """The demo role switcher while the database is the untouched sample, else the local
        sign-in form with the account made for these tests."""
        wait_for_app(self.page)
        demo = self.page.get_by_test_id("stSidebar").get_by_role("combobox", name="Demorol")
        demo.or_(self.page.get_by_label("Gebruikersnaam")).first.wait_for()  # whichever the app draws, once drawn
        if demo.count():
            return self.choose_demo_role(COORDINATOR_LABEL)
        self.page.get_by_label("Gebruikersnaam").fill(LOCAL_USER)
        self.page.get_by_label("Wachtwoord", exact=True).fill(LOCAL_PASSWORD)
        self.page.get_by_role("button", name="Aanmelden").click()
        self.page.get_by_test_id("stSidebarNav").wait_for(timeout=TIMEOUT_MS)
        wait_for_app(self.page)
        return self

    def open(self, name: str, title: str) -> AppPage:
        """Opens a page through its sidebar link (the session, and so the role, is kept). The
        default page's link points at the root, so links are found by their title."""
        nav = self.page.get_by_test_id("stSidebarNav")
        nav.locator("a").filter(has_text=title).first.click()
        self.page.wait_for_function(
            "([name, base]) => location.pathname.endsWith('/' + name) || location.href.split('?')[0] === base + '/'",
            arg=[name, self.base_url],
            timeout=TIMEOUT_MS,
        )
        wait_for_app(self.page)
        assert_no_exception(self.page, name)
        return self

    def shot(self, name: str, sizes=SIZES) -> list[Path]:
        """No exception on screen, then a screenshot at each size."""
        assert_no_exception(self.page, name)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        paths = []
        for width, height in sizes:
            self.page.set_viewport_size({"width": width, "height": height})
            self.page.wait_for_timeout(600)  # charts re-layout after a resize
            path = SCREENSHOTS / f"{name}-{width}x{height}.png"
            self.page.screenshot(path=str(path))
            paths.append(path)
        self.page.set_viewport_size({"width": SIZES[0][0], "height": SIZES[0][1]})
        return paths

    def main_text(self) -> str:
        return self.page.locator("[data-testid='stMain']").inner_text()


@pytest.fixture
def app(browser, app_url):
    context = browser.new_context(viewport={"width": SIZES[0][0], "height": SIZES[0][1]}, locale="nl-BE")
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    app_page = AppPage(page, app_url).goto()
    app_page.sign_in_as_coordinator()
    yield app_page
    context.close()
