"""Engine creation, schema migration and the data version.

The database URL comes from an explicit argument (the command lines' --database-url), else the
DATABASE_URL environment variable, else a SQLite file in the git-ignored data/ folder.
"""

from __future__ import annotations

import os
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from sqlalchemy.engine import Engine

from data_access.registers import REFERENCE_REGISTERS
from data_access.schema import REGISTER_TABLES, meta

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SQLITE_PATH = PROJECT_ROOT / "data" / "dashboard.sqlite"
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


class DatabaseUnavailable(RuntimeError):
    """The database cannot be reached; the message is Dutch and fit for the user."""


def resolve_url(url: str | None = None) -> str:
    if url:
        return _normalise(url)
    env = os.environ.get("DATABASE_URL", "").strip()
    if env:
        return _normalise(env)
    DEFAULT_SQLITE_PATH.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{DEFAULT_SQLITE_PATH}"


def _normalise(url: str) -> str:
    # Heroku-style postgres:// and plain postgresql:// both go through psycopg 3.
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    return url


def make_engine(url: str | None = None) -> Engine:
    """An engine for the URL, without touching the schema."""
    url = resolve_url(url)
    if url.startswith("sqlite"):
        engine = sa.create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @sa.event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn, _record):  # pragma: no cover - trivial
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.close()

        return engine
    return sa.create_engine(url, pool_pre_ping=True)


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Brings the schema to the newest migration (creates it on an empty database); `revision`
    stops at an older one (the tests build a database as an earlier version left it)."""

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("path_separator", "os")
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


def connect(url: str | None = None, *, migrate: bool = True) -> Engine:
    """The engine for the configured database, its schema up to date.

    Raises DatabaseUnavailable with a Dutch message when the server cannot be reached."""
    engine = make_engine(url)
    try:
        if migrate:
            upgrade(engine)
        else:
            with engine.connect() as conn:
                conn.execute(sa.text("SELECT 1"))
    except sa.exc.OperationalError as exc:
        engine.dispose()
        raise DatabaseUnavailable(
            f"De databank is niet bereikbaar ({describe_url(engine.url)}). "
            "Controleer de verbinding en probeer opnieuw."
        ) from exc
    return engine


def describe_url(url) -> str:
    """The URL without its password, for messages."""
    return sa.engine.make_url(str(url)).render_as_string(hide_password=True)


def data_version(conn: sa.Connection) -> int:
    value = conn.execute(sa.select(meta.c.value).where(meta.c.key == "data_version")).scalar()
    return int(value or 0)


def bump_data_version(conn: sa.Connection) -> int:
    """Called inside the transaction of every import and settings change."""
    updated = conn.execute(
        meta.update().where(meta.c.key == "data_version").values(value=meta.c.value + 1)
    )
    if updated.rowcount == 0:
        conn.execute(meta.insert().values(key="data_version", value=1))
    return data_version(conn)


def is_empty(conn: sa.Connection) -> bool:
    """True when no register of the zone's own holds a row (the external Referenties, which a
    new database starts with, do not count)."""

    return all(
        conn.execute(sa.select(sa.literal(1)).select_from(t).limit(1)).first() is None
        for name, t in REGISTER_TABLES.items()
        if name not in REFERENCE_REGISTERS
    )
