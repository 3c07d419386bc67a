"""Screen-share mode (dashboard.shell.auth) through the real app: every documented URL value turns it
on, no URL value turns it off, the switch turns it off only after a confirmation, and it stays on
through page switches, a demo role change, a sign-out and sign-in, and a new session that carries
the browser's cookie. The browser side (Back, Forward, reload) is in tests/browser/."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.shell import auth
from dashboard.shell.auth import (
    ACCESS_KEY,
    CONFIRM_OFF_TEXT,
    CONFIRM_OFF_TEXT_NETWERK,
    CONFIRM_OFF_TITLE,
    SCREEN_SHARE_BANNER,
    SCREEN_SHARE_COOKIE,
    SCREEN_SHARE_SWITCH_KEY,
)
from data_access.access import Access
from tests.dashboard_apptest import APP, PASSWORD, add_local_user, open_page, sign_in
from tests.page_checks import menu_pages

DOCUMENTED_ON_VALUES = ["1", "ja", "aan", "true", "on", "yes"]


@pytest.fixture(autouse=True)
def _fast_hash(monkeypatch):
    """argon2 with small cost parameters for the local sign-in (the logic is tested, not the hash)."""
    from argon2 import PasswordHasher

    from data_access import users

    monkeypatch.setattr(users, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


def _app(url, monkeypatch, query=None) -> AppTest:
    """The app's first run on `url`, opened with the URL parameters `query`."""
    monkeypatch.setenv("DATABASE_URL", url)
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    return at.run()


def _sign_in_form(at, name):
    at.text_input[0].input(name)
    at.text_input[1].input(PASSWORD)
    at.button[0].click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _access(at) -> Access:
    return at.session_state[ACCESS_KEY]


def _banner_shown(at) -> bool:
    """The banner on top of the page and in the sidebar."""
    on_page = any(SCREEN_SHARE_BANNER in h.proto.body for h in at.get("html"))
    in_sidebar = any(SCREEN_SHARE_BANNER in e.value for e in at.sidebar.error)
    assert on_page == in_sidebar
    return on_page


def _url_value(at) -> str | None:
    value = at.query_params.get("scherm")
    return value[-1] if isinstance(value, list) else value


def _switch(at):
    return at.sidebar.toggle(key=SCREEN_SHARE_SWITCH_KEY)


def _dialogs(at) -> list[str]:
    """The titles of the dialogs open after the last run."""
    return [node.proto.dialog.title for node in at._tree if getattr(node, "type", None) == "dialog"]


def _drill_toggles(at) -> list:
    return [t for t in at.toggle if str(t.key).startswith("_drill_")]


def _assert_on(at, where: str) -> None:
    assert not at.exception, (where, [e.value for e in at.exception])
    assert _access(at).screen_share, where
    assert _banner_shown(at), where
    assert _switch(at).value is True, where
    assert _url_value(at) == "true", where  # a reload (a new session) finds it in the URL


# --- The URL turns it on, never off -------------------------------------------------------------


def test_only_the_documented_values_turn_it_on():
    for value in [*DOCUMENTED_ON_VALUES, "JA", "True", " Aan ", "YES"]:
        assert auth.url_turns_screen_share_on([value]), value
    for value in ["0", "false", "nee", "uit", "off", "no", "", "misschien"]:
        assert not auth.url_turns_screen_share_on([value]), value
    assert auth.url_turns_screen_share_on(["0", "ja"])  # ?scherm=0&scherm=ja: one "on" is enough
    assert not auth.url_turns_screen_share_on([])


@pytest.mark.parametrize("value", [*DOCUMENTED_ON_VALUES, "JA", "True", "ON"])
def test_each_documented_url_value_turns_it_on(engine, sqlite_url, monkeypatch, value):
    name = add_local_user(sqlite_url, "korpsleiding")
    at = _app(sqlite_url, monkeypatch, query={"scherm": value})
    # On the sign-in page already: the banner, and the URL rewritten as ?scherm=true.
    assert _banner_shown(at) and _url_value(at) == "true"
    _sign_in_form(at, name)
    _assert_on(at, value)
    at.run()
    _assert_on(at, f"{value}, rerun")


@pytest.mark.parametrize("value", ["0", "false", "nee", "FALSE"])
def test_an_off_value_in_a_new_session_leaves_it_off(engine, sqlite_url, monkeypatch, value):
    name = add_local_user(sqlite_url, "korpsleiding")
    at = _sign_in_form(_app(sqlite_url, monkeypatch, query={"scherm": value}), name)
    assert not _access(at).screen_share and not _banner_shown(at) and _switch(at).value is False


def test_no_url_value_turns_it_off(engine, sqlite_url, monkeypatch):
    name = add_local_user(sqlite_url, "integriteitscoordinator")
    at = _sign_in_form(_app(sqlite_url, monkeypatch, query={"scherm": "1"}), name)
    _assert_on(at, "?scherm=1")
    for value in ["0", "false", "nee", "uit", "off", "no", "", "misschien"]:
        at.query_params["scherm"] = value
        at.run()
        _assert_on(at, f"?scherm={value}")
    del at.query_params["scherm"]  # a link, or Back to a history entry, without the parameter
    at.run()
    _assert_on(at, "zonder parameter")
    assert not _access(at).may_import  # the netwerk view: no import for the coordinator


# --- The switch ---------------------------------------------------------------------------------


