"""Screen-share mode in a real browser: turned on by each documented URL value or by the switch,
it stays on through a menu click, Back, Forward and a reload (a new Streamlit session), and a
new session on a URL without the parameter; after every step the banner is there and no
drill-down offers rows. Switching it off asks for confirmation (photographed at
artifacts/screenshots/schermdeling-bevestigen-*.png)."""

from __future__ import annotations

import pytest

from dashboard.auth import SCREEN_SHARE_COOKIE
from tests.browser.conftest import SIZES, TIMEOUT_MS, AppPage, assert_no_exception, wait_for_app

pytestmark = pytest.mark.browser

BANNER = "Schermdeling actief"
ROWS_SWITCH = "Toon de rijen"  # inside every drill-down expander ("Onderliggende rijen: ...") that shows rows
# (URL name, menu title, heading)
KLACHTEN = ("klachten", "Klachten", "Klachten")
TUCHT = ("tuchtdossiers", "Tuchtdossiers", "Tucht- en gerechtelijke dossiers")
OVERZICHT = ("overzicht", "Overzicht", "Overzicht")


def _settle(app: AppPage, heading: str) -> None:
    """Until the page with `heading` has finished its run. A reload or a new tab is a new
    session: once an import has ended the demo (test_browser.py) it asks to sign in first."""
    main_heading = app.page.locator("[data-testid='stMain'] h1").filter(has_text=heading).first
    sign_in = app.page.get_by_label("Gebruikersnaam")
    main_heading.or_(sign_in).wait_for(timeout=TIMEOUT_MS)
    if sign_in.count():
        app.sign_in_as_coordinator()
        main_heading.wait_for(timeout=TIMEOUT_MS)
    wait_for_app(app.page)
    assert_no_exception(app.page, heading)


def _assert_shared(app: AppPage, page: tuple[str, str], where: str) -> None:
    """On `page`, in screen-share: the banner, no switch that opens rows, ?scherm=true in the URL."""
    name, _, heading = page
    _settle(app, heading)
    url = app.page.url
    assert f"/{name}" in url or (name == OVERZICHT[0] and url.split("?")[0] == app.base_url + "/"), (where, url)
    assert BANNER in app.main_text(), (where, url)
    assert app.page.get_by_text(ROWS_SWITCH).count() == 0, (where, url)
    assert "scherm=true" in url, (where, url)


def _assert_full_view(app: AppPage, where: str) -> None:
    """On Klachten without screen-share: no banner, and the drill-downs offer rows (so the check
    above can fail)."""
    _settle(app, KLACHTEN[2])
    assert BANNER not in app.main_text(), where
    assert app.page.get_by_text(ROWS_SWITCH).count() > 0, where


def _switch(app: AppPage):
    return app.page.get_by_test_id("stSidebar").get_by_role("switch", name="Schermdeling")


def _click_switch(app: AppPage) -> None:
    """Clicks the switch's label, as a user does (the input itself lies under it)."""
    app.page.get_by_test_id("stSidebar").get_by_text("Schermdeling", exact=True).click()


def _walk(app: AppPage, how: str) -> None:
    """From Klachten in screen-share: a menu click, Back, Forward, a reload, Back again."""
    _assert_shared(app, KLACHTEN, f"{how}: aangezet")
    app.open(*TUCHT[:2])
    _assert_shared(app, TUCHT, f"{how}: menu")
    app.page.go_back()
    _assert_shared(app, KLACHTEN, f"{how}: terug")
    app.page.go_forward()
    _assert_shared(app, TUCHT, f"{how}: vooruit")
    app.page.reload()
    _assert_shared(app, TUCHT, f"{how}: herladen")
    app.page.go_back()
    _assert_shared(app, KLACHTEN, f"{how}: terug na herladen")


@pytest.mark.parametrize("value", ["1", "ja", "aan", "true", "on", "yes"])
def test_each_url_value_keeps_screen_share_on(browser, app_url, value):
    context = browser.new_context(viewport={"width": SIZES[0][0], "height": SIZES[0][1]}, locale="nl-BE")
    try:
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        app = AppPage(page, app_url).goto(f"klachten?scherm={value}")
        _walk(app, f"?scherm={value}")
    finally:
        context.close()


def test_the_switch_keeps_screen_share_on_and_asks_before_turning_it_off(app):
    page = app.page
    app.open(*KLACHTEN[:2])
    _assert_full_view(app, "voor de schakelaar")
    _click_switch(app)
    page.get_by_text(BANNER).first.wait_for()
    _walk(app, "schakelaar")

    # Back to the history entries from before it was switched on (no ?scherm in their URL).
    page.go_back()  # Klachten, before switching on
    _assert_shared(app, KLACHTEN, "terug naar voor het aanzetten")
    page.go_back()  # the start page, opened without the parameter
    _assert_shared(app, OVERZICHT, "terug naar de startpagina")
    page.reload()
    _assert_shared(app, OVERZICHT, "startpagina herladen")

    # A new session on a URL without the parameter, or with ?scherm=0: the browser's cookie.
    assert any(c["name"] == SCREEN_SHARE_COOKIE and c["value"] == "1" for c in page.context.cookies())
    page.goto(f"{app.base_url}/klachten", timeout=TIMEOUT_MS)
    _assert_shared(app, KLACHTEN, "nieuwe sessie zonder parameter")
    page.goto(f"{app.base_url}/klachten?scherm=0", timeout=TIMEOUT_MS)
    _assert_shared(app, KLACHTEN, "nieuwe sessie met ?scherm=0")

    # Turning it off asks first; Annuleren keeps it on.
    _click_switch(app)
    dialog = page.get_by_role("dialog")
    dialog.wait_for()
    wait_for_app(page)
    assert "Schermdeling uitschakelen?" in dialog.inner_text()
    assert "Namen en dossiers worden weer zichtbaar." in dialog.inner_text()
    assert BANNER in app.main_text() and page.get_by_text(ROWS_SWITCH).count() == 0
    app.shot("schermdeling-bevestigen")
    dialog.get_by_role("button", name="Annuleren").click()
    dialog.wait_for(state="detached")
    _assert_shared(app, KLACHTEN, "geannuleerd")
    assert _switch(app).is_checked()

    _click_switch(app)
    page.get_by_role("dialog").get_by_role("button", name="Uitschakelen").click()
    page.get_by_role("dialog").wait_for(state="detached")
    page.get_by_text(BANNER).first.wait_for(state="detached")
    _assert_full_view(app, "uitgeschakeld")
    assert "scherm" not in page.url and not _switch(app).is_checked()
    page.wait_for_function(f"() => !document.cookie.includes('{SCREEN_SHARE_COOKIE}=')")
    page.reload()
    _assert_full_view(app, "herladen na uitschakelen")
