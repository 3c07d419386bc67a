"""Screen-share mode in a real browser: turned on by each documented URL value or by the switch,
it stays on through a menu click, Back, Forward and a reload (a new Streamlit session), and a
new session on a URL without the parameter; after every step the banner is there and no
drill-down offers rows. Switching it off asks for confirmation (photographed at
artifacts/screenshots/schermdeling-bevestigen-*.png).

The server is shared with test_browser.py. Should the demo be over (an import of other data),
a new session (a reload, a new tab) asks to sign in; the sign-in page must show the banner too,
and after such a sign-in the history steps that follow may land on any of the pages visited."""

from __future__ import annotations

import pytest

from dashboard.shell.auth import SCREEN_SHARE_COOKIE
from tests.browser.conftest import SIZES, TIMEOUT_MS, AppPage, assert_no_exception, wait_for_app

pytestmark = pytest.mark.browser

BANNER = "Schermdeling actief"
ROWS_SWITCH = "Toon de rijen"  # inside every drill-down expander ("Onderliggende rijen: ...") that shows rows
# (URL name, menu title, heading)
KLACHTEN = ("klachten", "Klachten", "Klachten")
TUCHT = ("tuchtdossiers", "Tuchtdossiers", "Tucht- en gerechtelijke dossiers")
OVERZICHT = ("overzicht", "Overzicht", "Overzicht")
VISITED = (KLACHTEN, TUCHT, OVERZICHT)

Page = tuple[str, str, str]


def _heading(app: AppPage, page: Page):
    return app.page.locator("[data-testid='stMain'] h1").filter(has_text=page[2])


def _settle(app: AppPage, pages: tuple[Page, ...], shared: bool) -> tuple[Page, bool]:
    """Until one of `pages` has finished its run: (that page, whether a sign-in was asked). The
    sign-in page of a new session shows the banner exactly when `shared`."""
    sign_in = app.page.get_by_label("Gebruikersnaam")
    any_heading = _heading(app, pages[0])
    for page in pages[1:]:
        any_heading = any_heading.or_(_heading(app, page))
    any_heading.or_(sign_in).first.wait_for(timeout=TIMEOUT_MS)
    signed_in = False
    if sign_in.count():
        wait_for_app(app.page)
        assert (BANNER in app.main_text()) == shared, f"aanmeldpagina op {app.page.url}"
        app.sign_in_as_coordinator()
        signed_in = True
        pages = (*pages, OVERZICHT)  # where the app lands after signing in
        any_heading = any_heading.or_(_heading(app, OVERZICHT))
        any_heading.first.wait_for(timeout=TIMEOUT_MS)
    wait_for_app(app.page)
    shown = next(page for page in pages if _heading(app, page).count())
    assert_no_exception(app.page, shown[0])
    return shown, signed_in


def _assert_shared(app: AppPage, pages: tuple[Page, ...], where: str) -> tuple[Page, bool]:
    """On one of `pages`, in screen-share: the banner, no switch that opens rows, ?scherm=true in
    the URL. Returns (the page shown, whether a sign-in was asked)."""
    shown, signed_in = _settle(app, pages, shared=True)
    url = app.page.url
    path = url.split("?")[0]
    assert path.endswith(f"/{shown[0]}") or (shown == OVERZICHT and path == app.base_url + "/"), (where, url)
    assert BANNER in app.main_text(), (where, url)
    assert app.page.get_by_text(ROWS_SWITCH).count() == 0, (where, url)
    assert "scherm=true" in url, (where, url)
    return shown, signed_in


def _on_klachten(app: AppPage, shown: Page) -> None:
    if shown != KLACHTEN:
        app.open(*KLACHTEN[:2])


def _assert_full_view(app: AppPage, where: str) -> None:
    """On Klachten without screen-share: no banner, and the drill-downs offer rows (so the checks
    of _assert_shared can fail)."""
    shown, _ = _settle(app, (KLACHTEN,), shared=False)
    _on_klachten(app, shown)
    assert BANNER not in app.main_text(), where
    assert app.page.get_by_text(ROWS_SWITCH).count() > 0, where


def _switch(app: AppPage):
    return app.page.get_by_test_id("stSidebar").get_by_role("switch", name="Schermdeling")


def _click_switch(app: AppPage) -> None:
    """Clicks the switch's label, as a user does (the input itself lies under it)."""
    app.page.get_by_test_id("stSidebar").get_by_text("Schermdeling", exact=True).click()


def _walk(app: AppPage, how: str) -> bool:
    """From Klachten in screen-share: a menu click, Back, Forward, a reload, Back again; checked
    after every step. Returns whether a sign-in changed the history on the way."""
    relaxed = False

    def check(page: Page, where: str) -> None:
        nonlocal relaxed
        _, signed_in = _assert_shared(app, VISITED if relaxed else (page,), f"{how}: {where}")
        relaxed = relaxed or signed_in

    check(KLACHTEN, "aangezet")
    app.open(*TUCHT[:2])
    check(TUCHT, "menu")
    app.page.go_back()
    check(KLACHTEN, "terug")
    app.page.go_forward()
    check(TUCHT, "vooruit")
    app.page.reload()
    check(TUCHT, "herladen")
    app.page.go_back()
    check(KLACHTEN, "terug na herladen")
    return relaxed


@pytest.mark.parametrize("value", ["1", "ja", "aan", "true", "on", "yes"])
def test_each_url_value_keeps_screen_share_on(browser, app_url, value):
    context = browser.new_context(viewport={"width": SIZES[0][0], "height": SIZES[0][1]}, locale="nl-BE")
    try:
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        app = AppPage(page, app_url).goto(f"klachten?scherm={value}")
        shown, _ = _assert_shared(app, (KLACHTEN,), f"?scherm={value}: geopend")
        _on_klachten(app, shown)
        if value == "1":  # the walk through pages, reload and history once; the other values open it
            _walk(app, f"?scherm={value}")
    finally:
        context.close()


def test_the_switch_keeps_screen_share_on_and_asks_before_turning_it_off(app):
    page = app.page
    app.open(*KLACHTEN[:2])
    _assert_full_view(app, "voor de schakelaar")
    _click_switch(app)
    page.get_by_text(BANNER).first.wait_for()
    relaxed = _walk(app, "schakelaar")

    # Back to the history entries from before it was switched on (no ?scherm in their URL).
    page.go_back()  # Klachten, before switching on
    _assert_shared(app, VISITED if relaxed else (KLACHTEN,), "terug naar voor het aanzetten")
    page.go_back()  # the start page, opened without the parameter
    _assert_shared(app, VISITED if relaxed else (OVERZICHT,), "terug naar de startpagina")
    page.reload()
    _assert_shared(app, VISITED, "herladen")

    # A new session on a URL without the parameter, or with ?scherm=0: the browser's cookie.
    assert any(c["name"] == SCREEN_SHARE_COOKIE and c["value"] == "1" for c in page.context.cookies())
    page.goto(f"{app.base_url}/klachten", timeout=TIMEOUT_MS)
    _assert_shared(app, (KLACHTEN,), "nieuwe sessie zonder parameter")
    page.goto(f"{app.base_url}/klachten?scherm=0", timeout=TIMEOUT_MS)
    shown, _ = _assert_shared(app, (KLACHTEN,), "nieuwe sessie met ?scherm=0")
    _on_klachten(app, shown)

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
    _assert_shared(app, (KLACHTEN,), "geannuleerd")
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
