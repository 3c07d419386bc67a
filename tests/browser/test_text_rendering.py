"""Register text rendered by Streamlit's own markdown in Chromium: on a database whose zone name,
user name, dienst, actions, indicators and criteria hold markdown, HTML, an image link, LaTeX and
shortcodes (tests/test_plain_text.fill_with_markup), every page shows those characters as they
are stored: no image (and no request to its outside address), no link, no bold, no formula, no
icon, no colour; the selectbox shows the dienst as it is."""

from __future__ import annotations

from urllib.parse import quote, urlparse

import pytest

from tests.browser.conftest import SIZES, TIMEOUT_MS, AppPage, serve, wait_for_app
from tests.browser.test_offline import RequestLog
from tests.dashboard_apptest import PASSWORD
from tests.test_plain_text import MARKER, TEXT, UNKNOWN_INDICATOR, USER, ZONE, fill_with_markup

pytestmark = pytest.mark.browser

WORD_JOINER = "\u2060"

# What the page would hold if markdown, HTML or Streamlit's extensions had read the text.
MARKUP_FOUND = r"""() => {
    const main = document.querySelector("[data-testid='stApp']");
    const found = [];
    for (const img of main.querySelectorAll("img")) {
        if ((img.getAttribute("src") || "").includes("example.invalid")) found.push("img " + img.src);
    }
    for (const a of main.querySelectorAll("a")) {
        const href = a.getAttribute("href") || a.getAttribute("xlink:href") || "";
        if (href.includes("example.invalid") || href.startsWith("mailto:")) found.push("a " + href);
    }
    for (const el of main.querySelectorAll("strong, b, em, i, del, code")) {
        if (["vet", "x", "Z", "jan", "PZ"].includes(el.textContent.trim())) found.push(el.tagName + " " + el.textContent);
    }
    if (main.querySelector(".katex, math")) found.push("formula");
    for (const el of main.querySelectorAll("[role='img'][aria-label]")) {
        if (/^(home|person) icon$/.test(el.getAttribute("aria-label"))) found.push("icon " + el.getAttribute("aria-label"));
    }
    for (const el of main.querySelectorAll(".stMarkdownColoredText, .stMarkdownBadge")) {
        if (el.textContent.includes("rood")) found.push("colour " + el.textContent);
    }
    if (main.innerText.includes("\u{1F604}")) found.push("emoji");
    if (/(^|\s)\u2192(\s|$)/.test(main.innerText)) found.push("arrow");
    return found;
}"""


@pytest.fixture(scope="module")
def markup_app_url(tmp_path_factory):
    from data_access.db import connect

    folder = tmp_path_factory.mktemp("markup-db")
    url = f"sqlite:///{folder / 'dashboard.sqlite'}"
    engine = connect(url)
    try:
        fill_with_markup(engine)
    finally:
        engine.dispose()
    with serve(url, folder / "streamlit.log") as base:
        yield base


def _shown(page) -> str:
    return page.locator("[data-testid='stApp']").inner_text().replace(WORD_JOINER, "")


def test_register_text_renders_as_text(browser, markup_app_url):
    context = browser.new_context(viewport={"width": SIZES[1][0], "height": SIZES[1][1]}, locale="nl-BE")
    log = RequestLog(context)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    try:
        app = AppPage(page, markup_app_url)
        # The dienst through the URL (bound to the filter); then the sign-in form of this database.
        page.goto(f"{markup_app_url}/?dienst={quote(TEXT)}", timeout=TIMEOUT_MS)
        page.get_by_label("Gebruikersnaam").fill(USER)
        page.get_by_label("Wachtwoord", exact=True).fill(PASSWORD)
        page.get_by_role("button", name="Aanmelden").click()
        page.get_by_test_id("stSidebarNav").wait_for(timeout=TIMEOUT_MS)
        wait_for_app(page)

        shown = _shown(page)
        assert f"Aangemeld als {USER}" in shown  # the sidebar
        assert f"{ZONE} · " in shown and f" · {TEXT}" in shown  # the header: zone and dienst
        assert f"Onbekende indicator '{UNKNOWN_INDICATOR}'" in shown  # a criterion's problem
        dienst = page.get_by_test_id("stSidebar").get_by_role("combobox", name="Dienst")
        assert dienst.input_value() == TEXT  # the option as it is
        assert page.evaluate(MARKUP_FOUND) == []
        app.shot("tekst-als-tekst-overzicht")

        for name, title in (("klachten", "Klachten"), ("actieplan", "Actieplan"), ("evaluatiecriteria", "Evaluatiecriteria")):
            app.open(name, title)
            page.wait_for_timeout(800)  # the charts draw their texts
            assert page.evaluate(MARKUP_FOUND) == [], name
            assert f"{ZONE} · " in _shown(page) or name == "actieplan", name
        shown = _shown(page)
        assert f"{TEXT}Status:" in shown.replace("\n", "")  # the indicator's name, as it is, above its status
        assert f"Gemeten waarde van '{TEXT}' voor periode" in shown
        app.shot("tekst-als-tekst-evaluatiecriteria")

        # The action's trekker, chosen in its filter, in the caption under it.
        app.open("actieplan", "Actieplan")
        combobox = page.get_by_role("combobox", name="Trekker")
        combobox.click()
        page.get_by_role("option", name=TEXT).click()
        wait_for_app(page)
        assert f"Trekker {TEXT}: 1 acties" in _shown(page)
        assert page.evaluate(MARKUP_FOUND) == []
        app.shot("tekst-als-tekst-actieplan")

        # Screen-share mode: the netwerk view of the same texts.
        page.get_by_test_id("stSidebar").get_by_text("Schermdeling", exact=True).click()
        wait_for_app(page)
        app.open("evaluatiecriteria", "Evaluatiecriteria")
        assert "Schermdeling actief" in _shown(page) and f"Gemeten waarde van '{TEXT}'" in _shown(page)
        assert page.evaluate(MARKUP_FOUND) == []

        assert not [url for url in log.urls if MARKER in (urlparse(url).hostname or "")]  # no image fetched
        assert log.outside() == []
    finally:
        context.close()
