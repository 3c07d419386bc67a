"""Sign-in (dashboard.shell.auth) through the real app: local accounts with lock-out, the demo on the
sample database only, OIDC (st.login) with the role from the users table or a claim.
Screen-share mode: tests/test_screen_share.py."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.shell.auth import ACCESS_KEY, role_from_claims
from data_access import audit
from data_access.users import BAD_LOGIN_MESSAGE, add_user
from tests.dashboard_apptest import APP, PASSWORD, add_local_user, sign_in

OIDC_SECRETS = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "een-lang-willekeurig-geheim-voor-de-test",
    "client_id": "client",
    "client_secret": "secret",
    "server_metadata_url": "https://login.microsoftonline.com/tenant/v2.0/.well-known/openid-configuration",
}




@pytest.fixture(autouse=True)
def _fast_hash(monkeypatch):
    """argon2 with small cost parameters: the tests check the logic, not the hash's strength
    (production keeps argon2-cffi's defaults)."""
    from argon2 import PasswordHasher

    from data_access import users

    monkeypatch.setattr(users, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


def _app(url, monkeypatch, *, secrets=None, user=None, query=None) -> AppTest:
    monkeypatch.setenv("DATABASE_URL", url)
    at = AppTest.from_file(APP, default_timeout=60)
    if secrets:
        at.secrets.update(secrets)
    if user is not None:
        at.user = user
    for k, v in (query or {}).items():
        at.query_params[k] = v
    return at.run()


def _sign_in_form(at, name, password):
    at.text_input[0].input(name)
    at.text_input[1].input(password)
    at.button[0].click().run()
    return at


def _texts(at) -> str:
    """The messages as they read on screen: markdown backslash escapes and invisible word joiners
    removed (an e-mail address is escaped so that it shows as text, not as a mailto link)."""
    text = "\n".join(str(e.value) for kind in ("error", "warning", "info", "markdown", "caption") for e in getattr(at, kind))
    return re.sub(r"\\(.)", r"\1", text).replace("\u2060", "")


def test_database_with_real_data_requires_sign_in(engine, sqlite_url, monkeypatch):
    add_local_user(sqlite_url, "korpsleiding")
    at = _app(sqlite_url, monkeypatch)
    assert not at.exception
    assert [t.label for t in at.text_input] == ["Gebruikersnaam", "Wachtwoord"]
    assert ACCESS_KEY not in at.session_state  # the app stopped before any page
    assert not [s for s in at.sidebar.selectbox if s.label == "Demorol"]


def test_local_sign_in_and_audit_row(engine, sqlite_url, monkeypatch):
    name = add_local_user(sqlite_url, "korpsleiding")
    at = _sign_in_form(_app(sqlite_url, monkeypatch), name, PASSWORD)
    assert not at.exception
    access = at.session_state[ACCESS_KEY]
    assert (access.user, access.role, access.screen_share) == (name, "korpsleiding", False)
    at.run()  # another rerun: no second sign-in row
    with engine.connect() as conn:
        rows = audit.search(conn, action="aanmelding")
    assert rows["user_name"].tolist() == [name]
    assert '"resultaat": "gelukt"' in rows["detail"].iloc[0]


def test_one_message_and_audit_row_for_a_wrong_password_and_an_unknown_name(engine, sqlite_url, monkeypatch):
    name = add_local_user(sqlite_url, "integriteitscoordinator")
    at = _app(sqlite_url, monkeypatch)
    _sign_in_form(at, name, "fout")
    wrong = [e.value for e in at.error]
    _sign_in_form(at, "niemand", "fout")
    assert [e.value for e in at.error] == wrong == [BAD_LOGIN_MESSAGE]
    with engine.connect() as conn:
        rows = audit.search(conn, action="aanmelding")
    assert {(r.user_name, r.role, r.detail) for r in rows.itertuples()} == {
        (name, "", '{"methode": "lokaal", "resultaat": "mislukt"}'),
        ("niemand", "", '{"methode": "lokaal", "resultaat": "mislukt"}'),
    }
    # a third failure, then this client waits before the next attempt is even looked at
    _sign_in_form(at, name, "fout")
    _sign_in_form(at, name, PASSWORD)
    assert "Wacht 1 seconde" in _texts(at) and ACCESS_KEY not in at.session_state


def test_demo_only_on_the_sample_database(engine, sqlite_url, monkeypatch):
    from sample_data import mark_as_sample

    with engine.begin() as conn:
        mark_as_sample(conn)
    at = _app(sqlite_url, monkeypatch)
    assert not at.exception
    assert "Demo met fictieve voorbeeldgegevens" in "\n".join(w.value for w in at.sidebar.warning)
    assert not at.text_input  # no sign-in form
    sign_in(at, sqlite_url, "netwerk")
    assert at.session_state[ACCESS_KEY].role == "netwerk"


def test_oidc_role_from_the_users_table(engine, sqlite_url, monkeypatch):
    with engine.begin() as conn:
        add_user(conn, "an.peeters@pz.example", "korpsleiding", None)
    at = _app(sqlite_url, monkeypatch, secrets={"auth": OIDC_SECRETS},
              user={"is_logged_in": True, "email": "An.Peeters@pz.example"})
    assert not at.exception
    access = at.session_state[ACCESS_KEY]
    assert (access.user, access.role) == ("An.Peeters@pz.example", "korpsleiding")
    assert not at.text_input  # no local form
    with engine.connect() as conn:
        assert '"methode": "oidc"' in audit.search(conn, action="aanmelding")["detail"].iloc[0]


def test_oidc_unknown_email_is_refused(engine, sqlite_url, monkeypatch):
    at = _app(sqlite_url, monkeypatch, secrets={"auth": OIDC_SECRETS},
              user={"is_logged_in": True, "email": "vreemde@elders.example"})
    assert ACCESS_KEY not in at.session_state
    assert "vreemde@elders.example heeft geen toegang" in _texts(at)


def test_oidc_not_logged_in_shows_the_login_button(engine, sqlite_url, monkeypatch):
    at = _app(sqlite_url, monkeypatch, secrets={"auth": OIDC_SECRETS}, user={"is_logged_in": False})
    assert ACCESS_KEY not in at.session_state
    assert [b.label for b in at.button] == ["Aanmelden"]


def test_oidc_role_from_a_claim(engine, sqlite_url, monkeypatch):
    at = _app(sqlite_url, monkeypatch, secrets={"auth": OIDC_SECRETS, "dashboard_auth": {"role_claim": "roles"}},
              user={"is_logged_in": True, "email": "jo@pz.example", "roles": ["Lezer", "netwerk"]})
    assert at.session_state[ACCESS_KEY].role == "netwerk"


def test_role_from_claims():
    assert role_from_claims({"roles": "Korpsleiding"}, "roles") == "korpsleiding"
    assert role_from_claims({"roles": ["x", "integriteitscoordinator"]}, "roles") == "integriteitscoordinator"
    assert role_from_claims({"roles": ["beheerder"]}, "roles") is None
    assert role_from_claims({"roles": ["netwerk"]}, None) is None


def test_an_import_ends_the_demo(engine, sqlite_url, monkeypatch):
    # The demo lets anyone act as coordinator; a workbook imported there may hold real data,
    # so from then on the database requires sign-in.
    import datetime as dt

    from data_access.schema import import_log
    from sample_data import mark_as_sample

    with engine.begin() as conn:
        mark_as_sample(conn)
        conn.execute(import_log.insert().values(at=dt.datetime(2025, 1, 1), user_name="voorbeeldgegevens",
                                                file_name="voorbeeldgegevens.xlsx", sha256="0", counts="{}", warnings=""))
    at = _app(sqlite_url, monkeypatch)
    assert [s for s in at.sidebar.selectbox if s.label == "Demorol"]
    with engine.begin() as conn:
        conn.execute(import_log.insert().values(at=dt.datetime(2025, 2, 1), user_name="demo",
                                                file_name="voorbeeld_ongewijzigd.xlsx", sha256="1",
                                                counts='{"klachten": {"added": 0, "updated": 0, "unchanged": 40}}', warnings=""))
    at = _app(sqlite_url, monkeypatch)
    assert [s for s in at.sidebar.selectbox if s.label == "Demorol"]  # nothing changed: still the demo
    with engine.begin() as conn:
        conn.execute(import_log.insert().values(at=dt.datetime(2025, 2, 2), user_name="demo",
                                                file_name="echte_registers.xlsx", sha256="2",
                                                counts='{"klachten": {"added": 1, "updated": 0, "unchanged": 40}}', warnings=""))
        add_user(conn, "els", "integriteitscoordinator", PASSWORD)
    at = _app(sqlite_url, monkeypatch)
    assert not [s for s in at.sidebar.selectbox if s.label == "Demorol"]
    assert [t.label for t in at.text_input] == ["Gebruikersnaam", "Wachtwoord"]


def test_a_changed_role_ends_the_session(engine, sqlite_url, monkeypatch):
    name = add_local_user(sqlite_url, "integriteitscoordinator")
    at = _sign_in_form(_app(sqlite_url, monkeypatch), name, PASSWORD)
    assert at.session_state[ACCESS_KEY].role == "integriteitscoordinator"
    with engine.begin() as conn:
        add_user(conn, name, "netwerk", "nieuw-wachtwoord", replace=True)
    at.run()
    assert [t.label for t in at.text_input] == ["Gebruikersnaam", "Wachtwoord"]
    assert "Uw aanmelding is beëindigd of verlopen" in _texts(at)
    _sign_in_form(at, name, "nieuw-wachtwoord")
    assert at.session_state[ACCESS_KEY].role == "netwerk"
