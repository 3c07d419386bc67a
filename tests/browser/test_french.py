"""The dashboard in French in a real browser (issue 17): the coordinator switches the language
in the sidebar, the choice goes into the URL (?taal=fr) and stays there from page to page, and
every page opens without an exception and without a Dutch word (the zone's own texts taken
out, as in tests/test_pages_french.py). A screenshot of each page is saved to look at."""

from __future__ import annotations

import i18n
from dashboard.shell import navigation
from data_access.access import Access
from tests.browser.conftest import SIZES, TIMEOUT_MS, AppPage, assert_no_exception, wait_for_app
from tests.test_pages_french import dutch_in, zone_texts


def test_every_page_in_french_keeps_the_language_in_the_url(browser, app_url, app_database):
    zone = zone_texts(app_database)
    context = browser.new_context(viewport={"width": SIZES[0][0], "height": SIZES[0][1]}, locale="fr-BE")
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    try:
        app = AppPage(page, app_url).goto()
        app.sign_in_as_coordinator()
        app.choose_in_sidebar("Taal · Langue", "Français")
        page.wait_for_function("() => new URLSearchParams(location.search).get('taal') === 'fr'", timeout=TIMEOUT_MS)
        problems = []
        specs = [p for pages in navigation.visible_pages(Access("x", "integriteitscoordinator")).values() for p in pages]
        for spec in specs:
            with i18n.language("fr"):
                title = i18n._(spec.title)
            page.get_by_test_id("stSidebarNav").locator("a").filter(has_text=title).first.click()
            page.wait_for_function(
                "([name, base]) => (location.pathname.endsWith('/' + name) || location.href.split('?')[0] === base + '/')"
                " && new URLSearchParams(location.search).get('taal') === 'fr'",
                arg=[spec.name, app_url], timeout=TIMEOUT_MS,
            )
            wait_for_app(page)
            assert_no_exception(page, spec.name)
            sidebar = page.get_by_test_id("stSidebar").inner_text()
            left = dutch_in(app.main_text() + "\n" + sidebar, zone)
            if left:
                problems.append(f"{spec.name}:\n  " + "\n  ".join(left))
            app.shot(f"fr-{spec.name}", sizes=SIZES[:1])
        assert not problems, "Dutch on French pages:\n" + "\n".join(problems)
    finally:
        context.close()
