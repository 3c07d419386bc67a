"""Users: local accounts (argon2id password hash, lock-out) and the role of OIDC users.

A local account signs in with name and password (verify_login). An OIDC user (st.login) is
known by e-mail: the users table holds the e-mail as name, and role_for_email gives the role.
Passwords are hashed with argon2id (argon2-cffi, the reference implementation's binding).
"""

from __future__ import annotations

import getpass
import sys
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from data_access import audit
from data_access.access import ROLES, Access
from data_access.db import connect
from data_access.demo import SAMPLE_USER
from data_access.schema import users

MIN_PASSWORD_LENGTH = 8
MAX_FAILED_ATTEMPTS = 5
LOCKOUT = timedelta(minutes=15)
BAD_LOGIN_MESSAGE = "Onbekende gebruiker of verkeerd wachtwoord."

_hasher = PasswordHasher()
# Verified against when the user does not exist, so a wrong name costs as long as a wrong password.
_DUMMY_HASH = _hasher.hash("geen-gebruiker")


@dataclass(frozen=True)
class LoginResult:
    ok: bool
    message: str  # Dutch, for the screen
    access: Access | None = None
    locked_until: datetime | None = None


def _now(now: datetime | None) -> datetime:
    return now if now is not None else audit.utcnow()


def add_user(conn: sa.Connection, name: str, role: str, password: str | None, *, replace: bool = False) -> None:
    """Stores a user. password None: signs in only through OIDC (name = e-mail).
    replace=True updates role and password of an existing user and lifts a lock-out.
    Raises ValueError (Dutch) on an empty name, unknown role, empty password or existing user."""
    name = (name or "").strip()
    if not name:
        raise ValueError("Geef een gebruikersnaam op.")
    if name.lower() == SAMPLE_USER:  # an import under this name would keep the demo open
        raise ValueError(f"De gebruikersnaam '{SAMPLE_USER}' is voorbehouden voor de voorbeeldgegevens.")
    if role not in ROLES:
        raise ValueError(f"Onbekende rol '{role}'. Kies uit: {', '.join(ROLES)}.")
    if password is not None and not password:
        raise ValueError("Het wachtwoord mag niet leeg zijn.")
    if password is not None and len(password) < MIN_PASSWORD_LENGTH:
        raise ValueError(f"Het wachtwoord moet minstens {MIN_PASSWORD_LENGTH} tekens lang zijn.")
    values = dict(
        role=role,
        password_hash=_hasher.hash(password) if password is not None else None,
        failed_attempts=0,
        locked_until=None,
    )
    exists = conn.execute(sa.select(users.c.name).where(users.c.name == name)).first() is not None
    if exists and not replace:
        raise ValueError(f"Gebruiker '{name}' bestaat al.")
    if exists:
        conn.execute(users.update().where(users.c.name == name).values(**values))
    else:
        conn.execute(users.insert().values(name=name, created_at=audit.utcnow(), **values))


def cli_user_add(name: str, *, role: str, database_url: str | None = None, oidc: bool = False) -> int:
    """`python -m data_access user add NAME --role ROLE`: reads the password from standard input
    (without echo on a terminal, asked twice) and stores or updates the user. oidc=True stores
    no password (the user signs in with st.login; NAME is the e-mail). Exit 0 / 1."""

    if role not in ROLES:
        print(f"Onbekende rol '{role}'. Kies uit: {', '.join(ROLES)}.", file=sys.stderr)
        return 1
    password: str | None = None
    if not oidc:
        if sys.stdin.isatty():
            password = getpass.getpass("Wachtwoord: ")
            if password and getpass.getpass("Herhaal wachtwoord: ") != password:
                print("De wachtwoorden verschillen; er is niets opgeslagen.", file=sys.stderr)
                return 1
        else:
            password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            print("Het wachtwoord mag niet leeg zijn; er is niets opgeslagen.", file=sys.stderr)
            return 1
        if len(password) < MIN_PASSWORD_LENGTH:
            print(f"Het wachtwoord moet minstens {MIN_PASSWORD_LENGTH} tekens lang zijn; er is niets opgeslagen.", file=sys.stderr)
            return 1
    engine = connect(database_url)
    try:
        with engine.begin() as conn:
            existed = conn.execute(sa.select(users.c.name).where(users.c.name == name.strip())).first()
            add_user(conn, name, role, password, replace=True)
    except ValueError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    verb = "bijgewerkt" if existed else "aangemaakt"
    print(f"Gebruiker '{name.strip()}' {verb} met rol {role}.")
    return 0


