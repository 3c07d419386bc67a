"""Local accounts: argon2 hash, lock-out after 5 failures for 15 minutes, OIDC role by e-mail,
and the `python -m data_access user add` command."""

from __future__ import annotations

import io
from datetime import datetime, timedelta

import pytest
import sqlalchemy as sa

from data_access import audit, sessions
from data_access.__main__ import main as cli
from data_access.schema import users
from data_access.users import BAD_LOGIN_MESSAGE, MAX_FAILED_ATTEMPTS, add_user, role_for_email, verify_login

T0 = datetime(2025, 5, 1, 9, 0, 0)




@pytest.fixture(autouse=True)
def _fast_hash(monkeypatch):
    """argon2 with small cost parameters: the tests check the logic, not the hash's strength
    (production keeps argon2-cffi's defaults)."""
    from argon2 import PasswordHasher

    from data_access import users

    monkeypatch.setattr(users, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


@pytest.fixture
def jan(engine):
    with engine.begin() as conn:
        add_user(conn, "jan", "korpsleiding", "juist-wachtwoord")
    return engine


def test_password_is_stored_as_argon2id_hash(jan):
    with jan.connect() as conn:
        stored = conn.execute(sa.select(users.c.password_hash).where(users.c.name == "jan")).scalar()
    assert stored.startswith("$argon2id$")
    assert "juist-wachtwoord" not in stored


def test_right_password_signs_in_with_the_role(jan):
    with jan.begin() as conn:
        result = verify_login(conn, "jan", "juist-wachtwoord", now=T0)
    assert result.ok and result.access.user == "jan" and result.access.role == "korpsleiding"
    assert not result.access.screen_share


def _clients():
    """A new client address for every attempt: the per-client delay stays out of the way."""
    return (f"10.0.0.{i}" for i in range(1, 1000))


def test_wrong_password_and_unknown_user_get_the_same_message_and_audit_row(jan):
    with jan.begin() as conn:
        wrong = verify_login(conn, "jan", "fout", now=T0, client="a")
        unknown = verify_login(conn, "niemand", "fout", now=T0, client="b")
        rows = audit.search(conn, action="aanmelding")
    assert not wrong.ok and not unknown.ok
    assert wrong.message == unknown.message == BAD_LOGIN_MESSAGE
    assert "poging" not in wrong.message  # no count of attempts left: it would tell the name exists
    by_user = {r.user_name: (r.role, r.detail) for r in rows.itertuples()}
    assert by_user["jan"] == by_user["niemand"] == ("", '{"methode": "lokaal", "resultaat": "mislukt"}')


def test_lock_out_after_five_failures_except_in_a_known_browser(jan):
    clients = _clients()
    with jan.begin() as conn:
        known = sessions.remember_browser(conn, "jan", now=T0)
        for i in range(MAX_FAILED_ATTEMPTS):
            result = verify_login(conn, "jan", f"fout{i}", now=T0 + timedelta(seconds=i), client=next(clients))
        assert result.message == BAD_LOGIN_MESSAGE  # locked now, but the message does not say so
        during = T0 + timedelta(minutes=10)
        # Locked: the right password from another browser is refused, with the same message
        refused = verify_login(conn, "jan", "juist-wachtwoord", now=during, client=next(clients))
        assert not refused.ok and refused.message == BAD_LOGIN_MESSAGE
        # ... and a stranger's browser token does not help
        other = sessions.remember_browser(conn, "iemand-anders", now=T0)
        assert not verify_login(conn, "jan", "juist-wachtwoord", now=during, client=next(clients), known_browser=other).ok
        # The browser where jan signed in before still passes: nobody can lock jan out at will
        assert verify_login(conn, "jan", "juist-wachtwoord", now=during, client=next(clients), known_browser=known).ok


def test_the_lock_ends_after_fifteen_minutes(jan):
    clients = _clients()
    with jan.begin() as conn:
        for i in range(MAX_FAILED_ATTEMPTS):
            verify_login(conn, "jan", f"fout{i}", now=T0 + timedelta(seconds=i), client=next(clients))
        assert not verify_login(conn, "jan", "juist-wachtwoord", now=T0 + timedelta(minutes=15), client=next(clients)).ok
        assert verify_login(conn, "jan", "juist-wachtwoord", now=T0 + timedelta(minutes=15, seconds=5), client=next(clients)).ok
        row = conn.execute(sa.select(users.c.failed_attempts, users.c.locked_until).where(users.c.name == "jan")).one()
        assert tuple(row) == (0, None)


def test_four_failures_then_success_resets_the_counter(jan):
    clients = _clients()
    with jan.begin() as conn:
        for _ in range(2):
            for _ in range(MAX_FAILED_ATTEMPTS - 1):
                assert not verify_login(conn, "jan", "fout", now=T0, client=next(clients)).ok
            assert verify_login(conn, "jan", "juist-wachtwoord", now=T0, client=next(clients)).ok


def test_failed_attempts_and_lock_out_are_audited(jan):
    clients = _clients()
    with jan.begin() as conn:
        for _ in range(MAX_FAILED_ATTEMPTS + 1):
            verify_login(conn, "jan", "fout", now=T0, client=next(clients))
        rows = audit.search(conn, user="jan", action="aanmelding")
    assert sorted(rows["detail"].str.extract(r'"resultaat": "(\w+)"')[0]) == ["mislukt"] * 6 + ["vergrendeld"]


def test_a_client_waits_longer_after_each_failure(jan):
    from data_access.throttle import FREE_ATTEMPTS

    with jan.begin() as conn:
        for _ in range(FREE_ATTEMPTS):
            assert verify_login(conn, "jan", "fout", now=T0, client="x").message == BAD_LOGIN_MESSAGE
        # the next attempt right away is not even looked at, whatever the name
        hurried = verify_login(conn, "jan", "juist-wachtwoord", now=T0, client="x")
        assert not hurried.ok and "Wacht 1 seconde" in hurried.message
        assert verify_login(conn, "niemand", "fout", now=T0, client="x").message == hurried.message
        # another client is not slowed down
        assert verify_login(conn, "jan", "juist-wachtwoord", now=T0, client="y").ok
        # after the wait the attempt counts again; a fourth failure doubles the wait
        assert verify_login(conn, "jan", "fout", now=T0 + timedelta(seconds=1), client="x").message == BAD_LOGIN_MESSAGE
        assert "Wacht 2 seconden" in verify_login(conn, "jan", "fout", now=T0 + timedelta(seconds=1), client="x").message
        assert verify_login(conn, "jan", "juist-wachtwoord", now=T0 + timedelta(seconds=3), client="x").ok
        # a success forgets the client's failures
        assert verify_login(conn, "jan", "fout", now=T0 + timedelta(seconds=3), client="x").message == BAD_LOGIN_MESSAGE


def test_a_disabled_account_cannot_sign_in(jan):
    with jan.begin() as conn:
        conn.execute(users.update().where(users.c.name == "jan").values(disabled=True))
        result = verify_login(conn, "jan", "juist-wachtwoord", now=T0, client="a")
    assert not result.ok and result.message == BAD_LOGIN_MESSAGE


def test_add_user_refuses_bad_input(engine):
    with engine.begin() as conn:
        with pytest.raises(ValueError, match="Onbekende rol"):
            add_user(conn, "an", "admin", "lang-genoeg")
        with pytest.raises(ValueError, match="niet leeg"):
            add_user(conn, "an", "netwerk", "")
        with pytest.raises(ValueError, match="minstens 8 tekens"):
            add_user(conn, "an", "netwerk", "kort")
        add_user(conn, "an", "netwerk", "lang-genoeg")
        with pytest.raises(ValueError, match="bestaat al"):
            add_user(conn, "an", "netwerk", "ander-wachtwoord")


def test_role_for_email_is_case_insensitive_and_none_when_unknown(engine):
    with engine.begin() as conn:
        add_user(conn, "An.Peeters@pz.example", "netwerk", None)
        assert role_for_email(conn, "an.peeters@PZ.example") == "netwerk"
        assert role_for_email(conn, "onbekend@pz.example") is None
        assert role_for_email(conn, "") is None
        # an OIDC-only user has no password: local sign-in refuses it, without saying it exists
        result = verify_login(conn, "An.Peeters@pz.example", "", client="a")
        assert not result.ok and result.message == verify_login(conn, "niemand", "", client="b").message


def test_cli_user_add_reads_password_from_stdin(sqlite_url, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO("s3cret!-lang\n"))
    assert cli(["user", "add", "els", "--role", "integriteitscoordinator", "--database-url", sqlite_url]) == 0
    assert "aangemaakt" in capsys.readouterr().out
    from data_access.db import connect

    engine = connect(sqlite_url)
    with engine.begin() as conn:
        assert verify_login(conn, "els", "s3cret!-lang").access.role == "integriteitscoordinator"
    # run again: updates the password
    monkeypatch.setattr("sys.stdin", io.StringIO("nieuw-wachtwoord\n"))
    assert cli(["user", "add", "els", "--role", "netwerk", "--database-url", sqlite_url]) == 0
    assert "bijgewerkt" in capsys.readouterr().out
    with engine.begin() as conn:
        assert verify_login(conn, "els", "nieuw-wachtwoord").access.role == "netwerk"
    engine.dispose()


@pytest.mark.parametrize("stdin,role,message", [
    ("lang-genoeg\n", "beheerder", "Onbekende rol"),
    ("\n", "netwerk", "niet leeg"),
    ("kort\n", "netwerk", "minstens 8 tekens"),
])
def test_cli_user_add_refuses_bad_role_or_empty_password(sqlite_url, monkeypatch, capsys, stdin, role, message):
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    assert cli(["user", "add", "els", "--role", role, "--database-url", sqlite_url]) == 1
    assert message in capsys.readouterr().err


def test_production_hasher_keeps_argon2_defaults(monkeypatch):
    monkeypatch.undo()  # drop the fast test hasher
    from argon2 import DEFAULT_MEMORY_COST, DEFAULT_TIME_COST, Type

    from data_access import users

    assert users._hasher.type is Type.ID
    assert users._hasher.time_cost >= DEFAULT_TIME_COST and users._hasher.memory_cost >= DEFAULT_MEMORY_COST


def test_cli_user_add_for_an_organisation_account_stores_no_password(sqlite_url, monkeypatch, capsys):
    from data_access.db import connect
    from data_access.users import cli_user_add

    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # nothing is read
    assert cli_user_add("an.peeters@pz.example", role="netwerk", database_url=sqlite_url, oidc=True) == 0
    engine = connect(sqlite_url)
    with engine.connect() as conn:
        stored = conn.execute(sa.select(users.c.role, users.c.password_hash)).one()
        assert tuple(stored) == ("netwerk", None)
        assert role_for_email(conn, "AN.PEETERS@pz.example") == "netwerk"
    engine.dispose()
