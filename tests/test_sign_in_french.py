"""The sign-in pages and the administration texts in French (issue 17): the language switch is
drawn before anyone signs in, so ?taal=fr gives the first-account page, the sign-in form, its
messages and the forced password change in French; the audit log's details (stored in Dutch)
are shown in French, and a search typed as the French screen shows them finds the stored rows."""

from __future__ import annotations

import re

from streamlit.testing.v1 import AppTest

import i18n
from dashboard.shell import navigation, setup_code
from dashboard.ui.components import ACCESS_KEY
from data_access import audit
from data_access.access import Access
from data_access.registers import BY_NAME as REGISTERS
from data_access.user_admin import create_user
from tests.dashboard_apptest import APP, add_local_user, texts
from tests.test_pages_french import dutch_left
from tests.test_sign_in_pages import _click, _fast_hash, _fill  # noqa: F401 (_fast_hash: an autouse fixture)

BOSS = Access(user="els", role="integriteitscoordinator")


def _french_app(url, monkeypatch) -> AppTest:
    """The app switched to French in the sidebar before anyone signs in (the switch writes
    ?taal=fr; tests/browser/test_sign_in_french.py opens the URL with it)."""
    monkeypatch.setenv("DATABASE_URL", url)
    at = AppTest.from_file(APP, default_timeout=60).run()
    next(s for s in at.sidebar.selectbox if s.label == "Taal · Langue").select("fr").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_the_first_account_page_is_french(engine, sqlite_url, monkeypatch, capfd):
    monkeypatch.setattr(setup_code, "_code", None)
    at = _french_app(sqlite_url, monkeypatch)
    log = capfd.readouterr().err
    # the log says it in both languages, the Dutch line as before; the French page quotes the French one
    code = setup_code.announce()
    assert re.findall(r"Eenmalige code voor het eerste account \(pagina Eerste account\): (\S+)", log) == [code]
    assert re.findall(r"Code unique pour le premier compte \(page Premier compte\) : (\S+)", log) == [code]
    assert at.title[0].value == "Premier compte"
    assert "« Code unique pour le premier compte »" in texts(at)
    assert [t.label for t in at.text_input] == [
        "Code unique du journal du serveur", "Nom d'utilisateur", "Mot de passe", "Répétez le mot de passe"]
    assert not dutch_left(at, []), dutch_left(at, [])
    account = {"Nom d'utilisateur": "els", "Mot de passe": "mot-de-passe-els", "Répétez le mot de passe": "autre-chose"}
    _click(_fill(at, {"Code unique du journal du serveur": code, **account}), "Créer le compte")
    assert [e.value for e in at.error] == ["Les deux mots de passe ne correspondent pas."]
    _click(_fill(at, {"Code unique du journal du serveur": "FAUX", **account}), "Créer le compte")
    assert [e.value for e in at.error] == ["Le code unique est incorrect. Vous le trouverez dans le journal du serveur."]
    account["Répétez le mot de passe"] = account["Mot de passe"]
    _click(_fill(at, {"Code unique du journal du serveur": code, **account}), "Créer le compte")
    assert at.session_state[ACCESS_KEY] == BOSS
    assert "Connecté en tant que **els** (Coordinateur intégrité)" in [c.value for c in at.sidebar.caption]


def test_the_sign_in_form_and_its_messages_are_french(engine, sqlite_url, monkeypatch):
    add_local_user(sqlite_url, "integriteitscoordinator", "els")
    at = _french_app(sqlite_url, monkeypatch)
    assert at.title[0].value == "Tableau de bord de la politique d'intégrité"
    assert [t.label for t in at.text_input] == ["Nom d'utilisateur", "Mot de passe"]
    assert [b.label for b in at.button] == ["Se connecter"]
    assert not dutch_left(at, []), dutch_left(at, [])
    _click(_fill(at, {"Nom d'utilisateur": "els", "Mot de passe": "faux"}), "Se connecter")
    assert [e.value for e in at.error] == [
        "Connexion échouée : utilisateur inconnu, mot de passe erroné ou compte (temporairement) inutilisable. "
        "Si le problème persiste, demandez au coordinateur intégrité de vérifier votre compte."]
    assert not dutch_left(at, []), dutch_left(at, [])


def test_a_one_time_password_is_changed_in_french(engine, sqlite_url, monkeypatch):
    add_local_user(sqlite_url, "integriteitscoordinator", "els")
    with engine.begin() as conn:
        one_time = create_user(conn, "an", "netwerk", by=BOSS)
    at = _fill(_french_app(sqlite_url, monkeypatch), {"Nom d'utilisateur": "an", "Mot de passe": one_time})
    _click(at, "Se connecter")
    assert at.title[0].value == "Choisir un nouveau mot de passe"
    assert not dutch_left(at, []), dutch_left(at, [])
    _fill(at, {"Mot de passe actuel": one_time, "Nouveau mot de passe": "court", "Répétez le nouveau mot de passe": "court"})
    _click(at, "Enregistrer le mot de passe")
    assert [e.value for e in at.error] == ["Le mot de passe doit compter au moins 8 caractères."]


def test_audit_details_are_shown_in_french_and_searched_as_shown():
    detail = '{"pagina": "klachten", "filters": {"jaar": 2025, "peildatum": "2025-12-31", "dienst": "Alle"}}'
    assert audit.describe(detail) == "pagina: klachten · filters: jaar: 2025 · peildatum: 31/12/2025 · dienst: Alle"
    with i18n.language("fr"):
        assert audit.describe(detail) == (
            "page : plaintes · filtres : année : 2025 · date de référence : 31/12/2025 · service : Tous")
        assert audit.describe('{"gebruiker": "jan", "wijziging": "rol", "van": "Korpsleiding", "naar": "Integriteitsnetwerk"}') == (
            "utilisateur : jan · modification : rôle · de : Direction du corps · vers : Réseau intégrité")
        # names and file names stay as written, even when they look like a word of the log
        assert audit.describe('{"gebruiker": "demo", "bestand": "klachten"}') == "utilisateur : demo · fichier : klachten"
        assert audit.action_label("geweigerd") == "Refusé (pas d'accès)"
        # what the French screen shows finds the stored (Dutch) words; other text stays as typed
        assert audit.stored_search_text("année : 2025") == "jaar: 2025"
        assert audit.stored_search_text("Page : plaintes") == "pagina: klachten"
        assert audit.stored_search_text("rapport-plaintes.xlsx") == "rapport-plaintes.xlsx"
    assert audit.stored_search_text("jaar: 2025") == "jaar: 2025"


def test_every_page_and_register_name_in_the_log_has_a_french_word():
    names = {p.name for p in navigation.PAGES} | set(REGISTERS)
    assert names <= audit.DETAIL_TERMS
    with i18n.language("fr"):
        assert all(audit.describe(f'{{"pagina": "{n}"}}') != f"page : {n}" or n in {"export", "audit"} for n in names)


def test_the_audit_search_finds_a_row_from_the_french_words(engine):
    with engine.begin() as conn:
        audit.record(conn, BOSS, "export", {"soort": "volledig", "jaar": 2025})
        audit.record(conn, BOSS, "export", {"soort": "volledig", "jaar": 2024})
        with i18n.language("fr"):
            found = audit.search(conn, text=audit.stored_search_text("année : 2025"))
    assert [audit.describe(d) for d in found["detail"]] == ["soort: volledig · jaar: 2025"]
