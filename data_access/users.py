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

from data_access import audit, sessions, throttle
from data_access.access import ROLES, Access
from data_access.db import connect
from data_access.demo import SAMPLE_USER
from data_access.schema import users
from i18n import N_, _, ngettext

MIN_PASSWORD_LENGTH = 8
MAX_FAILED_ATTEMPTS = 5
LOCKOUT = timedelta(minutes=15)
MAX_NAME_LENGTH = 100
BAD_LOGIN_MESSAGE = N_(
    "Aanmelden mislukt: onbekende gebruiker, verkeerd wachtwoord of een account dat (tijdelijk) niet "
    "gebruikt kan worden. Lukt het niet, vraag de integriteitscoördinator uw account na te kijken."
)

_hasher = PasswordHasher()
# Verified against when the user does not exist, so a wrong name costs as long as a wrong password.
_DUMMY_HASH = _hasher.hash("geen-gebruiker")


@dataclass(frozen=True)
class LoginResult:
    ok: bool
    message: str  # for the screen, in the language of the run
    access: Access | None = None
    must_change_password: bool = False


def _now(now: datetime | None) -> datetime:
    return now if now is not None else audit.utcnow()


def add_user(conn: sa.Connection, name: str, role: str, password: str | None, *, replace: bool = False) -> None:
    """Stores a user. password None: signs in only through OIDC (name = e-mail).
    replace=True updates role and password of an existing user, lifts a lock-out, enables the
    account and ends its open sessions (a new password or another role signs in anew).
    Raises ValueError (Dutch) on an empty name, unknown role, empty password or existing user."""
    name = (name or "").strip()
    if not name:
        raise ValueError(_("Geef een gebruikersnaam op."))
    if name.lower() == SAMPLE_USER:  # an import under this name would keep the demo open
        raise ValueError(_("De gebruikersnaam '{name}' is voorbehouden voor de voorbeeldgegevens.").format(name=SAMPLE_USER))
    if role not in ROLES:
        raise ValueError(_("Onbekende rol '{role}'. Kies uit: {roles}.").format(role=role, roles=", ".join(ROLES)))
    if password is not None and not password:
        raise ValueError(_("Het wachtwoord mag niet leeg zijn."))
    if password is not None and len(password) < MIN_PASSWORD_LENGTH:
        raise ValueError(_("Het wachtwoord moet minstens {minimum} tekens lang zijn.").format(minimum=MIN_PASSWORD_LENGTH))
    values = dict(
        role=role,
        password_hash=_hasher.hash(password) if password is not None else None,
        failed_attempts=0,
        locked_until=None,
    )
    exists = conn.execute(sa.select(users.c.name).where(users.c.name == name)).first() is not None
    if exists and not replace:
        raise ValueError(_("Gebruiker '{name}' bestaat al.").format(name=name))
    if exists:
        before = conn.execute(sa.select(users.c.role).where(users.c.name == name)).scalar()
        conn.execute(users.update().where(users.c.name == name).values(**values, disabled=False, must_change_password=False))
        reason = sessions.PASSWORD_CHANGED if password is not None else sessions.ROLE_CHANGED
        if password is not None or before != role:
            sessions.end_user_sessions(conn, name, reason)
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


def verify_login(conn: sa.Connection, name: str, password: str, now: datetime | None = None, *,
                 client: str = "", known_browser: str | None = None) -> LoginResult:
    """Checks a local sign-in, saying nothing about why it fails: an unknown name, a wrong
    password, a disabled or locked account all get BAD_LOGIN_MESSAGE and the same audit row
    ("aanmelding", the name as typed, no role, resultaat "mislukt").

    Throttling (docs/auth.md): the client (`client`, its IP address) waits longer after each
    failure (data_access.throttle; that message names the client's wait, never an account).
    After MAX_FAILED_ATTEMPTS failures in a row the account is locked for LOCKOUT, but only for
    browsers that are not known for this user: the browser's known-browser token
    (`known_browser`, data_access.sessions) still passes with the right password, so whoever
    guesses at a name cannot lock its owner out. The caller starts the session on success."""
    now = _now(now)
    name = (name or "").strip()
    wait = throttle.wait_seconds(conn, client, now)
    if wait:
        _record_failure(conn, name, now, {"reden": "te snel na mislukte pogingen"})
        return LoginResult(False, throttle_message(wait))
    row = conn.execute(sa.select(users).where(users.c.name == name)).mappings().first()
    usable = row is not None and row["password_hash"] and not row["disabled"]
    locked = usable and row is not None and row["locked_until"] is not None and now < row["locked_until"]
    if locked and sessions.is_known_browser(conn, known_browser, name, now=now):
        locked = False
    if not usable or locked:
        try:  # same cost as a real check
            _hasher.verify(_DUMMY_HASH, password or "")
        except VerificationError:
            pass
        throttle.record_failure(conn, client, now)
        _record_failure(conn, name, now)
        return LoginResult(False, _(BAD_LOGIN_MESSAGE))
    assert row is not None  # usable
    try:
        _hasher.verify(row["password_hash"], password or "")
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        throttle.record_failure(conn, client, now)
        _record_failure(conn, name, now)
        expired = row["locked_until"] is not None and now >= row["locked_until"]
        failed = (0 if expired else row["failed_attempts"] or 0) + 1
        if failed >= MAX_FAILED_ATTEMPTS:
            conn.execute(users.update().where(users.c.name == name).values(failed_attempts=0, locked_until=now + LOCKOUT))
            audit.record_for(conn, name, row["role"], "aanmelding", {"methode": "lokaal", "resultaat": "vergrendeld"}, at=now)
        else:
            conn.execute(users.update().where(users.c.name == name).values(failed_attempts=failed, locked_until=None if expired else row["locked_until"]))
        return LoginResult(False, _(BAD_LOGIN_MESSAGE))
    values: dict = {"failed_attempts": 0, "locked_until": None}
    if _hasher.check_needs_rehash(row["password_hash"]):
        values["password_hash"] = _hasher.hash(password)
    conn.execute(users.update().where(users.c.name == name).values(**values))
    throttle.clear(conn, client)
    access = Access(user=row["name"], role=row["role"])
    return LoginResult(True, _("Aangemeld als {user} ({role}).").format(user=access.user, role=_(access.role_label)), access=access,
                       must_change_password=bool(row["must_change_password"]))


