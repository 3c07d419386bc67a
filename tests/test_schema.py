"""The schema: migrations create every register table, on SQLite and PostgreSQL alike."""

import sqlalchemy as sa

from data_access.db import bump_data_version, connect, data_version, is_empty, resolve_url
from data_access.registers import REGISTERS
from data_access.schema import audit_log


def test_migration_creates_every_register_table(any_engine):
    names = set(sa.inspect(any_engine).get_table_names())
    assert {r.name for r in REGISTERS} <= names
    assert {"settings", "meta", "import_log", "audit_log", "users"} <= names
    with any_engine.connect() as conn:
        assert is_empty(conn)


def test_migration_is_idempotent(any_url):
    connect(any_url).dispose()
    eng = connect(any_url)  # second upgrade: nothing to do, nothing lost
    with eng.begin() as conn:
        assert bump_data_version(conn) == 1
    eng.dispose()
    eng = connect(any_url)
    with eng.connect() as conn:
        assert data_version(conn) == 1
    eng.dispose()


def test_url_precedence(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql://u:p@h/db")
    assert resolve_url("sqlite:///x.sqlite") == "sqlite:///x.sqlite"
    assert resolve_url() == "postgresql+psycopg://u:p@h/db"
    monkeypatch.delenv("DATABASE_URL")
    assert resolve_url().startswith("sqlite:///") and resolve_url().endswith("data/dashboard.sqlite")


def test_audit_log_is_append_only_on_postgresql(pg_url):
    import datetime as dt

    import pytest

    eng = connect(pg_url)
    with eng.begin() as conn:
        conn.execute(audit_log.insert().values(at=dt.datetime(2026, 1, 1), user_name="a", role="korpsleiding", action="view", detail=""))
    for stmt in (audit_log.delete(), audit_log.update().values(user_name="b")):
        with pytest.raises(sa.exc.DBAPIError):
            with eng.begin() as conn:
                conn.execute(stmt)
    with eng.connect() as conn:
        assert conn.execute(sa.select(audit_log.c.user_name)).scalars().all() == ["a"]
    eng.dispose()
