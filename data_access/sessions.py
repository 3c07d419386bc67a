"""Local sign-in sessions that last through a reload or a new tab, and end on the server.

After a local sign-in the browser gets a cookie holding a random token (`start`); the table
`sessions` holds only its SHA-256, so a copy of the database signs nobody in. Every run of the
app checks the token (`check`): unknown, ended, idle longer than the setting
`session_idle_minutes` or older than `session_max_hours` -> not signed in. Ending is final:
sign-out (`end`), expiry, a password or role change and disabling the account
(`end_user_sessions`) set ended_at, and a row with ended_at is never accepted again, whoever
presents its token. Sign-ins, sign-outs and expiries go to the audit log.

Known browsers (`remember_browser`, `is_known_browser`): a second, long-lived cookie marks a
browser in which a user signed in before. The lock-out after failed attempts does not apply to
such a browser (data_access.users.verify_login), so nobody can lock a real user out at will.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

import sqlalchemy as sa

from data_access import audit
from data_access.schema import known_browsers, sessions, users
from data_access.settings import load_settings

TOUCH_EVERY = timedelta(seconds=60)  # last_seen is written at most this often
KNOWN_BROWSER_DAYS = 180
SIGNED_OUT = "afgemeld"
IDLE = "verlopen na inactiviteit"
TOO_OLD = "verlopen na de maximale duur"
PASSWORD_CHANGED = "wachtwoord gewijzigd"
ROLE_CHANGED = "rol gewijzigd"
DISABLED = "account uitgeschakeld"


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _now(now: datetime | None) -> datetime:
    return now if now is not None else audit.utcnow()


def _role(conn: sa.Connection, user_name: str) -> str:
    return conn.execute(sa.select(users.c.role).where(users.c.name == user_name)).scalar() or ""


def limits(conn: sa.Connection) -> tuple[timedelta, timedelta]:
    """(idle timeout, absolute lifetime) from the settings."""
    values = load_settings(conn)
    return timedelta(minutes=values["session_idle_minutes"]), timedelta(hours=values["session_max_hours"])


def start(conn: sa.Connection, user_name: str, *, now: datetime | None = None) -> str:
    """A new session for a user whose password was just verified: returns the token for the
    cookie and writes the "aanmelding ... gelukt" audit row."""
    now = _now(now)
    token = secrets.token_urlsafe(32)
    conn.execute(sessions.insert().values(token_hash=token_hash(token), user_name=user_name, created_at=now, last_seen=now))
    audit.record_for(conn, user_name, _role(conn, user_name), "aanmelding", {"methode": "lokaal", "resultaat": "gelukt"}, at=now)
    return token


def check(conn: sa.Connection, token: str | None, *, now: datetime | None = None) -> str | None:
    """The user name the token signs in, or None. An expired session is ended here (and the
    expiry audited); a valid one has its last_seen moved on."""
    if not token:
        return None
    now = _now(now)
    row = conn.execute(sa.select(sessions).where(sessions.c.token_hash == token_hash(token))).mappings().first()
    if row is None or row["ended_at"] is not None:
        return None
    idle, lifetime = limits(conn)
    account = conn.execute(sa.select(users.c.disabled, users.c.password_hash).where(users.c.name == row["user_name"])).first()
    reason = None
    if account is None or account.disabled or not account.password_hash:
        reason = DISABLED
    elif now - row["created_at"] >= lifetime:
        reason = TOO_OLD
    elif now - row["last_seen"] >= idle:
        reason = IDLE
    if reason is not None:
        _end_rows(conn, [row], reason, now)
        return None
    if now - row["last_seen"] >= TOUCH_EVERY:
        conn.execute(sessions.update().where(sessions.c.id == row["id"]).values(last_seen=now))
    return row["user_name"]


def end(conn: sa.Connection, token: str | None, reason: str = SIGNED_OUT, *, now: datetime | None = None) -> None:
    """Ends the token's session (if open) for good and audits it."""
    if not token:
        return
    rows = conn.execute(
        sa.select(sessions).where(sessions.c.token_hash == token_hash(token), sessions.c.ended_at.is_(None))
    ).mappings().all()
    _end_rows(conn, rows, reason, _now(now))


def end_user_sessions(conn: sa.Connection, user_name: str, reason: str, *, keep: str | None = None,
                      now: datetime | None = None) -> int:
    """Ends every open session of a user (but the one of token `keep`); returns how many."""
    query = sa.select(sessions).where(sessions.c.user_name == user_name, sessions.c.ended_at.is_(None))
    if keep:
        query = query.where(sessions.c.token_hash != token_hash(keep))
    rows = conn.execute(query).mappings().all()
    _end_rows(conn, rows, reason, _now(now))
    return len(rows)


def _end_rows(conn: sa.Connection, rows, reason: str, now: datetime) -> None:
    for row in rows:
        conn.execute(sessions.update().where(sessions.c.id == row["id"]).values(ended_at=now, end_reason=reason))
        audit.record_for(conn, row["user_name"], _role(conn, row["user_name"]), "afmelding",
                         {"methode": "lokaal", "reden": reason}, at=now)


def end_expired(conn: sa.Connection, *, now: datetime | None = None) -> int:
    """Ends (and audits) every open session past its idle or absolute limit, also those whose
    browser never came back; called at each sign-in."""
    now = _now(now)
    idle, lifetime = limits(conn)
    rows = conn.execute(
        sa.select(sessions).where(
            sessions.c.ended_at.is_(None),
            sa.or_(sessions.c.last_seen <= now - idle, sessions.c.created_at <= now - lifetime),
        )
    ).mappings().all()
    for row in rows:
        _end_rows(conn, [row], TOO_OLD if now - row["created_at"] >= lifetime else IDLE, now)
    return len(rows)


def remember_browser(conn: sa.Connection, user_name: str, *, now: datetime | None = None) -> str:
    """A token for the known-browser cookie of this user."""
    token = secrets.token_urlsafe(32)
    conn.execute(known_browsers.insert().values(token_hash=token_hash(token), user_name=user_name, created_at=_now(now)))
    return token


def is_known_browser(conn: sa.Connection, token: str | None, user_name: str, *, now: datetime | None = None) -> bool:
    if not token:
        return False
    since = _now(now) - timedelta(days=KNOWN_BROWSER_DAYS)
    found = conn.execute(
        sa.select(known_browsers.c.token_hash).where(
            known_browsers.c.token_hash == token_hash(token),
            known_browsers.c.user_name == user_name,
            known_browsers.c.created_at >= since,
        )
    ).first()
    return found is not None
