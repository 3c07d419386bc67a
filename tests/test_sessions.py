"""Server-side sign-in sessions (data_access.sessions): idle and absolute limits from the
settings, sign-out and every change that ends them for good, all audited."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
import sqlalchemy as sa

from data_access import audit, sessions
from data_access.schema import sessions as sessions_table
from data_access.settings import save_settings
from data_access.users import add_user

T0 = datetime(2025, 5, 1, 9, 0, 0)


@pytest.fixture(autouse=True)
def _fast_hash(monkeypatch):
    from argon2 import PasswordHasher

    from data_access import users

    monkeypatch.setattr(users, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


@pytest.fixture
def jan(engine):
    with engine.begin() as conn:
        add_user(conn, "jan", "korpsleiding", "juist-wachtwoord")
    return engine


def _reasons(conn) -> list[str]:
    rows = audit.search(conn, user="jan", action="afmelding")
    return sorted(audit.describe(d) for d in rows["detail"])


def test_the_table_holds_only_a_hash_of_the_token(jan):
    with jan.begin() as conn:
        token = sessions.start(conn, "jan", now=T0)
        stored = conn.execute(sa.select(sessions_table.c.token_hash)).scalar()
        assert len(token) >= 40 and token not in stored and stored == sessions.token_hash(token)
        assert sessions.check(conn, token, now=T0) == "jan"
        assert sessions.check(conn, stored, now=T0) is None  # the hash itself signs nobody in
        assert sessions.check(conn, "geraden", now=T0) is None
        assert "resultaat: gelukt" in audit.describe(audit.search(conn, user="jan", action="aanmelding")["detail"].iloc[0])


def test_idle_for_thirty_minutes_ends_the_session(jan):
    with jan.begin() as conn:
        token = sessions.start(conn, "jan", now=T0)
        assert sessions.check(conn, token, now=T0 + timedelta(minutes=29)) == "jan"  # and moves last_seen on
        assert sessions.check(conn, token, now=T0 + timedelta(minutes=58)) == "jan"
        assert sessions.check(conn, token, now=T0 + timedelta(minutes=88)) is None
        assert sessions.check(conn, token, now=T0 + timedelta(minutes=89)) is None  # ended for good
        assert _reasons(conn) == ["methode: lokaal · reden: verlopen na inactiviteit"]


def test_twelve_hours_is_the_most_a_session_lasts(jan):
    with jan.begin() as conn:
        token = sessions.start(conn, "jan", now=T0)
        for minutes in range(20, 12 * 60, 20):  # active all day
            assert sessions.check(conn, token, now=T0 + timedelta(minutes=minutes)) == "jan"
        assert sessions.check(conn, token, now=T0 + timedelta(hours=12)) is None
        assert _reasons(conn) == ["methode: lokaal · reden: verlopen na de maximale duur"]


def test_the_limits_are_settings(jan):
    with jan.begin() as conn:
        save_settings(conn, {"session_idle_minutes": 5, "session_max_hours": 1})
        token = sessions.start(conn, "jan", now=T0)
        assert sessions.check(conn, token, now=T0 + timedelta(minutes=6)) is None
        other = sessions.start(conn, "jan", now=T0)
        for minutes in (4, 8, 12, 16, 20, 24, 28, 32, 36, 40, 44, 48, 52, 56):
            assert sessions.check(conn, other, now=T0 + timedelta(minutes=minutes)) == "jan"
        assert sessions.check(conn, other, now=T0 + timedelta(minutes=60)) is None


def test_sign_out_ends_the_session_on_the_server(jan):
    with jan.begin() as conn:
        token = sessions.start(conn, "jan", now=T0)
        second_tab_and_same_cookie = token
        sessions.end(conn, token, now=T0 + timedelta(minutes=1))
        assert sessions.check(conn, second_tab_and_same_cookie, now=T0 + timedelta(minutes=2)) is None
        assert _reasons(conn) == ["methode: lokaal · reden: afgemeld"]


def test_a_new_password_or_role_ends_the_other_sessions(jan):
    with jan.begin() as conn:
        first, second = sessions.start(conn, "jan", now=T0), sessions.start(conn, "jan", now=T0)
        add_user(conn, "jan", "korpsleiding", "nieuw-wachtwoord", replace=True)  # the CLI's way
        assert sessions.check(conn, first, now=T0) is None and sessions.check(conn, second, now=T0) is None
        third = sessions.start(conn, "jan", now=T0)
        add_user(conn, "jan", "netwerk", None, replace=True)  # an organisation account now
        assert sessions.check(conn, third, now=T0) is None
        assert _reasons(conn) == ["methode: lokaal · reden: rol gewijzigd"] + ["methode: lokaal · reden: wachtwoord gewijzigd"] * 2


def test_changing_the_own_password_keeps_only_this_session(jan):
    from data_access.users import change_own_password, verify_login

    with jan.begin() as conn:
        here, elsewhere = sessions.start(conn, "jan"), sessions.start(conn, "jan")
        with pytest.raises(ValueError, match="huidige wachtwoord klopt niet"):
            change_own_password(conn, "jan", "fout", "nieuw-wachtwoord", "nieuw-wachtwoord", keep=here)
        with pytest.raises(ValueError, match="verschillen"):
            change_own_password(conn, "jan", "juist-wachtwoord", "nieuw-wachtwoord", "anders-wachtwoord", keep=here)
        change_own_password(conn, "jan", "juist-wachtwoord", "nieuw-wachtwoord", "nieuw-wachtwoord", keep=here)
        assert sessions.check(conn, here) == "jan" and sessions.check(conn, elsewhere) is None
        assert verify_login(conn, "jan", "nieuw-wachtwoord", client="a").ok


def test_expired_sessions_nobody_came_back_to_are_ended_and_audited(jan):
    with jan.begin() as conn:
        sessions.start(conn, "jan", now=T0)
        fresh = sessions.start(conn, "jan", now=T0 + timedelta(minutes=40))
        assert sessions.end_expired(conn, now=T0 + timedelta(minutes=45)) == 1
        assert sessions.check(conn, fresh, now=T0 + timedelta(minutes=45)) == "jan"
        assert _reasons(conn) == ["methode: lokaal · reden: verlopen na inactiviteit"]
