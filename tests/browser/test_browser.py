"""The app in headless Chromium on the sample data: every page opens without an exception and is
photographed at 1280x800 and 1920x1080 (artifacts/screenshots/); the main flow (upload a
workbook on Gegevens, confirm) works end to end."""

from __future__ import annotations

import subprocess
import sys

import pytest

from dashboard.shell import navigation
from dashboard.shell.auth import SCREEN_SHARE_COOKIE
from data_access.access import Access
from tests.browser.conftest import ROOT, _env, wait_for_app

pytestmark = pytest.mark.browser

COORDINATOR = Access("demo", "integriteitscoordinator")


def _existing_pages() -> list[navigation.PageSpec]:
    return [p for pages in navigation.visible_pages(COORDINATOR).values() for p in pages]


def test_every_page_opens_without_an_exception(app):
    pages = _existing_pages()
    assert pages, "geen enkele pagina gevonden"
    for spec in pages:
        app.open(spec.name, spec.title)
        assert app.page.locator("[data-testid='stMain'] h1").count(), spec.name  # the page drew its header
        app.shot(spec.name)


def test_screen_share_mode_shows_the_banner(app):
    shared = [p.name for p in _existing_pages() if p.action is None]  # Beheer pages are hidden then
    if not shared:
        pytest.skip("nog geen pagina die in schermdeling zichtbaar is")
    first = shared[0]
    app.goto(f"{first}?scherm=true")
    assert "Schermdeling actief" in app.main_text()
    app.shot(f"{first}-schermdeling")


def test_every_link_opens_its_page_in_dutch(app):
    """Each page opens from its own URL, the first one (served at the root) too, with the URL's
    filters and never Streamlit's English "Page not found"; a page the role may not open says so
    in Dutch."""
    app.goto("overzicht?jaar=2024&scherm=true")
    assert app.page.get_by_role("dialog").count() == 0
    assert "jaar=2024" in app.page.url and "scherm=true" in app.page.url  # the link stays as given
    assert "2024 · peildatum 31/12/2024" in app.main_text() and "Schermdeling actief" in app.main_text()
    # Screen-share is remembered by a browser cookie (dashboard.shell.auth): without it, the links
    # below open in the full view again.
    app.page.context.clear_cookies(name=SCREEN_SHARE_COOKIE)
    korpsleiding = [p for pages in navigation.visible_pages(Access("demo", "korpsleiding")).values() for p in pages]
    for spec in korpsleiding:  # every goto is a new session: the demo's first role, korpsleiding
        app.goto(f"{spec.name}?jaar=2024")
        assert app.page.get_by_role("dialog").count() == 0, spec.name
        assert "Schermdeling actief" not in app.main_text(), spec.name
        heading = app.page.locator("[data-testid='stMain'] h1").first.inner_text()
        assert heading.split()[0].rstrip("-") in spec.title, (spec.name, heading)
    app.page.goto(f"{app.base_url}/gegevens")  # korpsleiding may not import
    app.page.get_by_text("integriteitscoördinator").first.wait_for()
    wait_for_app(app.page)
    assert app.page.get_by_role("dialog").count() == 0 and app.page.get_by_test_id("stFileUploader").count() == 0
    nav = app.page.get_by_test_id("stSidebarNav").inner_text()
    assert "Overzicht" in nav and "Gegevens" not in nav  # hidden from the menu, reachable by a link


def test_download_the_staff_report(app):
    """Export en rapporten: the feedback to all staff of last year, built on the click and saved
    by the browser as a PDF of two to four pages."""
    import datetime as dt
    import io

    import pypdf

    year = dt.date.today().year - 1
    app.goto(f"export?jaar={year}")  # a new session: the demo's first role, korpsleiding
    button = app.page.get_by_role("button", name=f"Terugkoppeling {year} downloaden")
    # built on the click (the PDF and the netwerk release): the test takes 12 s alone, minutes on two cores
    # shared with two other test workers
    with app.page.expect_download(timeout=240_000) as download:
        button.click()
    assert download.value.suggested_filename == f"integriteit_{year}_feedback_medewerkers.pdf"
    reader = pypdf.PdfReader(io.BytesIO(open(download.value.path(), "rb").read()))
    assert 2 <= len(reader.pages) <= 4 and f"Integriteit in {year}" in reader.pages[0].extract_text()
    app.shot("export-rapporten")


def test_upload_a_workbook_and_confirm(app, app_database, tmp_path):  # the unchanged sample: the demo goes on
    workbook = tmp_path / "voorbeeld.xlsx"
    result = subprocess.run(
        [sys.executable, "-m", "sample_data", "workbook", str(workbook)],
        cwd=ROOT, env=_env(app_database), capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr

    app.open("gegevens", navigation.BY_NAME["gegevens"].title)
    # Streamlit's own English texts of the drop zone are replaced by Dutch ones (theme.uploader_css)
    shown = app.page.evaluate(
        """() => ['[data-testid=stFileUploaderDropzone] [data-testid=stBaseButton-secondary] p',
                  '[data-testid=stFileUploaderDropzoneInstructions] span'].map(sel => {
            const el = document.querySelector(sel);
            return [el.textContent, getComputedStyle(el).fontSize, getComputedStyle(el, '::after').content];
        })"""
    )
    assert shown == [["Upload", "0px", '"Bestand kiezen"'], ["50MB per file", "0px", '"of sleep het hierheen (tot 50 MB)"']]
    app.page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(workbook))
    app.page.get_by_text("is gecontroleerd").wait_for()
    wait_for_app(app.page)
    app.shot("gegevens-controle")

    app.page.get_by_role("button", name="Importeren bevestigen").click()
    # The sample workbook changes nothing (0 added, 0 updated): the demo goes on
    # (tests/browser/test_sign_in.py ends a demo with other data).
    app.page.get_by_text("is geïmporteerd").first.wait_for()
    wait_for_app(app.page)
    assert app.page.get_by_test_id("stSidebar").get_by_role("combobox", name="Demorol").count() == 1
    text = app.main_text()
    assert "voorbeeld.xlsx" in text
    app.shot("gegevens-geimporteerd")
