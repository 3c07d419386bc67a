"""A link with ?taal=fr opens the first-account page and the sign-in form in French in a real
browser (the language switch is drawn before anyone signs in), and signing in keeps French."""

from __future__ import annotations

import os
import re

import pytest

from data_access.db import connect
from tests.browser.conftest import SIZES, TIMEOUT_MS, assert_no_exception, serve, wait_for_app
from tests.browser.test_sign_in import _code

FRENCH_CODE_LINE = re.compile(r"Code unique pour le premier compte \(page Premier compte\) : (\S+)")
SHOTS = os.environ.get("FR_SCREENSHOTS")  # a folder: the pages are saved there as PNG to look at


@pytest.fixture
def server(tmp_path):
    url = f"sqlite:///{tmp_path / 'leeg.sqlite'}"
    connect(url).dispose()
    log = tmp_path / "streamlit.log"
    with serve(url, log) as base:
        yield base, url, log


def _open(browser, base: str, path: str):
    context = browser.new_context(viewport={"width": SIZES[0][0], "height": SIZES[0][1]}, locale="fr-BE")
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(f"{base}/{path}", timeout=TIMEOUT_MS)
    page.locator("[data-testid='stMain'] h1").first.wait_for()
    wait_for_app(page)
    assert_no_exception(page, path)
    return context, page


def _shot(page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


def test_the_first_account_and_the_sign_in_open_in_french_from_the_url(browser, server):
    base, url, log = server
    context, page = _open(browser, base, "?taal=fr")
    assert page.locator("[data-testid='stMain'] h1").first.inner_text() == "Premier compte"
    _shot(page, "premier-compte")
    for label, value in {"Code unique du journal du serveur": _code(log, FRENCH_CODE_LINE), "Nom d'utilisateur": "els",
                         "Mot de passe": "mot-de-passe-els", "Répétez le mot de passe": "mot-de-passe-els"}.items():
        page.get_by_label(label, exact=True).fill(value)
    page.get_by_role("button", name="Créer le compte").click()
    page.get_by_test_id("stSidebarNav").wait_for()
    wait_for_app(page)
    assert "Connecté en tant que" in page.get_by_test_id("stSidebar").inner_text()
    context.close()

    context, page = _open(browser, base, "instellingen?taal=fr")  # a new browser: signs in again
    assert page.locator("[data-testid='stMain'] h2, [data-testid='stMain'] h3").first.inner_text() == "Se connecter"
    page.get_by_label("Nom d'utilisateur", exact=True).fill("els")
    page.get_by_label("Mot de passe", exact=True).fill("faux")
    page.get_by_role("button", name="Se connecter").click()
    page.get_by_text("Connexion échouée").wait_for()
    _shot(page, "connexion")
    context.close()
