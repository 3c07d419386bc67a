"""User management by the integriteitscoördinator (the page Gebruikers) and the first account.

Every change is audited ("gebruikersbeheer", with who did it) in the same transaction, and every
change that takes something away (another role, disabled, a password reset) ends the user's
open sessions at once (data_access.sessions). A new account and a reset get a one-time password,
shown once to the coordinator; the user must choose an own password at the first sign-in.
The zone always keeps an active coordinator: the last one cannot be disabled or given another
role. The command line (`python -m data_access user add`) keeps working beside this.
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from data_access import audit, sessions
from data_access.access import ROLE_LABELS, Access
from data_access.schema import users
from data_access.users import add_user, check_new_password, hash_password
from i18n import _

COORDINATOR = "integriteitscoordinator"
_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: read aloud or typed over


class WrongSetupCode(ValueError):
    """The one-time code for the first account was wrong (counted by the sign-in throttle)."""


@dataclass(frozen=True)
class UserRow:
    name: str
    role: str
    disabled: bool
    locked: bool
    must_change_password: bool
    oidc_only: bool
    created_at: datetime


def one_time_password() -> str:
    """16 random letters and digits in groups of four (about 79 bits)."""
    chars = "".join(secrets.choice(_ALPHABET) for _ in range(16))
    return "-".join(chars[i : i + 4] for i in range(0, 16, 4))


def list_users(conn: sa.Connection, now: datetime | None = None) -> list[UserRow]:
    now = now or audit.utcnow()
    rows = conn.execute(sa.select(users).order_by(users.c.name)).mappings().all()
    return [
        UserRow(
            name=r["name"], role=r["role"], disabled=bool(r["disabled"]),
            locked=r["locked_until"] is not None and now < r["locked_until"],
            must_change_password=bool(r["must_change_password"]), oidc_only=not r["password_hash"],
            created_at=r["created_at"],
        )
        for r in rows
    ]


def has_accounts(conn: sa.Connection) -> bool:
    return conn.execute(sa.select(users.c.name).limit(1)).first() is not None


def _row(conn: sa.Connection, name: str):
    row = conn.execute(sa.select(users).where(users.c.name == name)).mappings().first()
    if row is None:
        raise ValueError(_("Gebruiker '{name}' bestaat niet.").format(name=name))
    return row


def _record(conn: sa.Connection, by: Access, name: str, change: str, **detail) -> None:
    audit.record(conn, by, "gebruikersbeheer", {"gebruiker": name, "wijziging": change, **detail})


def _keeps_a_coordinator(conn: sa.Connection, name: str) -> None:
    others = conn.execute(
        sa.select(sa.func.count()).select_from(users).where(
            users.c.role == COORDINATOR, users.c.disabled.is_(False), users.c.name != name
        )
    ).scalar()
    if not others:
        raise ValueError(_("Dit is de laatste actieve integriteitscoördinator: maak eerst een andere coördinator aan."))


def create_user(conn: sa.Connection, name: str, role: str, *, by: Access, oidc_only: bool = False) -> str | None:
    """Adds a user; returns the one-time password (None for an OIDC-only account, which signs
    in with the organisation's login and has its e-mail address as name)."""
    password = None if oidc_only else one_time_password()
    add_user(conn, name, role, password)
    name = name.strip()
    if password is not None:
        conn.execute(users.update().where(users.c.name == name).values(must_change_password=True))
    _record(conn, by, name, "toegevoegd", rol=ROLE_LABELS[role], aanmelden="organisatie" if oidc_only else "eenmalig wachtwoord")
    return password


def set_role(conn: sa.Connection, name: str, role: str, *, by: Access) -> None:
    row = _row(conn, name)
    if role == row["role"]:
        return
    if role not in ROLE_LABELS:
        raise ValueError(_("Onbekende rol '{role}'.").format(role=role))
    if row["role"] == COORDINATOR:
        _keeps_a_coordinator(conn, name)
    conn.execute(users.update().where(users.c.name == name).values(role=role))
    sessions.end_user_sessions(conn, name, sessions.ROLE_CHANGED)
    _record(conn, by, name, "rol", van=ROLE_LABELS[row["role"]], naar=ROLE_LABELS[role])


def set_disabled(conn: sa.Connection, name: str, disabled: bool, *, by: Access) -> None:
    row = _row(conn, name)
    if disabled and row["role"] == COORDINATOR:
        _keeps_a_coordinator(conn, name)
    conn.execute(users.update().where(users.c.name == name).values(disabled=disabled))
    if disabled:
        sessions.end_user_sessions(conn, name, sessions.DISABLED)
    _record(conn, by, name, "uitgeschakeld" if disabled else "ingeschakeld")


def reset_password(conn: sa.Connection, name: str, *, by: Access) -> str:
    """A one-time password for the user (to be changed at the next sign-in); the lock lifted
    and every open session of the user ended."""
    _row(conn, name)
    password = one_time_password()
    conn.execute(
        users.update().where(users.c.name == name).values(
            password_hash=hash_password(password), must_change_password=True, failed_attempts=0, locked_until=None
        )
    )
    sessions.end_user_sessions(conn, name, sessions.PASSWORD_CHANGED)
    _record(conn, by, name, "wachtwoord opnieuw ingesteld")
    return password


def unlock(conn: sa.Connection, name: str, *, by: Access) -> None:
    _row(conn, name)
    conn.execute(users.update().where(users.c.name == name).values(failed_attempts=0, locked_until=None))
    _record(conn, by, name, "ontgrendeld")


def create_first_account(conn: sa.Connection, name: str, password: str, repeat: str, *, code: str, expected_code: str) -> Access:
    """The first integriteitscoördinator of a database without any account, only with the
    one-time code the server printed in its log (dashboard.setup). ValueError (in the language of the run) else."""
    if has_accounts(conn):
        raise ValueError(_("Er bestaat al een account: meld u aan."))
    if not expected_code or not hmac.compare_digest(code.strip().upper().encode(), expected_code.upper().encode()):
        raise WrongSetupCode(_("De eenmalige code klopt niet. U vindt ze in het logboek van de server."))
    check_new_password(password, repeat)
    add_user(conn, name, COORDINATOR, password)
    access = Access(user=name.strip(), role=COORDINATOR)
    _record(conn, access, access.user, "eerste account aangemaakt", rol=ROLE_LABELS[COORDINATOR])
    return access
