"""Database tables: one per register (generated from registers.py) and the app's own tables.

Migrations in data_access/migrations/ create these tables; this module is the model that
queries use and that Alembic compares against (`alembic revision --autogenerate`).
"""

from __future__ import annotations

import sqlalchemy as sa

from data_access.registers import REGISTERS, Register

metadata = sa.MetaData()

_SQL_TYPES = {
    "text": sa.Text,
    "enum": sa.Text,
    "date": sa.Date,
    "int": sa.Integer,
    "number": sa.Float,
    "pct": sa.Float,
    "bool": sa.Boolean,
}


def _register_table(register: Register) -> sa.Table:
    columns = [
        sa.Column(
            c.name,
            _SQL_TYPES[c.type](),
            primary_key=c.key,
            nullable=not c.required,
        )
        for c in register.columns
    ]
    columns.append(sa.Column("import_id", sa.Integer, nullable=True))
    table = sa.Table(register.name, metadata, *columns)
    for c in register.columns:
        if c.type == "date" or c.name in ("dienst", "status", "jaar"):
            sa.Index(f"ix_{register.name}_{c.name}", table.c[c.name])
    return table


REGISTER_TABLES: dict[str, sa.Table] = {r.name: _register_table(r) for r in REGISTERS}

settings = sa.Table(
    "settings",
    metadata,
    sa.Column("key", sa.Text, primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)

# Small counters the app keys its caches on; "data_version" is bumped by every import and
# every change of settings.
meta = sa.Table(
    "meta",
    metadata,
    sa.Column("key", sa.Text, primary_key=True),
    sa.Column("value", sa.Integer, nullable=False),
)

import_log = sa.Table(
    "import_log",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", sa.DateTime, nullable=False),
    sa.Column("user_name", sa.Text, nullable=False),
    sa.Column("file_name", sa.Text, nullable=False),
    sa.Column("sha256", sa.Text, nullable=False),
    # JSON text: {register: {"added": n, "updated": n, "unchanged": n}}
    sa.Column("counts", sa.Text, nullable=False),
    sa.Column("warnings", sa.Text, nullable=False, default=""),
)

# Append-only: no code path updates or deletes it, and triggers refuse it (PostgreSQL: migration
# 0001, SQLite: 0002).
audit_log = sa.Table(
    "audit_log",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", sa.DateTime, nullable=False, index=True),
    sa.Column("user_name", sa.Text, nullable=False, index=True),
    sa.Column("role", sa.Text, nullable=False),
    sa.Column("action", sa.Text, nullable=False, index=True),
    sa.Column("detail", sa.Text, nullable=False, default=""),
)

users = sa.Table(
    "users",
    metadata,
    sa.Column("name", sa.Text, primary_key=True),
    sa.Column("role", sa.Text, nullable=False),
    sa.Column("password_hash", sa.Text, nullable=True),  # null: signs in through OIDC only
    sa.Column("failed_attempts", sa.Integer, nullable=False, default=0),
    sa.Column("locked_until", sa.DateTime, nullable=True),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Column("disabled", sa.Boolean, nullable=False, default=False, server_default=sa.false()),
    sa.Column("must_change_password", sa.Boolean, nullable=False, default=False, server_default=sa.false()),
)

# Local sign-in sessions (data_access.sessions): the browser's cookie holds a random token, this
# table its SHA-256; a row with ended_at set is never accepted again (migration 0003).
sessions = sa.Table(
    "sessions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("token_hash", sa.Text, nullable=False),
    sa.Column("user_name", sa.Text, nullable=False),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Column("last_seen", sa.DateTime, nullable=False),
    sa.Column("ended_at", sa.DateTime, nullable=True),
    sa.Column("end_reason", sa.Text, nullable=True),
    sa.Index("ix_sessions_token_hash", "token_hash", unique=True),
    sa.Index("ix_sessions_user_name", "user_name"),
)

# Browsers in which a user signed in before: the lock-out after failed attempts does not apply there.
known_browsers = sa.Table(
    "known_browsers",
    metadata,
    sa.Column("token_hash", sa.Text, primary_key=True),
    sa.Column("user_name", sa.Text, nullable=False),
    sa.Column("created_at", sa.DateTime, nullable=False),
)

# Failed sign-in attempts per client (IP address): a growing delay.
sign_in_throttle = sa.Table(
    "sign_in_throttle",
    metadata,
    sa.Column("client", sa.Text, primary_key=True),
    sa.Column("failures", sa.Integer, nullable=False),
    sa.Column("last_failure", sa.DateTime, nullable=False),
)
