"""The sign-in pages through the real app (AppTest): the first-account setup with the code from
the server's log, the forced change of a one-time password, sign-out ending the session on the
server, the Gebruikers page, and the demo that ends on purpose on the Gegevens page."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

from dashboard.shell import setup_code
from dashboard.ui.components import ACCESS_KEY
from data_access import audit, sessions
from data_access.access import Access
from data_access.schema import sessions as sessions_table
from data_access.user_admin import create_user
from tests.dashboard_apptest import APP, add_local_user, open_page, sign_in, texts

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BOSS = Access(user="els", role="integriteitscoordinator")


@pytest.fixture(autouse=True)
def _fast_hash(monkeypatch):
    from argon2 import PasswordHasher

    from data_access import users

    monkeypatch.setattr(users, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


def _app(url, monkeypatch) -> AppTest:
    monkeypatch.setenv("DATABASE_URL", url)
    return AppTest.from_file(APP, default_timeout=60).run()


def _fill(at, values: dict[str, str]) -> AppTest:
    for label, value in values.items():
        next(t for t in at.text_input if t.label == label).input(value)
    return at


def _click(at, label: str) -> AppTest:
    next(b for b in at.button if b.label == label).click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_a_fresh_database_asks_for_the_first_account_with_the_code_from_the_log(engine, sqlite_url, monkeypatch, capfd):
    monkeypatch.setattr(setup_code, "_code", None)  # as in a server process that just started
    at = _app(sqlite_url, monkeypatch)
    printed = re.findall(r"Eenmalige code voor het eerste account \(pagina Eerste account\): (\S+)", capfd.readouterr().err)
    assert printed == [setup_code.announce()]
    assert at.title[0].value == "Eerste account" and ACCESS_KEY not in at.session_state
    account = {"Gebruikersnaam": "els", "Wachtwoord": "els-wachtwoord", "Herhaal het wachtwoord": "els-wachtwoord"}
    _click(_fill(at, {"Eenmalige code uit het serverlogboek": "FOUT-CODE", **account}), "Account aanmaken")
    assert "De eenmalige code klopt niet" in texts(at) and ACCESS_KEY not in at.session_state
    _click(_fill(at, {"Eenmalige code uit het serverlogboek": printed[0].lower(), **account}), "Account aanmaken")
    assert at.session_state[ACCESS_KEY] == Access(user="els", role="integriteitscoordinator")
    with engine.connect() as conn:
        assert audit.search(conn, action="gebruikersbeheer")["user_name"].tolist() == ["els"]
    # the page is gone: a new visitor gets the sign-in form
    at = _app(sqlite_url, monkeypatch)
    assert [t.label for t in at.text_input] == ["Gebruikersnaam", "Wachtwoord"]


def test_a_one_time_password_must_be_changed_first(engine, sqlite_url, monkeypatch):
    add_local_user(sqlite_url, "integriteitscoordinator", "els")
    with engine.begin() as conn:
        one_time = create_user(conn, "an", "netwerk", by=BOSS)
    at = _fill(_app(sqlite_url, monkeypatch), {"Gebruikersnaam": "an", "Wachtwoord": one_time})
    _click(at, "Aanmelden")
    assert at.title[0].value == "Nieuw wachtwoord kiezen" and ACCESS_KEY not in at.session_state
    _fill(at, {"Huidig wachtwoord": one_time, "Nieuw wachtwoord": "eigen-wachtwoord", "Herhaal het nieuwe wachtwoord": "eigen-wachtwoord"})
    _click(at, "Wachtwoord opslaan")
    assert at.session_state[ACCESS_KEY] == Access(user="an", role="netwerk")


def test_sign_out_ends_the_session_on_the_server(engine, sqlite_url, monkeypatch):
    name = add_local_user(sqlite_url, "korpsleiding")
    at = sign_in(_app(sqlite_url, monkeypatch), sqlite_url, "korpsleiding")
    assert at.session_state[ACCESS_KEY].user == name
    next(b for b in at.sidebar.button if b.label == "Afmelden").click().run()
    assert "U bent afgemeld." in texts(at)
    assert [t.label for t in at.text_input] == ["Gebruikersnaam", "Wachtwoord"]
    with engine.connect() as conn:
        ended = conn.execute(sa.select(sessions_table.c.end_reason)).scalars().all()
        reasons = audit.search(conn, action="afmelding")["detail"].tolist()
    assert ended == [sessions.SIGNED_OUT] and reasons == ['{"methode": "lokaal", "reden": "afgemeld"}']


def test_the_coordinator_manages_users(engine, sqlite_url, monkeypatch):
    at = open_page(sign_in(_app(sqlite_url, monkeypatch), sqlite_url, "integriteitscoordinator"), "gebruikers")
    _fill(at, {"Gebruikersnaam": "an.peeters"})
    _click(at, "Toevoegen")
    assert "Gebruiker an.peeters toegevoegd als Integriteitsnetwerk." in texts(at)
    one_time = at.code[0].value
    assert re.fullmatch(r"[a-z2-9]{4}(-[a-z2-9]{4}){3}", one_time)
    table = at.dataframe[0].value
    assert table.set_index("Gebruiker").loc["an.peeters", ["Rol", "Status", "Aanmelden met"]].tolist() == [
        "Integriteitsnetwerk", "Actief", "Eenmalig wachtwoord (nog te wijzigen)"]
    at.selectbox(key="gebruiker_keuze").select(next(o for o in at.selectbox(key="gebruiker_keuze").options if o.startswith("an.peeters"))).run()
    _click(at, "Uitschakelen")
    assert "an.peeters is uitgeschakeld" in texts(at)
    _click(at, "Inschakelen")
    _click(at, "Nieuw eenmalig wachtwoord")
    assert at.code[0].value != one_time
    with engine.connect() as conn:
        changes = [audit.describe(d) for d in audit.search(conn, action="gebruikersbeheer")["detail"]][::-1]
    assert [c.split("wijziging: ")[1].split(" ·")[0] for c in changes] == [
        "toegevoegd", "uitgeschakeld", "ingeschakeld", "wachtwoord opnieuw ingesteld"]


@pytest.mark.parametrize("role", ["korpsleiding", "netwerk"])
def test_only_the_coordinator_sees_the_users_page(sqlite_url, monkeypatch, role):
    at = open_page(sign_in(_app(sqlite_url, monkeypatch), sqlite_url, role), "gebruikers")
    assert "Enkel de integriteitscoördinator mag gebruikers beheren." in texts(at)
    assert not at.dataframe


@pytest.fixture
def demo_copy(sample_url, tmp_path) -> tuple[str, Path]:
    """A copy of the sample database (the demo) and the sample workbook it was read from."""
    source = Path(sample_url[len("sqlite:///"):])
    shutil.copy(source, tmp_path / "demo.sqlite")
    return f"sqlite:///{tmp_path / 'demo.sqlite'}", source.parent / "voorbeeld.xlsx"


def changed_workbook(sample: Path, out: Path) -> Path:
    """The sample workbook with one complaint more (a new dossiernummer): real data, as far as
    the demo can tell."""
    wb = load_workbook(sample)
    ws = wb["Klachten"]
    last = [c.value for c in ws[ws.max_row]]
    last[0] = "KL-NIEUW-0001"
    ws.append(last)
    wb.save(out)
    return out


def _demo(at) -> bool:
    return bool([s for s in at.sidebar.selectbox if s.label == "Demorol"])


def test_the_demo_ends_only_on_purpose(demo_copy, tmp_path, monkeypatch):
    url, sample = demo_copy
    monkeypatch.setattr(setup_code, "_code", None)
    at = open_page(sign_in(_app(url, monkeypatch), url, "integriteitscoordinator"), "gegevens")
    assert _demo(at)
    # The unchanged sample workbook: imported, nothing changed, the demo goes on
    at.file_uploader[0].upload("voorbeeld.xlsx", sample.read_bytes(), XLSX).run()
    assert "beëindigt de demo" not in texts(at)
    _click(at, "Importeren bevestigen")
    assert "voorbeeld.xlsx is geïmporteerd" in texts(at) and _demo(at)
    # Other data: said beforehand, then the report and the first-account page
    changed = changed_workbook(sample, tmp_path / "eigen.xlsx")
    at.file_uploader[0].upload("eigen.xlsx", changed.read_bytes(), XLSX).run()
    assert "Deze import beëindigt de demo, voor iedereen." in texts(at)
    assert not [b for b in at.button if b.label == "Importeren bevestigen"]
    _click(at, "Importeren en demo beëindigen")
    shown = texts(at)
    assert at.title[0].value == "Eerste account" and not _demo(at)
    assert "De demo is beëindigd" in shown and "Klachten: 1 toegevoegd" in shown
    account = {"Gebruikersnaam": "els", "Wachtwoord": "els-wachtwoord", "Herhaal het wachtwoord": "els-wachtwoord"}
    _click(_fill(at, {"Eenmalige code uit het serverlogboek": setup_code.announce(), **account}), "Account aanmaken")
    assert at.session_state[ACCESS_KEY] == Access(user="els", role="integriteitscoordinator")
    # Everyone else: no demo, the sign-in form
    at = _app(url, monkeypatch)
    assert not _demo(at) and [t.label for t in at.text_input] == ["Gebruikersnaam", "Wachtwoord"]
