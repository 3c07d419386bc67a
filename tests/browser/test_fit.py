"""Tables that fit and a phone view, in Chromium: at 1440x900 no table scrolls sideways (every
column drawn: the grid's scroller is not wider than its box), in normal and screen-share mode;
at 390x844 the sidebar starts closed and the page is not wider than the screen. Screenshots in
artifacts/screenshots/fit-*.png."""

from __future__ import annotations

import pytest

from tests.browser.conftest import SCREENSHOTS, TIMEOUT_MS, AppPage, wait_for_app

pytestmark = pytest.mark.browser

WIDE = {"width": 1440, "height": 900}
PHONE = {"width": 390, "height": 844}
OVERFLOW_JS = """
() => Array.from(document.querySelectorAll("[data-testid='stMain'] [data-testid='stDataFrame'], [data-testid='stMain'] [data-testid='stTable']"))
  .map(table => {
    const scroller = table.querySelector('.dvn-scroller') || table;
    const heads = Array.from(table.querySelectorAll('[role=columnheader], th')).map(h => h.innerText.trim()).join(' | ');
    return {heads, scroll: scroller.scrollWidth, box: scroller.clientWidth};
  })
  .filter(t => t.scroll > t.box + 1)
"""


def _open_every_table(app: AppPage) -> None:
    """Opens the expanders (e.g. 'Alle acties') and the first drill-down's rows."""
    for summary in app.page.locator("[data-testid='stMain'] [data-testid='stExpander'] summary").all():
        summary.click()
    switch = app.page.locator("[data-testid='stMain'] [data-testid='stExpander']").get_by_text("Toon de rijen")
    if switch.count():
        switch.first.click()
    wait_for_app(app.page)
    app.page.wait_for_timeout(800)


def _clipped(app: AppPage, name: str) -> list:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    app.page.screenshot(path=str(SCREENSHOTS / f"fit-{name}-1440x900.png"))
    return app.page.evaluate(OVERFLOW_JS)


@pytest.mark.parametrize(
    "page",
    [("evaluatiecriteria", "Evaluatiecriteria"), ("actieplan", "Actieplan"), ("klachten", "Klachten"), ("audit", "Auditlogboek")],
)
def test_no_table_is_clipped_at_1440(app, page):
    app.page.set_viewport_size(WIDE)
    app.open(*page)
    _open_every_table(app)
    assert app.page.locator("[data-testid='stMain'] [data-testid='stDataFrame']").count() > 0
    assert _clipped(app, page[0]) == []


def test_no_table_is_clipped_in_screen_share_mode(app):
    app.page.set_viewport_size(WIDE)
    app.goto("?scherm=1").sign_in_as_coordinator()
    for page in (("tuchtdossiers", "Tuchtdossiers"), ("evaluatiecriteria", "Evaluatiecriteria"), ("actieplan", "Actieplan")):
        app.open(*page)
        _open_every_table(app)
        assert "Schermdeling actief" in app.main_text()
        assert app.page.locator("[data-testid='stMain'] [data-testid='stTable']").count() > 0, page
        assert _clipped(app, f"schermdeling-{page[0]}") == [], page


def test_a_phone_starts_with_the_sidebar_closed_and_nothing_cut_off(browser, app_url):
    context = browser.new_context(viewport=PHONE, locale="nl-BE", is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        AppPage(page, app_url).goto()
        sidebar = page.get_by_test_id("stSidebar").bounding_box()
        assert sidebar is None or sidebar["x"] + sidebar["width"] <= 0, sidebar  # closed, off screen
        assert page.get_by_test_id("stExpandSidebarButton").is_visible()
        main = page.get_by_test_id("stMain").bounding_box()
        assert main["x"] >= 0 and main["width"] <= PHONE["width"]
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        page.screenshot(path=str(SCREENSHOTS / "fit-telefoon-390x844.png"))
    finally:
        context.close()