def verify_login(conn: sa.Connection, name: str, password: str, now: datetime | None = None) -> LoginResult:
    """Checks a local sign-in. After MAX_FAILED_ATTEMPTS failures in a row the account is
    locked for LOCKOUT, during which even the right password is refused. Failed attempts and
    lock-outs of existing users are written to the audit log (action "aanmelding");
    the caller records the successful sign-in."""
    now = _now(now)
    name = (name or "").strip()
    row = conn.execute(sa.select(users).where(users.c.name == name)).mappings().first()
    if row is None or not row["password_hash"]:
        try:  # same cost as a real check
            _hasher.verify(_DUMMY_HASH, password or "")
        except VerificationError:
            pass
        # Also for an OIDC-only user: the answer must not tell which names exist.
        return LoginResult(False, BAD_LOGIN_MESSAGE)
    access = Access(user=row["name"], role=row["role"])
    locked_until = row["locked_until"]
    if locked_until is not None and now < locked_until:
        audit.record(conn, access, "aanmelding", {"methode": "lokaal", "resultaat": "vergrendeld"}, at=now)
        return LoginResult(False, _locked_message(locked_until, now), locked_until=locked_until)
    try:
        _hasher.verify(row["password_hash"], password or "")
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        failed = (0 if locked_until is not None else row["failed_attempts"] or 0) + 1
        if failed >= MAX_FAILED_ATTEMPTS:
            until = now + LOCKOUT
            conn.execute(users.update().where(users.c.name == name).values(failed_attempts=0, locked_until=until))
            audit.record(conn, access, "aanmelding", {"methode": "lokaal", "resultaat": "vergrendeld"}, at=now)
            return LoginResult(False, _locked_message(until, now), locked_until=until)
        conn.execute(users.update().where(users.c.name == name).values(failed_attempts=failed, locked_until=None))
        audit.record(conn, access, "aanmelding", {"methode": "lokaal", "resultaat": "mislukt"}, at=now)
        left = MAX_FAILED_ATTEMPTS - failed
        return LoginResult(False, f"{BAD_LOGIN_MESSAGE} Nog {left} {'poging' if left == 1 else 'pogingen'} voor het account wordt vergrendeld.")
    values: dict = {"failed_attempts": 0, "locked_until": None}
    if _hasher.check_needs_rehash(row["password_hash"]):
        values["password_hash"] = _hasher.hash(password)
    conn.execute(users.update().where(users.c.name == name).values(**values))
    return LoginResult(True, f"Aangemeld als {access.user} ({access.role_label}).", access=access)


def _locked_message(until: datetime, now: datetime) -> str:
    minutes = max(1, -(-int((until - now).total_seconds()) // 60))
    return (
        f"Dit account is vergrendeld na {MAX_FAILED_ATTEMPTS} mislukte aanmeldpogingen. "
        f"Probeer het opnieuw over {minutes} {'minuut' if minutes == 1 else 'minuten'}, "
        "of vraag de integriteitscoördinator het wachtwoord opnieuw in te stellen."
    )


def role_for_email(conn: sa.Connection, email: str | None) -> str | None:
    """The role of an OIDC user, looked up by e-mail (case-insensitive) in the users table;
    None when the e-mail is not known."""
    email = (email or "").strip().lower()
    if not email:
        return None
    return conn.execute(sa.select(users.c.role).where(sa.func.lower(users.c.name) == email)).scalar()


def current_role(conn: sa.Connection, name: str) -> str | None:
    """The role a signed-in local user has now (None when the user no longer has a password
    or does not exist): a change of role applies without signing in again."""
    row = conn.execute(sa.select(users.c.role, users.c.password_hash).where(users.c.name == name)).first()
    return row[0] if row is not None and row[1] else None