def _record_failure(conn: sa.Connection, name: str, now: datetime, extra: dict | None = None) -> None:
    """The one audit row of a failed attempt, whatever the reason: the name as typed (cut to
    MAX_NAME_LENGTH), no role."""
    detail = {"methode": "lokaal", "resultaat": "mislukt", **(extra or {})}
    audit.record_for(conn, name[:MAX_NAME_LENGTH], "", "aanmelding", detail, at=now)


def throttle_message(seconds: int) -> str:
    return ngettext("Te veel mislukte pogingen vanaf deze computer. Wacht {seconds} seconde en probeer opnieuw.",
                    "Te veel mislukte pogingen vanaf deze computer. Wacht {seconds} seconden en probeer opnieuw.",
                    seconds).format(seconds=seconds)


def role_for_email(conn: sa.Connection, email: str | None) -> str | None:
    """The role of an OIDC user, looked up by e-mail (case-insensitive) in the users table;
    None when the e-mail is not known."""
    email = (email or "").strip().lower()
    if not email:
        return None
    return conn.execute(sa.select(users.c.role).where(sa.func.lower(users.c.name) == email)).scalar()


def current_role(conn: sa.Connection, name: str) -> str | None:
    """The role a signed-in local user has now (None when the user no longer has a password,
    is disabled or does not exist)."""
    row = conn.execute(sa.select(users.c.role, users.c.password_hash, users.c.disabled).where(users.c.name == name)).first()
    return row[0] if row is not None and row[1] and not row[2] else None


def must_change_password(conn: sa.Connection, name: str) -> bool:
    return bool(conn.execute(sa.select(users.c.must_change_password).where(users.c.name == name)).scalar())


def change_own_password(conn: sa.Connection, name: str, current: str, new: str, repeat: str, *, keep: str | None) -> None:
    """A user sets a new password (also the one-time password after a reset): the current one
    checked, the new one by the usual rules, the user's other sessions ended (`keep`: the token
    of the session in which it was changed). ValueError (Dutch) on a refusal."""
    row = conn.execute(sa.select(users).where(users.c.name == name)).mappings().first()
    try:
        _hasher.verify(row["password_hash"] if row is not None else _DUMMY_HASH, current or "")
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        raise ValueError(_("Het huidige wachtwoord klopt niet.")) from None
    assert row is not None  # the dummy hash never verifies
    check_new_password(new, repeat)
    if new == current:
        raise ValueError(_("Kies een ander wachtwoord dan het huidige."))
    conn.execute(users.update().where(users.c.name == name).values(password_hash=_hasher.hash(new), must_change_password=False))
    sessions.end_user_sessions(conn, name, sessions.PASSWORD_CHANGED, keep=keep)
    audit.record_for(conn, name, row["role"], "gebruikersbeheer", {"gebruiker": name, "wijziging": "eigen wachtwoord gewijzigd"})


def check_new_password(new: str, repeat: str) -> None:
    if not new:
        raise ValueError(_("Het wachtwoord mag niet leeg zijn."))
    if len(new) < MIN_PASSWORD_LENGTH:
        raise ValueError(_("Het wachtwoord moet minstens {minimum} tekens lang zijn.").format(minimum=MIN_PASSWORD_LENGTH))
    if new != repeat:
        raise ValueError(_("De twee wachtwoorden verschillen."))


def hash_password(password: str) -> str:
    return _hasher.hash(password)