def test_the_switch_turns_it_on_at_once_and_off_only_after_confirmation(engine, sqlite_url, monkeypatch):
    name = add_local_user(sqlite_url, "korpsleiding")
    at = _sign_in_form(_app(sqlite_url, monkeypatch), name)
    assert not _access(at).screen_share and _switch(at).value is False and _url_value(at) is None

    _switch(at).set_value(True).run()
    _assert_on(at, "aangezet")
    assert not _dialogs(at)  # turning on asks nothing

    # Turning off: still on, and the confirmation is asked.
    _switch(at).set_value(False).run()
    _assert_on(at, "uitzetten gevraagd")
    assert _dialogs(at) == [CONFIRM_OFF_TITLE]
    assert CONFIRM_OFF_TEXT in [m.value for m in at.markdown]
    at.run()  # an unrelated rerun (a filter, Back) keeps asking, and keeps it on
    assert _dialogs(at) == [CONFIRM_OFF_TITLE]
    _assert_on(at, "nog niet bevestigd")

    at.button(key="_schermdeling_annuleren").click().run()
    _assert_on(at, "geannuleerd")
    assert not _dialogs(at)

    _switch(at).set_value(False).run()
    at.button(key="_schermdeling_uitschakelen").click().run()
    assert not at.exception
    assert not _access(at).screen_share and not _banner_shown(at) and not _dialogs(at)
    assert _switch(at).value is False and _url_value(at) is None  # a reload does not bring it back
    # The browser's cookie is cleared (the page runs the script that does it).
    assert any(f"{SCREEN_SHARE_COOKIE}=; path=/; max-age=0" in h.proto.body for h in at.get("html"))
    at.run()
    assert not _access(at).screen_share

    # Afterwards the URL turns it on again, as in a new session.
    at.query_params["scherm"] = "ja"
    at.run()
    _assert_on(at, "weer via de URL")


def test_the_confirmation_tells_the_netwerk_role_what_changes(sample_url, monkeypatch):
    at = sign_in(_app(sample_url, monkeypatch, query={"scherm": "aan"}), sample_url, "netwerk")
    _switch(at).set_value(False).run()
    texts = [m.value for m in at.markdown]
    assert CONFIRM_OFF_TEXT_NETWERK in texts and CONFIRM_OFF_TEXT not in texts


# --- It stays on --------------------------------------------------------------------------------


def test_it_stays_on_across_page_switches_and_a_demo_role_change(sample_url, monkeypatch):
    at = sign_in(_app(sample_url, monkeypatch, query={"scherm": "ja"}), sample_url, "korpsleiding")
    _assert_on(at, "start")
    # Every page korpsleiding sees in screen-share, without a drill-down that shows rows; the
    # browser drops plain URL parameters on a page switch, so the switch here does too.
    for spec in menu_pages(Access("demo", "korpsleiding", screen_share=True)):
        at.query_params.pop("scherm", None)
        open_page(at, spec.name)
        _assert_on(at, spec.name)
        assert not _drill_toggles(at), spec.name
    open_page(at, "klachten")
    for role in ("integriteitscoordinator", "netwerk", "korpsleiding"):
        at.sidebar.selectbox(key="demo_rol").select(role).run()
        _assert_on(at, f"rol {role}")
        assert _access(at).role == role and not _drill_toggles(at)


def test_it_stays_on_through_sign_out_and_sign_in(engine, sqlite_url, monkeypatch):
    name = add_local_user(sqlite_url, "integriteitscoordinator")
    at = _sign_in_form(_app(sqlite_url, monkeypatch), name)
    _switch(at).set_value(True).run()
    _assert_on(at, "aangezet")

    at.sidebar.button(key="afmelden").click().run()
    assert ACCESS_KEY in at.session_state and [t.label for t in at.text_input] == ["Gebruikersnaam", "Wachtwoord"]
    assert _banner_shown(at) and _url_value(at) == "true"  # the sign-in page says so too
    _sign_in_form(at, name)
    _assert_on(at, "opnieuw aangemeld")
    assert not _access(at).may_import


def test_a_new_session_with_the_browser_cookie_starts_on(engine, sqlite_url, monkeypatch):
    """A reload on a URL without ?scherm (a new Streamlit session) finds the cookie the banner's
    script set: on from the first run. The cookie is read once per session, so a confirmed
    switch-off is not undone by the cookie the session started with."""
    monkeypatch.setattr(auth, "_cookie_turns_screen_share_on", lambda: True)
    name = add_local_user(sqlite_url, "korpsleiding")
    at = _app(sqlite_url, monkeypatch)
    assert _banner_shown(at) and _url_value(at) == "true"
    _sign_in_form(at, name)
    _assert_on(at, "cookie")
    assert any(f"{SCREEN_SHARE_COOKIE}=1; path=/" in h.proto.body for h in at.get("html"))  # kept set

    _switch(at).set_value(False).run()
    at.button(key="_schermdeling_uitschakelen").click().run()
    at.run()
    assert not _access(at).screen_share and not _banner_shown(at)


def test_without_cookie_or_parameter_a_new_session_starts_off(engine, sqlite_url, monkeypatch):
    name = add_local_user(sqlite_url, "korpsleiding")
    at = _sign_in_form(_app(sqlite_url, monkeypatch), name)
    assert not _access(at).screen_share and not _banner_shown(at) and _url_value(at) is None
    assert not any(SCREEN_SHARE_COOKIE in h.proto.body for h in at.get("html"))
