"""The browser loads nothing from outside the dashboard's own server: every page in the menu, as
the coordinator and in screen-share mode, makes requests to 127.0.0.1 / localhost only (no
fonts, icons, page icon or statistics from another host). Data and blob URLs stay in the page."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from dashboard.shell import navigation
from data_access.access import Access
from tests.browser.conftest import SIZES, TIMEOUT_MS, AppPage, wait_for_app

pytestmark = pytest.mark.browser

LOCAL_HOSTS = {"127.0.0.1", "localhost"}


def outside(url: str) -> bool:
    if url.startswith(("data:", "blob:", "about:")):
        return False
    return urlparse(url).hostname not in LOCAL_HOSTS


class RequestLog:
    """Every request of a browser context; `outside()` those that leave the server."""

    def __init__(self, context):
        self.urls: list[str] = []
        context.on("request", lambda request: self.urls.append(request.url))

    def outside(self) -> list[str]:
        return sorted({url for url in self.urls if outside(url)})


def test_outside_filter():
    assert outside("https://fonts.gstatic.com/s/i/x.svg") and outside("http://example.invalid/x.png")
    assert not outside("http://127.0.0.1:8501/_stcore/health") and not outside("http://localhost:8501/media/a.png")
    assert not outside("data:image/svg+xml,<svg/>")


def test_no_request_leaves_the_server(browser, app_url):
    context = browser.new_context(viewport={"width": SIZES[0][0], "height": SIZES[0][1]}, locale="nl-BE")
    log = RequestLog(context)  # listening before the first request
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    try:
        app = AppPage(page, app_url).goto()
        app.sign_in_as_coordinator()
        specs = [p for pages in navigation.visible_pages(Access("x", "integriteitscoordinator")).values() for p in pages]
        assert len(specs) == len(navigation.existing_pages())  # the coordinator's menu holds every page
        for spec in specs:
            app.open(spec.name, spec.title)
            page.wait_for_timeout(500)  # late requests: fonts, icons, chart assets
        # Screen-share mode, switched on in the same session (a new one would need signing in
        # again once an import has ended the demo).
        page.get_by_test_id("stSidebar").get_by_text("Schermdeling", exact=True).click()
        wait_for_app(page)
        page.get_by_text("Schermdeling actief").first.wait_for()
        page.wait_for_timeout(500)

        # The page icon is the app's own file, and it loads.
        icon = page.evaluate("() => document.querySelector(\"link[rel='shortcut icon']\").href")
        assert not outside(icon) and "/media/" in icon, icon
        response = page.request.get(icon)
        assert response.ok and response.headers["content-type"] == "image/png"
        # The Material Symbols font of the icons is Streamlit's own copy, served here.
        fonts = [url for url in log.urls if "MaterialSymbols" in url]
        assert fonts and not any(outside(url) for url in fonts)

        wait_for_app(page)
        app.shot("offline-schermdeling")
        assert len(log.urls) > 20, log.urls  # the listener saw the app load
        assert log.outside() == []
    finally:
        context.close()
