"""User management (data_access.user_admin): one-time passwords, roles, disable, unlock, the
last coordinator kept, every change audited and ending the user's sessions; the first account."""

from __future__ import annotations

import re

import pytest

from data_access import audit, sessions
from data_access.access import Access
from data_access.user_admin import (
    WrongSetupCode,
    create_first_account,
    create_user,
    list_users,
    reset_password,
    set_disabled,
    set_role,
    unlock,
)
from data_access.users import BAD_LOGIN_MESSAGE, MAX_FAILED_ATTEMPTS, add_user, verify_login

BOSS = Access(user="els", role="integriteitscoordinator")


@pytest.fixture(autouse=True)
def _fast_hash(monkeypatch):
    from argon2 import PasswordHasher

    from data_access import users

    monkeypatch.setattr(users, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


@pytest.fixture
def zone(engine):
    with engine.begin() as conn:
        add_user(conn, "els", "integriteitscoordinator", "els-wachtwoord")
    return engine


def _changes(conn) -> list[str]:
    rows = audit.search(conn, action="gebruikersbeheer")
    return [f"{r.user_name}: {audit.describe(r.detail)}" for r in rows.iloc[::-1].itertuples()]


def test_a_new_user_gets_a_one_time_password_to_change_at_first_sign_in(zone):
    with zone.begin() as conn:
        password = create_user(conn, "an", "netwerk", by=BOSS)
        assert re.fullmatch(r"[a-z2-9]{4}(-[a-z2-9]{4}){3}", password)
        result = verify_login(conn, "an", password, client="a")
        assert result.ok and result.access.role == "netwerk" and result.must_change_password
        [an] = [u for u in list_users(conn) if u.name == "an"]
        assert an.must_change_password and not an.disabled and not an.oidc_only
        assert _changes(conn) == ["els: gebruiker: an · wijziging: toegevoegd · rol: Integriteitsnetwerk · aanmelden: eenmalig wachtwoord"]


def test_role_change_disable_and_reset_end_the_users_sessions(zone):
    with zone.begin() as conn:
        create_user(conn, "an", "netwerk", by=BOSS)
        token = sessions.start(conn, "an")
        set_role(conn, "an", "korpsleiding", by=BOSS)
        assert sessions.check(conn, token) is None
        token = sessions.start(conn, "an")
        set_disabled(conn, "an", True, by=BOSS)
        assert sessions.check(conn, token) is None
        assert not verify_login(conn, "an", "wat-dan-ook", client="a").ok
        set_disabled(conn, "an", False, by=BOSS)
        token = sessions.start(conn, "an")
        new = reset_password(conn, "an", by=BOSS)
        assert sessions.check(conn, token) is None
        assert verify_login(conn, "an", new, client="b").must_change_password
        assert [c.split("wijziging: ")[1] for c in _changes(conn)] == [
            "toegevoegd · rol: Integriteitsnetwerk · aanmelden: eenmalig wachtwoord",
            "rol · van: Integriteitsnetwerk · naar: Korpsleiding",
            "uitgeschakeld", "ingeschakeld", "wachtwoord opnieuw ingesteld",
        ]


def test_unlock_lifts_the_lock_out(zone):
    with zone.begin() as conn:
        create_user(conn, "an", "netwerk", by=BOSS)
        reset = reset_password(conn, "an", by=BOSS)
        for i in range(MAX_FAILED_ATTEMPTS):
            verify_login(conn, "an", "fout", client=f"c{i}")
        assert [u.locked for u in list_users(conn) if u.name == "an"] == [True]
        assert verify_login(conn, "an", reset, client="x").message == BAD_LOGIN_MESSAGE
        unlock(conn, "an", by=BOSS)
        assert verify_login(conn, "an", reset, client="y").ok
        assert _changes(conn)[-1] == "els: gebruiker: an · wijziging: ontgrendeld"


def test_the_last_active_coordinator_stays(zone):
    with zone.begin() as conn:
        with pytest.raises(ValueError, match="laatste actieve integriteitscoördinator"):
            set_disabled(conn, "els", True, by=BOSS)
        with pytest.raises(ValueError, match="laatste actieve integriteitscoördinator"):
            set_role(conn, "els", "netwerk", by=BOSS)
        create_user(conn, "piet", "integriteitscoordinator", by=BOSS)
        set_role(conn, "els", "korpsleiding", by=BOSS)  # piet is coordinator now too


def test_an_organisation_account_has_no_password(zone):
    with zone.begin() as conn:
        assert create_user(conn, "an@pz.example", "netwerk", by=BOSS, oidc_only=True) is None
        assert [u.oidc_only for u in list_users(conn) if u.name == "an@pz.example"] == [True]


def test_the_first_account_needs_the_code_and_only_once(engine):
    with engine.begin() as conn:
        with pytest.raises(WrongSetupCode):
            create_first_account(conn, "els", "els-wachtwoord", "els-wachtwoord", code="FOUT", expected_code="ABCD-EFGH")
        with pytest.raises(ValueError, match="verschillen"):
            create_first_account(conn, "els", "els-wachtwoord", "ander-wachtwoord", code="abcd-efgh", expected_code="ABCD-EFGH")
        access = create_first_account(conn, "els", "els-wachtwoord", "els-wachtwoord", code=" abcd-efgh ", expected_code="ABCD-EFGH")
        assert access == Access(user="els", role="integriteitscoordinator")
        with pytest.raises(ValueError, match="al een account"):
            create_first_account(conn, "piet", "piet-wachtwoord", "piet-wachtwoord", code="ABCD-EFGH", expected_code="ABCD-EFGH")
        assert _changes(conn) == ["els: gebruiker: els · wijziging: eerste account aangemaakt · rol: Integriteitscoördinator"]
